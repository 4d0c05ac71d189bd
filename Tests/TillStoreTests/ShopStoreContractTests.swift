import Foundation
import Testing
import TillCore
import TillTestSupport
@testable import TillStore

/// What every shop store backend must do. Each test runs once per backend in `StoreBackend.all`.
@Suite struct ShopStoreContractTests {
    static let host = "shop"

    @Test(arguments: StoreBackend.all)
    func draftsBelongToTheirTillAndAccount(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        try store.saveDraft(Sample.draft("Tea"), account: "acct", till: "A")
        try store.saveDraft(Sample.draft("Cake", key: "k1", sent: true), account: "acct", till: "B")
        try store.saveDraft(Sample.draft("Other account"), account: "other", till: "A")
        // Another connection (another process) reads what each till saved, and only that.
        let reopened = try backend.open(place.path)
        #expect(try reopened.loadDraft(account: "acct", till: "A") == Sample.draft("Tea"))
        #expect(try reopened.loadDraft(account: "acct", till: "B") == Sample.draft("Cake", key: "k1", sent: true))
        #expect(try reopened.loadDraft(account: "other", till: "A") == Sample.draft("Other account"))
        #expect(try reopened.loadDraft(account: "acct", till: "C") == nil)
        try reopened.saveDraft(Sample.draft("Scone"), account: "acct", till: "A")
        #expect(try store.loadDraft(account: "acct", till: "A") == Sample.draft("Scone"))
        #expect(try store.loadDraft(account: "acct", till: "B") == Sample.draft("Cake", key: "k1", sent: true))
    }

    @Test(arguments: StoreBackend.all)
    func parkedTicketsAreTheShopsOldestFirst(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let a = try backend.open(place.path), b = try backend.open(place.path)
        try a.park(Sample.ticket("t2", label: "Table 2", till: "A", at: 5), account: "acct")
        try b.park(Sample.ticket("t1", label: "Table 1", till: "B", at: 1), account: "acct")
        try b.park(Sample.ticket("t9", label: "Elsewhere", till: "B"), account: "other")
        let listed = try a.parkedTickets(account: "acct")
        #expect(listed == [Sample.ticket("t1", label: "Table 1", till: "B", at: 1),
                           Sample.ticket("t2", label: "Table 2", till: "A", at: 5)])
        #expect(try b.parkedTickets(account: "other").map(\.id) == ["t9"])
    }

    @Test(arguments: StoreBackend.all)
    func aClaimGoesToOneTillAndTheOthersLearnWho(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let a = try backend.open(place.path), b = try backend.open(place.path)
        let ticket = Sample.ticket("t1", label: "Table 1", till: "A")
        try a.park(ticket, account: "acct")
        #expect(try b.claimParked(id: "t1", account: "acct", till: "B", purpose: .resume, now: Sample.t0) == .claimed(ticket))
        #expect(try a.claimParked(id: "t1", account: "acct", till: "A", purpose: .discard, now: Sample.t0) == .taken(by: "B"))
        #expect(try a.claimParked(id: "nope", account: "acct", till: "A", purpose: .resume, now: Sample.t0) == .gone)
        #expect(try a.parkedTickets(account: "acct") == [])
        // Another account's ticket of the same id is another ticket.
        #expect(try a.claimParked(id: "t1", account: "other", till: "A", purpose: .resume, now: Sample.t0) == .gone)
    }

    @Test(arguments: StoreBackend.all)
    func manyTillsRacingForOneTicketGiveItToExactlyOne(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let setup = try backend.open(place.path)
        let rounds = 20, tills = 6
        for round in 0..<rounds {
            try setup.park(Sample.ticket("t\(round)", label: "T\(round)", till: "A"), account: "acct")
        }
        let stores = try (0..<tills).map { _ in try backend.open(place.path) }
        let outcomes = OutcomeLog()
        DispatchQueue.concurrentPerform(iterations: tills * rounds) { index in
            let till = index % tills, round = index / tills
            let outcome = Result { try stores[till].claimParked(id: "t\(round)", account: "acct", till: "T\(till)",
                                                                 purpose: .resume, now: Sample.t0) }
            outcomes.add(round: round, till: "T\(till)", outcome)
        }
        for round in 0..<rounds {
            let results = outcomes.results(round: round)
            #expect(results.count == tills)
            let winners = results.filter { if case .success(.claimed) = $0.outcome { true } else { false } }
            #expect(winners.count == 1, "round \(round): \(results)")
            for loser in results where loser.till != winners.first?.till {
                #expect(try loser.outcome.get() == .taken(by: winners.first?.till ?? "?"))
            }
        }
    }

    @Test(arguments: StoreBackend.all)
    func theJournalKeepsARowPerKeyAndRefusesAKeyTwice(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        try store.updateJournal(account: "acct") { try $0.begin(Sample.entry("k1")) }
        try store.updateJournal(account: "acct") { try $0.begin(Sample.entry("k2", pence: 50)) }
        #expect(throws: RefundError.keyInUse("k1")) {
            try store.updateJournal(account: "acct") { try $0.begin(Sample.entry("k1", pence: 999)) }
        }
        let refund = Refund(id: "re_1", amount: Money(minorUnits: 100, currency: .gbp), status: .succeeded,
                            paymentIntentId: "pi_1", created: Sample.t0)
        let recorded = try store.updateJournal(account: "acct") { $0.record(refund, key: "k1", at: Sample.t0) }
        #expect(recorded)
        // A body that throws writes nothing, even what it changed before throwing.
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.updateJournal(account: "acct") { journal in
                try journal.begin(Sample.entry("k3"))
                throw Stop()
            }
        }
        let journal = try backend.open(place.path).journal(account: "acct")
        #expect(journal.entries.map(\.idempotencyKey) == ["k1", "k2"])
        #expect(journal.entry(key: "k1")?.state == .recorded(refundId: "re_1", status: .succeeded))
        #expect(journal.entry(key: "k2")?.amount == Money(minorUnits: 50, currency: .gbp))
        #expect(try store.journal(account: "other").entries.isEmpty)
    }

    @Test(arguments: StoreBackend.all)
    func journalAppendsFromManyConnectionsAreAllKept(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let stores = try (0..<4).map { _ in try backend.open(place.path) }
        let errors = OutcomeLog()
        DispatchQueue.concurrentPerform(iterations: 80) { index in
            let outcome = Result {
                try stores[index % 4].updateJournal(account: "acct") { try $0.begin(Sample.entry("k\(index)")) }
            }.map { _ in ParkedClaim.gone }
            errors.add(round: 0, till: "\(index)", outcome)
        }
        #expect(errors.results(round: 0).allSatisfy { (try? $0.outcome.get()) != nil })
        #expect(Set(try stores[0].journal(account: "acct").entries.map(\.idempotencyKey)) == Set((0..<80).map { "k\($0)" }))
    }

    @Test(arguments: StoreBackend.all)
    func shiftsArePerTill(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        let end1 = Sample.t0, end2 = Sample.t0.addingTimeInterval(3600)
        let first = try store.updateShifts(account: "acct", till: "A") { log in
            try log.close(Sample.report(from: nil, to: end1), at: end1)
        }
        #expect(first.number == 1)
        // Till B's first shift starts at the start of the data, whatever A closed.
        let other = try store.updateShifts(account: "acct", till: "B") { log in
            try log.close(Sample.report(from: nil, to: end2), at: end2)
        }
        #expect(other.number == 1)
        #expect(throws: ShiftLogError.notTheOpenShift(expectedStart: end1, reportStart: nil)) {
            try store.updateShifts(account: "acct", till: "A") { try $0.close(Sample.report(from: nil, to: end2), at: end2) }
        }
        let second = try store.updateShifts(account: "acct", till: "A") { try $0.close(Sample.report(from: end1, to: end2), at: end2) }
        #expect(second.number == 2)
        let reopened = try backend.open(place.path)
        #expect(try reopened.shifts(account: "acct", till: "A").closed.map(\.number) == [1, 2])
        #expect(try reopened.shifts(account: "acct", till: "A").openShiftStart == end2)
        #expect(try reopened.allShifts(account: "acct").mapValues { $0.closed.count } == ["A": 2, "B": 1])
        #expect(try reopened.allShifts(account: "other").isEmpty)
    }

    @Test(arguments: StoreBackend.all)
    func urlDefaultsKeepWhatIsNotGiven(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        #expect(try store.urlDefaults(account: "acct") == CheckoutURLDefaults())
        try store.saveURLDefaults(account: "acct", successURL: "https://a/ok", cancelURL: nil)
        try store.saveURLDefaults(account: "acct", successURL: nil, cancelURL: "https://a/back")
        #expect(try store.urlDefaults(account: "acct") == CheckoutURLDefaults(successURL: "https://a/ok", cancelURL: "https://a/back"))
        #expect(try store.urlDefaults(account: "other") == CheckoutURLDefaults())
    }

    @Test(arguments: StoreBackend.all)
    func tillNamesAreLeasedOneProcessEach(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        let me = getpid()
        // Two live processes (this one and its parent) take host-1 and host-2.
        let a = try store.claimTill(TillClaim(name: nil, host: Self.host, pid: me, now: Sample.t0))
        #expect(a.name == "shop-1")
        let b = try store.claimTill(TillClaim(name: nil, host: Self.host, pid: getppid(), now: Sample.t0))
        #expect(b.name == "shop-2")
        #expect(throws: ShopStoreError.tillInUse(name: "shop-1", host: Self.host, pid: me)) {
            try store.claimTill(TillClaim(name: "shop-1", host: Self.host, pid: getppid(), now: Sample.t0))
        }
        // A name held on another host is free only once its lease ran out.
        let far = try store.claimTill(TillClaim(name: "bar", host: "elsewhere", pid: 1, now: Sample.t0))
        #expect(throws: ShopStoreError.tillInUse(name: "bar", host: "elsewhere", pid: 1)) {
            try store.claimTill(TillClaim(name: "bar", host: Self.host, pid: me, now: Sample.t0.addingTimeInterval(29)))
        }
        let taken = try store.claimTill(TillClaim(name: "bar", host: Self.host, pid: me, now: Sample.t0.addingTimeInterval(31)))
        #expect(throws: ShopStoreError.leaseLost(name: "bar")) { try store.renew(far, now: Sample.t0.addingTimeInterval(32)) }
        try store.renew(taken, now: Sample.t0.addingTimeInterval(32))
        // Released at a clean quit: the name is free at once.
        try store.release(a)
        let again = try store.claimTill(TillClaim(name: nil, host: Self.host, pid: getppid(), now: Sample.t0))
        #expect(again.name == "shop-1")
        #expect(throws: ShopStoreError.invalidTillName("a b")) {
            try store.claimTill(TillClaim(name: "a b", host: Self.host, pid: me, now: Sample.t0))
        }
    }

    @Test(arguments: StoreBackend.all)
    func aCrashedTillsNameAndDraftGoToTheNextStart(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        // A process that has ended: its pid no longer runs.
        let dead = try Self.endedProcessID()
        let crashed = try store.claimTill(TillClaim(name: nil, host: Self.host, pid: dead, now: Sample.t0))
        try store.saveDraft(Sample.draft("Tea"), account: "acct", till: crashed.name)
        let next = try store.claimTill(TillClaim(name: nil, host: Self.host, pid: getpid(), now: Sample.t0.addingTimeInterval(1)))
        #expect(next.name == crashed.name)
        #expect(try store.loadDraft(account: "acct", till: next.name) == Sample.draft("Tea"))
    }

    @Test(arguments: StoreBackend.all)
    func tillsListWhatEachHasOpen(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        let a = try store.claimTill(TillClaim(name: "A", host: Self.host, pid: getpid(), now: Sample.t0))
        _ = try store.claimTill(TillClaim(name: "B", host: "elsewhere", pid: 7, now: Sample.t0))
        try store.saveDraft(SavedDraft(draft: CheckoutDraft(cart: Sample.cart("Tea", 250, quantity: 3), successURL: "", cancelURL: ""),
                                       defaults: DraftDefaults(successURL: "", cancelURL: "")), account: "acct", till: "A")
        try store.park(Sample.ticket("t1", label: "x", till: "B"), account: "acct")
        // The command line's till never runs, but closes shifts.
        _ = try store.updateShifts(account: "acct", till: "C") { try $0.close(Sample.report(from: nil, to: Sample.t0), at: Sample.t0) }
        try store.release(a)
        let records = try store.tills(account: "acct", now: Sample.t0.addingTimeInterval(10))
        #expect(records == [
            TillRecord(name: "A", host: Self.host, pid: getpid(), lastSeen: Sample.t0, isOpen: false, cartItems: 3,
                       checkoutInFlight: false, parkedTickets: 0, closedShifts: 0),
            TillRecord(name: "B", host: "elsewhere", pid: 7, lastSeen: Sample.t0, isOpen: true, cartItems: 0,
                       checkoutInFlight: false, parkedTickets: 1, closedShifts: 0),
            TillRecord(name: "C", host: "", pid: 0, lastSeen: nil, isOpen: false, cartItems: 0,
                       checkoutInFlight: false, parkedTickets: 0, closedShifts: 1),
        ])
    }

    @Test(arguments: StoreBackend.all)
    func aStoreFromANewerTillIsRefusedAndLeftAlone(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        try backend.open(place.path).saveDraft(Sample.draft("Tea"), account: "acct", till: "A")
        try backend.setSchemaVersion(place.path, ShopSchema.latest + 1)
        do {
            _ = try backend.open(place.path)
            Issue.record("a newer store was opened")
        } catch let error as ShopStoreError {
            guard case .newerSchema(_, let found, let supported) = error else {
                Issue.record("wrong error: \(error)")
                return
            }
            #expect(found == ShopSchema.latest + 1)
            #expect(supported == ShopSchema.latest)
            #expect(error.description.contains("made by a newer Till"))
            #expect(error.description.contains("Nothing was changed"))
        }
        // Untouched: back at the version this Till knows, everything is there.
        try backend.setSchemaVersion(place.path, ShopSchema.latest)
        #expect(try backend.open(place.path).loadDraft(account: "acct", till: "A") == Sample.draft("Tea"))
    }

    @Test(arguments: StoreBackend.all)
    func importRunsOnce(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        var runs = 0
        #expect(try store.importOnce(source: "parked/acct.json") { writer in
            runs += 1
            try writer.insertParked(Sample.ticket("t1", label: "Old", till: "A"), account: "acct")
            try writer.insertJournal([Sample.entry("k1"), Sample.entry("k1", pence: 5)], account: "acct")
        })
        #expect(try !store.importOnce(source: "parked/acct.json") { _ in runs += 1 })
        #expect(runs == 1)
        #expect(try store.parkedTickets(account: "acct").map(\.id) == ["t1"])
        #expect(try store.journal(account: "acct").entries == [Sample.entry("k1")])
    }

    /// The pid of a process that has run and ended (so nothing answers to it).
    static func endedProcessID() throws -> Int32 {
        let process = try BackgroundProcess("/bin/true", [], environment: [:])
        _ = try process.finish()
        return process.pid
    }
}

/// Outcomes gathered from many threads.
final class OutcomeLog: @unchecked Sendable {
    struct Entry: CustomStringConvertible {
        var till: String
        var outcome: Result<ParkedClaim, any Error>
        var description: String { "\(till): \(outcome)" }
    }
    private let lock = NSLock()
    private var byRound: [Int: [Entry]] = [:]

    func add<Failure: Error>(round: Int, till: String, _ outcome: Result<ParkedClaim, Failure>) {
        let entry = Entry(till: till, outcome: outcome.mapError { $0 as any Error })
        lock.withLock { byRound[round, default: []].append(entry) }
    }

    func results(round: Int) -> [Entry] { lock.withLock { byRound[round] ?? [] } }
}
