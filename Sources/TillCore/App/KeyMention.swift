/// A key that a status message names ("Press r to retry"). The reducer does not know the keys:
/// keys.toml may remap them. So the message holds a mark for the binding, by the scope and
/// action names that docs/keys.md and keys.toml use, and the view writes the key in use in its
/// place (`BindingTable.resolvingKeyMentions`).
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

    /// Private-use characters: no key, API text or name of Till's uses them.
    static let opening: Character = "\u{E000}", closing: Character = "\u{E001}"

    /// The mark to put in a message.
    public var mark: String { "\(Self.opening)\(rawValue)\(Self.closing)" }

    /// The scope and action names.
    public var scope: String { String(rawValue.prefix { $0 != "." }) }
    public var action: String { String(rawValue.drop { $0 != "." }.dropFirst()) }

    /// `text` with each mark replaced by `label(mention)`. Anything else that looks like part of a
    /// mark (these characters in API text, say) is dropped on its own, and the text around it kept.
    public static func resolve(_ text: String, _ label: (KeyMention) -> String) -> String {
        guard text.contains(opening) || text.contains(closing) else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.firstIndex(of: opening) {
            out += rest[..<start].filter { $0 != closing }
            let after = rest[rest.index(after: start)...]
            if let end = after.firstIndex(where: { $0 == closing || $0 == opening }), after[end] == closing,
               let mention = KeyMention(rawValue: String(after[..<end])) {
                out += label(mention)
                rest = after[after.index(after: end)...]
            } else {
                rest = after
            }
        }
        return out + rest.filter { $0 != closing }
    }
}

extension String.StringInterpolation {
    /// `"Press \(key: .productsReload) to retry."`
    mutating func appendInterpolation(key mention: KeyMention) { appendLiteral(mention.mark) }
}
