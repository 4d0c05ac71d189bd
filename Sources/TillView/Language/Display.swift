import TillCore

/// The customer's words: the customer display (`till display`), the full-screen QR code and
/// PAID / EXPIRED.
public enum DisplayPhrase: String, PhraseTable {
    case paidWord
    case expiredWord
    case paidAt
    case expiredAt
    case thankYou
    case askAtCounter
    case qrNeeds
    case qrTooLong
    case waitingForTill
    case welcome
    case scanToPay
    case moreAbove
    case totalItems1
    case totalItemsN
    case qrBack
    case outcomeCaption
    case reconnecting
}
