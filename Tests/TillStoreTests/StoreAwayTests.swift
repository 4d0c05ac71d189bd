import Foundation
import Logging
import Testing
import TillCore
@testable import TillStore
@testable import TillTerminal

/// The till's writer against a real PostgreSQL server whose link is cut mid-sale (a loopback proxy
/// the test closes and opens again): the writes made meanwhile wait in order, are retried, and all
/// reach the server when it is back; the checkout create, queued behind its draft, goes out only
/// once that draft is stored.
@Suite("When the store is away", .serialized)
struct StoreAwayTests {
    static let hasServer = PostgresTesting.url != nil

    @Test(.enabled(if: hasServer, PostgresTesting.skipped))
    func writesMadeWhileTheLinkIsCutAreStoredInOrderOnceItIsBack() throws {
        let place = TemporaryPlace()
        let proxied = try ProxiedPostgresStore(place: place.path)
        let (url, proxy, store) = (proxied.url, proxied.proxy, proxied.store)
        defer { proxy.cut() }
        // Another connection, straight to the server, to look at what is stored.
        let look = try PostgresShopStore(url: url)

        let events = Locked<[StateWriterEvent]>([])
        let writer = StateWriter(logger: Logger(label: "test"), backoff: .init(first: 0.02, cap: 0.2),
                                 events: { event in events.withLock { $0.append(event) } })
        // What the store acknowledged, in the order it did; and how many attempts were made.
        let stored = Locked<[String]>([])
        let attempts = Locked(0)
        func save(_ what: StoreWrite, _ name: String, coalesces: Bool = false, _ write: @escaping @Sendable () throws -> Void) {
            writer.save(what, coalesces: coalesces) {
                attempts.withLock { $0 += 1 }
                try write()
                stored.withLock { $0.append(name) }
            }
        }
        let tea = Sample.draft("Tea")
        save(.cart, "draft Tea", coalesces: true) { try store.saveDraft(tea, account: "acct", till: "A") }
        writer.finish()

        proxy.cut()
        let cake = Sample.draft("Cake"), scone = Sample.draft("Scone")
        let sconeSent = Sample.draft("Scone", key: "k-create", sent: true)
        let ticket = Sample.ticket("t1", label: "Table 1", till: "A")
        let entry = Sample.entry("k-refund")
        save(.cart, "draft Cake", coalesces: true) { try store.saveDraft(cake, account: "acct", till: "A") }
        save(.parkedTicket, "park t1") { try store.park(ticket, account: "acct") }
        save(.cart, "draft Scone", coalesces: true) { try store.saveDraft(scone, account: "acct", till: "A") }
        // Only the newest draft matters: this one replaces the Scone draft still waiting.
        save(.cart, "draft Scone sent", coalesces: true) { try store.saveDraft(sconeSent, account: "acct", till: "A") }
        // The checkout create stands here: what the server holds when it would go out.
        let create = Locked<(failure: String?, draft: SavedDraft?)?>(nil)
        writer.after(.cart) { failure in
            create.withLock { $0 = (failure, try? look.loadDraft(account: "acct", till: "A")) }
        }
        save(.refundJournal, "refund k-refund") { try store.applyJournal(.begin(entry), account: "acct") }
        save(.checkoutURLDefaults, "URL defaults") {
            try store.saveURLDefaults(account: "acct", successURL: "https://shop.example/paid", cancelURL: nil)
        }

        // Retried while the link is down, the operator told once; nothing went out.
        try waitUntil { attempts.withLock { $0 } >= 4 }
        #expect(events.withLock { $0.count } == 1)
        guard case .unreachable(let reason)? = events.withLock({ $0.first }) else {
            Issue.record("no unreachable event: \(events.withLock { $0 })")
            return
        }
        #expect(reason.contains("127.0.0.1:\(proxy.port)"), "\(reason)")
        #expect(create.withLock { $0 } == nil)
        #expect(stored.withLock { $0 } == ["draft Tea"])
        #expect(try look.loadDraft(account: "acct", till: "A") == tea)
        #expect(writer.pending == 6)

        try proxy.start()
        #expect(writer.finish() == 0)
        #expect(stored.withLock { $0 } == ["draft Tea", "draft Cake", "park t1", "draft Scone sent", "refund k-refund", "URL defaults"])
        // The create went out after its draft was stored, and saw it there.
        #expect(create.withLock { $0?.failure } == .some(nil))
        #expect(create.withLock { $0?.draft } == sconeSent)
        #expect(events.withLock { $0.last } == .reachable(saved: 5))
        #expect(try look.loadDraft(account: "acct", till: "A") == sconeSent)
        #expect(try look.parkedTickets(account: "acct") == [ticket])
        #expect(try look.journal(account: "acct").entries == [entry])
        #expect(try look.urlDefaults(account: "acct") == CheckoutURLDefaults(successURL: "https://shop.example/paid"))
    }

    @Test(.enabled(if: hasServer, PostgresTesting.skipped))
    func anOperatorsRequestIsAnsweredAtOnceWhileTheLinkIsCut() throws {
        let place = TemporaryPlace()
        let proxied = try ProxiedPostgresStore(place: place.path)
        let (proxy, store) = (proxied.proxy, proxied.store)
        defer { proxy.cut() }
        let writer = StateWriter(logger: Logger(label: "test"), backoff: .init(first: 0.02, cap: 0.2))
        try store.park(Sample.ticket("t1", label: "Table 1", till: "B"), account: "acct")
        proxy.cut()
        writer.save(.cart, coalesces: true) { try store.saveDraft(Sample.draft("Tea"), account: "acct", till: "A") }
        try waitUntil { writer.unreachableReason != nil }
        // A resume asked for now is answered (not held for the outage), and claims nothing.
        let answer = Locked<String?>(nil)
        writer.run({ answer.withLock { $0 = "ran" } }, unreachable: { reason in answer.withLock { $0 = reason } })
        #expect(answer.withLock { $0 }?.contains("127.0.0.1:\(proxy.port)") == true)
        // At quit, an outage is waited for only so long; the write is still queued.
        #expect(writer.finish(patience: 0.05) == 1)
        try proxy.start()
        #expect(writer.finish() == 0)
        #expect(try store.loadDraft(account: "acct", till: "A") == Sample.draft("Tea"))
        #expect(try store.parkedTickets(account: "acct").map(\.id) == ["t1"])
    }
}

/// Waits (polling every 10 ms) until `condition` holds; fails after 20 s.
func waitUntil(_ condition: () throws -> Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let deadline = Date().addingTimeInterval(20)
    while try !condition() {
        guard Date() < deadline else {
            Issue.record("condition not met within 20 s", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        usleep(10_000)
    }
}
