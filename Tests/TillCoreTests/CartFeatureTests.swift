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
            $0.cartHistory.record(.cart(try! Cart(lines: [large, small]), what: "quantity change"))
        }
        store.send(.cart(.quantityDecreased), effects: [saved([large, small])]) {
            $0.cart.cart = try! Cart(lines: [large, small])
            $0.cartHistory.record(.cart(try! Cart(lines: [three, small]), what: "quantity change"))
        }
        store.send(.cart(.selectionMoved(.down))) { $0.cart.selection = 1 }
        store.send(.cart(.quantityDecreased)) {
            $0.status.message = .error("The quantity is already 1: \(key: .cartRemoveLine) (or \(key: .cartRemoveSelectedLine)) removes the line.")
        }
        var most = small
        most.quantity = 999
        store.state.cart.cart = try! Cart(lines: [large, most])
        store.send(.cart(.quantityIncreased)) { $0.status.message = .error("Quantity must be from 1 to 999 (1000 asked).") }
    }

    @Test func removeALineAndTheLastOneAsksFirst() {
        var store = store([large, small])
        store.send(.cart(.selectionMoved(.bottom))) { $0.cart.selection = 1 }
        store.send(.cart(.removeRequested), effects: [saved([large])]) {
            $0.cart.cart = try! Cart(lines: [large])
            $0.cart.selection = 0
            $0.cartHistory.record(.cart(try! Cart(lines: [large, small]), what: "remove line"))
        }
        store.send(.cart(.removeRequested)) { $0.confirmation = .removeLastCartLine(name: "Coffee · Large") }
        #expect(store.state.confirmation?.prompt == "Remove \"Coffee · Large\" and empty the cart? (y/n)")
        store.send(.confirmationAnswered(false)) { $0.confirmation = nil }
        store.given(.cart(.removeRequested))
        store.send(.confirmationAnswered(true), effects: [saved([])]) {
            $0.confirmation = nil
            $0.cart.cart = Cart()
            $0.cartHistory.record(.cart(try! Cart(lines: [large]), what: "remove Coffee · Large"))
        }
        for action in [CartAction.removeRequested, .quantityIncreased, .quantityDecreased] {
            store.send(.cart(action)) { $0.status.message = .error("The cart is empty.") }
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
        store.send(.cart(.oneOffForm(.submitted(freshID: "unused")))) { $0.cart.oneOffForm?.refuse("Enter a name for the item.", at: .name) }
        store.send(.cart(.oneOffForm(.edited(.inserted("Gift wrap"))))) {
            $0.cart.oneOffForm?[.name] = TextFieldValue("Gift wrap")
            $0.cart.oneOffForm?.message = nil
            $0.cart.oneOffForm?.invalidField = nil
        }
        store.send(.cart(.oneOffForm(.submitted(freshID: "unused")))) { $0.cart.oneOffForm?.refuse(MoneyError.empty.description, at: .amount) }
        store.send(.cart(.oneOffForm(.edited(.inserted("1,99"))))) {
            $0.cart.oneOffForm?[.amount] = TextFieldValue("1,99")
            $0.cart.oneOffForm?.message = nil
            $0.cart.oneOffForm?.invalidField = nil
        }
        store.send(.cart(.oneOffForm(.submitted(freshID: "unused")))) {
            $0.cart.oneOffForm?.refuse(MoneyError.misplacedSeparator("1,99").description, at: .amount)
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
            $0.cart.oneOffForm?.refuse(CurrencyError.unknown("GBPx").description, at: .currency)
        }
        store.send(.cart(.oneOffForm(.edited(.deletedBackward)))) {
            $0.cart.oneOffForm?[.currency] = TextFieldValue("GBP")
            $0.cart.oneOffForm?.message = nil
            $0.cart.oneOffForm?.invalidField = nil
        }
        store.send(.cart(.oneOffForm(.edited(.deletedToStart)))) { $0.cart.oneOffForm?[.currency] = TextFieldValue("") }
        store.send(.cart(.oneOffForm(.edited(.inserted("EUR"))))) { $0.cart.oneOffForm?[.currency] = TextFieldValue("EUR") }
        store.send(.cart(.oneOffForm(.submitted(freshID: "unused")))) {
            $0.cart.oneOffForm?.refuse("The cart is in GBP; an item in EUR cannot join it. Check out or empty the cart first.", at: .currency)
        }
        store.send(.cart(.oneOffForm(.edited(.deletedToStart)))) {
            $0.cart.oneOffForm?[.currency] = TextFieldValue("")
            $0.cart.oneOffForm?.message = nil
            $0.cart.oneOffForm?.invalidField = nil
        }
        store.send(.cart(.oneOffForm(.edited(.inserted("gbp"))))) { $0.cart.oneOffForm?[.currency] = TextFieldValue("gbp") }
        store.send(.cart(.oneOffForm(.focusMovedNext))) { $0.cart.oneOffForm?.focus = .quantity }
        for (typed, message) in [("0", "Quantity must be from 1 to 999 (0 asked)."),
                                 ("1000", "Quantity must be from 1 to 999 (1000 asked)."),
                                 ("two", "Quantity must be a whole number from 1 to 999."),
                                 ("-3", "Quantity must be a whole number from 1 to 999."),
                                 ("9999999999999", "Quantity must be a whole number from 1 to 999.")] {
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
            $0.status.message = .info("Added \"Gift wrap\" to the cart (quantity 3).")
            $0.cartHistory.record(.cart(try! Cart(lines: [large]), what: "add one-off item"))
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
            $0.status.message = .error("The cart is empty: add a price or a one-off item first.")
        }
        var full = store([large])
        full.send(.cart(.checkoutRequested)) { $0.focus = .checkout }
        #expect(full.state.activeForm == .checkout(full.state.checkout.form))
    }

    @Test func theCartIsLockedWhileACheckoutIsBeingCreated() {
        var store = store([large, small])
        store.state.checkout.form.isSubmitting = true
        let locked = StatusMessage.error("A checkout session is being created: the cart is locked until WooshPay answers.")
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
