import Foundation
import Logging
import Synchronization
import Testing
import TillCore
import TillStore
import WooshPay
import WooshPaySandbox
@testable import TillTerminal

/// A real SQLite shop store with a switch that makes its writes fail: unreachable for now
/// (`.unavailable`, as a full disk, a read-only folder or a server gone would; the tests run as
/// root, so file modes cannot be used for it), or refused for good (`.unreadable`).
final class RefusingStore: ShopStore {
    let inner: SQLiteShopStore
    let failing = Mutex<ShopStoreError?>(nil)
    /// Writes refused so far.
    let refused = Mutex(0)
    /// The writes stored, in order ("draft Tea", "park t1", "journal begin k1", …).
    let written = Mutex<[String]>([])
    var location: String { inner.location }

    init(path: String) throws { inner = try SQLiteShopStore(path: path) }

    var unreachable: ShopStoreError { .unavailable(location: location, reason: "disk I/O error (SQLite 10)") }
    var brokenForGood: ShopStoreError { .unreadable(location: location, what: "the drafts table", reason: "malformed") }

    private func check() throws(ShopStoreError) {
        if let failure = failing.withLock({ $0 }) {
            refused.withLock { $0 += 1 }
            throw failure
        }
    }

    private func log(_ text: String) { written.withLock { $0.append(text) } }

    func claimTill(_ request: TillClaim) throws(ShopStoreError) -> TillLease { try inner.claimTill(request) }
    func renew(_ lease: TillLease, now: Date) throws(ShopStoreError) { try inner.renew(lease, now: now) }
    func release(_ lease: TillLease) throws(ShopStoreError) { try inner.release(lease) }
    func tills(account: String, now: Date) throws(ShopStoreError) -> [TillRecord] { try inner.tills(account: account, now: now) }
    func loadDraft(account: String, till: String) throws(ShopStoreError) -> SavedDraft? { try inner.loadDraft(account: account, till: till) }
    func saveDraft(_ draft: SavedDraft, account: String, till: String) throws(ShopStoreError) {
        try check()
        try inner.saveDraft(draft, account: account, till: till)
        log("draft " + draft.draft.cart.lines.map(\.name).joined(separator: "+") + (draft.draft.isSent ? " sent" : ""))
    }
    func parkedTickets(account: String) throws(ShopStoreError) -> [ParkedTicket] { try inner.parkedTickets(account: account) }
    func park(_ ticket: ParkedTicket, account: String) throws(ShopStoreError) {
        try check()
        try inner.park(ticket, account: account)
        log("park \(ticket.id)")
    }
    func claimParked(id: String, account: String, till: String, purpose: ParkedClaimPurpose, now: Date,
                     draftDefaults: DraftDefaults?) throws(ShopStoreError) -> ParkedClaim {
        try check()
        return try inner.claimParked(id: id, account: account, till: till, purpose: purpose, now: now, draftDefaults: draftDefaults)
    }
    func changeToken() throws(ShopStoreError) -> Int64 { try inner.changeToken() }
    func journal(account: String) throws(ShopStoreError) -> RefundJournal { try inner.journal(account: account) }
    func updateJournal<T>(account: String, _ body: (inout RefundJournal) throws -> T) throws -> T {
        try check()
        return try inner.updateJournal(account: account, body)
    }
    func applyJournal(_ change: RefundJournalChange, account: String) throws {
        try check()
        try inner.applyJournal(change, account: account)
        if case .begin(let entry) = change { log("journal begin \(entry.idempotencyKey)") } else { log("journal change") }
    }
    func shifts(account: String, till: String) throws(ShopStoreError) -> ShiftLog { try inner.shifts(account: account, till: till) }
    func allShifts(account: String) throws(ShopStoreError) -> [String: ShiftLog] { try inner.allShifts(account: account) }
    func updateShifts<T>(account: String, till: String, _ body: (inout ShiftLog) throws -> T) throws -> T {
        try check()
        return try inner.updateShifts(account: account, till: till, body)
    }
    func urlDefaults(account: String) throws(ShopStoreError) -> CheckoutURLDefaults { try inner.urlDefaults(account: account) }
    func saveURLDefaults(account: String, successURL: String?, cancelURL: String?) throws(ShopStoreError) {
        try check()
        try inner.saveURLDefaults(account: account, successURL: successURL, cancelURL: cancelURL)
        log("URL defaults")
    }
    func showCustomer(_ display: CustomerDisplay, till: String) throws(ShopStoreError) {
        try check()
        try inner.showCustomer(display, till: till)
    }
    func customerDisplay(till: String) throws(ShopStoreError) -> CustomerDisplay? { try inner.customerDisplay(till: till) }
    func importOnce(source: String, _ body: (ShopImportWriter) throws -> Void) throws -> Bool {
        try inner.importOnce(source: source, body)
    }
}

/// A runtime on a sandbox and a refusing store; the writer's queue can be held.
struct SaveFixture {
    let sandbox: Sandbox
    let client: WooshPayClient
    let inbox: ActionInbox
    let runtime: EffectRuntime
    let store: RefusingStore
    let shop: ShopScope
    let queue: DispatchQueue
    let folder: URL

    static func make() async throws -> SaveFixture {
        let folder = try temporaryFolder()
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: randomTestKey(), baseURL: sandbox.baseURL))
        let store = try RefusingStore(path: folder.appendingPathComponent("shop.sqlite").path)
        let shop = ShopScope(store: store, account: "acct", till: "A")
        let inbox = ActionInbox(wake: {})
        let queue = DispatchQueue(label: "test.writer")
        let writer = StateWriter(logger: Logger(label: "test"), queue: queue, backoff: .init(first: 0.02, cap: 0.2),
                                 events: StateWriter.events(to: inbox))
        let runtime = EffectRuntime(client: client, cache: nil, shop: shop, inbox: inbox, logger: Logger(label: "test"),
                                    writer: writer)
        return SaveFixture(sandbox: sandbox, client: client, inbox: inbox, runtime: runtime, store: store, shop: shop,
                           queue: queue, folder: folder)
    }

    /// Waits for the first action `match` accepts (others are kept in `seen`), up to 10 s.
    func next(_ seen: inout [RuntimeAction], _ match: (RuntimeAction) -> Bool) async throws -> RuntimeAction? {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while clock.now < deadline {
            for entry in inbox.drain() {
                seen.append(entry.action)
                if match(entry.action) { return entry.action }
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// The sessions the sandbox holds: every create that reached it made one (a replay of a key makes none).
    func sessionsInSandbox() async throws -> [CheckoutSession] {
        try await client.listCheckoutSessions(limit: 100).items
    }

    func stop() async {
        runtime.cancelAll()
        await client.shutdown()
        await sandbox.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

func teaDraft(key: String) throws -> CheckoutDraft {
    var cart = Cart()
    try cart.add(CartLine(item: .oneOff(name: "Tea"), unitAmount: Money(minorUnits: 250, currency: .gbp)))
    return CheckoutDraft(cart: cart, successURL: "https://shop.example/ok", cancelURL: "https://shop.example/back",
                         idempotencyKey: key, isSent: true)
}

@Suite("Save before send: the runtime", .serialized)
struct SaveBeforeSendRuntimeTests {
    @Test func aCreateWhoseDraftWasRefusedForGoodIsNeverSentAndTheRetrySendsOnceWithTheSameKey() async throws {
        let fixture = try await SaveFixture.make()
        defer { Task { await fixture.stop() } }
        let draft = try teaDraft(key: "key-1")
        fixture.store.failing.withLock { $0 = fixture.store.brokenForGood }
        fixture.runtime.execute(.saveDraft(draft))
        fixture.runtime.execute(.createCheckoutSession(draft, idempotencyKey: "key-1"))
        var seen: [RuntimeAction] = []
        let answer = try await fixture.next(&seen) { if case .checkout = $0 { true } else { false } }
        #expect(answer == .checkout(.draftNotSaved(reason: fixture.store.brokenForGood.description)))
        #expect(seen.first == .storeWriteFailed(what: .cart, reason: fixture.store.brokenForGood.description))
        // Nothing reached the sandbox, and nothing is stored.
        fixture.runtime.finishWrites()
        #expect(try await fixture.sessionsInSandbox().isEmpty)
        #expect(try fixture.shop.loadDraft() == nil)

        // The store is mended: the same request, same key, is stored then sent, once.
        fixture.store.failing.withLock { $0 = nil }
        fixture.runtime.execute(.saveDraft(draft))
        fixture.runtime.execute(.createCheckoutSession(draft, idempotencyKey: "key-1"))
        seen = []
        guard case .checkout(.sessionCreated(.success(let session)))? = try await fixture.next(&seen, { if case .checkout = $0 { true } else { false } }) else {
            Issue.record("expected a created session, got \(seen)")
            return
        }
        #expect(try fixture.shop.loadDraft() == draft)
        let sessions = try await fixture.sessionsInSandbox()
        #expect(sessions.map(\.id) == [session.id])
        // The sale says where it came from.
        #expect(sessions.first?.clientReferenceId == "key-1")
        #expect(sessions.first?.metadata["till"] == "A")
        #expect(sessions.first?.metadata["shift"] == "1")
    }

    @Test func theCreateWaitsForItsSaveWithTheWriterHeld() async throws {
        let fixture = try await SaveFixture.make()
        defer { Task { await fixture.stop() } }
        let draft = try teaDraft(key: "key-2")
        fixture.queue.suspend()
        fixture.runtime.execute(.saveDraft(draft))
        fixture.runtime.execute(.createCheckoutSession(draft, idempotencyKey: "key-2"))
        // Held: the draft is not stored, so nothing may have gone out.
        #expect(try await fixture.sessionsInSandbox().isEmpty)
        #expect(try fixture.shop.loadDraft() == nil)
        fixture.queue.resume()
        var seen: [RuntimeAction] = []
        let answer = try await fixture.next(&seen) { if case .checkout = $0 { true } else { false } }
        guard case .checkout(.sessionCreated(.success))? = answer else {
            Issue.record("expected a created session, got \(seen)")
            return
        }
        #expect(try fixture.shop.loadDraft() == draft)
        #expect(try await fixture.sessionsInSandbox().count == 1)
    }

    @Test func aRefundWhoseEntryCouldNotBeSavedIsNeverSentAndTheRetryRefundsOnce() async throws {
        let fixture = try await SaveFixture.make()
        defer { Task { await fixture.stop() } }
        // A paid session to refund.
        let made = try await fixture.client.createCheckoutSession(CheckoutSessionRequest(try teaDraft(key: "sale")), idempotencyKey: "sale")
        #expect(try await fixture.sandbox.completePayment(session: made.id))
        let paid = try await fixture.client.getCheckoutSession(made.id)
        let intent = try #require(paid.paymentIntentId)
        let entry = RefundJournal.Entry(idempotencyKey: "refund-1", sessionId: made.id, paymentIntentId: intent,
                                        amount: Money(minorUnits: 100, currency: .gbp), created: Date())

        fixture.store.failing.withLock { $0 = fixture.store.brokenForGood }
        fixture.runtime.execute(.recordRefund(.begin(entry)))
        fixture.runtime.execute(.createRefund(entry))
        var seen: [RuntimeAction] = []
        let refused = try await fixture.next(&seen) { if case .refunds = $0 { true } else { false } }
        #expect(refused == .refunds(.journalNotSaved(entry, reason: fixture.store.brokenForGood.description)))
        fixture.runtime.finishWrites()
        #expect(try await fixture.client.retrievePaymentIntent(id: intent).amountRefunded ?? 0 == 0)
        #expect(try fixture.store.journal(account: "acct").entries.isEmpty)

        fixture.store.failing.withLock { $0 = nil }
        fixture.runtime.execute(.recordRefund(.begin(entry)))
        fixture.runtime.execute(.createRefund(entry))
        seen = []
        guard case .refunds(.refundAnswered(idempotencyKey: "refund-1", .success))? =
                try await fixture.next(&seen, { if case .refunds = $0 { true } else { false } }) else {
            Issue.record("expected a refund, got \(seen)")
            return
        }
        #expect(try await fixture.client.retrievePaymentIntent(id: intent).amountRefunded == 100)
        #expect(try fixture.store.journal(account: "acct").entries.map(\.idempotencyKey) == ["refund-1"])
    }
}
