import Foundation

/// Everything on screen, as one value: app-wide parts here, each pane's state in its feature.
public struct AppState: Hashable, Sendable {
    /// The pane that receives keys.
    public var focus: Pane
    /// Whether the `?` help overlay is shown.
    public var isHelpVisible: Bool
    /// The status line's last message.
    public var status: StatusLine
    /// Which account Till talks to, for the header.
    public var environment: EnvironmentInfo
    /// Defaults from configuration.
    public var settings: Settings
    /// A y/n question waiting for an answer; while set, only the answer is taken.
    public var confirmation: Confirmation?
    /// The latest time the runtime reported (from keys and ticks); drives the expiry countdown.
    public var now: Date
    /// The terminal's size in cells, as last reported. TillCore lays nothing out by it: the view
    /// layer turns it into rows per list (`ListRows`).
    public var screen: Size

    /// The products, their prices and codes, and the loads that fill them (read by the panes).
    public var catalog: CatalogState
    public var products: ProductsState
    public var prices: PricesState
    public var cart: CartState
    public var checkout: CheckoutState
    public var session: SessionState
    public var history: HistoryState
    public var parked: ParkedState
    public var refunds: RefundsState
    public var reports: ReportsState
    public var quickAdd: QuickAddState
    /// Cart changes that `u` (Ctrl-Z) undoes and Ctrl-R redoes.
    public var cartHistory: CartHistory
    /// The command palette (`:`).
    public var palette: PaletteState
    /// What the customer display was last told to show (`.showCustomer`); nil before the first.
    public var customerDisplay: CustomerDisplay?
    /// Who is at the till: operators, sign-in, lock, approvals (inactive with no operators).
    public var operators: OperatorsState
    /// Why the shop store cannot be reached, while writes wait for it (nil: it answers).
    public var storeAway: String?

    /// The state Till opens in: the products pane, nothing loaded yet.
    public init(environment: EnvironmentInfo, settings: Settings, now: Date) {
        self.focus = .products
        self.isHelpVisible = false
        self.status = StatusLine()
        self.environment = environment
        self.settings = settings
        self.confirmation = nil
        self.now = now
        self.screen = Size(width: 80, height: 24)
        self.catalog = CatalogState()
        self.products = ProductsState()
        self.prices = PricesState()
        self.cart = CartState()
        self.checkout = CheckoutState(settings: settings)
        self.session = SessionState()
        self.history = HistoryState()
        self.parked = ParkedState()
        self.refunds = RefundsState()
        self.reports = ReportsState()
        self.quickAdd = QuickAddState()
        self.cartHistory = CartHistory()
        self.palette = PaletteState()
        self.customerDisplay = nil
        self.operators = OperatorsState()
        self.storeAway = nil
    }

    /// Whether keys go to a text field (a form or the filter) rather than to pane commands.
    public var isEditingText: Bool {
        if parked.labelForm != nil || refunds.form != nil || palette.isOpen { return true }
        if products.isFilterEditing && focus == .products { return true }
        if history.isFilterEditing && focus == .history { return true }
        // The cart's quick-add line takes letters whenever no form is open there.
        if focus == .cart { return true }
        return activeForm != nil
    }

    /// The form open in the focused pane, if any.
    public var activeForm: ActiveForm? {
        switch focus {
        case .products: products.form.map { .product($0) }
        case .prices: prices.form.map { .price($0) }
        case .cart: cart.oneOffForm.map { .oneOff($0) }
        case .checkout: .checkout(checkout.form)
        case .session, .history, .reports: nil
        }
    }

    /// Background work for the status line: the checkout create first, then the catalog load,
    /// then the session lists (history, the report).
    public var progress: StatusProgress? {
        checkout.progress ?? catalog.progress ?? history.progress ?? reports.progress
    }

    /// Whole seconds until the open session expires, from the last known time (nil with no open session).
    public var openSessionSecondsLeft: Int? {
        session.open.map { SessionFeature.secondsLeft(now: now, expiresAt: $0.expiresAt) }
    }

    /// The checkout draft as it stands: the cart, the form's URLs and the kept idempotency key.
    public var draft: CheckoutDraft { checkout.draft(cart: cart.cart) }
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
