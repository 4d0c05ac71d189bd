import Foundation

/// Everything that can happen to Till, named for what happened: what the operator did, or what
/// the runtime reports. Which of the two is the type's to say: answers from the runtime land even
/// while a question, the help overlay or the sign-in screen holds the keys.
public enum AppAction: Hashable, Sendable {
    /// A key, a palette command: what the operator did.
    case user(UserAction)
    /// A result, a tick, start-up: what the runtime reports.
    case runtime(RuntimeAction)
}

/// What the operator did (a key, a palette command), or what the app passes on to a pane.
public enum UserAction: Hashable, Sendable {
    /// The operator picked a pane (keys 1-7).
    case paneSelected(Pane)
    /// `?` pressed: help shown or hidden.
    case helpToggled
    /// `q` pressed.
    case quitRequested
    /// The pending y/n question was answered.
    case confirmationAnswered(Bool)
    /// `u` or Ctrl-Z: the last cart change is taken back.
    case undoRequested
    /// Ctrl-R: the last undone cart change is made again.
    case redoRequested

    /// What the app tells the catalog (a product or prices seen elsewhere, a sale, a refresh).
    case catalog(CatalogAction)
    case products(ProductsAction)
    case prices(PricesAction)
    case cart(CartAction)
    case checkout(CheckoutAction)
    case session(SessionAction)
    case history(HistoryAction)
    case parked(ParkedAction)
    case refunds(RefundsAction)
    case reports(ReportsAction)
    case quickAdd(QuickAddAction)
    case palette(PaletteAction)
    case operators(OperatorsAction)
    /// `t` on a paid session: save its receipt (and send it to `receipt_command`).
    case receiptRequested(CheckoutSession)
    /// `Q` on an open session: print a payment slip (shop, total, the URL as a QR code and as text).
    case slipRequested(CheckoutSession)
}

/// What the runtime reports: answers to effects, ticks, the terminal's size, start-up.
public enum RuntimeAction: Hashable, Sendable {
    /// The runtime is up: load the cache and start refreshing the catalog.
    case started
    /// A saved checkout draft was found at start-up (cart, URLs, idempotency key).
    case draftRestored(CheckoutDraft)
    /// The terminal was resized (SIGWINCH / KEY_RESIZE).
    case screenResized(Size)
    /// A scheduled tick fired; `now` is the runtime's clock.
    case ticked(TickID, now: Date)

    case catalog(CatalogAnswer)
    case products(ProductsAnswer)
    case prices(PricesAnswer)
    case cart(CartAnswer)
    case checkout(CheckoutAnswer)
    case session(SessionAnswer)
    case history(HistoryAnswer)
    case parked(ParkedAnswer)
    case refunds(RefundsAnswer)
    case reports(ReportsAnswer)
    case quickAdd(QuickAddAnswer)
    case operators(OperatorsAnswer)
    /// Answer to `saveReceipt`.
    case receiptFinished(Result<ReceiptDelivery, ReceiptFailure>)
    /// Answer to `printSlip`.
    case slipFinished(Result<ReceiptDelivery, ReceiptFailure>)
    /// A write to the shop store failed (`what`: the cart, the refund journal, …); said on the status line.
    case storeWriteFailed(what: StoreWrite, reason: String)
    /// The shop store at start: what was imported from older files, and what could not be read.
    case storeOpened(notes: [String], problems: [String])
    /// A write found the shop store unreachable: the writes wait, in order, and are retried.
    case storeUnreachable(reason: String)
    /// The shop store answered again and the `saved` writes that waited are stored.
    case storeReachable(saved: Int)
}

extension AppAction {
    /// Whether the runtime (not the operator) sent this.
    var isFromRuntime: Bool {
        if case .runtime = self { true } else { false }
    }
}

// Shorthands, so that a key's action reads `.products(.filterStarted)` and a result
// `.catalog(.cacheLoaded(items))`: which side each is on follows from the child's type.
extension AppAction {
    public static func paneSelected(_ pane: Pane) -> AppAction { .user(.paneSelected(pane)) }
    public static var helpToggled: AppAction { .user(.helpToggled) }
    public static var quitRequested: AppAction { .user(.quitRequested) }
    public static func confirmationAnswered(_ yes: Bool) -> AppAction { .user(.confirmationAnswered(yes)) }
    public static var undoRequested: AppAction { .user(.undoRequested) }
    public static var redoRequested: AppAction { .user(.redoRequested) }
    public static func receiptRequested(_ session: CheckoutSession) -> AppAction { .user(.receiptRequested(session)) }
    public static func slipRequested(_ session: CheckoutSession) -> AppAction { .user(.slipRequested(session)) }
    public static func palette(_ action: PaletteAction) -> AppAction { .user(.palette(action)) }

    public static func catalog(_ action: CatalogAction) -> AppAction { .user(.catalog(action)) }
    public static func products(_ action: ProductsAction) -> AppAction { .user(.products(action)) }
    public static func prices(_ action: PricesAction) -> AppAction { .user(.prices(action)) }
    public static func cart(_ action: CartAction) -> AppAction { .user(.cart(action)) }
    public static func checkout(_ action: CheckoutAction) -> AppAction { .user(.checkout(action)) }
    public static func session(_ action: SessionAction) -> AppAction { .user(.session(action)) }
    public static func history(_ action: HistoryAction) -> AppAction { .user(.history(action)) }
    public static func parked(_ action: ParkedAction) -> AppAction { .user(.parked(action)) }
    public static func refunds(_ action: RefundsAction) -> AppAction { .user(.refunds(action)) }
    public static func reports(_ action: ReportsAction) -> AppAction { .user(.reports(action)) }
    public static func quickAdd(_ action: QuickAddAction) -> AppAction { .user(.quickAdd(action)) }
    public static func operators(_ action: OperatorsAction) -> AppAction { .user(.operators(action)) }

    public static var started: AppAction { .runtime(.started) }
    public static func draftRestored(_ draft: CheckoutDraft) -> AppAction { .runtime(.draftRestored(draft)) }
    public static func screenResized(_ size: Size) -> AppAction { .runtime(.screenResized(size)) }
    public static func ticked(_ id: TickID, now: Date) -> AppAction { .runtime(.ticked(id, now: now)) }
    public static func receiptFinished(_ result: Result<ReceiptDelivery, ReceiptFailure>) -> AppAction { .runtime(.receiptFinished(result)) }
    public static func slipFinished(_ result: Result<ReceiptDelivery, ReceiptFailure>) -> AppAction { .runtime(.slipFinished(result)) }
    public static func storeWriteFailed(what: StoreWrite, reason: String) -> AppAction { .runtime(.storeWriteFailed(what: what, reason: reason)) }
    public static func storeOpened(notes: [String], problems: [String]) -> AppAction { .runtime(.storeOpened(notes: notes, problems: problems)) }
    public static func storeUnreachable(reason: String) -> AppAction { .runtime(.storeUnreachable(reason: reason)) }
    public static func storeReachable(saved: Int) -> AppAction { .runtime(.storeReachable(saved: saved)) }

    public static func catalog(_ answer: CatalogAnswer) -> AppAction { .runtime(.catalog(answer)) }
    public static func products(_ answer: ProductsAnswer) -> AppAction { .runtime(.products(answer)) }
    public static func prices(_ answer: PricesAnswer) -> AppAction { .runtime(.prices(answer)) }
    public static func cart(_ answer: CartAnswer) -> AppAction { .runtime(.cart(answer)) }
    public static func checkout(_ answer: CheckoutAnswer) -> AppAction { .runtime(.checkout(answer)) }
    public static func session(_ answer: SessionAnswer) -> AppAction { .runtime(.session(answer)) }
    public static func history(_ answer: HistoryAnswer) -> AppAction { .runtime(.history(answer)) }
    public static func parked(_ answer: ParkedAnswer) -> AppAction { .runtime(.parked(answer)) }
    public static func refunds(_ answer: RefundsAnswer) -> AppAction { .runtime(.refunds(answer)) }
    public static func reports(_ answer: ReportsAnswer) -> AppAction { .runtime(.reports(answer)) }
    public static func quickAdd(_ answer: QuickAddAnswer) -> AppAction { .runtime(.quickAdd(answer)) }
    public static func operators(_ answer: OperatorsAnswer) -> AppAction { .runtime(.operators(answer)) }
}
