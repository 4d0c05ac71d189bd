import Foundation
import Testing
import TillCore
import TillStore
@testable import TillTerminal

/// The runtime with its shop store unreachable mid-sale: writes wait in order and are retried;
/// the checkout create waits for its draft and goes out by itself, once, when the store is back.
@Suite("When the store is away: the runtime", .serialized)
struct StoreAwayRuntimeTests {
    func draft(_ names: String...) throws -> CheckoutDraft {
        var cart = Cart()
        for name in names { try cart.add(CartLine(item: .oneOff(name: name), unitAmount: Money(minorUnits: 250, currency: .gbp))) }
        return CheckoutDraft(cart: cart, successURL: "https://shop.example/ok", cancelURL: "https://shop.example/back")
    }

    @Test func aCreateBehindAnUnreachableStoreWaitsThenGoesOutByItselfOnce() async throws {
        let fixture = try await SaveFixture.make()
        defer { Task { await fixture.stop() } }
        let draft = try teaDraft(key: "key-away")
        fixture.store.failing.withLock { $0 = fixture.store.unreachable }
        fixture.runtime.execute(.saveDraft(draft))
        fixture.runtime.execute(.createCheckoutSession(draft, idempotencyKey: "key-away"))
        var seen: [RuntimeAction] = []
        let away = try await fixture.next(&seen) { if case .storeUnreachable = $0 { true } else { false } }
        #expect(away == .storeUnreachable(reason: fixture.store.unreachable.description))
        // Retried with backoff, and the create waits behind its draft: nothing reached the sandbox.
        try await waitUntilHolds { fixture.store.refused.withLock { $0 } >= 3 }
        #expect(try await fixture.sessionsInSandbox().isEmpty)
        #expect(try fixture.shop.loadDraft() == nil)
        seen += fixture.inbox.drain().map(\.action)
        #expect(seen == [.storeUnreachable(reason: fixture.store.unreachable.description)])

        // The store is back: the draft is stored, then the create goes out by itself, once.
        fixture.store.failing.withLock { $0 = nil }
        guard case .checkout(.sessionCreated(.success(let session)))? =
                try await fixture.next(&seen, { if case .checkout = $0 { true } else { false } }) else {
            Issue.record("expected a created session, got \(seen)")
            return
        }
        if !seen.contains(.storeReachable(saved: 1)) {
            _ = try await fixture.next(&seen) { $0 == .storeReachable(saved: 1) }
        }
        #expect(seen.contains(.storeReachable(saved: 1)))
        #expect(fixture.store.written.withLock { $0 } == ["draft Tea sent"])
        #expect(try await fixture.sessionsInSandbox().map(\.id) == [session.id])
        #expect(try fixture.shop.loadDraft() == draft)
    }

    @Test func writesOfEveryKindWaitInOrderAndOnlyTheNewestDraftIsWritten() async throws {
        let fixture = try await SaveFixture.make()
        defer { Task { await fixture.stop() } }
        let ticket = ParkedTicket(id: "t1", label: "Table 1", content: .cart(try draft("Cake").cart),
                                  parkedAt: Date(timeIntervalSince1970: 1_800_000_000), till: "A")
        let entry = RefundJournal.Entry(idempotencyKey: "k1", sessionId: "cs_1", paymentIntentId: "pi_1",
                                        amount: Money(minorUnits: 100, currency: .gbp), created: Date(timeIntervalSince1970: 1_800_000_000))
        fixture.store.failing.withLock { $0 = fixture.store.unreachable }
        fixture.runtime.execute(.saveDraft(try draft("Tea")))
        fixture.runtime.execute(.parkTicket(ticket))
        fixture.runtime.execute(.saveDraft(try draft("Scone")))
        fixture.runtime.execute(.saveDraft(try draft("Scone", "Jam")))
        fixture.runtime.execute(.recordRefund(.begin(entry)))
        fixture.runtime.execute(.saveURLDefaults(successURL: "https://shop.example/paid", cancelURL: nil))
        var seen: [RuntimeAction] = []
        _ = try await fixture.next(&seen) { if case .storeUnreachable = $0 { true } else { false } }
        // A resume asked for meanwhile is answered at once, not held for the outage.
        fixture.runtime.execute(.claimParked(id: "t1", purpose: .resume))
        let claim = try await fixture.next(&seen) { if case .parked = $0 { true } else { false } }
        guard case .parked(.claimAnswered(id: "t1", purpose: .resume, .failure(let failure)))? = claim else {
            Issue.record("expected a refused claim, got \(String(describing: claim))")
            return
        }
        #expect(failure.message.contains("disk I/O error"), "the store's own reason, worded by the view")

        fixture.store.failing.withLock { $0 = nil }
        let back = try await fixture.next(&seen) { if case .storeReachable = $0 { true } else { false } }
        #expect(back == .storeReachable(saved: 5))
        #expect(fixture.store.written.withLock { $0 }
            == ["draft Tea", "park t1", "draft Scone+Jam", "journal begin k1", "URL defaults"])
        #expect(try fixture.shop.loadDraft() == draft("Scone", "Jam"))
        #expect(try fixture.store.parkedTickets(account: "acct") == [ticket])
        #expect(try fixture.store.journal(account: "acct").entries == [entry])
    }
}

/// Waits (polling every 10 ms) until `condition` holds; fails after 20 s.
func waitUntilHolds(_ condition: () throws -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(20)
    while try !condition() {
        guard clock.now < deadline else {
            Issue.record("condition not met within 20 s", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}
