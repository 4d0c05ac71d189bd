import Foundation

/// The time a shift report covers: from `start` (inclusive; nil is the start of the data) up to
/// `end` (exclusive), so one shift ends exactly where the next begins and nothing counts twice.
public struct ShiftWindow: Hashable, Codable, Sendable {
    public var start: Date?
    public var end: Date

    public init(start: Date?, end: Date) {
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey { case start, end }

    // `start` is written as null rather than left out, so a reader sees "from the start of the data".
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }

    /// Whether `date` falls in the window.
    public func contains(_ date: Date) -> Bool {
        date < end && (start.map { date >= $0 } ?? true)
    }
}
