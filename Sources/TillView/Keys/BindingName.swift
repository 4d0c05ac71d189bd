import TillCore

/// A binding's name: what keys.toml, docs/keys.md and the command palette call it. Typed, so a
/// name the table lacks does not compile; the raw value is the name as keys.toml writes it.
public enum BindingName: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case addChosen = "add-chosen"
    case addNumbered = "add-numbered"
    case addToCart = "add-to-cart"
    case archive = "archive"
    case back = "back"
    case cancel = "cancel"
    case checkOut = "check-out"
    case clearFilter = "clear-filter"
    case clearLine = "clear-line"
    case clearToStart = "clear-to-start"
    case close = "close"
    case closeShift = "close-shift"
    case copyURL = "copy-url"
    case cursorEnd = "cursor-end"
    case cursorLeft = "cursor-left"
    case cursorRight = "cursor-right"
    case cursorStart = "cursor-start"
    case deleteBackward = "delete-backward"
    case deleteForward = "delete-forward"
    case discard = "discard"
    case dismiss = "dismiss"
    case done = "done"
    case editProduct = "edit-product"
    case expire = "expire"
    case expireOpen = "expire-open"
    case filter = "filter"
    case goBottom = "go-bottom"
    case goTop = "go-top"
    case help = "help"
    case lock = "lock"
    case moveDown = "move-down"
    case moveUp = "move-up"
    case newPrice = "new-price"
    case newPriceAndProduct = "new-price-and-product"
    case newProduct = "new-product"
    case newWithCode = "new-with-code"
    case nextCommand = "next-command"
    case nextField = "next-field"
    case nextMatch = "next-match"
    case nextSale = "next-sale"
    case no = "no"
    case oneOff = "one-off"
    case `open` = "open"
    case openOnly = "open-only"
    case openPrices = "open-prices"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case palette = "palette"
    case park = "park"
    case parked = "parked"
    case previousCommand = "previous-command"
    case previousField = "previous-field"
    case previousMatch = "previous-match"
    case printSlip = "print-slip"
    case qr = "qr"
    case quantityDecrease = "quantity-decrease"
    case quantityIncrease = "quantity-increase"
    case quickAdd = "quick-add"
    case quit = "quit"
    case receipt = "receipt"
    case redo = "redo"
    case refresh = "refresh"
    case refund = "refund"
    case reload = "reload"
    case removeLine = "remove-line"
    case removeSelectedLine = "remove-selected-line"
    case repaint = "repaint"
    case resume = "resume"
    case run = "run"
    case scan = "scan"
    case submit = "submit"
    case typeText = "type-text"
    case undo = "undo"
    case yes = "yes"
    case showProducts = "show-products"
    case showPrices = "show-prices"
    case showCart = "show-cart"
    case showCheckout = "show-checkout"
    case showSession = "show-session"
    case showHistory = "show-history"
    case showReports = "show-reports"

    /// The name as keys.toml writes it ("show-cart").
    public var description: String { rawValue }
}

extension Pane {
    /// The binding that shows this pane (its digit key) and its help ("show Products").
    public var showBinding: (name: BindingName, help: BindingPhrase) {
        switch self {
        case .products: (.showProducts, .showProducts)
        case .prices: (.showPrices, .showPrices)
        case .cart: (.showCart, .showCart)
        case .checkout: (.showCheckout, .showCheckout)
        case .session: (.showSession, .showSession)
        case .history: (.showHistory, .showHistory)
        case .reports: (.showReports, .showReports)
        }
    }
}
