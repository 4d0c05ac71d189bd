import Foundation
import Testing
@testable import TillCore

/// A named till's reports pane: its own sales and refunds, and the shop's beside them.
@Suite("Reports per till")
struct TillReportsTests {
    let end = t0.addingTimeInterval(3600)

    func made(by till: String?, _ session: CheckoutSession) -> CheckoutSession {
        var session = session
        if let till { session.metadata["till"] = till }
        return session
    }

    @Test func aTillsReportCountsItsOwnSalesAndRefundsAndTheShopsCountsEveryone() throws {
        var state = freshState()
        state.environment.till = "A"
        var journal = RefundJournal()
        var mine = refundEntry("k1", 100, session: "cs_a", state: .recorded(refundId: "re_1", status: .succeeded), at: 400)
        mine.till = "A"
        var theirs = refundEntry("k2", 300, session: "cs_b", state: .recorded(refundId: "re_2", status: .succeeded), at: 500)
        theirs.till = "B"
        try journal.begin(mine)
        try journal.begin(theirs)
        state.refunds.journal = journal
        var store = Store(state)
        let sessions = [made(by: "A", sale("cs_a", .complete, 250, at: 300)), made(by: "B", sale("cs_b", .complete, 400, at: 200)),
                        made(by: nil, sale("cs_old", .complete, 100, at: 100))]
        store.given(.paneSelected(.reports))
        let window = ShiftWindow(start: nil, end: end)
        store.send(.reports(.pageLoaded(from: nil, through: end, startingAfter: nil, .success(Page(items: sessions, hasMore: false))))) {
            $0.reports.window = window
            $0.reports.sessions = sessions
            $0.reports.pages.phase = .idle
            $0.reports.report = try! ShiftReport(window: window, till: "A", sessions: sessions, journal: journal)
            $0.reports.shopReport = try! ShiftReport(window: window, sessions: sessions, journal: journal)
        }
        let own = try #require(store.state.reports.report?.figures(.gbp))
        #expect(own.paid == ShiftReport.Tally(count: 1, amount: 250))
        #expect(own.refunds == ShiftReport.Tally(count: 1, amount: 100))
        let shop = try #require(store.state.reports.shopReport?.figures(.gbp))
        #expect(shop.paid == ShiftReport.Tally(count: 3, amount: 750))
        #expect(shop.refunds == ShiftReport.Tally(count: 2, amount: 400))
    }

    @Test func theHistoryFilterMatchesTheTillASaleCameFrom() {
        let fromA = made(by: "shop-a", sale("cs_1", .complete, 250, at: 0))
        let older = made(by: nil, sale("cs_2", .complete, 250, at: 0))
        #expect(HistoryFeature.matches(fromA, filter: "SHOP-A", openOnly: false))
        #expect(!HistoryFeature.matches(older, filter: "shop-a", openOnly: false))
        #expect(!HistoryFeature.matches(fromA, filter: "shop-b", openOnly: false))
    }

    @Test func aRefundMadeOnATillIsKeptWithItsName() {
        var state = freshState()
        state.environment.till = "A"
        var store = Store(state)
        let choice = RefundChoice(sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(950), reason: nil, lines: nil,
                                  idempotencyKey: "k1")
        let entry = RefundJournal.Entry(idempotencyKey: "k1", sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(950),
                                        created: t0, till: "A")
        store.send(.refunds(.refundConfirmed(choice)), effects: [.recordRefund(.begin(entry)), .createRefund(entry)]) {
            $0.refunds.sending = ["k1"]
            $0.refunds.journal = RefundJournal(entries: [entry])
            $0.status.message = .info(.refunding(gbp(950), sessionId: "cs_9"))
        }
    }
}
