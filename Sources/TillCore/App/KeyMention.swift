/// A key that a message names ("Press r to retry"). The reducer does not know the keys:
/// keys.toml may remap them. So a message names the binding, by the scope and action names that
/// docs/keys.md and keys.toml use, and the view writes the key in use (`BindingTable.label(of:)`).
public enum KeyMention: String, CaseIterable, Sendable {
    case productsReload = "products.reload"
    case productsArchive = "products.archive"
    case productsOpenPrices = "products.open-prices"
    case pricesReload = "prices.reload"
    case pricesNewPrice = "prices.new-price"
    case cartRemoveLine = "cart.remove-line"
    case cartRemoveSelectedLine = "cart.remove-selected-line"
    case sessionNextSale = "session.next-sale"
    case sessionExpire = "session.expire"
    case sessionRefund = "session.refund"
    case sessionReceipt = "session.receipt"
    case sessionPrintSlip = "session.print-slip"
    case historyReload = "history.reload"
    case historyOpenOnly = "history.open-only"
    case reportsReload = "reports.reload"
    case unknownCodeNew = "unknown-code.new-with-code"
    case unknownCodeDismiss = "unknown-code.dismiss"
    case park = "global.park"
    case parked = "global.parked"
    case showProducts = "global.show-products"
    case showSession = "global.show-session"
    case formSubmit = "form.submit"
    case redo = "always.redo"
    case lock = "always.lock"
    case confirmYes = "confirm.yes"

    /// The scope and action names.
    public var scope: String { String(rawValue.prefix { $0 != "." }) }
    public var action: String { String(rawValue.drop { $0 != "." }.dropFirst()) }
}
