import TillCore

/// Which keys a binding answers to.
public enum KeyPattern: Hashable, Sendable {
    /// Exactly this key.
    case key(Key)
    /// Any printable character or a paste, typed into the focused text field (a scan there is
    /// typed as a paste, see `BindingTable.keys(forScan:in:context:)`).
    case typedText
    /// Any code from a barcode scanner.
    case scan

    /// How the pattern is written in the hint bar, help overlay and docs.
    public var label: String {
        switch self {
        case .key(let key): key.label
        case .typedText: "text"
        case .scan: "scan"
        }
    }

    func matches(_ key: Key) -> Bool {
        switch self {
        case .key(let bound):
            return bound == key
        case .typedText:
            if case .char(let c) = key { return !c.isNewline }
            if case .paste = key { return true }
            return false
        case .scan:
            if case .scan = key { return true }
            return false
        }
    }
}

/// A group of bindings that apply together (a pane, a form, an overlay).
public enum KeyScope: String, Hashable, Sendable, CaseIterable {
    case products, filter, prices, cart, checkout, checkoutBusy, session
    /// The session's QR code full screen.
    case qr
    case history
    /// The history filter (after `/` on the history pane).
    case historyFilter
    /// The reports pane (X and Z reports).
    case reports
    /// The label prompt of `p` (park the cart).
    case parkLabel
    /// The parked carts list (`P`).
    case parkedList
    /// The refund form (`R` on a paid session).
    case refundForm
    /// The prices of a product, after Enter on the quick-add line.
    case priceChooser
    /// After a scanned code that no price has.
    case unknownCode
    /// The command palette (after `:`).
    case palette
    /// A product, price or one-off form.
    case form
    /// A y/n question.
    case confirm
    /// The `?` overlay.
    case help
    /// Pane switching, help and quit, when no text field has the keys.
    case panes
    /// Keys that work everywhere.
    case always

    /// The scope whose keys.toml table is `[fileName]`.
    public init?(fileName: String) {
        guard let scope = KeyScope.allCases.first(where: { $0.fileName == fileName }) else { return nil }
        self = scope
    }

    /// The table that remaps this scope's keys in keys.toml (`[cart]`, `[global]`, …).
    public var fileName: String {
        switch self {
        case .products: "products"
        case .filter: "filter"
        case .prices: "prices"
        case .cart: "cart"
        case .checkout: "checkout"
        case .checkoutBusy: "checkout-busy"
        case .session: "session"
        case .qr: "qr"
        case .history: "history"
        case .historyFilter: "history-filter"
        case .reports: "reports"
        case .parkLabel: "park-label"
        case .parkedList: "parked"
        case .refundForm: "refund"
        case .priceChooser: "price-chooser"
        case .unknownCode: "unknown-code"
        case .palette: "palette"
        case .form: "form"
        case .confirm: "confirm"
        case .help: "help"
        case .panes: "global"
        case .always: "always"
        }
    }

    /// The heading used in docs/keys.md (English).
    public var title: String { text(.english) }

    /// The heading used in the help overlay and the palette, in `language`.
    public func title(_ language: Language) -> String { text(language) }
}

/// One line of the binding table: keys, what they do in words, and the action they send.
public struct Binding: Sendable {
    public var scope: KeyScope
    /// The action's stable name (kebab-case, unique in its scope): what keys.toml and the
    /// command palette call it.
    public let name: BindingName
    public var keys: [KeyPattern]
    /// Description for the help overlay and the palette.
    public var helpPhrase: BindingPhrase
    /// Short text for the hint bar; nil keeps the binding out of the bar (it is still in help).
    public var hintPhrase: BindingPhrase?
    /// The action for a key press; nil for keys the runtime handles itself (Ctrl-L).
    let makeAction: @Sendable (Key, AppState, KeyContext) -> AppAction?

    /// Whether the runtime, not the reducer, acts on this binding.
    public let handledByRuntime: Bool

    /// Whether the binding makes sense in a state; keys that do not are not offered.
    public let isOffered: @Sendable (AppState) -> Bool

    init(_ scope: KeyScope, _ name: BindingName, _ keys: [KeyPattern], help: BindingPhrase, hint: BindingPhrase? = nil,
         runtime: Bool = false, when: @escaping @Sendable (AppState) -> Bool = { _ in true },
         action: @escaping @Sendable (Key, AppState, KeyContext) -> AppAction?) {
        self.isOffered = when
        self.scope = scope
        self.name = name
        self.keys = keys
        self.helpPhrase = help
        self.hintPhrase = hint
        self.handledByRuntime = runtime
        self.makeAction = action
    }

    /// A binding that just sends `action`; `when` says in which states it is offered (hint bar and help).
    init(_ scope: KeyScope, _ name: BindingName, _ keys: [KeyPattern], help: BindingPhrase, hint: BindingPhrase? = nil,
         when: @escaping @Sendable (AppState) -> Bool = { _ in true }, sends action: AppAction) {
        self.init(scope, name, keys, help: help, hint: hint, when: when) { _, _, _ in action }
    }

    /// What it does, in `language` (help overlay, palette).
    public func help(_ language: Language) -> String { helpPhrase.text(language) }

    /// The hint bar's word for it in `language`; nil when it stays out of the bar.
    public func hint(_ language: Language) -> String? { hintPhrase?.text(language) }

    /// What it does, in English (docs/keys.md).
    public var help: String { help(.english) }

    /// The hint bar's word, in English (docs/keys.md).
    public var hint: String? { hint(.english) }

    /// Whether keys.toml may give it other keys: typed text is every printable key, and the
    /// runtime's own keys (Ctrl-L) never reach the table.
    public var isRemappable: Bool { !handledByRuntime && !keys.contains(.typedText) }

    /// The keys as written in help: "j ↓".
    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }

    /// The action this binding sends for `key`, if it answers to it.
    public func action(for key: Key, in state: AppState, context: KeyContext) -> AppAction? {
        guard keys.contains(where: { $0.matches(key) }) else { return nil }
        return makeAction(key, state, context)
    }
}
