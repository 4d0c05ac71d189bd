import Foundation

/// A description of I/O the runtime must perform. TillCore never performs it; the runtime does,
/// and reports back with the result action named beside each case.
public enum Effect: Hashable, Sendable {
    /// Load the local products cache → `.catalog(.cacheLoaded)`.
    case loadCatalogCache
    /// Save the whole products to the local cache (no answer).
    case saveCatalogCache(CatalogItems)
    /// List products, newest first, after `startingAfter` (nil = first page) → `.catalog(.productsPageLoaded(startingAfter:, _))`.
    /// Cancellable as `.productsLoad`.
    case loadProductsPage(startingAfter: String?)
    /// List active prices, newest first, after `startingAfter` → `.catalog(.catalogPricesPageLoaded(startingAfter:, _))`.
    /// Cancellable as `.catalogPricesLoad`.
    case loadCatalogPricesPage(startingAfter: String?)
    /// Find the active price whose `lookup_key` is `code`, with its product → `.quickAdd(.codeLookedUp(code:, _))`.
    case findPrice(code: String)
    /// List every price of a product (all pages) for quick add → `.quickAdd(.pricesLoaded(productId:, _))`.
    case loadQuickAddPrices(productId: String)
    /// Create a product → `.products(.productCreated)`.
    case createProduct(ProductDraft, idempotencyKey: String)
    /// Update a product (edit or archive) → `.products(.productUpdated)`.
    case updateProduct(id: String, ProductUpdate)
    /// List every price of a product (all pages) → `.prices(.pricesLoaded(productId:, _))`. Cancellable as `.pricesLoad`.
    case loadPrices(productId: String)
    /// Create a price → `.prices(.priceCreated)`.
    case createPrice(PriceDraft, idempotencyKey: String)
    /// Create a checkout session from the draft once the `saveDraft` before it is stored
    /// → `.checkout(.sessionCreated)`; when that save failed nothing is sent → `.checkout(.draftNotSaved(reason:))`.
    case createCheckoutSession(CheckoutDraft, idempotencyKey: String)
    /// List checkout sessions, newest first, after `startingAfter` (nil = first page)
    /// → `.history(.pageLoaded(startingAfter:, _))`. Cancellable as `.historyLoad`.
    case loadSessionsPage(startingAfter: String?)
    /// List the checkout sessions created from `from` (nil: the start of the data) through
    /// `through` (nil: now, by the runtime's clock to the millisecond), newest first, after
    /// `startingAfter` → `.reports(.pageLoaded(from:, through:, startingAfter:, _))`, whose
    /// `through` names the end used. Cancellable as `.reportsLoad`.
    case loadReportPage(from: Date?, through: Date?, startingAfter: String?)
    /// Save the report as the open shift's Z report (`ShiftLog.close`, under the shift log's lock)
    /// → `.reports(.shiftClosed(_))` with the log as saved; on failure nothing is saved.
    case closeShift(ShiftReport)
    /// Fetch a session now → `.session(.sessionFetched(id:, _))`.
    case fetchSession(id: String)
    /// Wait `after`, then fetch the session → `.session(.sessionPolled(id:, _))`. Cancellable as `.sessionPoll`.
    case pollSession(id: String, after: Duration)
    /// Expire an open session → `.session(.sessionExpired(id:, _))`.
    case expireSession(id: String)
    /// At `at` (or at once if past) send `.ticked(id, now:)`. Cancellable as `.tick(id)`.
    case scheduleTick(id: TickID, at: Date)
    /// Cancel in-flight work with this identity; its result, if any, is never delivered.
    case cancel(CancelID)
    /// Save the cart, URLs and idempotency key so a restart (or crash) resumes them (no answer).
    case saveDraft(CheckoutDraft)
    /// Add a parked ticket to the shop's (every till lists it); on failure → `.parked(.parkFailed(ticket, _))`.
    case parkTicket(ParkedTicket)
    /// Claim a parked ticket for this till, compare-and-set, after the writes before it
    /// → `.parked(.claimAnswered(id:, purpose:, _))`.
    case claimParked(id: String, purpose: ParkedClaimPurpose)
    /// Keep checkout URLs the operator typed as the account's defaults for later runs (no answer);
    /// nil leaves that URL's saved default as it is.
    case saveURLDefaults(successURL: String?, cancelURL: String?)
    /// Apply a change to the refund journal file, under its lock (no answer). Runs before any
    /// effect that follows it, so an entry is saved before its `createRefund` goes out.
    case recordRefund(RefundJournalChange)
    /// Create the refund of a journal entry, with its idempotency key, once the journal changes
    /// before it are stored → `.refunds(.refundAnswered(idempotencyKey:, _))`; when its entry could
    /// not be saved nothing is sent → `.refunds(.journalNotSaved(entry, reason:))`.
    case createRefund(RefundJournal.Entry)
    /// Wait `after`, then read a refund → `.refunds(.refundFetched(id:, _))`.
    case fetchRefund(id: String, after: Duration)
    /// Save a session's receipt to the state folder and send it to `receipt_command` when set
    /// → `.receiptFinished`.
    case saveReceipt(CheckoutSession, refunds: [RefundJournal.Entry])
    /// Print a payment slip for an open session on the receipt printer (shop name, total, the
    /// session URL as a QR code and as text, a cut) → `.slipFinished`.
    case printSlip(CheckoutSession)
    /// Write what the customer should see as this till's display record in the shop store, in
    /// order with the other writes (no answer; a failure is said on the status line).
    case showCustomer(CustomerDisplay)
    /// Put text on the clipboard (OSC 52) → nothing.
    case copyToClipboard(String)
    /// Ring the terminal bell once (a sale finished) → nothing.
    case bell
    /// Leave Till, restoring the terminal.
    case quit
    /// Check a PIN against the shop store (wrong ones count towards the name's lockout and are
    /// audited) → `.operators(.pinChecked(name:, purpose:, _, now:))`.
    case checkPIN(name: String, pin: PIN, purpose: PINPurpose)
    /// Append to the shop's audit trail, stamped with the time and this till (no answer).
    case audit(AuditNote)
    /// Lock the till after this many seconds with no key (each key starts it again) →
    /// `.ticked(.idleLock, now:)`.
    case idleLock(after: TimeInterval)
    /// Read the shop's operators → `.operators(.rosterLoaded(_))`.
    case loadOperators
    /// Read the newest `limit` audit entries → `.operators(.auditLoaded(_))`.
    case loadAudit(limit: Int)
}

/// An audit entry as the reducer knows it: the runtime adds the time and the till.
public struct AuditNote: Hashable, Sendable {
    public var action: AuditEntry.Action
    public var operatorName: String?
    public var objectId: String?
    public var amount: Money?
    public var approvedBy: String?
}

/// Timers the reducer can set.
public enum TickID: Hashable, Sendable {
    /// The open session's expiry countdown, once a second.
    case sessionCountdown
    /// `lock_after` with no key.
    case idleLock
}

/// Identity of cancellable work, so "cancel what is in flight" is explicit.
public enum CancelID: Hashable, Sendable {
    /// The product page chain (`loadProductsPage`).
    case productsLoad
    /// `loadPrices`.
    case pricesLoad
    /// The price sync (`loadCatalogPricesPage`).
    case catalogPricesLoad
    /// `pollSession`.
    case sessionPoll
    /// `loadSessionsPage`.
    case historyLoad
    /// `loadReportPage`.
    case reportsLoad
    /// A `scheduleTick`.
    case tick(TickID)
}
