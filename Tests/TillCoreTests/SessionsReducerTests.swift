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
        store.given(.form(.submitted(freshID: "k1")), .checkout(.sessionCreated(.success(watched))))
        store.state.status = StatusLine()
        return store
    }

    let stopped: [Effect] = [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown))]

    @Test func pollingGoesOnWhileOpenAndStopsWhenPaid() {
        var store = watching()
        store.send(.sessions(.sessionPolled(id: "cs_1", .success(session("cs_1")))),
                   effects: [.pollSession(id: "cs_1", after: .seconds(3))])
        store.send(.sessions(.sessionPolled(id: "cs_1", .failure(timedOut))), effects: [.pollSession(id: "cs_1", after: .seconds(3))]) {
            $0.status.message = .error("Could not check the session: \(timedOut.description)")
        }
        store.send(.sessions(.sessionPolled(id: "cs_other", .success(session("cs_other")))))   // not the watched one
        let paid = session("cs_1", status: .complete, paid: .paid)
        store.send(.sessions(.sessionPolled(id: "cs_1", .success(paid))), effects: stopped) {
            $0.sessions.history = [paid]
            $0.sessions.isPolling = false
            $0.status.message = .info("Session cs_1 is paid.")
        }
        // A late poll after polling stopped changes nothing.
        store.send(.sessions(.sessionPolled(id: "cs_1", .success(session("cs_1")))))
        store.send(.sessions(.sessionPolled(id: "cs_1", .failure(timedOut))))
    }

    @Test("Polling stops with a message for every final state", arguments: [
        (CheckoutSession.Status.expired, CheckoutSession.PaymentStatus.unpaid, "Session cs_1 has expired."),
        (.complete, .noPaymentRequired, "Session cs_1 is complete."),
    ])
    func finalStates(status: CheckoutSession.Status, payment: CheckoutSession.PaymentStatus, message: String) {
        var store = watching()
        let final = session("cs_1", status: status, paid: payment)
        store.send(.sessions(.sessionPolled(id: "cs_1", .success(final))), effects: stopped) {
            $0.sessions.history = [final]
            $0.sessions.isPolling = false
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
        #expect(SessionsFeature.nextTick(now: t0.addingTimeInterval(now), expiresAt: t0.addingTimeInterval(expires))
                == t0.addingTimeInterval(next))
    }

    @Test func secondsLeft() {
        #expect(SessionsFeature.secondsLeft(now: t0, expiresAt: t0.addingTimeInterval(86_400)) == 86_400)
        #expect(SessionsFeature.secondsLeft(now: t0, expiresAt: t0.addingTimeInterval(0.1)) == 1)
        #expect(SessionsFeature.secondsLeft(now: t0, expiresAt: t0.addingTimeInterval(-5)) == 0)
    }

    @Test func aTickWithNothingWatchedOnlyMovesTheClock() {
        var store = Store()
        store.send(.ticked(.sessionCountdown, now: t0.addingTimeInterval(5))) { $0.now = t0.addingTimeInterval(5) }
    }

    @Test func expireAsksThenExpires() {
        var store = watching()
        store.send(.sessions(.expireRequested)) { $0.confirmation = .expireSession(id: "cs_1") }
        #expect(store.state.confirmation?.prompt == "Expire session cs_1? The customer can no longer pay. (y/n)")
        store.send(.confirmationAnswered(true), effects: [.expireSession(id: "cs_1")]) {
            $0.confirmation = nil
            $0.sessions.isExpiring = true
        }
        store.send(.sessions(.expireRequested))    // already expiring
        store.send(.sessions(.sessionExpired(id: "cs_1", .failure(badRequest)))) {
            $0.sessions.isExpiring = false
            $0.status.message = .error("Could not expire the session: \(badRequest.description)")
        }
        store.given(.sessions(.expireRequested), .confirmationAnswered(true))
        let expired = session("cs_1", status: .expired)
        store.send(.sessions(.sessionExpired(id: "cs_1", .success(expired))), effects: stopped) {
            $0.sessions.isExpiring = false
            $0.sessions.history = [expired]
            $0.sessions.isPolling = false
            $0.status.message = .info("Session cs_1 has expired.")
        }
        store.send(.sessions(.expireRequested)) {
            $0.status.message = .error("Only an open session can be expired; this one is expired.")
        }
    }

    @Test func refreshFetchesNow() {
        var store = watching()
        store.send(.sessions(.refreshRequested), effects: [.fetchSession(id: "cs_1")])
        var later = session("cs_1")
        later.amountTotal = 3000
        store.send(.sessions(.sessionFetched(id: "cs_1", .success(later)))) { $0.sessions.history = [later] }
        store.send(.sessions(.sessionFetched(id: "cs_1", .failure(timedOut)))) {
            $0.status.message = .error("Could not fetch the session: \(timedOut.description)")
        }
        let paid = session("cs_1", status: .complete, paid: .paid)
        store.send(.sessions(.sessionFetched(id: "cs_1", .success(paid))), effects: stopped) {
            $0.sessions.history = [paid]
            $0.sessions.isPolling = false
            $0.status.message = .info("Session cs_1 is paid.")
        }
    }

    @Test func copyTheURL() {
        var store = watching()
        store.send(.sessions(.urlCopyRequested), effects: [.copyToClipboard("https://checkout.example/pay/cs_1")]) {
            $0.status.message = .info("Copied the session URL.")
        }
        var noURL = watching(session("cs_1", url: nil))
        noURL.send(.sessions(.urlCopyRequested)) { $0.status.message = .error("This session has no URL.") }
    }

    @Test func withNoSessionOpen() {
        for action in [SessionsAction.urlCopyRequested, .expireRequested, .refreshRequested] {
            var store = Store()
            store.send(.sessions(action)) { $0.status.message = .error("No session is open.") }
        }
        var store = Store()
        store.send(.sessions(.sessionOpened)) { $0.status.message = .error("No session selected.") }
        store.send(.sessions(.selectionMoved(.down)))
    }

    @Test func openingAnotherSessionFromHistorySwitchesThePolling() {
        var store = watching(session("cs_1"))
        store.given(.paneSelected(.cart))
        store.state.cart.cart = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        store.given(.paneSelected(.checkout), .form(.submitted(freshID: "k2")))
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
            $0.status.progress = nil
            $0.status.message = .info("Checkout session created.")
            $0.focus = .session
            $0.sessions.history = [second, session("cs_1")]
            $0.sessions.openSessionId = "cs_2"
        }
        store.send(.sessions(.selectionMoved(.down))) { $0.sessions.selection = 1 }
        store.send(.sessions(.sessionOpened), effects: [
            .cancel(.sessionPoll), .cancel(.tick(.sessionCountdown)),
            .pollSession(id: "cs_1", after: .seconds(3)),
            .scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(1)),
        ]) {
            $0.sessions.openSessionId = "cs_1"
        }
        // Opening a finished session shows it without polling.
        let paid = session("cs_2", status: .complete, paid: .paid)
        store.send(.sessions(.sessionFetched(id: "cs_2", .success(paid)))) { $0.sessions.history[0] = paid }
        store.send(.sessions(.selectionMoved(.top))) { $0.sessions.selection = 0 }
        store.send(.sessions(.sessionOpened), effects: [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown))]) {
            $0.sessions.openSessionId = "cs_2"
            $0.sessions.isPolling = false
        }
        store.send(.sessions(.sessionOpened))
    }
}
