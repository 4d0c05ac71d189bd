import Foundation
import Testing
@testable import TillCore

/// The shop store unreachable mid-sale: the till keeps its cart, says so, and the checkout it
/// already asked for waits for its draft to be saved (the runtime sends it then, by itself).
@Suite("When the store is away: the reducer")
struct StoreAwayReducerTests {
    let line = CartLine(price: coffeeLarge, productName: "Coffee", quantity: 2)
    let reason = "The shop store postgresql://till@shop-db:5432/till is not usable: cannot reach the PostgreSQL server at shop-db:5432"

    @Test func anUnreachableStoreIsSaidAndTheCheckoutIsShownWaitingThenTheReturnIsSaid() {
        var state = freshState()
        state.cart.cart = try! Cart(lines: [line])
        state.focus = .checkout
        var store = Store(state)
        let sent = CheckoutDraft(cart: try! Cart(lines: [line]), successURL: testSettings.successURL,
                                 cancelURL: testSettings.cancelURL, idempotencyKey: "k1").inFlight
        store.send(.checkout(.form(.submitted(freshID: "k1"))),
                   effects: [.saveDraft(sent), .createCheckoutSession(sent, idempotencyKey: "k1")]) {
            $0.checkout.idempotencyKey = "k1"
            $0.checkout.form.isSubmitting = true
        }
        store.send(.storeUnreachable(reason: reason)) {
            $0.storeAway = reason
            $0.status.message = .error(.storeUnreachable(reason: reason, .checkout))
        }
        // Enter again sends nothing: the one request waits in the runtime, never a second.
        store.send(.checkout(.form(.submitted(freshID: "k2"))))
        // The cart stays on screen.
        #expect(store.state.cart.cart == (try! Cart(lines: [line])))
        store.send(.storeReachable(saved: 1)) {
            $0.storeAway = nil
            $0.status.message = .info(.storeReachable(saved: 1))
        }
    }

    @Test func sellingGoesOnWhileTheStoreIsAway() {
        var store = Store()
        store.send(.storeUnreachable(reason: reason)) {
            $0.storeAway = reason
            $0.status.message = .error(.storeUnreachable(reason: reason, .selling))
        }
        store.send(.storeReachable(saved: 3)) {
            $0.storeAway = nil
            $0.status.message = .info(.storeReachable(saved: 3))
        }
    }

    @Test func quittingWhileTheStoreIsAwayAsksFirst() {
        var store = Store()
        store.given(.storeUnreachable(reason: reason))
        store.send(.quitRequested) { $0.confirmation = .quitWithStoreAway }
        store.send(.confirmationAnswered(false)) { $0.confirmation = nil }
        store.send(.quitRequested) { $0.confirmation = .quitWithStoreAway }
        store.send(.confirmationAnswered(true), effects: [.saveDraft(store.state.draft), .quit]) { $0.confirmation = nil }
        // Once it is back, quitting asks nothing.
        var back = Store()
        back.given(.storeUnreachable(reason: reason), .storeReachable(saved: 0))
        back.send(.quitRequested, effects: [.saveDraft(back.state.draft), .quit]) { _ in }
    }
}
