import Foundation
import Testing
@testable import TillCore

@Suite("Checkout reducer")
struct CheckoutFeatureTests {
    let line = CartLine(price: coffeeLarge, productName: "Coffee", quantity: 2)

    func atCheckout() -> Store {
        var state = freshState()
        state.cart.cart = try! Cart(lines: [line])
        state.focus = .checkout
        return Store(state)
    }

    func draft(key: String?, success: String = testSettings.successURL, cart: [CartLine]? = nil) -> CheckoutDraft {
        CheckoutDraft(cart: try! Cart(lines: cart ?? [line]), successURL: success, cancelURL: testSettings.cancelURL,
                      idempotencyKey: key)
    }

    @Test func theFormIsPrefilledFromSettings() {
        let state = freshState()
        #expect(state.checkout.form[.successURL].text == "http://127.0.0.1:4242/sandbox/success")
        #expect(state.checkout.form[.cancelURL].text == "http://127.0.0.1:4242/sandbox/cancel")
        #expect(state.checkout.form.focus == .successURL)
        #expect(state.checkout.idempotencyKey == nil)
        #expect(state.draft == CheckoutDraft(cart: Cart(), successURL: testSettings.successURL, cancelURL: testSettings.cancelURL))
    }

    @Test func submitValidatesThenSendsWithAFreshKey() {
        var store = atCheckout()
        store.send(.checkout(.form(.edited(.deletedToStart)))) { $0.checkout.form[.successURL] = TextFieldValue("") }
        store.send(.checkout(.form(.submitted(freshID: "k1")))) {
            $0.checkout.form.refuse(.draftRefused(.missingURL(.success)), at: .successURL)
        }
        store.send(.checkout(.form(.edited(.inserted("shop.example/ok"))))) {
            $0.checkout.form[.successURL] = TextFieldValue("shop.example/ok")
            $0.checkout.form.message = nil
            $0.checkout.form.invalidField = nil
        }
        store.send(.checkout(.form(.focusMovedNext))) { $0.checkout.form.focus = .cancelURL }
        store.send(.checkout(.form(.submitted(freshID: "k1")))) {
            $0.checkout.form.refuse(.draftRefused(.notAbsoluteURL(.success, "shop.example/ok")), at: .successURL)
        }
        store.send(.checkout(.form(.edited(.cursorMovedToStart)))) { $0.checkout.form[.successURL] = TextFieldValue("shop.example/ok").applying(.cursorMovedToStart) }
        store.send(.checkout(.form(.edited(.inserted("https://"))))) {
            var field = TextFieldValue("shop.example/ok").applying(.cursorMovedToStart)
            field.apply(.inserted("https://"))
            $0.checkout.form[.successURL] = field
            $0.checkout.form.message = nil
            $0.checkout.form.invalidField = nil
        }
        let sent = draft(key: "k1", success: "https://shop.example/ok")
        store.send(.checkout(.form(.submitted(freshID: "k1"))), effects: [.saveDraft(sent.inFlight), .createCheckoutSession(sent.inFlight, idempotencyKey: "k1")]) {
            $0.checkout.idempotencyKey = "k1"
            $0.checkout.form.isSubmitting = true
        }
        #expect(store.state.checkout.isSubmitting)
        // While it runs: Enter and typing do nothing, moving around works.
        store.send(.checkout(.form(.submitted(freshID: "k2"))))
        store.send(.checkout(.form(.edited(.inserted("x")))))
        store.send(.checkout(.form(.focusMovedPrevious))) { $0.checkout.form.focus = .cancelURL }
        store.send(.paneSelected(.products)) { $0.focus = .products }
        store.send(.paneSelected(.checkout)) { $0.focus = .checkout }
    }

    @Test func anEmptyCartCannotCheckOut() {
        var store = atCheckout()
        store.state.cart.cart = Cart()
        store.send(.checkout(.form(.submitted(freshID: "k1")))) {
            $0.checkout.form.refuse(.draftRefused(.emptyCart), at: nil)
        }
    }

    @Test func aFailureKeepsEverythingAndTheRetryReusesTheKey() {
        var store = atCheckout()
        store.given(.checkout(.form(.submitted(freshID: "k1"))))
        store.send(.checkout(.sessionCreated(.failure(timedOut)))) {
            $0.checkout.form.isSubmitting = false
            $0.checkout.form.message = .requestFailed(timedOut, keyed: true)
            $0.status.message = .error(.checkoutFailed(timedOut))
        }
        let sent = draft(key: "k1")
        store.send(.checkout(.form(.submitted(freshID: "k2"))), effects: [.saveDraft(sent.inFlight), .createCheckoutSession(sent.inFlight, idempotencyKey: "k1")]) {
            $0.checkout.form.isSubmitting = true
            $0.checkout.form.message = nil
        }
        store.send(.checkout(.sessionCreated(.failure(badRequest)))) {
            $0.checkout.form.isSubmitting = false
            $0.checkout.form.message = .requestFailed(badRequest, keyed: true)
            $0.status.message = .error(.checkoutFailed(badRequest))
        }
        // Editing a URL changes the request: the key is dropped and the next submit mints a new one.
        store.send(.checkout(.form(.edited(.inserted("/"))))) {
            $0.checkout.form[.successURL] = TextFieldValue(testSettings.successURL + "/")
            $0.checkout.form.message = nil
            $0.checkout.idempotencyKey = nil
        }
        let changed = draft(key: "k3", success: testSettings.successURL + "/")
        store.send(.checkout(.form(.submitted(freshID: "k3"))), effects: [.saveDraft(changed.inFlight), .createCheckoutSession(changed.inFlight, idempotencyKey: "k3")]) {
            $0.checkout.idempotencyKey = "k3"
            $0.checkout.form.isSubmitting = true
        }
    }

    @Test func successOpensTheSessionAndEmptiesTheCart() {
        var store = atCheckout()
        store.given(.checkout(.form(.submitted(freshID: "k1"))))
        let created = session("cs_1", expiresIn: 86_400)
        store.send(.checkout(.sessionCreated(.success(created))), effects: [
            .saveDraft(CheckoutDraft(cart: Cart(), successURL: testSettings.successURL, cancelURL: testSettings.cancelURL)),
            .pollSession(id: "cs_1", after: .seconds(3)),
            .scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(1)),
        ]) {
            $0.checkout.form.isSubmitting = false
            $0.checkout.idempotencyKey = nil
            $0.cart.cart = Cart()
            $0.status.message = .info(.checkoutCreated)
            $0.focus = .session
            $0.session.open = created
            $0.session.isPolling = true
            $0.history.sessions = [created]
            $0.history.visible = [0]
            $0.cartHistory.record(.barrier(.checkoutCannotBeUndone))
        }
        #expect(store.state.session.open == created)
    }

    @Test func escGoesBackToTheCart() {
        var store = atCheckout()
        store.send(.checkout(.form(.cancelled))) { $0.focus = .cart }
    }

    @Test func aRestoredDraftBringsBackCartURLsAndKey() {
        var store = Store()
        let saved = CheckoutDraft(cart: try! Cart(lines: [line]), successURL: "https://shop.example/ok",
                                  cancelURL: "https://shop.example/no", idempotencyKey: "k9")
        store.send(.draftRestored(saved)) {
            $0.cart.cart = saved.cart
            $0.checkout.form = FormState([.successURL: "https://shop.example/ok", .cancelURL: "https://shop.example/no"])
            $0.checkout.idempotencyKey = "k9"
        }
        #expect(store.state.draft == saved)
        store.send(.draftRestored(CheckoutDraft(cart: Cart(), successURL: "", cancelURL: ""))) {
            $0.cart.cart = Cart()
            $0.checkout.form = FormState([.successURL: testSettings.successURL, .cancelURL: testSettings.cancelURL])
            $0.checkout.idempotencyKey = nil
        }
    }

    // MARK: Live keys ask first

    func live(_ store: Store) -> Store {
        var store = store
        store.state.environment = EnvironmentInfo(mode: .live, apiHost: "api.wooshpay.com")
        return store
    }

    @Test func aLiveKeyAsksWithLIVEAndTheTotalBeforeSending() {
        var store = live(atCheckout())
        let before = store.state
        store.send(.checkout(.form(.submitted(freshID: "k1")))) { $0.confirmation = .liveCheckout(total: gbp(700), freshID: "k1") }
        // While it asks, keys other than the answer do nothing.
        store.send(.checkout(.form(.edited(.inserted("x")))))
        store.send(.checkout(.form(.submitted(freshID: "k2"))))
        store.send(.paneSelected(.cart))
        // No: back to the form exactly as it was, nothing sent.
        store.send(.confirmationAnswered(false)) { $0.confirmation = nil }
        #expect(store.state == before)
        // Asked again, yes: sent exactly as without the question, with the key of the confirmed press.
        store.send(.checkout(.form(.submitted(freshID: "k3")))) { $0.confirmation = .liveCheckout(total: gbp(700), freshID: "k3") }
        let sent = draft(key: "k3")
        store.send(.confirmationAnswered(true), effects: [.saveDraft(sent.inFlight), .createCheckoutSession(sent.inFlight, idempotencyKey: "k3")]) {
            $0.confirmation = nil
            $0.checkout.idempotencyKey = "k3"
            $0.checkout.form.isSubmitting = true
        }
    }

    @Test func aLiveRetryAsksAgainAndReusesTheKeptKey() {
        var store = live(atCheckout())
        store.given(.checkout(.form(.submitted(freshID: "k1"))), .confirmationAnswered(true),
                    .checkout(.sessionCreated(.failure(timedOut))))
        #expect(store.state.checkout.idempotencyKey == "k1")
        store.send(.checkout(.form(.submitted(freshID: "k2")))) { $0.confirmation = .liveCheckout(total: gbp(700), freshID: "k2") }
        let sent = draft(key: "k1")
        store.send(.confirmationAnswered(true), effects: [.saveDraft(sent.inFlight), .createCheckoutSession(sent.inFlight, idempotencyKey: "k1")]) {
            $0.confirmation = nil
            $0.checkout.form.isSubmitting = true
            $0.checkout.form.message = nil
        }
        // While it is being created, Enter asks nothing.
        store.send(.checkout(.form(.submitted(freshID: "k4"))))
    }

    @Test func aLiveKeyStillValidatesBeforeAsking() {
        var store = live(atCheckout())
        store.send(.checkout(.form(.edited(.deletedToStart)))) { $0.checkout.form[.successURL] = TextFieldValue("") }
        store.send(.checkout(.form(.submitted(freshID: "k1")))) {
            $0.checkout.form.refuse(.draftRefused(.missingURL(.success)), at: .successURL)
        }
        store.state.cart.cart = Cart()
        store.send(.checkout(.form(.submitted(freshID: "k1")))) {
            $0.checkout.form.refuse(.draftRefused(.emptyCart), at: nil)
        }
    }

    @Test("Sandbox and test keys send at once", arguments: [EnvironmentInfo.Mode.sandbox, .test])
    func noQuestionWithoutALiveKey(mode: EnvironmentInfo.Mode) {
        var store = atCheckout()
        store.state.environment = EnvironmentInfo(mode: mode, apiHost: "127.0.0.1:4242")
        let sent = draft(key: "k1")
        store.send(.checkout(.form(.submitted(freshID: "k1"))), effects: [.saveDraft(sent.inFlight), .createCheckoutSession(sent.inFlight, idempotencyKey: "k1")]) {
            $0.checkout.idempotencyKey = "k1"
            $0.checkout.form.isSubmitting = true
        }
    }
}
