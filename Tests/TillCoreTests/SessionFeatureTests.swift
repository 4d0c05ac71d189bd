import Foundation
import Testing
@testable import TillCore

@Suite("Session reducer")
struct SessionFeatureTests {
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
    let finished: [Effect] = [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown)), .bell]

    @Test func aCreatedSessionIsShownWatchedAndInHistory() {
        let store = watching()
        #expect(store.state.focus == .session)
        #expect(store.state.session.open == session("cs_1"))
        #expect(store.state.session.isPolling)
        #expect(store.state.history.sessions == [session("cs_1")])
    }

    @Test func pollingGoesOnWhileOpenAndStopsWhenPaidWithABannerAndOneBell() {
        var store = watching()
        store.send(.session(.sessionPolled(id: "cs_1", .success(session("cs_1")))),
                   effects: [.pollSession(id: "cs_1", after: .seconds(3))])
        store.send(.session(.sessionPolled(id: "cs_1", .failure(timedOut))), effects: [.pollSession(id: "cs_1", after: .seconds(3))]) {
            $0.status.message = .error(.sessionCheckFailed(timedOut))
        }
        store.send(.session(.sessionPolled(id: "cs_other", .success(session("cs_other")))))   // not the watched one
        let paid = session("cs_1", status: .complete, paid: .paid)
        store.send(.session(.sessionPolled(id: "cs_1", .success(paid))), effects: finished) {
            $0.session.open = paid
            $0.session.isPolling = false
            $0.session.finishedAt = t0
            $0.history.sessions = [paid]
            $0.status.message = .info(.sessionFinished(id: "cs_1", .paid, total: gbp(2500), spoken: false))
        }
        #expect(store.state.session.outcome == .paid)
        // A late poll after polling stopped changes nothing, and never rings again.
        store.send(.session(.sessionPolled(id: "cs_1", .success(session("cs_1")))))
        store.send(.session(.sessionPolled(id: "cs_1", .failure(timedOut))))
    }

    @Test("Polling stops with a message for every final state", arguments: [
        (CheckoutSession.Status.expired, CheckoutSession.PaymentStatus.unpaid, Message.sessionFinished(id: "cs_1", .expired, total: gbp(2500), spoken: false), SessionOutcome?.some(.expired)),
        (.complete, .noPaymentRequired, .sessionFinished(id: "cs_1", .complete, total: gbp(2500), spoken: false), .some(.paid)),
    ])
    func finalStates(status: CheckoutSession.Status, payment: CheckoutSession.PaymentStatus, message: Message,
                     outcome: SessionOutcome?) {
        var store = watching()
        let final = session("cs_1", status: status, paid: payment)
        store.send(.session(.sessionPolled(id: "cs_1", .success(final))), effects: finished) {
            $0.session.open = final
            $0.session.isPolling = false
            $0.session.finishedAt = t0
            $0.history.sessions = [final]
            $0.status.message = .info(message)
        }
        #expect(store.state.session.outcome == outcome)
    }

    @Test func nextSaleGoesToTheProductsWithTheFilterClearedAndKeepsHistory() {
        var store = watching()
        let paid = session("cs_1", status: .complete, paid: .paid)
        store.given(.session(.sessionPolled(id: "cs_1", .success(paid))), .products(.filterStarted),
                    .products(.filterEdited(.inserted("co"))))
        store.state.focus = .session
        store.send(.session(.nextSaleRequested)) {
            $0.session = SessionState()
            $0.focus = .products
            $0.products.filter = TextFieldValue()
            $0.products.isFilterEditing = false
        }
        #expect(store.state.history.sessions == [paid])
        #expect(store.state.cart.cart.isEmpty)
    }

    @Test func nextSaleWhileStillOpenStopsWatching() {
        var store = watching()
        store.send(.session(.nextSaleRequested), effects: stopped) {
            $0.session = SessionState()
            $0.focus = .products
        }
    }

    @Test func theQRCodeGoesFullScreenAndBack() {
        var store = watching()
        store.send(.session(.qrToggled)) { $0.session.isQRFullScreen = true }
        store.send(.session(.qrClosed)) { $0.session.isQRFullScreen = false }
        store.send(.session(.qrToggled)) { $0.session.isQRFullScreen = true }
        store.send(.session(.qrToggled)) { $0.session.isQRFullScreen = false }
        var noURL = watching(session("cs_1", url: nil))
        noURL.send(.session(.qrToggled)) { $0.status.message = .error(.sessionHasNoURLForQR) }
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
        store.send(.confirmationAnswered(true), effects: [.expireSession(id: "cs_1")]) {
            $0.confirmation = nil
            $0.session.isExpiring = true
        }
        store.send(.session(.expireRequested))    // already expiring
        store.send(.session(.sessionExpired(id: "cs_1", .failure(badRequest)))) {
            $0.session.isExpiring = false
            $0.status.message = .error(.sessionExpireFailed(badRequest))
        }
        store.given(.session(.expireRequested), .confirmationAnswered(true))
        let expired = session("cs_1", status: .expired)
        store.send(.session(.sessionExpired(id: "cs_1", .success(expired))), effects: finished) {
            $0.session.isExpiring = false
            $0.session.open = expired
            $0.session.isPolling = false
            $0.session.finishedAt = t0
            $0.history.sessions = [expired]
            $0.status.message = .info(.sessionFinished(id: "cs_1", .expired, total: gbp(2500), spoken: false))
        }
        store.send(.session(.expireRequested)) {
            $0.status.message = .error(.onlyOpenSessionExpires(.expired))
        }
    }

    @Test func refreshFetchesTheShownSession() {
        var store = watching()
        store.send(.session(.refreshRequested), effects: [.fetchSession(id: "cs_1")])
        var later = session("cs_1")
        later.amountTotal = 3000
        store.send(.session(.sessionFetched(id: "cs_1", .success(later)))) {
            $0.session.open = later
            $0.history.sessions = [later]
        }
        store.send(.session(.sessionFetched(id: "cs_1", .failure(timedOut)))) {
            $0.status.message = .error(.sessionFetchFailed(timedOut))
        }
        let paid = session("cs_1", status: .complete, paid: .paid)
        store.send(.session(.sessionFetched(id: "cs_1", .success(paid))), effects: finished) {
            $0.session.open = paid
            $0.session.isPolling = false
            $0.session.finishedAt = t0
            $0.history.sessions = [paid]
            $0.status.message = .info(.sessionFinished(id: "cs_1", .paid, total: gbp(2500), spoken: false))
        }
    }

    @Test func copyTheURL() {
        var store = watching()
        store.send(.session(.urlCopyRequested), effects: [.copyToClipboard("https://checkout.example/pay/cs_1")]) {
            $0.status.message = .info(.sessionURLCopied)
        }
        var noURL = watching(session("cs_1", url: nil))
        noURL.send(.session(.urlCopyRequested)) { $0.status.message = .error(.sessionHasNoURL) }
    }

    @Test func withNoSessionOpen() {
        for action in [SessionAction.urlCopyRequested, .expireRequested, .refreshRequested, .qrToggled] {
            var store = Store()
            store.send(.session(action)) { $0.status.message = .error(.noSessionOpen) }
        }
    }

    @Test func anotherSessionCreatedSwitchesThePolling() {
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
            $0.focus = .session
            $0.cart.cart = Cart()
            $0.checkout.form.isSubmitting = false
            $0.checkout.idempotencyKey = nil
            $0.session.open = second
            $0.history.sessions = [second, session("cs_1")].sorted { $0.id > $1.id }
            $0.history.visible = [0, 1]
            $0.history.selection = 1      // still on the row it was on
            $0.status.message = .info(.checkoutCreated)
            $0.cartHistory.record(.barrier(.checkoutCannotBeUndone))
        }
    }
}
