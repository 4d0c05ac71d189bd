import Foundation

/// The cart pane's reducer.
public enum CartFeature {
    public static func reduce(into state: inout AppState, action: CartAction) -> [Effect] {
        switch action {
        case .selectionMoved(let movement):
            let moved = ListScroll.move(movement, selection: state.cart.selection, top: state.cart.scrollTop,
                                        count: state.cart.cart.lines.count, rows: ScreenLayout.cartRows(state.screen))
            state.cart.selection = moved.selection
            state.cart.scrollTop = moved.top
            return []

        case .quantityIncreased, .quantityDecreased:
            guard let line = selectedLine(&state), unlocked(&state) else { return [] }
            let up = action == .quantityIncreased
            if !up && line.quantity == Cart.quantityRange.lowerBound {
                state.status.message = .error("The quantity is already 1: press x to remove the line.")
                return []
            }
            let index = state.cart.selection
            return change(&state) { cart throws(CartError) in
                try cart.setQuantity(line.quantity + (up ? 1 : -1), at: index)
            }

        case .removeRequested:
            guard let line = selectedLine(&state), unlocked(&state) else { return [] }
            if state.cart.cart.lines.count == 1 {
                state.confirmation = .removeLastCartLine(name: line.name)
                return []
            }
            let index = state.cart.selection
            return change(&state) { cart in cart.remove(at: index) }

        case .oneOffItemRequested:
            guard unlocked(&state) else { return [] }
            let currency = state.cart.cart.currency ?? state.settings.defaultCurrency
            state.cart.oneOffForm = FormState([.currency: currency.code, .quantity: "1"], focus: .name)
            return []

        case .checkoutRequested:
            guard !state.cart.cart.isEmpty else {
                state.status.message = .error(CheckoutDraftError.emptyCart.description)
                return []
            }
            state.focus = .checkout
            return []
        }
    }

    /// Adds a line (a price from the prices pane or a one-off item) and reports it on the status line.
    static func add(_ line: CartLine, to state: inout AppState) -> [Effect] {
        guard unlocked(&state) else { return [] }
        var effects: [Effect] = []
        do throws(CartError) {
            var cart = state.cart.cart
            try cart.add(line)
            effects = cartChanged(&state, to: cart)
        } catch {
            state.status.message = .error(error.description)
            return []
        }
        let merged = state.cart.cart.lines.firstIndex { $0.priceId != nil && $0.priceId == line.priceId }
        let index = merged ?? state.cart.cart.lines.count - 1
        state.cart.selection = index
        let quantity = state.cart.cart.lines[index].quantity
        state.status.message = .info("Added \"\(line.name)\" to the cart (quantity \(quantity)).")
        return effects
    }

    /// The one-off item form's reducer.
    static func reduceForm(into state: inout AppState, action: FormAction) -> [Effect] {
        guard var form = state.cart.oneOffForm else { return [] }
        switch action {
        case .edited, .focusMovedNext, .focusMovedPrevious:
            form.edit(action)
            state.cart.oneOffForm = form
            return []
        case .cancelled:
            state.cart.oneOffForm = nil
            return []
        case .submitted:
            do throws(FieldError<OneOffField>) {
                let line = try oneOffLine(form)
                guard unlocked(&state) else { return [] }
                var cart = state.cart.cart
                do { try cart.add(line) } catch {
                    switch error {
                    case .currencyMismatch: throw FieldError(error.description, .currency)
                    case .quantityOutOfRange: throw FieldError(error.description, .quantity)
                    default: throw FieldError(error.description, nil)
                    }
                }
                state.cart.oneOffForm = nil
                return add(line, to: &state)
            } catch {
                form.refuse(error.message, at: error.field)
                state.cart.oneOffForm = form
                return []
            }
        }
    }

    /// Reads the one-off form into a cart line.
    private static func oneOffLine(_ form: FormState<OneOffField>) throws(FieldError<OneOffField>) -> CartLine {
        let name = form.trimmed(.name)
        if let problem = ProductDraft.problem(withName: name, what: "a name for the item") { throw FieldError(problem, .name) }
        let currency: Currency
        do { currency = try Currency(form[.currency].text) } catch { throw FieldError(error.description, .currency) }
        let amount: Money
        do { amount = try Money(parsing: form[.amount].text, currency: currency) } catch {
            throw FieldError(error.description, .amount)
        }
        let quantityText = form.trimmed(.quantity)
        guard !quantityText.isEmpty, quantityText.count <= 6, quantityText.allSatisfy({ ("0"..."9").contains($0) }),
              let quantity = Int(quantityText) else {
            throw FieldError("Quantity must be a whole number from 1 to 999.", .quantity)
        }
        return CartLine(item: .oneOff(name: name), unitAmount: amount, quantity: quantity)
    }

    /// Applies a change to the cart; the checkout key is dropped (the request changed) and the draft saved.
    private static func change(_ state: inout AppState, _ body: (inout Cart) throws(CartError) -> Void) -> [Effect] {
        var cart = state.cart.cart
        do { try body(&cart) } catch {
            state.status.message = .error(error.description)
            return []
        }
        return cartChanged(&state, to: cart)
    }

    static func cartChanged(_ state: inout AppState, to cart: Cart) -> [Effect] {
        state.cart.cart = cart
        state.cart.selection = min(state.cart.selection, max(cart.lines.count - 1, 0))
        state.checkout.idempotencyKey = nil
        return [.saveDraft(state.draft)]
    }

    private static func selectedLine(_ state: inout AppState) -> CartLine? {
        let lines = state.cart.cart.lines
        guard lines.indices.contains(state.cart.selection) else {
            state.status.message = .error("The cart is empty.")
            return nil
        }
        return lines[state.cart.selection]
    }

    /// While a checkout session is being created the cart must stay as it was sent.
    static func unlocked(_ state: inout AppState) -> Bool {
        guard !state.checkout.isSubmitting else {
            state.status.message = .error("A checkout session is being created: the cart is locked until WooshPay answers.")
            return false
        }
        return true
    }
}
