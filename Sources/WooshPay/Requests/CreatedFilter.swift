import Foundation

/// A `created` range for a list: `created[gte]` and `created[lte]`, both inclusive, sent in
/// milliseconds (the unit of the timestamps WooshPay's examples show).
public struct CreatedFilter: Hashable, Sendable {
    /// Created at or after.
    public var from: Date?
    /// Created at or before.
    public var through: Date?

    public init(from: Date? = nil, through: Date? = nil) {
        self.from = from
        self.through = through
    }

    var query: [(String, String)] {
        var query: [(String, String)] = []
        if let from { query.append(("created[gte]", String(Self.milliseconds(from)))) }
        if let through { query.append(("created[lte]", String(Self.milliseconds(through)))) }
        return query
    }

    /// Whole milliseconds since 1970, rounded down: the instant a stored `created` equals.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
