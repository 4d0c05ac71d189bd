import Foundation

/// A y/n question that must be answered before anything else happens. The app reducer asks it
/// for a feature and hands a yes back to that feature. The view puts it in words.
public enum Confirmation: Hashable, Sendable {
    /// Archive (`archive == true`) or unarchive a product (asked by the products feature).
    case archiveProduct(id: String, name: String, archive: Bool)
    /// Remove the cart's only line, emptying the cart (asked by the cart).
    case removeLastCartLine(name: String)
    /// Expire an open checkout session (asked by the session feature).
    case expireSession(id: String)
    /// With a live key, create a checkout session for real money (asked by checkout). `freshID` is
    /// the submitting key press's fresh id: the idempotency key if the draft does not keep one yet.
    case liveCheckout(total: Money, freshID: String)
    /// Give money back (asked by refunds); `live` with a live key.
    case refund(RefundChoice, live: Bool)
    /// Discard a parked ticket (asked by parking); `sessionId` when it holds a created session.
    case discardParked(id: String, label: String, sessionId: String?)
    /// Close the shift with this report as its Z report `number` (asked by reports).
    case closeShift(ShiftReport, number: Int)
    /// Expire every open session of the report (asked by reports).
    case expireSessions(ids: [String])
    /// Quit while the shop store is unreachable: changes made since are not stored yet.
    case quitWithStoreAway
}
