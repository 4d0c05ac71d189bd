import Foundation
import GRDB
import Testing
import TillCore
@testable import TillStore

/// Contract tests of the journal's one-row changes and of a resume that becomes the till's draft in
/// the claim's own transaction, on every backend.
@Suite struct JournalRowAndResumeTests {
    static let refund = Refund(id: "re_1", amount: Money(minorUnits: 100, currency: .gbp), status: .pending,
                               paymentIntentId: "pi_1", created: Sample.t0)

    @Test(arguments: StoreBackend.all)
    func journalChangesTouchOnlyTheirEntry(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        try store.applyJournal(.begin(Sample.entry("k1")), account: "acct")
        try store.applyJournal(.begin(Sample.entry("k2", pence: 50)), account: "acct")
        // The same entry again (a retry whose answer was lost) is no error and adds nothing.
        try store.applyJournal(.begin(Sample.entry("k1")), account: "acct")
        #expect(throws: RefundError.keyInUse("k1")) {
            try store.applyJournal(.begin(Sample.entry("k1", pence: 999)), account: "acct")
        }
        try store.applyJournal(.record(Self.refund, idempotencyKey: "k1", at: Sample.t0), account: "acct")
        var succeeded = Self.refund
        succeeded.status = .succeeded
        // Found by its refund id.
        try store.applyJournal(.refresh(succeeded, at: Sample.t0.addingTimeInterval(60)), account: "acct")
        try store.applyJournal(.fail(idempotencyKey: "k2", message: "card declined", at: Sample.t0), account: "acct")
        // Changes to entries that are not there write nothing.
        try store.applyJournal(.fail(idempotencyKey: "nope", message: "x", at: Sample.t0), account: "acct")
        var other = Self.refund
        other.id = "re_other"
        try store.applyJournal(.refresh(other, at: Sample.t0), account: "acct")

        var expected = RefundJournal(entries: [Sample.entry("k1"), Sample.entry("k2", pence: 50)])
        expected.record(Self.refund, key: "k1", at: Sample.t0)
        expected.refresh(succeeded, at: Sample.t0.addingTimeInterval(60))
        expected.fail(key: "k2", message: "card declined", at: Sample.t0)
        #expect(try backend.open(place.path).journal(account: "acct") == expected)
        #expect(try store.journal(account: "other").entries.isEmpty)
    }

    /// An append reads no other entry: with another entry unreadable (which `journal` and
    /// `updateJournal` refuse, as they read them all), entries are still added and changed.
    @Test(arguments: StoreBackend.all)
    func anAppendDoesNotReadTheJournal(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        try store.applyJournal(.begin(Sample.entry("k-bad")), account: "acct")
        try Self.execute(backend, place: place.path, "UPDATE refunds SET entry = '{not json' WHERE idempotency_key = 'k-bad'")
        #expect(throws: ShopStoreError.self) { try store.journal(account: "acct") }
        try store.applyJournal(.begin(Sample.entry("k2")), account: "acct")
        try store.applyJournal(.record(Self.refund, idempotencyKey: "k2", at: Sample.t0), account: "acct")
        try Self.execute(backend, place: place.path, "DELETE FROM refunds WHERE idempotency_key = 'k-bad'")
        var expected = RefundJournal(entries: [Sample.entry("k2")])
        expected.record(Self.refund, key: "k2", at: Sample.t0)
        #expect(try store.journal(account: "acct") == expected)
    }

    @Test(arguments: StoreBackend.all)
    func updateJournalKeepsTheRefundIdThatChangesFindEntriesBy(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        try store.updateJournal(account: "acct") { journal in
            try journal.begin(Sample.entry("k1"))
            journal.record(Self.refund, key: "k1", at: Sample.t0)
        }
        var succeeded = Self.refund
        succeeded.status = .succeeded
        try store.applyJournal(.refresh(succeeded, at: Sample.t0), account: "acct")
        #expect(try store.journal(account: "acct").entries.first?.state == .recorded(refundId: "re_1", status: .succeeded))
    }

    /// A journal kept before the `refund_id` column: the migration fills it from each entry, so
    /// a refresh finds the refunds recorded before the upgrade.
    @Test(arguments: StoreBackend.all)
    func refundsRecordedBeforeTheRefundIdColumnAreFoundAfterTheMigration(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        var recorded = RefundJournal(entries: [Sample.entry("k1")])
        recorded.record(Self.refund, key: "k1", at: Sample.t0)
        let entry = try #require(recorded.entries.first)
        let text: String
        if backend.name == StoreBackend.sqlite.name {
            let before = try #require(ShopSchema.sqlite.firstIndex { $0.contains("refund_id") })
            let old = try SQLiteShopStore(path: place.path + "/shop.sqlite", schema: Array(ShopSchema.sqlite.prefix(before)))
            text = try old.encode(entry)
        } else {
            let before = try #require(ShopSchema.postgresql.firstIndex { $0.joined().contains("refund_id") })
            let old = try PostgresShopStore(server: try PostgresLocation(url: try PostgresTesting.url(for: place.path)),
                                            callTimeout: 15, schema: Array(ShopSchema.postgresql.prefix(before)))
            text = try old.encode(entry)
            old.close()
        }
        try Self.execute(backend, place: place.path, """
            INSERT INTO refunds (account, idempotency_key, session_id, entry) VALUES ('acct', 'k1', 'cs_1', '\(text)')
            """)
        let store = try backend.open(place.path)
        var succeeded = Self.refund
        succeeded.status = .succeeded
        try store.applyJournal(.refresh(succeeded, at: Sample.t0), account: "acct")
        #expect(try store.journal(account: "acct").entries.first?.state == .recorded(refundId: "re_1", status: .succeeded))
    }

    @Test(arguments: StoreBackend.all)
    func aResumedCartIsTheTillsDraftInTheClaimsTransaction(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        let defaults = DraftDefaults(successURL: "https://shop.example/ok", cancelURL: "https://shop.example/back")
        let ticket = Sample.ticket("t1", label: "Table 1", till: "A")
        try store.park(ticket, account: "acct")
        #expect(try store.claimParked(id: "t1", account: "acct", till: "B", purpose: .resume, now: Sample.t0,
                                      draftDefaults: defaults) == .claimed(ticket))
        // Till B is killed here: its next start finds the cart in its draft.
        let reopened = try backend.open(place.path)
        #expect(try reopened.loadDraft(account: "acct", till: "B")
            == SavedDraft(draft: CheckoutDraft(cart: Sample.cart("Table 1", 300), successURL: defaults.successURL,
                                               cancelURL: defaults.cancelURL), defaults: defaults))

        // A draft's typed URLs are kept; a draft holding a cart, or a checkout, is never replaced;
        // a discard leaves the draft alone.
        var typed = SavedDraft(draft: CheckoutDraft(cart: Cart(), successURL: "https://typed.example/ok",
                                                    cancelURL: "https://typed.example/back"), defaults: defaults)
        try store.saveDraft(typed, account: "acct", till: "C")
        try store.park(Sample.ticket("t2", label: "Table 2", till: "A"), account: "acct")
        _ = try store.claimParked(id: "t2", account: "acct", till: "C", purpose: .resume, now: Sample.t0, draftDefaults: defaults)
        typed.draft.cart = Sample.cart("Table 2", 300)
        #expect(try store.loadDraft(account: "acct", till: "C") == typed)

        let holding = Sample.draft("Tea"), sending = Sample.draft("Cake", key: "k1", sent: true)
        try store.saveDraft(holding, account: "acct", till: "D")
        try store.saveDraft(sending, account: "acct", till: "E")
        for (id, till) in [("t3", "D"), ("t4", "E")] {
            try store.park(Sample.ticket(id, label: id, till: "A"), account: "acct")
            _ = try store.claimParked(id: id, account: "acct", till: till, purpose: .resume, now: Sample.t0, draftDefaults: defaults)
        }
        #expect(try store.loadDraft(account: "acct", till: "D") == holding)
        #expect(try store.loadDraft(account: "acct", till: "E") == sending)
        try store.park(Sample.ticket("t5", label: "t5", till: "A"), account: "acct")
        _ = try store.claimParked(id: "t5", account: "acct", till: "F", purpose: .discard, now: Sample.t0, draftDefaults: defaults)
        #expect(try store.loadDraft(account: "acct", till: "F") == nil)
    }

    /// Runs raw SQL on the store at `place`, as a damaged or hand-edited store would be.
    static func execute(_ backend: StoreBackend, place: String, _ sql: String) throws {
        if backend.name == StoreBackend.sqlite.name {
            try DatabaseQueue(path: place + "/shop.sqlite").write { try $0.execute(sql: sql) }
        } else {
            try PostgresTesting.execute(sql, database: PostgresTesting.database(for: place))
        }
    }
}
