import Foundation
import Testing
@testable import TillCore

@Suite("Reports reducer (X and Z reports in the TUI)")
struct ReportsFeatureTests {
    /// The runtime's clock when the first page was asked for: the window's end.
    let end = t0.addingTimeInterval(3600)

    func page(_ items: [CheckoutSession], more: Bool = false) -> Result<Page<CheckoutSession>, APIFailure> {
        .success(Page(items: items, hasMore: more))
    }

    /// The reports pane shown, every page in: a paid, an open and an expired session, newest first.
    func loadedStore(journal: RefundJournal = RefundJournal(), log: ShiftLog = ShiftLog()) -> Store {
        var store = Store()
        store.state.refunds.journal = journal
        store.state.reports.log = log
        store.given(.paneSelected(.reports),
                    .reports(.pageLoaded(from: log.openShiftStart, through: end, startingAfter: nil, page(shift))))
        return store
    }

    /// A new load of the open shift of `log` has started: nothing of the last report is kept.
    func reloading(_ state: inout AppState, log: ShiftLog) {
        state.reports.isClosing = false
        state.reports.log = log
        state.reports.pages.phase = .loading
        state.reports.window = nil
        state.reports.sessions = []
        state.reports.report = nil
    }

    let shift = [sale("cs_3", .complete, 2500, at: 300), sale("cs_2", .open, 350, at: 200),
                 sale("cs_1", .expired, 500, at: 100)]

    @Test func theFirstShowingLoadsTheShiftPageByPageDroppingStaleAnswersThenAddsItUp() throws {
        var store = Store()
        var journal = RefundJournal()
        try journal.begin(refundEntry("k1", 400, session: "cs_3", state: .recorded(refundId: "re_1", status: .succeeded), at: 400))
        try journal.begin(refundEntry("k2", 100, session: "cs_3", state: .recorded(refundId: "re_2", status: .pending), at: 500))
        try journal.begin(refundEntry("k3", 50, .usd, session: "cs_old", state: .recorded(refundId: "re_3", status: .succeeded), at: 600))
        store.state.refunds.journal = journal

        store.send(.paneSelected(.reports), effects: [.loadReportPage(from: nil, through: nil, startingAfter: nil)]) {
            $0.focus = .reports
            $0.reports.hasRequested = true
            $0.reports.pages.phase = .loading
        }
        #expect(store.state.progress == StatusProgress(label: .loadingSessions, count: 0))
        let first = Array(shift.prefix(2))
        store.send(.reports(.pageLoaded(from: nil, through: end, startingAfter: nil, page(first, more: true))),
                   effects: [.loadReportPage(from: nil, through: end, startingAfter: "cs_2")]) {
            $0.reports.window = ShiftWindow(start: nil, end: end)
            $0.reports.sessions = first
            $0.reports.pages.awaitedCursor = "cs_2"
        }
        #expect(store.state.progress == StatusProgress(label: .loadingSessions, count: 2))
        // Keys keep working while pages arrive; showing the pane again asks nothing more.
        store.send(.paneSelected(.products)) { $0.focus = .products }
        store.send(.paneSelected(.reports)) { $0.focus = .reports }
        // Stale answers: another cursor, another end, another shift's start.
        let stray = page([sale("cs_x", .complete, 9999, at: 1)])
        store.send(.reports(.pageLoaded(from: nil, through: end, startingAfter: "cs_9", stray)))
        store.send(.reports(.pageLoaded(from: nil, through: end.addingTimeInterval(-1), startingAfter: "cs_2", stray)))
        store.send(.reports(.pageLoaded(from: t0, through: end, startingAfter: "cs_2", stray)))
        store.send(.reports(.pageLoaded(from: nil, through: end, startingAfter: "cs_2", page([shift[2]])))) {
            $0.reports.sessions = shift
            $0.reports.pages.awaitedCursor = nil
            $0.reports.pages.phase = .idle
            var gbp = ShiftReport.Figures(currency: .gbp)
            gbp.paid = .init(count: 1, amount: 2500)
            gbp.open = .init(count: 1, amount: 350)
            gbp.expired = .init(count: 1, amount: 500)
            gbp.refunds = .init(count: 2, amount: 500)
            gbp.pendingRefunds = .init(count: 1, amount: 100)
            var usd = ShiftReport.Figures(currency: .usd)
            usd.refunds = .init(count: 1, amount: 50)
            $0.reports.report = ShiftReport(window: ShiftWindow(start: nil, end: end), figures: [gbp, usd],
                                            openSessionIds: ["cs_2"])
        }
        #expect(store.state.progress == nil)
        #expect(store.state.reports.report?.figures(.gbp)?.netMoney.formatted == "GBP 20.00")
        #expect(store.state.reports.report?.figures(.usd)?.net == -50)
        #expect(store.state.reports.openSessions.map(\.id) == ["cs_2"])
        // A late answer after the load is done changes nothing.
        store.send(.reports(.pageLoaded(from: nil, through: end, startingAfter: nil, stray)))
    }

    @Test func rReloadsFromScratchCancellingALoadInFlightAndAFailureIsShownWithNothingKept() {
        var store = loadedStore()
        store.send(.reports(.reloadRequested), effects: [.loadReportPage(from: nil, through: nil, startingAfter: nil)]) {
            $0.reports.pages.phase = .loading
            $0.reports.window = nil
            $0.reports.sessions = []
            $0.reports.report = nil
        }
        store.send(.reports(.reloadRequested),
                   effects: [.cancel(.reportsLoad), .loadReportPage(from: nil, through: nil, startingAfter: nil)])
        store.send(.reports(.pageLoaded(from: nil, through: end, startingAfter: nil, .failure(timedOut)))) {
            $0.reports.pages.phase = .failed(timedOut)
            $0.status.message = .error(.loadFailed(.sessions, timedOut, retry: .reportsReload))
        }
        // No Z report from a failed load, and r retries.
        store.send(.reports(.closeRequested)) {
            $0.status.message = .error(.reportFailedCannotClose)
        }
        store.send(.reports(.reloadRequested), effects: [.loadReportPage(from: nil, through: nil, startingAfter: nil)]) {
            $0.reports.pages.phase = .loading
        }
    }

    @Test func aZReportIsRefusedWhileTheReportLoads() {
        var store = Store()
        store.given(.paneSelected(.reports))
        store.send(.reports(.closeRequested)) {
            $0.status.message = .error(.reportStillLoading)
        }
        #expect(store.state.confirmation == nil)
        store.send(.reports(.expireAllRequested)) {
            $0.status.message = .error(.loadingReportFirst)
        }
    }

    @Test func zAsksWithTheWindowAndNetThenSavesAndTheNextShiftStartsWhereItEnded() {
        var store = loadedStore()
        let report = store.state.reports.report!
        store.send(.reports(.closeRequested)) { $0.confirmation = .closeShift(report, number: 1) }
        store.send(.confirmationAnswered(true), effects: [.closeShift(report)]) {
            $0.confirmation = nil
            $0.reports.isClosing = true
            $0.status.message = .info(.savingZReport)
        }
        // While it is being saved, z again only says so.
        store.send(.reports(.closeRequested)) { $0.status.message = .info(.zReportBeingSaved) }
        var log = ShiftLog()
        _ = try? log.close(report, at: end)
        store.send(.reports(.shiftClosed(.success(log))),
                   effects: [.loadReportPage(from: end, through: nil, startingAfter: nil)]) {
            reloading(&$0, log: log)
            $0.status.message = .info(.zReportSaved(number: 1, closedAt: log.openShiftStart))
        }
        // The new shift's window is empty so far.
        let later = end.addingTimeInterval(5)
        store.send(.reports(.pageLoaded(from: end, through: later, startingAfter: nil, page([])))) {
            $0.reports.window = ShiftWindow(start: end, end: later)
            $0.reports.pages.phase = .idle
            $0.reports.report = ShiftReport(window: ShiftWindow(start: end, end: later), figures: [])
        }
        store.send(.reports(.closeRequested)) {
            $0.confirmation = .closeShift(ShiftReport(window: ShiftWindow(start: end, end: later), figures: []), number: 2)
        }
    }

    @Test func aFailedSaveSavesNothingAndAnotherCloseOnDiskStartsTheOpenShiftAgain() {
        var store = loadedStore()
        let report = store.state.reports.report!
        store.given(.reports(.closeRequested), .confirmationAnswered(true))
        store.send(.reports(.shiftClosed(.failure(ShiftCloseFailure(message: "disk full"))))) {
            $0.reports.isClosing = false
            $0.status.message = .error(.zReportNotSaved(reason: "disk full"))
        }
        #expect(store.state.reports.report == report)
        // The shop store away: nothing closed, and the message says to try again when it is back.
        store.given(.reports(.closeRequested), .confirmationAnswered(true))
        store.send(.reports(.shiftClosed(.failure(ShiftCloseFailure(message: "connection refused", storeUnreachable: true))))) {
            $0.reports.isClosing = false
            $0.status.message = .error(.zReportStoreAway(reason: "connection refused"))
        }
        #expect(store.state.reports.report == report)
        // `till report close` came first: the file's log is taken and the open shift loaded again.
        store.given(.reports(.closeRequested), .confirmationAnswered(true))
        var onDisk = ShiftLog()
        _ = try? onDisk.close(ShiftReport(window: ShiftWindow(start: nil, end: t0), figures: []), at: t0)
        let refused = ShiftLogError.notTheOpenShift(expectedStart: t0, reportStart: nil)
        store.send(.reports(.shiftClosed(.failure(ShiftCloseFailure(message: refused.description, current: onDisk,
                                                                    refusal: refused)))),
                   effects: [.loadReportPage(from: t0, through: nil, startingAfter: nil)]) {
            reloading(&$0, log: onDisk)
            $0.status.message = .error(.zReportRefused(refused))
        }
    }

    @Test func xExpiresEveryOpenSessionAndTheFiguresFollowTheAnswers() {
        var store = loadedStore()
        var open = sale("cs_4", .open, 1000, at: 250)
        store.given(.reports(.reloadRequested),
                    .reports(.pageLoaded(from: nil, through: end, startingAfter: nil, page([shift[0], open] + shift.suffix(2)))))
        store.state.status = StatusLine()
        let before = store.state.reports.report!
        #expect(before.openSessionIds == ["cs_4", "cs_2"])
        store.send(.reports(.expireAllRequested)) { $0.confirmation = .expireSessions(ids: ["cs_4", "cs_2"]) }
        store.send(.confirmationAnswered(true), effects: [.expireSession(id: "cs_4"), .expireSession(id: "cs_2")]) {
            $0.confirmation = nil
            $0.status.message = .info(.expiringSessions(count: 2))
        }
        // The session feature's answer comes back here through its sessionUpdated delegate.
        open.status = .expired
        store.send(.session(.sessionExpired(id: "cs_4", .success(open)))) {
            $0.history.sessions = [open]
            $0.history.visible = [0]
            $0.reports.sessions[1] = open
            $0.reports.report?.openSessionIds = ["cs_2"]
            $0.reports.report?.figures[0].open = .init(count: 1, amount: 350)
            $0.reports.report?.figures[0].expired = .init(count: 2, amount: 1500)
        }
        store.send(.session(.sessionExpired(id: "cs_2", .failure(badRequest)))) {
            $0.status.message = .error(.sessionExpireFailed(badRequest))
        }
        #expect(store.state.reports.openSessions.map(\.id) == ["cs_2"])
    }

    @Test func aRefundMadeWhileTheReportIsShownComesOffItsNet() throws {
        var store = loadedStore()
        store.send(.refunds(.refundConfirmed(RefundChoice(sessionId: "cs_3", paymentIntentId: "pi_3", amount: gbp(700),
                                                          reason: .requestedByCustomer, lines: nil, idempotencyKey: "k9"))),
                   effects: [.recordRefund(.begin(RefundJournal.Entry(
                       idempotencyKey: "k9", sessionId: "cs_3", paymentIntentId: "pi_3", amount: gbp(700),
                       reason: .requestedByCustomer, lines: nil, state: .sent, created: t0))),
                             .createRefund(RefundJournal.Entry(
                       idempotencyKey: "k9", sessionId: "cs_3", paymentIntentId: "pi_3", amount: gbp(700),
                       reason: .requestedByCustomer, lines: nil, state: .sent, created: t0))]) {
            try? $0.refunds.journal.begin(RefundJournal.Entry(
                idempotencyKey: "k9", sessionId: "cs_3", paymentIntentId: "pi_3", amount: gbp(700),
                reason: .requestedByCustomer, lines: nil, state: .sent, created: t0))
            $0.refunds.sending = ["k9"]
            $0.status.message = .info(.refunding(gbp(700), sessionId: "cs_3"))
            $0.reports.report?.figures[0].unconfirmedRefunds = .init(count: 1, amount: 700)
        }
        #expect(store.state.reports.report?.figures(.gbp)?.net == 2500)
    }

    @Test func theSavedLogRestoredAtStartSetsWhereTheOpenShiftStarts() {
        var store = Store()
        var log = ShiftLog()
        _ = try? log.close(ShiftReport(window: ShiftWindow(start: nil, end: t0), figures: []), at: t0)
        store.send(.reports(.restored(log))) { $0.reports.log = log }
        store.send(.paneSelected(.reports), effects: [.loadReportPage(from: t0, through: nil, startingAfter: nil)]) {
            $0.focus = .reports
            $0.reports.hasRequested = true
            $0.reports.pages.phase = .loading
        }
        // A result lands even while a question is up.
        #expect(AppAction.reports(.restored(log)).isFromRuntime)
        #expect(AppAction.reports(.pageLoaded(from: nil, through: t0, startingAfter: nil, page([]))).isFromRuntime)
        #expect(AppAction.reports(.shiftClosed(.success(log))).isFromRuntime)
        #expect(!AppAction.reports(.closeRequested).isFromRuntime)
    }

    @Test func aSessionTheReportNeverListedIsLeftOut() {
        var state = ReportsState()
        expectFeature(&state, { ReportsFeature.reduce(into: &$0, action: .sessionUpdated(sale("cs_new", .open, 1, at: 9_000)),
                                                     context: .init(journal: RefundJournal())) })
        // A finished copy already known beats an open listed one.
        state.sessions = [sale("cs_1", .expired, 500, at: 0)]
        ReportsFeature.merge([sale("cs_1", .open, 500, at: 0), sale("cs_0", .open, 1, at: -1)], into: &state)
        #expect(state.sessions.map(\.status) == [.expired, .open])
    }
}
