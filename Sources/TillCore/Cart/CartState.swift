import Foundation

/// The cart pane.
public struct CartState: Hashable, Sendable {
    public var cart: Cart
    /// Selected line.
    public var selection: Int
    /// First line on screen (kept by the reducer's scroll rules, see `ListScroll`).
    public var scrollTop: Int
    /// The one-off item form, when open.
    public var oneOffForm: FormState<OneOffField>?

    public init(cart: Cart = Cart()) {
        self.cart = cart
        self.selection = 0
        self.scrollTop = 0
        self.oneOffForm = nil
    }
}

/// What happened in the cart pane.
public enum CartAction: Hashable, Sendable {
    case selectionMoved(Movement)
    /// `+`.
    case quantityIncreased
    /// `-`.
    case quantityDecreased
    /// `x`: remove the selected line (removing the last line asks first).
    case removeRequested
    /// `o`: open the one-off item form.
    case oneOffItemRequested
    /// `c`: go to the checkout form.
    case checkoutRequested
    /// Something happened in the one-off item form.
    case oneOffForm(FormAction)
    /// A price was chosen on the prices pane: it becomes a line (or one more of a line).
    case lineAdded(CartLine)
    /// The operator said yes to removing the last line.
    case emptyingConfirmed
    /// A checkout session was created from the cart: the next sale starts empty.
    case checkedOut
    /// The cart was parked (an empty one replaces it) or a parked cart resumed.
    case replaced(Cart)
}

/// What the runtime reports to the cart: what start-up read.
public enum CartAnswer: Hashable, Sendable {
    /// The saved draft's cart, put back at start-up.
    case restored(Cart)
}

extension CartState {
    /// Brings the first visible row in line with the selection and the list's length at `rows`
    /// rows (see `ListScroll.top`); where nothing changed it changes nothing.
    mutating func keepWindow(rows: Int) {
        scrollTop = ListScroll.top(scrollTop, selection: selection, count: cart.lines.count, rows: rows)
    }
}
