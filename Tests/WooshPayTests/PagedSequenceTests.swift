import Foundation
import Testing
import TillCore
import WooshPay

@Suite struct PagedSequenceTests {
    struct Item: Identifiable, Hashable, Sendable { var id: String }

    final class Cursors: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [String?] = []
        func add(_ cursor: String?) { lock.withLock { seen.append(cursor) } }
        var all: [String?] { lock.withLock { seen } }
    }

    /// Pages of `size` over `total` items named i0, i1, …
    func source(total: Int, size: Int, cursors: Cursors) -> PagedSequence<Item> {
        PagedSequence { cursor throws(APIFailure) in
            cursors.add(cursor)
            let start = cursor.map { Int($0.dropFirst())! + 1 } ?? 0
            let end = min(total, start + size)
            return Page(items: (start..<end).map { Item(id: "i\($0)") }, hasMore: end < total)
        }
    }

    @Test func pagesWithStartingAfterUntilHasMoreIsFalse() async throws {
        let cursors = Cursors()
        var ids: [String] = []
        for try await item in source(total: 7, size: 3, cursors: cursors) { ids.append(item.id) }
        #expect(ids == (0..<7).map { "i\($0)" })
        #expect(cursors.all == [nil, "i2", "i5"])
        let again = Cursors()
        #expect(try await source(total: 6, size: 3, cursors: again).collect().count == 6)
        #expect(again.all == [nil, "i2"])
    }

    @Test func emptyOrStuckPagesEnd() async throws {
        let empty = PagedSequence<Item> { _ throws(APIFailure) in Page(items: [], hasMore: true) }
        #expect(try await empty.collect().isEmpty)
        var count = 0
        for try await _ in empty { count += 1 }
        #expect(count == 0)
        // A server that keeps answering the same page with has_more true must not loop forever.
        let stuck = PagedSequence<Item> { _ throws(APIFailure) in Page(items: [Item(id: "same")], hasMore: true) }
        #expect(try await stuck.collect().map(\.id) == ["same", "same"])
    }

    @Test func failuresPropagate() async {
        let failing = PagedSequence<Item> { _ throws(APIFailure) in
            throw APIFailure(kind: .timeout, message: "slow")
        }
        await #expect(throws: APIFailure.self) { try await failing.collect() }
    }
}
