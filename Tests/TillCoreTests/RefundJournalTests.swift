import Foundation
import Testing
@testable import TillCore

/// A journal entry for tests: `minor` in `currency`, made `at` seconds after t0.
func refundEntry(_ key: String, _ minor: Int64, _ currency: Currency = .gbp, session: String = "cs_1",
                 state: RefundJournal.State = .sent, lines: [String: Int]? = nil, at seconds: TimeInterval = 0) -> RefundJournal.Entry {
    RefundJournal.Entry(idempotencyKey: key, sessionId: session, paymentIntentId: "pi_" + session.dropFirst(3),
                        amount: Money(minorUnits: minor, currency: currency), reason: .requestedByCustomer,
                        lines: lines, state: state, created: t0.addingTimeInterval(seconds))
}

func refund(_ id: String, _ minor: Int64, _ status: Refund.Status, _ currency: Currency = .gbp) -> Refund {
    Refund(id: id, amount: Money(minorUnits: minor, currency: currency), status: status, created: t0)
}

@Suite("Refund journal, balance and lines")
struct RefundJournalTests {
    @Test func anEntryIsSentThenRecordedThenRefreshed() throws {
        var journal = RefundJournal()
        try journal.begin(refundEntry("k1", 500))
        #expect(journal.entry(key: "k1")?.state == .sent)
        let changed1 = journal.record(refund("re_1", 500, .pending), key: "k1", at: t0.addingTimeInterval(1))
        #expect(changed1)
        #expect(journal.entry(key: "k1")?.state == .recorded(refundId: "re_1", status: .pending))
        #expect(journal.entry(refundId: "re_1")?.updated == t0.addingTimeInterval(1))
        let changed2 = journal.refresh(refund("re_1", 500, .succeeded), at: t0.addingTimeInterval(2))
        #expect(changed2)
        #expect(journal.entry(key: "k1")?.state == .recorded(refundId: "re_1", status: .succeeded))
        #expect(journal.entry(key: "k1")?.updated == t0.addingTimeInterval(2))
        #expect(journal.entry(key: "k1")?.created == t0)
        // An unknown key or refund changes nothing.
        let changed3 = journal.record(refund("re_2", 1, .pending), key: "nope", at: t0)
        #expect(!changed3)
        let changed4 = journal.refresh(refund("re_9", 1, .pending), at: t0)
        #expect(!changed4)
        let changed5 = journal.fail(key: "nope", message: "x", at: t0)
        #expect(!changed5)
        #expect(journal.entries.count == 1)
    }

    @Test func aKeyStandsForOneRefundOnly() throws {
        var journal = RefundJournal()
        try journal.begin(refundEntry("k1", 500))
        var again = journal
        #expect(throws: RefundError.keyInUse("k1")) { try again.begin(refundEntry("k1", 100, session: "cs_2")) }
        #expect(journal.entries.map(\.amount.minorUnits) == [500])
    }

    @Test func theAPIsAmountIsKeptWhenRecording() throws {
        var journal = RefundJournal()
        try journal.begin(refundEntry("k1", 500))
        journal.record(refund("re_1", 450, .succeeded), key: "k1", at: t0)
        #expect(journal.entry(key: "k1")?.amount == gbp(450))
    }

    @Test func theJournalReadsBackFromItsFileForm() throws {
        var journal = RefundJournal()
        try journal.begin(refundEntry("sent", 100, lines: ["price_1": 2]))
        try journal.begin(refundEntry("done", 200, state: .recorded(refundId: "re_1", status: .pending)))
        try journal.begin(refundEntry("refused", 300, state: .failed(message: "No such payment intent")))
        let data = try JSONEncoder().encode(journal)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""kind":"recorded""#) && text.contains(#""refund_id":"re_1""#))
        #expect(text.contains(#""idempotency_key":"sent""#) && text.contains(#""session_id":"cs_1""#))
        #expect(try JSONDecoder().decode(RefundJournal.self, from: data) == journal)
        let unknown = Data(text.replacingOccurrences(of: #""kind":"failed""#, with: #""kind":"lost""#).utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RefundJournal.self, from: unknown) }
    }

    @Test func theBalanceTakesOffEverythingThatMayHaveGoneBack() throws {
        var journal = RefundJournal()
        try journal.begin(refundEntry("a", 300, state: .recorded(refundId: "re_a", status: .succeeded)))
        try journal.begin(refundEntry("b", 200, state: .recorded(refundId: "re_b", status: .pending)))
        try journal.begin(refundEntry("c", 150))
        try journal.begin(refundEntry("d", 999, state: .failed(message: "refused")))
        try journal.begin(refundEntry("e", 50, state: .recorded(refundId: "re_e", status: .failed)))
        try journal.begin(refundEntry("f", 700, session: "cs_other", state: .recorded(refundId: "re_f", status: .succeeded)))
        let balance = try journal.balance(session: "cs_1", total: gbp(2500))
        #expect(balance.refunded == gbp(300))
        #expect(balance.pending == gbp(200))
        #expect(balance.unconfirmed == gbp(150))
        #expect(balance.remaining == gbp(1850))
        // The API knows of more (a refund made elsewhere): its figure wins over the journal's 500.
        #expect(try journal.balance(session: "cs_1", total: gbp(2500), apiRefunded: 1000).remaining == gbp(1350))
        #expect(try journal.balance(session: "cs_1", total: gbp(2500), apiRefunded: 400).remaining == gbp(1850))
        // Never below zero.
        #expect(try journal.balance(session: "cs_1", total: gbp(2500), apiRefunded: 9000).remaining == gbp(0))
    }

    @Test func aRefundLargerThanWhatIsLeftIsRefused() throws {
        var journal = RefundJournal()
        try journal.begin(refundEntry("a", 2000, state: .recorded(refundId: "re_a", status: .succeeded)))
        let balance = try journal.balance(session: "cs_1", total: gbp(2500))
        #expect(balance.remaining == gbp(500))
        try balance.check(gbp(500))
        try balance.check(gbp(1))
        #expect(throws: RefundError.exceedsRemaining(requested: gbp(501), remaining: gbp(500))) { try balance.check(gbp(501)) }
        #expect(throws: RefundError.zeroAmount) { try balance.check(gbp(0)) }
        #expect(throws: RefundError.currencyMismatch(expected: .gbp, given: .jpy)) {
            try balance.check(Money(minorUnits: 5, currency: .jpy))
        }
        #expect(RefundError.exceedsRemaining(requested: gbp(501), remaining: gbp(500)).description
                == "GBP 5.01 is more than is left to refund (GBP 5.00).")
        try journal.begin(refundEntry("b", 500, state: .recorded(refundId: "re_b", status: .pending)))
        let full = try journal.balance(session: "cs_1", total: gbp(2500))
        #expect(throws: RefundError.nothingLeft(total: gbp(2500))) { try full.check(gbp(1)) }
        #expect(RefundError.nothingLeft(total: gbp(2500)).description
                == "Nothing is left to refund: the whole GBP 25.00 has been refunded (or is on its way back).")
    }

    @Test func anEntryInAnotherCurrencyIsAnError() throws {
        var journal = RefundJournal()
        try journal.begin(refundEntry("a", 100, .jpy))
        #expect(throws: RefundError.currencyMismatch(expected: .gbp, given: .jpy)) {
            try journal.balance(session: "cs_1", total: gbp(2500))
        }
    }

    /// Two lines of one price (3 + 1 units at GBP 3.50) and a cake at GBP 10.00.
    static let lines = [
        LineItem(id: "li_1", description: "Flat white", quantity: 3, currency: .gbp, unitAmount: 350,
                 amountSubtotal: 1050, amountTotal: 1050, priceId: "price_coffee"),
        LineItem(id: "li_2", description: "Flat white", quantity: 1, currency: .gbp, unitAmount: 350,
                 amountSubtotal: 350, amountTotal: 350, priceId: "price_coffee"),
        LineItem(id: "li_3", description: "Cake", quantity: 1, currency: .gbp, unitAmount: nil,
                 amountSubtotal: 1000, amountTotal: 1000, priceId: "price_cake"),
        LineItem(id: "li_4", description: "Odd", quantity: 3, currency: .gbp, unitAmount: nil,
                 amountSubtotal: 1000, amountTotal: 1000, priceId: nil),
    ]

    @Test func chosenLinesComeToTheirUnitPrices() throws {
        let lines = Self.lines
        #expect(RefundLines.refundableUnits(lines, entries: []) == ["price_coffee": 4, "price_cake": 1, "li_4": 3])
        #expect(try RefundLines.amount(for: ["price_coffee": 2, "price_cake": 1], of: lines, currency: .gbp, entries: []) == gbp(1700))
        // Units of zero are left out; the total of a line with no unit price is divided when exact.
        #expect(try RefundLines.amount(for: ["price_cake": 1, "price_coffee": 0], of: lines, currency: .gbp, entries: []) == gbp(1000))
        #expect(throws: RefundError.noUnitAmount(line: "li_4")) {
            try RefundLines.amount(for: ["li_4": 1], of: lines, currency: .gbp, entries: [])
        }
        #expect(throws: RefundError.noLines) { try RefundLines.amount(for: [:], of: lines, currency: .gbp, entries: []) }
        #expect(throws: RefundError.unknownLine("price_tea")) {
            try RefundLines.amount(for: ["price_tea": 1], of: lines, currency: .gbp, entries: [])
        }
    }

    @Test func eachUnitIsRefundedAtMostOnce() throws {
        let lines = Self.lines
        let entries = [
            refundEntry("a", 700, state: .recorded(refundId: "re_a", status: .succeeded), lines: ["price_coffee": 2]),
            refundEntry("b", 350, lines: ["price_coffee": 1]),                                  // unconfirmed: counted
            refundEntry("c", 350, state: .failed(message: "refused"), lines: ["price_coffee": 1]),  // refused: not
            refundEntry("d", 1000, session: "cs_1", state: .recorded(refundId: "re_d", status: .canceled), lines: ["price_cake": 1]),
        ]
        #expect(RefundLines.refundedUnits(entries) == ["price_coffee": 3])
        #expect(RefundLines.refundableUnits(lines, entries: entries) == ["price_coffee": 1, "price_cake": 1, "li_4": 3])
        #expect(try RefundLines.amount(for: ["price_coffee": 1], of: lines, currency: .gbp, entries: entries) == gbp(350))
        #expect(throws: RefundError.tooManyUnits(line: "price_coffee", requested: 2, left: 1)) {
            try RefundLines.amount(for: ["price_coffee": 2], of: lines, currency: .gbp, entries: entries)
        }
        #expect(RefundError.tooManyUnits(line: "price_coffee", requested: 2, left: 1).description
                == "Only 1 unit of price_coffee is left to refund (2 asked).")
        let all = entries + [refundEntry("e", 350, state: .recorded(refundId: "re_e", status: .pending), lines: ["price_coffee": 1])]
        #expect(RefundError.tooManyUnits(line: "price_coffee", requested: 1, left: 0).description
                == "Every unit of price_coffee has been refunded already.")
        #expect(throws: RefundError.tooManyUnits(line: "price_coffee", requested: 1, left: 0)) {
            try RefundLines.amount(for: ["price_coffee": 1], of: lines, currency: .gbp, entries: all)
        }
        #expect(throws: RefundError.tooManyUnits(line: "price_cake", requested: -1, left: 1)) {
            try RefundLines.amount(for: ["price_cake": -1], of: lines, currency: .gbp, entries: all)
        }
    }

    @Test func statusesSayWhetherMoneyWentBack() {
        #expect(Refund.Status.allCases.filter(\.givesMoneyBack) == [.pending, .succeeded, .requiresAction])
        #expect(Refund.Status.allCases.filter { !$0.isSettled } == [.pending, .requiresAction])
    }
}
