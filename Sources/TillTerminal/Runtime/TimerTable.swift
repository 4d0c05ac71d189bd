import Foundation
import TillCore

/// The reducer's timers, kept on the curses thread: the nearest deadline becomes the poll()
/// timeout, and due timers turn into `.ticked` actions carrying the runtime's clock.
public struct TimerTable: Equatable, Sendable {
    private var deadlines: [TickID: Date] = [:]

    public init() {}

    /// Set (or move) a timer.
    public mutating func schedule(_ id: TickID, at deadline: Date) { deadlines[id] = deadline }

    /// Forget a timer.
    public mutating func cancel(_ id: TickID) { deadlines[id] = nil }

    /// The earliest deadline, if any timer is set.
    public var nextDeadline: Date? { deadlines.values.min() }

    /// Remove and return the timers due at `now`, as actions (one-shot: the reducer re-arms).
    public mutating func fire(now: Date) -> [RuntimeAction] {
        let due = deadlines.filter { $0.value <= now }.sorted { $0.value < $1.value }
        for (id, _) in due { deadlines[id] = nil }
        return due.map { .ticked($0.key, now: now) }
    }
}
