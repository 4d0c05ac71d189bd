import Foundation
import Testing
@testable import TillCore

@Suite("Cart reducer")
struct CartFeatureTests {
    let large = CartLine(price: coffeeLarge, productName: "Coffee", quantity: 2)
    let small = CartLine(price: coffeeSmall, productName: "Coffee", quantity: 1)

    func store(_ lines: [CartLine]) -> Store {
        var state = freshState()
        state.cart.cart = try! Cart(lines: lines)
        state.focus = .cart
        return Store(state)
    }

    func saved(_ lines: [CartLine], key: String? = nil) -> Effect {
        .saveDraft(CheckoutDraft(cart: try! Cart(lines: lines), successURL: testSettings.successURL,
                                 cancelURL: testSettings.cancelURL, idempotencyKey: key))
    }

    @Test func quantityUpAndDown() {
        var store = store([large, small])
        store.state.checkout.idempotencyKey = "old"
        var three = large
        three.quantity = 3
        store.send(.cart(.quantityIncreased), effects: [saved([three, small])]) {
            $0.cart.cart = try! Cart(lines: [three, small])
            $0.checkout.idempotencyKey = nil      // the request changed: a new key next time
            $0.cartHistory.record(.cart(try! Cart(lines: [large, small]), what: .quantityChange))
        }
        store.send(.cart(.quantityDecreased), effects: [saved([large, small])]) {
            $0.cart.cart = try! Cart(lines: [large, small])
            $0.cartHistory.record(.cart(try! Cart(lines: [three, small]), what: .quantityChange))
        }
        store.send(.cart(.selectionMoved(.down))) { $0.cart.selection = 1 }
        store.send(.cart(.quantityDecreased)) {
            $0.status.message = .error(.quantityAlreadyOne)
        }
        var most = small
        most.quantity = 999
        store.state.cart.cart = try! Cart(lines: [large, most])
        store.send(.cart(.quantityIncreased)) { $0.status.message = .error(.cartRefused(.quantityOutOfRange(1000))) }
    }

    @Test func removeALineAndTheLastOneAsksFirst() {
        var store = store([large, small])
        store.send(.cart(.selectionMoved(.bottom))) { $0.cart.selection = 1 }
        store.send(.cart(.removeRequested), effects: [saved([large])]) {
            $0.cart.cart = try! Cart(lines: [large])
            $0.cart.selection = 0
            $0.cartHistory.record(.cart(try! Cart(lines: [large, small]), what: .remove(name: nil)))
        }
        store.send(.cart(.removeRequested)) { $0.confirmation = .removeLastCartLine(name: "Coffee · Large") }
        store.send(.confirmationAnswered(false)) { $0.confirmation = nil }
        store.given(.cart(.removeRequested))
        store.send(.confirmationAnswered(true), effects: [saved([])]) {
            $0.confirmation = nil
            $0.cart.cart = Cart()
            $0.cartHistory.record(.cart(try! Cart(lines: [large]), what: .remove(name: "Coffee · Large")))
        }
        for action in [CartAction.removeRequested, .quantityIncreased, .quantityDecreased] {
            store.send(.cart(action)) { $0.status.message = .error(.cartEmpty) }
        }
    }

    @Test func selectionMoves() {
        var store = store([large, small])
        store.send(.cart(.selectionMoved(.pageDown(rows: 5)))) { $0.cart.selection = 1 }
        store.send(.cart(.selectionMoved(.top))) { $0.cart.selection = 0 }
    }

    @Test func oneOffItems() {
        var store = store([large])
        let blank = FormState<OneOffField>([.currency: "GBP", .quantity: "1"], focus: .name)
        store.send(.cart(.oneOffItemRequested)) { $0.cart.oneOffForm = blank }
        #expect(store.state.activeForm == .oneOff(blank))
        store.send(.cart(.oneOffForm(.submitted(freshID: "unused")))) { $0.cart.oneOffForm?.refuse(.nameProblem(.empty(.item)), at: .name) }
        store.send(.cart(.oneOffForm(.edited(.inserted("Gift wrap"))))) {
            $0.cart.oneOffForm?[.name] = TextFieldValue("Gift wrap")
            $0.cart.oneOffForm?.message = nil
            $0.cart.oneOffForm?.invalidField = nil
        }
        store.send(.cart(.oneOffForm(.submitted(freshID: "unused")))) { $0.cart.oneOffForm?.refuse(.amountRefused(.empty), at: .amount) }
        store.send(.cart(.oneOffForm(.edited(.inserted("1,99"))))) {
            $0.cart.oneOffForm?[.amount] = TextFieldValue("1,99")
            $0.cart.oneOffForm?.message = nil
            $0.cart.oneOffForm?.invalidField = nil
        }
        store.send(.cart(.oneOffForm(.submitted(freshID: "unused")))) {
            $0.cart.oneOffForm?.refuse(.amountRefused(.misplacedSeparator("1,99")), at: .amount)
        }
        store.send(.cart(.oneOffForm(.edited(.deletedToStart)))) {
            $0.cart.oneOffForm?[.amount] = TextFieldValue("")
            $0.cart.oneOffForm?.message = nil
            $0.cart.oneOffForm?.invalidField = nil
        }
        store.send(.cart(.oneOffForm(.edited(.inserted("1.99"))))) { $0.cart.oneOffForm?[.amount] = TextFieldValue("1.99") }
        store.send(.cart(.oneOffForm(.focusMovedNext))) { $0.cart.oneOffForm?.focus = .currency }
        store.send(.cart(.oneOffForm(.edited(.inserted("x"))))) { $0.cart.oneOffForm?[.currency] = TextFieldValue("GBPx") }
        store.send(.cart(.oneOffForm(.submitted(freshID: "unused")))) {
            $0.cart.oneOffForm?.refuse(.currencyRefused(.unknown("GBPx")), at: .currency)
        }
        store.send(.cart(.oneOffForm(.edited(.deletedBackward)))) {
            $0.cart.oneOffForm?[.currency] = TextFieldValue("GBP")
            $0.cart.oneOffForm?.message = nil
            $0.cart.oneOffForm?.invalidField = nil
        }
        store.send(.cart(.oneOffForm(.edited(.deletedToStart)))) { $0.cart.oneOffForm?[.currency] = TextFieldValue("") }
        store.send(.cart(.oneOffForm(.edited(.inserted("EUR"))))) { $0.cart.oneOffForm?[.currency] = TextFieldValue("EUR") }
        store.send(.cart(.oneOffForm(.submitted(freshID: "unused")))) {
            $0.cart.oneOffForm?.refuse(.cartRefused(.currencyMismatch(cart: .gbp, item: .eur)), at: .currency)
        }
        store.send(.cart(.oneOffForm(.edited(.deletedToStart)))) {
            $0.cart.oneOffForm?[.currency] = TextFieldValue("")
            $0.cart.oneOffForm?.message = nil
            $0.cart.oneOffForm?.invalidField = nil
        }
        store.send(.cart(.oneOffForm(.edited(.inserted("gbp"))))) { $0.cart.oneOffForm?[.currency] = TextFieldValue("gbp") }
        store.send(.cart(.oneOffForm(.focusMovedNext))) { $0.cart.oneOffForm?.focus = .quantity }
        for (typed, message) in [("0", Message.cartRefused(.quantityOutOfRange(0))),
                                 ("1000", .cartRefused(.quantityOutOfRange(1000))),
                                 ("two", .quantityNotWhole),
                                 ("-3", .quantityNotWhole),
                                 ("9999999999999", .quantityNotWhole)] {
            store.given(.cart(.oneOffForm(.edited(.deletedToStart))), .cart(.oneOffForm(.edited(.cursorMovedToEnd))), .cart(.oneOffForm(.edited(.deletedToStart))))
            store.given(.cart(.oneOffForm(.edited(.inserted(typed)))))
            store.send(.cart(.oneOffForm(.submitted(freshID: "unused")))) { $0.cart.oneOffForm?.refuse(message, at: .quantity) }
        }
        store.given(.cart(.oneOffForm(.edited(.cursorMovedToEnd))), .cart(.oneOffForm(.edited(.deletedToStart))), .cart(.oneOffForm(.edited(.inserted("3")))))
        let gift = CartLine(item: .oneOff(name: "Gift wrap"), unitAmount: gbp(199), quantity: 3)
        store.send(.cart(.oneOffForm(.submitted(freshID: "unused"))), effects: [saved([large, gift])]) {
            $0.cart.oneOffForm = nil
            $0.cart.cart = try! Cart(lines: [large, gift])
            $0.cart.selection = 1
            $0.status.message = .info(.addedToCart(name: "Gift wrap", quantity: 3))
            $0.cartHistory.record(.cart(try! Cart(lines: [large]), what: .addOneOff))
        }
        store.given(.cart(.oneOffItemRequested))
        store.send(.cart(.oneOffForm(.cancelled))) { $0.cart.oneOffForm = nil }
    }

    @Test func anEmptyCartOffersTheDefaultCurrency() {
        var state = freshState()
        state.settings.defaultCurrency = .jpy
        state.focus = .cart
        var store = Store(state)
        store.send(.cart(.oneOffItemRequested)) {
            $0.cart.oneOffForm = FormState([.currency: "JPY", .quantity: "1"], focus: .name)
        }
    }

    @Test func checkoutNeedsItems() {
        var empty = store([])
        empty.send(.cart(.checkoutRequested)) {
            $0.status.message = .error(.draftRefused(.emptyCart))
        }
        var full = store([large])
        full.send(.cart(.checkoutRequested)) { $0.focus = .checkout }
        #expect(full.state.activeForm == .checkout(full.state.checkout.form))
    }

    @Test func theCartIsLockedWhileACheckoutIsBeingCreated() {
        var store = store([large, small])
        store.state.checkout.form.isSubmitting = true
        let locked = StatusMessage.error(.checkoutLocked)
        for action in [CartAction.quantityIncreased, .quantityDecreased, .removeRequested, .oneOffItemRequested] {
            store.send(.cart(action)) { $0.status.message = locked }
        }
        store.state.status.message = nil
        store.state.cart.cart = try! Cart(lines: [large])
        store.state.confirmation = .removeLastCartLine(name: "Coffee")
        store.send(.confirmationAnswered(true)) {
            $0.confirmation = nil
            $0.status.message = locked
        }
        // Moving around is still fine.
        store.send(.cart(.selectionMoved(.down)))
        store.send(.paneSelected(.products)) { $0.focus = .products }
    }
}
