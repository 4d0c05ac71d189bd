import Foundation

/// Everything that can happen to Till, named for what happened.
public enum AppAction: Hashable, Sendable {
    /// The runtime is up: load the cache and start refreshing the catalog.
    case started
    /// A saved checkout draft was found at start-up (cart, URLs, idempotency key).
    case draftRestored(CheckoutDraft)
    /// The terminal was resized (SIGWINCH / KEY_RESIZE).
    case screenResized(Size)
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
    /// A scheduled tick fired; `now` is the runtime's clock.
    case ticked(TickID, now: Date)

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
    /// Answer to `saveReceipt`.
    case receiptFinished(Result<ReceiptDelivery, ReceiptFailure>)
    /// `Q` on an open session: print a payment slip (shop, total, the URL as a QR code and as text).
    case slipRequested(CheckoutSession)
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
    /// Whether the runtime (not the operator) sent this: results, ticks, start-up. These land even
    /// while a question or the help overlay holds the keys. Exhaustive on purpose: a new action
    /// must be placed here before it compiles, so a result cannot be dropped while a question is up.
    var isFromRuntime: Bool {
        switch self {
        case .started, .draftRestored, .ticked, .screenResized, .receiptFinished, .slipFinished, .storeWriteFailed,
             .storeOpened, .storeUnreachable, .storeReachable: true
        case .paneSelected, .helpToggled, .quitRequested, .confirmationAnswered, .receiptRequested, .slipRequested,
             .undoRequested, .redoRequested: false
        case .products(let action):
            switch action {
            case .cacheLoaded, .productsPageLoaded, .productCreated, .productUpdated, .catalogPricesPageLoaded: true
            case .reloadRequested, .filterStarted, .filterEdited, .filterCleared, .filterFinished, .selectionMoved,
                 .newProductRequested, .editProductRequested, .archiveToggleRequested, .pricesRequested, .form,
                 .archiveConfirmed, .productReceived, .pricesKnown, .priceAdded, .productUsed, .revealRequested: false
            }
        case .prices(let action):
            switch action {
            case .pricesLoaded, .priceCreated: true
            case .selectionMoved, .reloadRequested, .newPriceRequested, .newPriceWithProductRequested, .newPriceForCodeRequested,
                 .addToCartRequested, .form, .opened, .productUpdated: false
            }
        case .cart(let action):
            switch action {
            case .restored: true
            case .selectionMoved, .quantityIncreased, .quantityDecreased, .removeRequested, .oneOffItemRequested,
                 .checkoutRequested, .oneOffForm, .lineAdded, .emptyingConfirmed, .checkedOut, .replaced: false
            }
        case .checkout(let action):
            switch action {
            case .sessionCreated, .restored, .draftNotSaved: true
            case .form, .liveCheckoutConfirmed, .cartChanged: false
            }
        case .session(let action):
            switch action {
            case .sessionFetched, .sessionPolled, .sessionExpired: true
            case .refreshRequested, .expireRequested, .expireConfirmed, .urlCopyRequested, .qrToggled, .qrClosed,
                 .nextSaleRequested, .watchRequested, .countdownTicked: false
            }
        case .history(let action):
            switch action {
            case .pageLoaded: true
            case .shown, .refreshRequested, .selectionMoved, .filterStarted, .filterEdited, .filterCleared,
                 .filterFinished, .openOnlyToggled, .openRequested, .sessionRecorded: false
            }
        case .parked(let action):
            switch action {
            case .restored, .shopListed, .claimAnswered, .parkFailed: true
            case .parkRequested, .labelForm, .listToggled, .listClosed, .selectionMoved, .resumeRequested,
                 .discardRequested, .discardConfirmed: false
            }
        case .refunds(let action):
            switch action {
            case .refundAnswered, .refundFetched, .restored, .journalNotSaved: true
            case .refundRequested, .form, .refundConfirmed: false
            }
        case .palette: false
        case .operators(let action):
            switch action {
            case .pinChecked, .rosterLoaded, .auditLoaded: true
            case .selectionMoved, .nameChosen, .digitsTyped, .digitErased, .pinSubmitted, .backed, .lockRequested: false
            }
        case .quickAdd(let action):
            switch action {
            case .codeLookedUp, .pricesLoaded, .catalogChanged: true
            case .edited, .cleared, .matchMoved, .submitted, .chooserMoved, .chooserPicked, .chooserClosed, .scanned,
                 .createFromCodeRequested, .unknownCodeDismissed: false
            }
        case .reports(let action):
            switch action {
            case .pageLoaded, .shiftClosed, .restored: true
            case .shown, .reloadRequested, .closeRequested, .closeConfirmed, .expireAllRequested, .expireAllConfirmed,
                 .sessionUpdated, .journalChanged: false
            }
        }
    }
}
