import Foundation
import Testing
@testable import TillCore

@Suite("Sessions reducer")
struct SessionsReducerTests {
    /// A session just created at checkout and being watched.
    func watching(_ watched: CheckoutSession = session("cs_1")) -> Store {
        var state = freshState()
        state.cart.cart = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        state.focus = .checkout
        var store = Store(state)
        store.given(.checkout(.form(.submitted(freshID: "k1"))), .checkout(.sessionCreated(.success(watched))))
        store.state.status = StatusLine()
        return store
    }

    let stopped: [Effect] = [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown))]

    @Test func pollingGoesOnWhileOpenAndStopsWhenPaid() {
        var store = watching()
        store.send(.session(.sessionPolled(id: "cs_1", .success(session("cs_1")))),
                   effects: [.pollSession(id: "cs_1", after: .seconds(3))])
        store.send(.session(.sessionPolled(id: "cs_1", .failure(timedOut))), effects: [.pollSession(id: "cs_1", after: .seconds(3))]) {
            $0.status.message = .error("Could not check the session: \(timedOut.description)")
        }
        store.send(.session(.sessionPolled(id: "cs_other", .success(session("cs_other")))))   // not the watched one
        let paid = session("cs_1", status: .complete, paid: .paid)
        store.send(.session(.sessionPolled(id: "cs_1", .success(paid))), effects: stopped) {
            $0.session.history = [paid]
            $0.session.isPolling = false
            $0.status.message = .info("Session cs_1 is paid.")
        }
        // A late poll after polling stopped changes nothing.
        store.send(.session(.sessionPolled(id: "cs_1", .success(session("cs_1")))))
        store.send(.session(.sessionPolled(id: "cs_1", .failure(timedOut))))
    }

    @Test("Polling stops with a message for every final state", arguments: [
        (CheckoutSession.Status.expired, CheckoutSession.PaymentStatus.unpaid, "Session cs_1 has expired."),
        (.complete, .noPaymentRequired, "Session cs_1 is complete."),
    ])
    func finalStates(status: CheckoutSession.Status, payment: CheckoutSession.PaymentStatus, message: String) {
        var store = watching()
        let final = session("cs_1", status: status, paid: payment)
        store.send(.session(.sessionPolled(id: "cs_1", .success(final))), effects: stopped) {
            $0.session.history = [final]
            $0.session.isPolling = false
            $0.status.message = .info(message)
        }
    }

    @Test func ticksDriveTheCountdownUntilExpiry() {
        var store = watching(session("cs_1", expiresIn: 10))
        store.send(.ticked(.sessionCountdown, now: t0.addingTimeInterval(0.25)),
                   effects: [.scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(1))]) {
            $0.now = t0.addingTimeInterval(0.25)
        }
        #expect(store.state.openSessionSecondsLeft == 10)
        store.send(.ticked(.sessionCountdown, now: t0.addingTimeInterval(9)),
                   effects: [.scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(10))]) {
            $0.now = t0.addingTimeInterval(9)
        }
        store.send(.ticked(.sessionCountdown, now: t0.addingTimeInterval(10))) { $0.now = t0.addingTimeInterval(10) }
        #expect(store.state.openSessionSecondsLeft == 0)
        #expect(Store().state.openSessionSecondsLeft == nil)
    }

    @Test("Next tick falls where the whole-second countdown changes", arguments: [
        (0.0, 10.0, 1.0), (0.25, 10.0, 1.0), (1.0, 10.0, 2.0), (9.5, 10.0, 10.0), (10.0, 10.0, 10.0), (12.0, 10.0, 12.0),
        (0.0, 10.5, 0.5), (0.6, 10.5, 1.5),
    ])
    func nextTick(now: Double, expires: Double, next: Double) {
        #expect(SessionFeature.nextTick(now: t0.addingTimeInterval(now), expiresAt: t0.addingTimeInterval(expires))
                == t0.addingTimeInterval(next))
    }

    @Test func secondsLeft() {
        #expect(SessionFeature.secondsLeft(now: t0, expiresAt: t0.addingTimeInterval(86_400)) == 86_400)
        #expect(SessionFeature.secondsLeft(now: t0, expiresAt: t0.addingTimeInterval(0.1)) == 1)
        #expect(SessionFeature.secondsLeft(now: t0, expiresAt: t0.addingTimeInterval(-5)) == 0)
    }

    @Test func aTickWithNothingWatchedOnlyMovesTheClock() {
        var store = Store()
        store.send(.ticked(.sessionCountdown, now: t0.addingTimeInterval(5))) { $0.now = t0.addingTimeInterval(5) }
    }

    @Test func expireAsksThenExpires() {
        var store = watching()
        store.send(.session(.expireRequested)) { $0.confirmation = .expireSession(id: "cs_1") }
        #expect(store.state.confirmation?.prompt == "Expire session cs_1? The customer can no longer pay. (y/n)")
        store.send(.confirmationAnswered(true), effects: [.expireSession(id: "cs_1")]) {
            $0.confirmation = nil
            $0.session.isExpiring = true
        }
        store.send(.session(.expireRequested))    // already expiring
        store.send(.session(.sessionExpired(id: "cs_1", .failure(badRequest)))) {
            $0.session.isExpiring = false
            $0.status.message = .error("Could not expire the session: \(badRequest.description)")
        }
        store.given(.session(.expireRequested), .confirmationAnswered(true))
        let expired = session("cs_1", status: .expired)
        store.send(.session(.sessionExpired(id: "cs_1", .success(expired))), effects: stopped) {
            $0.session.isExpiring = false
            $0.session.history = [expired]
            $0.session.isPolling = false
            $0.status.message = .info("Session cs_1 has expired.")
        }
        store.send(.session(.expireRequested)) {
            $0.status.message = .error("Only an open session can be expired; this one is expired.")
        }
    }

    @Test func refreshReloadsTheListAndFetchesTheOpenSession() {
        var store = watching()
        // The list asked for when the pane first showed is still loading: it is replaced.
        store.send(.session(.refreshRequested), effects: [.cancel(.sessionsLoad), .loadSessions(limit: 20),
                                                           .fetchSession(id: "cs_1")])
        var later = session("cs_1")
        later.amountTotal = 3000
        store.send(.session(.sessionFetched(id: "cs_1", .success(later)))) { $0.session.history = [later] }
        store.send(.session(.sessionFetched(id: "cs_1", .failure(timedOut)))) {
            $0.status.message = .error("Could not fetch the session: \(timedOut.description)")
        }
        let paid = session("cs_1", status: .complete, paid: .paid)
        store.send(.session(.sessionFetched(id: "cs_1", .success(paid))), effects: stopped) {
            $0.session.history = [paid]
            $0.session.isPolling = false
            $0.status.message = .info("Session cs_1 is paid.")
        }
    }

    @Test func copyTheURL() {
        var store = watching()
        store.send(.session(.urlCopyRequested), effects: [.copyToClipboard("https://checkout.example/pay/cs_1")]) {
            $0.status.message = .info("Copied the session URL.")
        }
        var noURL = watching(session("cs_1", url: nil))
        noURL.send(.session(.urlCopyRequested)) { $0.status.message = .error("This session has no URL.") }
    }

    @Test func withNoSessionOpen() {
        for action in [SessionAction.urlCopyRequested, .expireRequested] {
            var store = Store()
            store.send(.session(action)) { $0.status.message = .error("No session is open.") }
        }
        var store = Store()
        store.send(.session(.sessionOpened)) { $0.status.message = .error("No session selected.") }
        store.send(.session(.selectionMoved(.down)))
    }

    @Test func openingAnotherSessionFromHistorySwitchesThePolling() {
        var store = watching(session("cs_1"))
        store.given(.paneSelected(.cart))
        store.state.cart.cart = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        store.given(.paneSelected(.checkout), .checkout(.form(.submitted(freshID: "k2"))))
        let second = session("cs_2", expiresIn: 60)
        store.send(.checkout(.sessionCreated(.success(second))), effects: [
            .saveDraft(CheckoutDraft(cart: Cart(), successURL: testSettings.successURL, cancelURL: testSettings.cancelURL)),
            .cancel(.sessionPoll), .cancel(.tick(.sessionCountdown)),
            .pollSession(id: "cs_2", after: .seconds(3)),
            .scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(1)),
        ]) {
            $0.checkout.form.isSubmitting = false
            $0.checkout.idempotencyKey = nil
            $0.cart.cart = Cart()
            $0.status.message = .info("Checkout session created.")
            $0.focus = .session
            $0.session.history = [second, session("cs_1")]
            $0.session.openSessionId = "cs_2"
        }
        store.send(.session(.selectionMoved(.down))) { $0.session.selection = 1 }
        store.send(.session(.sessionOpened), effects: [
            .cancel(.sessionPoll), .cancel(.tick(.sessionCountdown)),
            .fetchSession(id: "cs_1"),
            .pollSession(id: "cs_1", after: .seconds(3)),
            .scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(1)),
        ]) {
            $0.session.openSessionId = "cs_1"
        }
        // Opening a finished session shows it without polling.
        let paid = session("cs_2", status: .complete, paid: .paid)
        store.send(.session(.sessionFetched(id: "cs_2", .success(paid)))) { $0.session.history[0] = paid }
        store.send(.session(.selectionMoved(.top))) { $0.session.selection = 0 }
        store.send(.session(.sessionOpened), effects: [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown)),
                                                        .fetchSession(id: "cs_2")]) {
            $0.session.openSessionId = "cs_2"
            $0.session.isPolling = false
        }
        store.send(.session(.sessionOpened), effects: [.fetchSession(id: "cs_2")])
    }

    // MARK: Recent sessions from WooshPay

    func listed(_ id: String, minutes: Double, status: CheckoutSession.Status = .open,
                paid: CheckoutSession.PaymentStatus = .unpaid) -> CheckoutSession {
        var listed = session(id, status: status, paid: paid)
        listed.created = t0.addingTimeInterval(60 * minutes)
        return listed
    }

    @Test func theFirstShowingLoadsRecentSessionsOnceAndRReloads() {
        var store = Store()
        store.send(.paneSelected(.session), effects: [.loadSessions(limit: 20)]) {
            $0.focus = .session
            $0.session.hasRequestedHistory = true
            $0.session.historyLoad = .loading
        }
        let page = Page(items: [listed("cs_b", minutes: -1), listed("cs_a", minutes: -5, status: .expired)], hasMore: true)
        store.send(.session(.sessionsLoaded(.success(page)))) {
            $0.session.history = page.items
            $0.session.historyLoad = .idle
        }
        store.send(.paneSelected(.products)) { $0.focus = .products }
        store.send(.paneSelected(.session)) { $0.focus = .session }
        // An answer nobody is waiting for is dropped.
        store.send(.session(.sessionsLoaded(.success(Page(items: [listed("cs_z", minutes: 0)], hasMore: false)))))
        store.send(.session(.sessionsLoaded(.failure(timedOut))))
        // r with no session open reloads the list; again while it loads replaces the load.
        store.send(.session(.refreshRequested), effects: [.loadSessions(limit: 20)]) { $0.session.historyLoad = .loading }
        store.send(.session(.refreshRequested), effects: [.cancel(.sessionsLoad), .loadSessions(limit: 20)])
        store.send(.session(.sessionsLoaded(.failure(timedOut)))) {
            $0.session.historyLoad = .failed(timedOut)
            $0.status.message = .error("Could not load recent sessions: WooshPay did not answer in time: no answer after 30 s. Press r to retry.")
        }
        // What was shown stays after a failure.
        #expect(store.state.session.history == page.items)
        store.send(.session(.refreshRequested), effects: [.loadSessions(limit: 20)]) { $0.session.historyLoad = .loading }
    }

    @Test func aPageMergesWithLocalSessionsNewestFirstWithoutDuplicates() {
        var store = watching()
        #expect(store.state.session.historyLoad == .loading)
        // The watched session is paid after the list was made: the list still says open.
        let paid = session("cs_1", status: .complete, paid: .paid)
        store.given(.session(.sessionPolled(id: "cs_1", .success(paid))))
        store.state.status = StatusLine()
        let newer = listed("cs_2", minutes: 1), older = listed("cs_0", minutes: -1, status: .expired)
        let page = Page(items: [newer, session("cs_1"), older, newer], hasMore: false)
        store.send(.session(.sessionsLoaded(.success(page)))) {
            $0.session.history = [newer, paid, older]
            $0.session.selection = 1           // still on cs_1
            $0.session.historyLoad = .idle
        }
        #expect(store.state.session.openSession == paid)
    }

    @Test func aListedCopyReplacesAnOlderLocalOneKeepingItsLineItems() {
        var local = session("cs_1")
        local.lineItems = [LineItem(id: "li_1", description: "Coffee", quantity: 2, currency: .gbp, unitAmount: 350,
                                    amountSubtotal: 700, amountTotal: 700, priceId: "price_1", productId: "prod_1")]
        var store = watching(local)
        // Opened earlier from an older page; not in the new one.
        let old = listed("cs_old", minutes: -600, status: .expired)
        store.state.session.history.append(old)
        var listedPaid = session("cs_1", status: .complete, paid: .paid)
        listedPaid.amountTotal = 700
        // It also shows the watched session paid, so watching stops without waiting for the next poll.
        store.send(.session(.sessionsLoaded(.success(Page(items: [listedPaid], hasMore: true)))), effects: stopped) {
            var merged = listedPaid
            merged.lineItems = local.lineItems
            $0.session.history = [merged, old]
            $0.session.historyLoad = .idle
            $0.session.isPolling = false
            $0.status.message = .info("Session cs_1 is paid.")
        }
    }

    @Test func enterOnAListedSessionFetchesItAndPollsItWhileOpen() {
        var store = Store()
        store.given(.paneSelected(.session))
        let open = listed("cs_2", minutes: -1), expired = listed("cs_1", minutes: -2, status: .expired)
        store.given(.session(.sessionsLoaded(.success(Page(items: [open, expired], hasMore: false)))))
        store.send(.session(.sessionOpened), effects: [
            .fetchSession(id: "cs_2"),
            .pollSession(id: "cs_2", after: .seconds(3)),
            .scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(1)),
        ]) {
            $0.session.openSessionId = "cs_2"
            $0.session.isPolling = true
        }
        store.send(.session(.selectionMoved(.down))) { $0.session.selection = 1 }
        store.send(.session(.sessionOpened), effects: [
            .cancel(.sessionPoll), .cancel(.tick(.sessionCountdown)), .fetchSession(id: "cs_1"),
        ]) {
            $0.session.openSessionId = "cs_1"
            $0.session.isPolling = false
        }
        // The fetch brings the fresh copy in place.
        var fresh = expired
        fresh.amountTotal = 999
        store.send(.session(.sessionFetched(id: "cs_1", .success(fresh)))) { $0.session.history[1] = fresh }
    }
}
