import Foundation

/// The Z reports of one account: every closed shift, oldest first. The next shift starts where the
/// last one ended.
public struct ShiftLog: Hashable, Codable, Sendable {
    public private(set) var closed: [ClosedShift]

    public init(closed: [ClosedShift] = []) {
        self.closed = closed
    }

    /// Where the open shift starts: the end of the last closed one (nil: the start of the data).
    public var openShiftStart: Date? { closed.last?.report.window.end }

    /// The open shift's window up to `now`.
    public func openWindow(now: Date) -> ShiftWindow {
        ShiftWindow(start: openShiftStart, end: now)
    }

    /// Closes the open shift with `report`, which must cover it exactly from its start. Returns
    /// the closed shift, numbered one after the last.
    public mutating func close(_ report: ShiftReport, at time: Date) throws(ShiftLogError) -> ClosedShift {
        guard report.window.start == openShiftStart else {
            throw .notTheOpenShift(expectedStart: openShiftStart, reportStart: report.window.start)
        }
        if let start = report.window.start, report.window.end <= start { throw .emptyWindow }
        let shift = ClosedShift(number: (closed.last?.number ?? 0) + 1, closedAt: time, report: report)
        closed.append(shift)
        return shift
    }
}

/// One closed shift: its Z report and when it was closed.
public struct ClosedShift: Hashable, Codable, Sendable {
    public var number: Int
    public var closedAt: Date
    public var report: ShiftReport

    enum CodingKeys: String, CodingKey {
        case number, report
        case closedAt = "closed_at"
    }

    public init(number: Int, closedAt: Date, report: ShiftReport) {
        self.number = number
        self.closedAt = closedAt
        self.report = report
    }
}

/// Why a shift cannot be closed.
public enum ShiftLogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The report does not start where the open shift does (another close came first).
    case notTheOpenShift(expectedStart: Date?, reportStart: Date?)
    /// The window ends where it starts (or before).
    case emptyWindow

    public var description: String {
        switch self {
        case .notTheOpenShift(let expected, let given):
            func show(_ date: Date?) -> String { date.map { $0.formatted(.iso8601) } ?? "the start of the data" }
            return "The open shift starts at \(show(expected)), not at \(show(given)): another close came first. "
                + "Nothing was saved; run it again."
        case .emptyWindow:
            return "The shift has no time in it yet: nothing was saved."
        }
    }
}
