import Foundation

/// Everything on screen, as one value.
public struct AppState: Hashable, Sendable {
    /// The pane that receives keys.
    public var focus: Pane
    /// Whether the `?` help overlay is shown.
    public var isHelpVisible: Bool
    /// The status line: last message and background progress.
    public var status: StatusLine
    /// Which account Till talks to, for the header.
    public var environment: EnvironmentInfo
    /// Defaults from configuration.
    public var settings: Settings
    /// A y/n question waiting for an answer; while set, only the answer is taken.
    public var confirmation: Confirmation?
    /// The latest time the runtime reported (from keys and ticks); drives the expiry countdown.
    public var now: Date
    /// The terminal's size in cells, as last reported (for page movement and layout choices).
    public var screen: ScreenSize

    public var catalog: CatalogState
    public var prices: PricesState
    public var cart: CartState
    public var checkout: CheckoutState
    public var sessions: SessionsState

    /// The state Till opens in: the products pane, nothing loaded yet.
    public init(environment: EnvironmentInfo, settings: Settings, now: Date) {
        self.focus = .products
        self.isHelpVisible = false
        self.status = StatusLine()
        self.environment = environment
        self.settings = settings
        self.confirmation = nil
        self.now = now
        self.screen = ScreenSize(columns: 80, rows: 24)
        self.catalog = CatalogState()
        self.prices = PricesState()
        self.cart = CartState()
        self.checkout = CheckoutState(settings: settings)
        self.sessions = SessionsState()
    }

    /// Whether keys go to a text field (a form or the filter) rather than to pane commands.
    public var isEditingText: Bool {
        if catalog.isFilterEditing && focus == .products { return true }
        return activeForm != nil
    }

    /// The form that receives `.form` actions, if one is open in the focused pane.
    public var activeForm: ActiveForm? {
        switch focus {
        case .products: catalog.form.map { .product($0) }
        case .prices: prices.form.map { .price($0) }
        case .cart: cart.oneOffForm.map { .oneOff($0) }
        case .checkout: .checkout(checkout.form)
        case .session: nil
        }
    }

    /// Whole seconds until the open session expires, from the last known time (nil with no open session).
    public var openSessionSecondsLeft: Int? {
        sessions.openSession.map { SessionsFeature.secondsLeft(now: now, expiresAt: $0.expiresAt) }
    }

    /// The checkout draft as it stands: the cart, the form's URLs and the kept idempotency key.
    public var draft: CheckoutDraft {
        CheckoutDraft(cart: cart.cart, successURL: checkout.form.trimmed(.successURL),
                      cancelURL: checkout.form.trimmed(.cancelURL), idempotencyKey: checkout.idempotencyKey)
    }
}

/// A terminal size in character cells.
public struct ScreenSize: Hashable, Sendable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// The panes, in the order of their number keys.
public enum Pane: Int, Hashable, Sendable, CaseIterable {
    case products = 1, prices, cart, checkout, session
}

/// Which form is open, for the view.
public enum ActiveForm: Hashable, Sendable {
    case product(ProductForm)
    case price(PriceForm)
    case oneOff(FormState<OneOffField>)
    case checkout(FormState<CheckoutField>)
}

/// The status line.
public struct StatusLine: Hashable, Sendable {
    /// The last message, if any.
    public var message: StatusMessage?
    /// Work going on in the background, if any.
    public var progress: StatusProgress?

    public init(message: StatusMessage? = nil, progress: StatusProgress? = nil) {
        self.message = message
        self.progress = progress
    }
}

/// One message for the status line.
public struct StatusMessage: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, error }
    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    public static func info(_ text: String) -> StatusMessage { StatusMessage(.info, text) }
    public static func error(_ text: String) -> StatusMessage { StatusMessage(.error, text) }
}

/// Background progress: "Loading products… 300".
public struct StatusProgress: Hashable, Sendable {
    public var label: String
    /// Items done so far, if counted.
    public var count: Int?

    public init(label: String, count: Int? = nil) {
        self.label = label
        self.count = count
    }
}

/// The account Till talks to.
public struct EnvironmentInfo: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable {
        /// The embedded sandbox (no key configured).
        case sandbox
        /// An `sk_test_` key.
        case test
        /// An `sk_live_` key: real money.
        case live
    }

    /// Whether real money moves (the header and the checkout confirm say LIVE).
    public var isLive: Bool { mode == .live }

    public var mode: Mode
    /// The API host shown in the header, e.g. "apitest.wooshpay.com" or "127.0.0.1:54321".
    public var apiHost: String

    public init(mode: Mode, apiHost: String) {
        self.mode = mode
        self.apiHost = apiHost
    }
}

/// Defaults from configuration.
public struct Settings: Hashable, Sendable {
    /// Currency prefilled in new price and one-off forms.
    public var defaultCurrency: Currency
    /// Prefilled success URL.
    public var successURL: String
    /// Prefilled cancel URL.
    public var cancelURL: String
    /// How long to wait between polls of an open session.
    public var pollInterval: Duration

    public init(defaultCurrency: Currency = .gbp, successURL: String, cancelURL: String,
                pollInterval: Duration = .seconds(3)) {
        self.defaultCurrency = defaultCurrency
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.pollInterval = pollInterval
    }
}

/// A y/n question that must be answered before anything else happens.
public enum Confirmation: Hashable, Sendable {
    /// Archive (`archive == true`) or unarchive a product.
    case archiveProduct(id: String, name: String, archive: Bool)
    /// Remove the cart's only line, emptying the cart.
    case removeLastCartLine(name: String)
    /// Expire an open checkout session.
    case expireSession(id: String)
    /// With a live key, create a checkout session for real money. `freshID` is the submitting key
    /// press's fresh id: the idempotency key if the draft does not keep one yet.
    case liveCheckout(total: Money, freshID: String)

    /// The question, in words.
    public var prompt: String {
        switch self {
        case .archiveProduct(_, let name, true): "Archive \"\(name)\"? (y/n)"
        case .archiveProduct(_, let name, false): "Unarchive \"\(name)\"? (y/n)"
        case .removeLastCartLine(let name): "Remove \"\(name)\" and empty the cart? (y/n)"
        case .expireSession(let id): "Expire session \(id)? The customer can no longer pay. (y/n)"
        case .liveCheckout(let total, _): "LIVE: create a real checkout session for \(total.formatted)? (y/n)"
        }
    }
}

/// How a list selection moved.
public enum Movement: Hashable, Sendable {
    case up, down, top, bottom
    /// Page up by the number of visible rows.
    case pageUp(rows: Int)
    /// Page down by the number of visible rows.
    case pageDown(rows: Int)

    /// The new selection in a list of `count` rows (0 when empty).
    public func apply(to selection: Int, count: Int) -> Int {
        guard count > 0 else { return 0 }
        let target: Int
        switch self {
        case .up: target = selection - 1
        case .down: target = selection + 1
        case .top: target = 0
        case .bottom: target = count - 1
        case .pageUp(let rows): target = selection - max(1, rows)
        case .pageDown(let rows): target = selection + max(1, rows)
        }
        return min(max(target, 0), count - 1)
    }
}

/// Whether a list is being loaded.
public enum LoadPhase: Hashable, Sendable {
    case idle
    case loading
    case failed(APIFailure)
}
