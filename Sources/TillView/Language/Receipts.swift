import TillCore

/// The words of a printed or saved receipt and of the payment slip (the amounts keep their
/// currency's own format in every language).
public enum ReceiptPhrase: String, PhraseTable {
    case notPaidOpen
    case notPaidExpired
    case eachAt
    case total
    case refund
    case refundWithStatus
    case refundUnconfirmed
    case refunded
    case net
    case session
    case payment
    case statusPending
    case statusSucceeded
    case statusFailed
    case statusCanceled
    case statusRequiresAction
    case slipScanToPay
    case slipOrOpen
    case slipValidUntil
}
