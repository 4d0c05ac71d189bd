import Foundation

/// The cart pane's quick-add line and the scanner: what is typed, what it matches, the price
/// chooser for a product with several prices, and the scanned codes being looked up.
public struct QuickAddState: Hashable, Sendable {
    /// The typed text.
    public internal(set) var query: TextFieldValue
    /// Indices into the products' `items` of the active products matching it, best first.
    public internal(set) var matches: [Int]
    /// The match Enter adds (0: the best).
    public internal(set) var selection: Int
    /// The prices of the chosen product, when it has several.
    public internal(set) var chooser: PriceChooser?
    /// The product whose prices are being fetched so it can be added.
    public internal(set) var awaitedProduct: String?
    /// Scanned codes sent to WooshPay to be looked up, oldest first.
    public internal(set) var lookups: [String]
    /// A scanned code no price has: `n` makes a product and price with it.
    public internal(set) var unknownCode: String?

    public init() {
        query = TextFieldValue()
        matches = []
        selection = 0
        chooser = nil
        awaitedProduct = nil
        lookups = []
        unknownCode = nil
    }

    /// How many matches the line shows under it.
    public static let shownMatches = 5
}

/// A product's prices to choose from (Enter on a product with several).
public struct PriceChooser: Hashable, Sendable {
    public var product: Product
    public var prices: [Price]
    public var selection: Int
}

/// A price found by its code, with its product (for the cart line's name).
public struct PriceMatch: Hashable, Sendable {
    public var price: Price
    public var product: Product

    public init(price: Price, product: Product) {
        self.price = price
        self.product = product
    }
}

/// What happened on the quick-add line or at the scanner.
public enum QuickAddAction: Hashable, Sendable {
    /// The line was edited.
    case edited(TextEdit)
    /// Esc: the line is emptied.
    case cleared
    /// ↑/↓: another match.
    case matchMoved(Movement)
    /// Enter: the selected match's price goes into the cart (or its prices are offered).
    case submitted
    /// ↑/↓ in the chooser.
    case chooserMoved(Movement)
    /// Enter (nil: the selection) or a digit 1–9 in the chooser.
    case chooserPicked(Int?)
    /// Esc in the chooser.
    case chooserClosed
    /// A scanner sent a code (digits or a SKU, then Enter, in one read).
    case scanned(String)
    /// `n` after an unknown code: make a product and price with it.
    case createFromCodeRequested
    /// Esc after an unknown code, or any other key: the offer goes.
    case unknownCodeDismissed
    /// The catalog changed under the line (a load, a new product or price): search again.
    case catalogChanged
}

/// What the runtime reports to quick add: answers to its look-ups.
public enum QuickAddAnswer: Hashable, Sendable {
    /// Answer to `findPrice(code:)`; nil when no active price has the code.
    case codeLookedUp(code: String, Result<PriceMatch?, APIFailure>)
    /// Answer to `loadQuickAddPrices`.
    case pricesLoaded(productId: String, Result<[Price], APIFailure>)
}
