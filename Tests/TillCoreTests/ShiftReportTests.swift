import Foundation
import Testing
@testable import TillCore

/// A session of `minor` in `currency`, created `at` seconds after t0.
func sale(_ id: String, _ status: CheckoutSession.Status, _ minor: Int64?, _ currency: Currency? = .gbp,
          at seconds: TimeInterval) -> CheckoutSession {
    CheckoutSession(id: id, status: status, paymentStatus: status == .complete ? .paid : .unpaid, url: nil,
                    currency: currency, amountSubtotal: minor, amountTotal: minor,
                    created: t0.addingTimeInterval(seconds), expiresAt: t0.addingTimeInterval(seconds + 86_400))
}

let utc = TimeZone(identifier: "UTC")!

@Suite("Shift reports (X and Z)")
struct ShiftReportTests {
    let window = ShiftWindow(start: t0, end: t0.addingTimeInterval(3600))

    @Test func figuresPerCurrencyWithRefundsAcrossCurrencies() throws {
        let sessions = [
            sale("cs_before", .complete, 9999, at: -1),          // before the window
            sale("cs_g1", .complete, 2500, at: 0),                // the start is included
            sale("cs_g2", .complete, 1250, at: 60),
            sale("cs_g3", .expired, 500, at: 120),
            sale("cs_g4", .open, 350, at: 180),
            sale("cs_g5", .open, 100, at: 240),
            sale("cs_j1", .complete, 1000, .jpy, at: 300),
            sale("cs_k1", .complete, 1250, .kwd, at: 400),
            sale("cs_none", .complete, nil, nil, at: 500),
            sale("cs_end", .complete, 7777, at: 3600),           // the end is not
        ]
        var journal = RefundJournal()
        try journal.begin(refundEntry("g-ok", 500, session: "cs_g1", state: .recorded(refundId: "re_1", status: .succeeded), at: 10))
        try journal.begin(refundEntry("g-pending", 250, session: "cs_g1", state: .recorded(refundId: "re_2", status: .pending), at: 20))
        try journal.begin(refundEntry("g-sent", 100, session: "cs_g2", at: 30))
        try journal.begin(refundEntry("g-refused", 5000, session: "cs_g2", state: .failed(message: "too large"), at: 40))
        try journal.begin(refundEntry("g-failed", 75, session: "cs_g2", state: .recorded(refundId: "re_3", status: .failed), at: 45))
        // Yesterday's sale refunded today counts today; today's sale refunded after the window does not.
        try journal.begin(refundEntry("g-old", 999, session: "cs_before", state: .recorded(refundId: "re_4", status: .succeeded), at: 50))
        try journal.begin(refundEntry("g-later", 300, session: "cs_g2", state: .recorded(refundId: "re_5", status: .succeeded), at: 3600))
        try journal.begin(refundEntry("j-ok", 400, .jpy, session: "cs_j1", state: .recorded(refundId: "re_6", status: .succeeded), at: 310))
        // A refund in a currency no session of the window has still gets its own figures.
        try journal.begin(refundEntry("e-ok", 200, .eur, session: "cs_eur", state: .recorded(refundId: "re_7", status: .pending), at: 320))

        let report = try ShiftReport(window: window, sessions: sessions, journal: journal)
        #expect(report.figures.map(\.currency.code) == ["EUR", "GBP", "JPY", "KWD"])
        let gbp = try #require(report.figures(.gbp))
        #expect(gbp.paid == .init(count: 2, amount: 3750))
        #expect(gbp.expired == .init(count: 1, amount: 500))
        #expect(gbp.open == .init(count: 2, amount: 450))
        #expect(gbp.refunds == .init(count: 3, amount: 1749))
        #expect(gbp.pendingRefunds == .init(count: 1, amount: 250))
        #expect(gbp.unconfirmedRefunds == .init(count: 1, amount: 100))
        #expect(gbp.net == 2001)
        #expect(gbp.netMoney.formatted == "GBP 20.01")
        let jpy = try #require(report.figures(.jpy))
        #expect(jpy.paid == .init(count: 1, amount: 1000))
        #expect(jpy.refunds == .init(count: 1, amount: 400))
        #expect(jpy.netMoney.formatted == "JPY 600")
        let kwd = try #require(report.figures(.kwd))
        #expect(kwd.netMoney.formatted == "KWD 1.250")
        let eur = try #require(report.figures(.eur))
        #expect(eur.paid == .init())
        #expect(eur.refunds == .init(count: 1, amount: 200))
        #expect(eur.pendingRefunds == .init(count: 1, amount: 200))
        #expect(eur.net == -200)
        #expect(report.openSessionIds == ["cs_g5", "cs_g4"])
        #expect(report.sessionsWithoutTotal == ["cs_none"])
    }

    @Test func anEmptyWindowHasNoFigures() throws {
        let report = try ShiftReport(window: window, sessions: [sale("cs_1", .complete, 100, at: -10)], journal: RefundJournal())
        #expect(report.figures.isEmpty)
        #expect(report.openSessionIds.isEmpty)
    }

    @Test func aWindowWithNoStartReachesBackToTheFirstSale() throws {
        let all = ShiftWindow(start: nil, end: t0)
        #expect(all.contains(Date(timeIntervalSince1970: 0)))
        #expect(!all.contains(t0))
        let report = try ShiftReport(window: all, sessions: [sale("cs_1", .complete, 100, at: -86_400)], journal: RefundJournal())
        #expect(report.figures(.gbp)?.paid == .init(count: 1, amount: 100))
    }

    @Test func totalsTooLargeToAddAreAnErrorNotAWrap() {
        let sessions = (0..<3).map { sale("cs_\($0)", .complete, Int64.max / 2, at: Double($0)) }
        #expect(throws: MoneyError.overflow) { try ShiftReport(window: window, sessions: sessions, journal: RefundJournal()) }
    }

    @Test func theReportReadsBackFromJSONWithItsNet() throws {
        var journal = RefundJournal()
        try journal.begin(refundEntry("a", 100, session: "cs_1", state: .recorded(refundId: "re_1", status: .succeeded), at: 5))
        let report = try ShiftReport(window: window, sessions: [sale("cs_1", .complete, 2500, at: 1)], journal: journal)
        let data = try JSONEncoder().encode(report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""net":2400"#))
        #expect(text.contains(#""pending_refunds":{"#) && text.contains(#""open_session_ids":[]"#))
        #expect(try JSONDecoder().decode(ShiftReport.self, from: data) == report)
    }

    @Test func csvHasOneRowPerCurrencyInMajorUnits() throws {
        var journal = RefundJournal()
        try journal.begin(refundEntry("a", 150, session: "cs_1", state: .recorded(refundId: "re_1", status: .pending), at: 5))
        let report = try ShiftReport(window: window, sessions: [
            sale("cs_1", .complete, 123_456, at: 1), sale("cs_2", .open, 1000, .jpy, at: 2),
        ], journal: journal)
        #expect(report.csvText == """
            from,to,currency,paid_count,paid_amount,expired_count,expired_amount,open_count,open_amount,refund_count,refund_amount,pending_refund_count,pending_refund_amount,unconfirmed_refund_count,unconfirmed_refund_amount,net\r
            2023-11-14T22:13:20Z,2023-11-14T23:13:20Z,GBP,1,1234.56,0,0.00,0,0.00,1,1.50,1,1.50,0,0.00,1233.06\r
            2023-11-14T22:13:20Z,2023-11-14T23:13:20Z,JPY,0,0,0,0,1,1000,0,0,0,0,0,0,0\r

            """)
    }

    @Test func theNextShiftStartsWhereTheLastEnded() throws {
        var log = ShiftLog()
        #expect(log.openShiftStart == nil)
        let first = try ShiftReport(window: log.openWindow(now: t0), sessions: [sale("cs_1", .complete, 100, at: -5)],
                                    journal: RefundJournal())
        let closed = try log.close(first, at: t0)
        #expect(closed.number == 1)
        #expect(log.openShiftStart == t0)
        #expect(log.openWindow(now: t0.addingTimeInterval(60)) == ShiftWindow(start: t0, end: t0.addingTimeInterval(60)))
        // A report made before that close (from the start of the data) can no longer close a shift.
        #expect(throws: ShiftLogError.notTheOpenShift(expectedStart: t0, reportStart: nil)) { try log.close(first, at: t0) }
        let empty = try ShiftReport(window: ShiftWindow(start: t0, end: t0), sessions: [], journal: RefundJournal())
        #expect(throws: ShiftLogError.emptyWindow) { try log.close(empty, at: t0) }
        let second = try ShiftReport(window: log.openWindow(now: t0.addingTimeInterval(60)), sessions: [], journal: RefundJournal())
        #expect(try log.close(second, at: t0.addingTimeInterval(60)).number == 2)
        #expect(log.closed.map(\.number) == [1, 2])
        let data = try JSONEncoder().encode(log)
        #expect(try JSONDecoder().decode(ShiftLog.self, from: data) == log)
    }

    @Test(arguments: [
        ("2026-11-25", "2026-11-25T00:00:00Z", "Europe/London"),
        ("2026-07-01", "2026-06-30T23:00:00Z", "Europe/London"),
        ("2026-11-25", "2026-11-24T15:00:00Z", "Asia/Tokyo"),
        ("2026-11-25T18:30:00Z", "2026-11-25T18:30:00Z", "Asia/Tokyo"),
        ("2026-11-25t18:30z", "2026-11-25T18:30:00Z", "Asia/Tokyo"),
        ("2026-11-25T18:30:00+01:00", "2026-11-25T17:30:00Z", "UTC"),
        ("2026-11-25T18:30-0530", "2026-11-26T00:00:00Z", "UTC"),
        ("2026-11-25T18:30+09", "2026-11-25T09:30:00Z", "UTC"),
        ("2026-11-25T18:30", "2026-11-25T09:30:00Z", "Asia/Tokyo"),
        ("2026-11-25 18:30:15", "2026-11-25T18:30:15Z", "UTC"),
        ("  2026-02-28T23:59:59Z ", "2026-02-28T23:59:59Z", "UTC"),
    ])
    func reportTimesAreISO8601OrALocalDate(text: String, expected: String, zone: String) throws {
        let date = try ReportTime.parse(text, timeZone: try #require(TimeZone(identifier: zone)))
        #expect(date.formatted(.iso8601) == expected)
    }

    @Test func fractionsOfASecondAreKept() throws {
        let date = try ReportTime.parse("2026-11-25T18:30:00.250Z", timeZone: utc)
        #expect(date.timeIntervalSince1970 == 1_795_631_400.25)
    }

    @Test(arguments: ["", "yesterday", "2026-11", "2026-11-25T", "2026-11-25T18", "2026-11-25T18:30Zjunk",
                      "2026/11/25", "2026-11-25T18:30:00+25:00", "2026-11-25T18:30:00."])
    func unreadableTimesAreRefused(text: String) {
        #expect(throws: ReportTimeError.unreadable(text)) { try ReportTime.parse(text, timeZone: utc) }
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "2026-00-10", "2026-11-25T24:00", "2026-11-25T18:60"])
    func impossibleTimesAreRefused(text: String) {
        #expect(throws: ReportTimeError.outOfRange(text)) { try ReportTime.parse(text, timeZone: utc) }
    }
}
