import Foundation

/// The prices pane: the prices of one product and the price forms.
public struct PricesState: Hashable, Sendable {
    /// The product whose prices are shown; nil before one is opened.
    public var productId: String?
    public var productName: String?
    /// Its prices, newest first.
    public var prices: [Price] = []
    public var selection = 0
    /// First price on screen (kept by the reducer's scroll rules, see `ListScroll`).
    public var scrollTop = 0
    public var load: LoadPhase = .idle
    /// The create form, when open.
    public var form: PriceForm?

    public init() {}

    /// The selected price.
    public var selectedPrice: Price? { prices.indices.contains(selection) ? prices[selection] : nil }
}

/// A price form: for the shown product, or with a new product made inline.
public struct PriceForm: Hashable, Sendable {
    public enum Fields: Hashable, Sendable {
        /// A new price of an existing product.
        case existingProduct(id: String, name: String, FormState<PriceField>)
        /// A new price together with a new product (`product_data`).
        case newProduct(FormState<InlinePriceField>)
    }

    public var fields: Fields
    /// Minted on the first submit; kept for retries until the form is edited or closed.
    public var idempotencyKey: String?
    /// Whether the created price goes into the cart (the form was opened for a scanned unknown code).
    public var addsToCart: Bool

    public init(fields: Fields, idempotencyKey: String? = nil, addsToCart: Bool = false) {
        self.fields = fields
        self.idempotencyKey = idempotencyKey
        self.addsToCart = addsToCart
    }

    /// Whether the create request is in flight.
    public var isSubmitting: Bool {
        switch fields {
        case .existingProduct(_, _, let form): form.isSubmitting
        case .newProduct(let form): form.isSubmitting
        }
    }

    /// The inline validation or failure message.
    public var message: Message? {
        switch fields {
        case .existingProduct(_, _, let form): form.message
        case .newProduct(let form): form.message
        }
    }
}

/// What happened in the prices pane.
public enum PricesAction: Hashable, Sendable {
    case selectionMoved(Movement)
    /// `r`.
    case reloadRequested
    /// `n`: a new price for the shown product.
    case newPriceRequested
    /// `N`: a new price with a new product.
    case newPriceWithProductRequested
    /// `n` after an unknown scanned code: a new product and price with that SKU, sold once made.
    case newPriceForCodeRequested(String)
    /// Enter: the selected price goes into the cart (again = one more).
    case addToCartRequested
    /// Something happened in the open price form.
    case form(FormAction)
    /// A product was opened from the products pane: its prices are shown and loaded.
    case opened(Product)
    /// A product was saved elsewhere: the title follows a rename.
    case productUpdated(Product)
}

/// What the runtime reports to the prices pane: answers to its requests.
public enum PricesAnswer: Hashable, Sendable {
    /// Answer to `loadPrices`.
    case pricesLoaded(productId: String, Result<[Price], APIFailure>)
    /// Answer to `createPrice`.
    case priceCreated(Result<Price, APIFailure>)
}

extension PricesState {
    /// Brings the first visible row in line with the selection and the list's length at `rows`
    /// rows (see `ListScroll.top`); where nothing changed it changes nothing.
    mutating func keepWindow(rows: Int) {
        scrollTop = ListScroll.top(scrollTop, selection: selection, count: prices.count, rows: rows)
    }
}
