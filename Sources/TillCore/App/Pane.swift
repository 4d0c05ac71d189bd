import Foundation

/// The panes, in the order of their number keys.
public enum Pane: Int, Hashable, Sendable, CaseIterable {
    case products = 1, prices, cart, checkout, session, history, reports
}

/// Which form is open, for the view.
public enum ActiveForm: Hashable, Sendable {
    case product(ProductForm)
    case price(PriceForm)
    case oneOff(FormState<OneOffField>)
    case checkout(FormState<CheckoutField>)
}
