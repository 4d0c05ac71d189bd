import Foundation

/// The cart pane's feature: the lines, their quantities and the one-off item form. It is the one
/// place the cart changes.
public enum CartFeature {
    /// What the cart needs of the app.
    public enum Delegate: Hashable, Sendable {
        /// The lines changed: the checkout's idempotency key no longer fits, and the draft is saved.
        case changed
        /// `c` with a non-empty cart: show the checkout form.
        case checkoutRequested
    }

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Hashable, Sendable {
        /// Rows the list shows.
        public var rows: Int
        /// Currency prefilled in the one-off form of an empty cart.
        public var defaultCurrency: Currency
        /// Whether a checkout session is being created from the cart (which must then stay as sent).
        public var isLocked: Bool
    }

    public static func reduce(into state: inout CartState, action: CartAction, context: Context) -> Reduced<Delegate> {
        switch action {
        case .selectionMoved(let movement):
            ListScroll.apply(movement, selection: &state.selection, top: &state.scrollTop, count: state.cart.lines.count, rows: context.rows)
            return .none

        case .quantityIncreased, .quantityDecreased:
            guard let line = state.selectedLine else { return empty }
            guard !context.isLocked else { return locked }
            let up = action == .quantityIncreased
            if !up && line.quantity == Cart.quantityRange.lowerBound {
                return .error(.quantityAlreadyOne)
            }
            let index = state.selection
            return change(&state) { cart throws(CartError) in
                try cart.setQuantity(line.quantity + (up ? 1 : -1), at: index)
            }

        case .removeRequested:
            guard let line = state.selectedLine else { return empty }
            guard !context.isLocked else { return locked }
            if state.cart.lines.count == 1 {
                return Reduced(question: .removeLastCartLine(name: line.name))
            }
            let index = state.selection
            return change(&state) { cart in cart.remove(at: index) }

        case .emptyingConfirmed:
            guard !context.isLocked else { return locked }
            return change(&state) { cart in cart.removeAll() }

        case .oneOffItemRequested:
            guard !context.isLocked else { return locked }
            let currency = state.cart.currency ?? context.defaultCurrency
            state.oneOffForm = FormState([.currency: currency.code, .quantity: "1"], focus: .name)
            return .none

        case .checkoutRequested:
            guard !state.cart.isEmpty else { return .error(.draftRefused(.emptyCart)) }
            return .delegate(.checkoutRequested)

        case .lineAdded(let line):
            guard !context.isLocked else { return locked }
            return add(line, to: &state)

        case .checkedOut:
            state.cart.removeAll()
            state.selection = 0
            return .delegate(.changed)

        case .replaced(let cart):
            // Parking checks the lock before it takes or gives back a cart, so this never refuses:
            // a refusal here would lose the parked cart.
            state.cart = cart
            state.selection = 0
            state.oneOffForm = nil
            return .delegate(.changed)

        case .oneOffForm(let formAction):
            return reduceForm(into: &state, action: formAction, context: context)
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout CartState, action: CartAnswer, context: Context) -> Reduced<Delegate> {
        switch action {
        case .restored(let cart):
            state.cart = cart
            state.selection = 0
            return .none
        }
    }

    /// Adds a line (a price from the prices pane or a one-off item) and says so on the status line.
    private static func add(_ line: CartLine, to state: inout CartState) -> Reduced<Delegate> {
        var result = change(&state) { cart throws(CartError) in try cart.add(line) }
        guard result.delegates == [.changed] else { return result }
        let merged = state.cart.lines.firstIndex { $0.priceId != nil && $0.priceId == line.priceId }
        let index = merged ?? state.cart.lines.count - 1
        state.selection = index
        result.status = .info(.addedToCart(name: line.name, quantity: state.cart.lines[index].quantity))
        return result
    }

    /// The one-off item form.
    private static func reduceForm(into state: inout CartState, action: FormAction,
                                   context: Context) -> Reduced<Delegate> {
        guard case (var form, _)? = action.submission(of: &state.oneOffForm, edit: { $0.edit(action) }) else {
            return .none
        }
        do throws(FieldError<OneOffField>) {
            let line = try oneOffLine(form)
            guard !context.isLocked else { return locked }
            var cart = state.cart
            do { try cart.add(line) } catch {
                switch error {
                case .currencyMismatch: throw FieldError(.cartRefused(error), .currency)
                case .quantityOutOfRange: throw FieldError(.cartRefused(error), .quantity)
                default: throw FieldError(.cartRefused(error), nil)
                }
            }
            state.oneOffForm = nil
            return add(line, to: &state)
        } catch {
            form.refuse(error.message, at: error.field)
            state.oneOffForm = form
            return .none
        }
    }

    /// Reads the one-off form into a cart line.
    private static func oneOffLine(_ form: FormState<OneOffField>) throws(FieldError<OneOffField>) -> CartLine {
        let name = form.trimmed(.name)
        if let problem = ProductDraft.nameProblem(name, kind: .item) { throw FieldError(.nameProblem(problem), .name) }
        let currency: Currency
        do { currency = try Currency(form[.currency].text) } catch { throw FieldError(.currencyRefused(error), .currency) }
        let amount: Money
        do { amount = try Money(parsing: form[.amount].text, currency: currency) } catch {
            throw FieldError(.amountRefused(error), .amount)
        }
        let quantityText = form.trimmed(.quantity)
        guard !quantityText.isEmpty, quantityText.count <= 6, quantityText.allSatisfy({ ("0"..."9").contains($0) }),
              let quantity = Int(quantityText) else {
            throw FieldError(.quantityNotWhole, .quantity)
        }
        return CartLine(item: .oneOff(name: name), unitAmount: amount, quantity: quantity)
    }

    /// Applies a change to the lines; the selection stays in range and the app hears of it.
    private static func change(_ state: inout CartState,
                               _ body: (inout Cart) throws(CartError) -> Void) -> Reduced<Delegate> {
        var cart = state.cart
        do { try body(&cart) } catch { return .error(.cartRefused(error)) }
        state.cart = cart
        state.selection = min(state.selection, max(cart.lines.count - 1, 0))
        return .delegate(.changed)
    }

    private static var empty: Reduced<Delegate> { .error(.cartEmpty) }

    /// While a checkout session is being created the cart must stay as it was sent.
    private static var locked: Reduced<Delegate> {
        .error(.checkoutLocked)
    }
}

extension CartState {
    /// The selected line, if the cart has lines.
    public var selectedLine: CartLine? {
        cart.lines.indices.contains(selection) ? cart.lines[selection] : nil
    }
}
