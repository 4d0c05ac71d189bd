import Foundation
import TillCore

/// Every item of a list, fetched a page at a time with `starting_after`; stops when `has_more`
/// is false or null (or a page comes back empty).
public struct PagedSequence<Item: Identifiable & Hashable & Sendable>: AsyncSequence, Sendable where Item.ID == String {
    public typealias Element = Item
    let fetch: @Sendable (String?) async throws(APIFailure) -> Page<Item>

    public init(fetch: @escaping @Sendable (String?) async throws(APIFailure) -> Page<Item>) {
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(fetch: fetch) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let fetch: @Sendable (String?) async throws(APIFailure) -> Page<Item>
        var buffer: [Item] = []
        var position = 0
        var cursor: String? = nil
        var finished = false

        public mutating func next() async throws -> Item? {
            while position >= buffer.count {
                if finished { return nil }
                let page = try await fetch(cursor)
                buffer = page.items
                position = 0
                // A page that does not move the cursor would loop forever: treat it as the end.
                if !page.hasMore || page.items.isEmpty || page.items.last?.id == cursor { finished = true }
                cursor = page.items.last?.id
            }
            defer { position += 1 }
            return buffer[position]
        }
    }

    /// All items in order.
    public func collect() async throws(APIFailure) -> [Item] {
        var items: [Item] = []
        var cursor: String? = nil
        while true {
            let page = try await fetch(cursor)
            items += page.items
            guard page.hasMore, let last = page.items.last?.id, last != cursor else { return items }
            cursor = last
        }
    }
}
