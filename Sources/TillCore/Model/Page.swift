import Foundation

/// One page of a list the API returned, newest first.
public struct Page<Item: Hashable & Sendable>: Hashable, Sendable {
    public var items: [Item]
    /// Whether more items follow the last one (the API's `has_more`; `null` reads as false).
    public var hasMore: Bool

    public init(items: [Item], hasMore: Bool) {
        self.items = items
        self.hasMore = hasMore
    }
}

extension Page where Item: Identifiable, Item.ID == String {
    /// The id to pass as `starting_after` for the next page.
    public var nextCursor: String? { hasMore ? items.last?.id : nil }
}
