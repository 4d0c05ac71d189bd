import Foundation

/// What happened, for the operator: TillCore says it as a value and the view says it in the
/// operator's language (TillView's `Language/Messages*.swift`). One case per meaning; what varies
/// (an amount, a name, a key to press) is a typed payload. Text that comes from elsewhere (an
/// API's error message, a reason from the shop store) stays a String payload the view sanitises.
public enum Message: Hashable, Sendable {
    // MARK: The cart and checkout
    /// A checkout session is being created, so the cart cannot change.
    case checkoutLocked
    case cartEmpty
    /// `-` on a line of quantity 1.
    case quantityAlreadyOne
    case addedToCart(name: String, quantity: Int)
    /// The one-off form's quantity is not a whole number from 1 to 999.
    case quantityNotWhole
    case cartRefused(CartError)
    case draftRefused(CheckoutDraftError)
    case checkoutCreated
    /// Created, and the URLs typed are now the account's defaults.
    case checkoutCreatedURLsKept
    case checkoutFailed(APIFailure)
    /// The cart could not be stored before sending: `inForm` is the form's wording.
    case cartNotSaved(reason: String, inForm: Bool)
    case checkoutResumed
    /// A create request failed; `keyed` when it carried an idempotency key (a retry is then safe).
    case requestFailed(APIFailure, keyed: Bool)

    // MARK: Undo
    case nothingToUndo
    case nothingToRedo
    case undid(CartChange)
    case redid(CartChange)
    /// `label` nil: the parked ticket was not found to read its label.
    case undidPark(label: String?)
    case undoParkTicketGone(label: String?)
    case undoParkNeedsEmptyCart(label: String?)
    /// Undo stops at the checkout session WooshPay made.
    case checkoutCannotBeUndone

    // MARK: Loading
    /// A list failed to load; `retry` is the key that loads it again.
    case loadFailed(LoadSubject, APIFailure, retry: KeyMention)
    /// The same failure as a pane shows it, without the key.
    case notLoaded(LoadSubject, APIFailure)
    case catalogPricesLoadFailed(APIFailure)
    case productsLoaded(count: Int)

    // MARK: Products and prices
    case productCreated(name: String)
    case productCreateFailed(APIFailure)
    case productSaved(name: String)
    case productArchiveChanged(name: String, archived: Bool)
    case productUpdateFailed(APIFailure)
    case productGone
    case noProductSelected
    case nameProblem(NameProblem)
    case lookupKeyProblem(LookupKeyProblem)
    case newProductForCode(code: String)
    case noPriceSelected
    case priceArchived
    case productArchived(name: String)
    case priceCreated(Money)
    case priceCreateFailed(APIFailure)
    case openProductFirst
    case currencyRefused(CurrencyError)
    case amountRefused(MoneyError)

    // MARK: Quick add and scans
    case nothingMatches(query: String)
    case fetchingPrices(productName: String)
    case pricesFetchFailed(APIFailure)
    case misreadBarcode(kind: Barcode.Kind, code: String)
    case lookingUpCode(String)
    case unknownCode(String)
    case codeLookupFailed(code: String, APIFailure)
    case productHasNoPrice(name: String)

    // MARK: Sessions
    case sessionFetchFailed(APIFailure)
    case sessionCheckFailed(APIFailure)
    case onlyOpenSessionExpires(CheckoutSession.Status)
    case sessionExpireFailed(APIFailure)
    case sessionHasNoURL
    case sessionURLCopied
    case sessionHasNoURLForQR
    case noSessionOpen
    /// The watched session ended; `spoken` leads with the outcome word for a screen reader.
    case sessionFinished(id: String, SessionEnding, total: Money?, spoken: Bool)
    case showingOpenSessionsOnly
    case showingEverySession
    case noSessionSelected

    // MARK: Receipts, slips and the shop store
    case receiptNeedsPaidSession(CheckoutSession.Status, CheckoutSession.PaymentStatus)
    case savingReceipt(sessionId: String)
    case receiptSaved(path: String, sentTo: String?)
    case receiptFailed(reason: String, savedPath: String?)
    case slipNeedsOpenSession(CheckoutSession.Status)
    case printingSlip(sessionId: String)
    case slipPrinted(on: String)
    case slipNotPrinted(reason: String)
    case storeWriteFailed(what: StoreWrite, reason: String)
    case storeUnreachable(reason: String, StoreAwayWork)
    case storeReachable(saved: Int)
    /// The first problem the store met while opening, and how many more there were.
    case storeOpenProblem(String, more: Int)
    case movedIntoStore(notes: [String])

    // MARK: Parked carts
    case noCartsParked
    case resuming(label: String)
    case discarding(label: String)
    /// `label` nil: the ticket is no longer listed.
    case ticketStoreUnreachable(label: String?, reason: String)
    case ticketGone(label: String?)
    case ticketTaken(label: String?, till: String)
    case discarded(label: String)
    case resumed(label: String)
    case parkFailed(label: String, reason: String, ParkFailureOutcome)
    case resumeWaitsForCheckout(label: String)
    case resumeNeedsEmptyCart(label: String)
    case resumeNeedsSessionParked(openSessionId: String, label: String)
    case parked(label: String, items: Int, total: Money?)
    case parkWaitsForCheckout
    case parkedCapacityReached(Int)
    case labelTooLong(maximum: Int)
    case labelHasControlCharacters
    case labelInUse(String)
    case nothingToPark
    case cartParkedForOwner(String)

    // MARK: Refunds
    case refundRefused(RefundError)
    case refunding(Money, sessionId: String)
    case refundNotSaved(reason: String)
    case refundOutcomeUnknown(APIFailure)
    case refundRefusedByAPI(APIFailure)
    case refundCheckFailed(id: String, APIFailure)
    case resendingRefunds(count: Int)
    case onlyPaidSessionRefunds(CheckoutSession.Status, CheckoutSession.PaymentStatus)
    case sessionHasNoPaymentIntent(sessionId: String)
    case refundBeingSent(sessionId: String)
    case resendingRefund(Money)
    case sessionHasNoTotal(sessionId: String)
    case sessionNotRefundable
    case linesComeTo(Money)
    case refundLinesUnreadable
    case noSuchSessionLine(number: Int, lines: Int)
    case refundUnitsNotWhole(line: Int)
    case lineFullyRefunded(line: Int)
    case refundReasonUnknown
    case refunded(Money, id: String)
    case refundPending(Money, id: String)
    case refundFailed(Money, id: String, reason: String?)
    case refundCanceled(Money, id: String)

    // MARK: Reports
    case loadingReportFirst
    case noOpenSessionInShift
    case expiringSessions(count: Int)
    case savingZReport
    case zReportSaved(number: Int?, closedAt: Date?)
    case zReportNotSaved(reason: String)
    /// The shop store could not be reached, so nothing was closed (`reason` is the store's own).
    case zReportStoreAway(reason: String)
    /// The shift log refused the close (another close came first, or the shift is empty).
    case zReportRefused(ShiftLogError)
    case zReportBeingSaved
    case reportStillLoading
    case reportFailedCannotClose
    case noReportLoaded
    case shiftEmpty
    case reportCannotAddUp(MoneyError)

    // MARK: Operators
    case signedIn(name: String)
    case approvalCancelled(GuardedAction)
    case needsManagerNoneInShop(GuardedAction)
    case managerOnly(GuardedAction)

    /// A notice from the embedded sandbox, in its own words.
    case sandboxNotice(String)
}

/// What the shop store was asked to save (the view names it; the log names it by its case).
public enum StoreWrite: Hashable, Sendable {
    case cart, parkedTicket, checkoutURLDefaults, refundJournal, customerDisplay, auditTrail
}

/// What failed to load.
public enum LoadSubject: Hashable, Sendable { case products, prices, sessions }

/// How a watched session ended.
public enum SessionEnding: Hashable, Sendable { case paid, complete, expired }

/// What waits while the shop store is away.
public enum StoreAwayWork: Hashable, Sendable { case checkout, refund, selling }

/// What became of a ticket that could not be parked.
public enum ParkFailureOutcome: Hashable, Sendable {
    case cartBack, sessionBack
    /// The sale moved on: the ticket stays listed on this till.
    case keptHere
}

/// A cart change undo and redo name.
public enum CartChange: Hashable, Sendable {
    case add(name: String)
    case quantityChange
    /// `name` of the only line, nil when the cart had several.
    case remove(name: String?)
    case addOneOff
}

/// Why a product or item name is refused.
public enum NameProblem: Hashable, Sendable {
    case empty(NameKind)
    case tooLong(length: Int, maximum: Int)
}

/// Which name a form asks for.
public enum NameKind: Hashable, Sendable { case product, item }

/// Why a SKU or barcode is refused.
public enum LookupKeyProblem: Hashable, Sendable {
    case tooLong(length: Int, maximum: Int)
    case spacesOrControls
}

/// The label of a background progress ("Loading products… 300").
public enum ProgressLabel: Hashable, Sendable {
    case loadingProducts, loadingSessions, creatingCheckoutSession
}
