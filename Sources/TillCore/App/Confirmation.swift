import Foundation

/// A y/n question that must be answered before anything else happens. The app reducer asks it
/// for a feature and hands a yes back to that feature.
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

    /// The question, in words.
    public var prompt: String {
        switch self {
        case .archiveProduct(_, let name, true): "Archive \"\(name)\"? (y/n)"
        case .archiveProduct(_, let name, false): "Unarchive \"\(name)\"? (y/n)"
        case .removeLastCartLine(let name): "Remove \"\(name)\" and empty the cart? (y/n)"
        case .expireSession(let id): "Expire session \(id)? The customer can no longer pay. (y/n)"
        case .liveCheckout(let total, _): "LIVE: create a real checkout session for \(total.formatted)? (y/n)"
        case .refund(let choice, let live):
            (live ? "LIVE: refund \(choice.amount.formatted) of real money" : "Refund \(choice.amount.formatted)")
                + " of session \(choice.sessionId)" + (choice.reason.map { " (\($0.rawValue.replacingOccurrences(of: "_", with: " ")))" } ?? "")
                + "? (y/n)"
        case .discardParked(_, let label, nil): "Discard parked \"\(label)\"? Its lines are lost. (y/n)"
        case .discardParked(_, let label, let session?):
            "Discard parked \"\(label)\"? Session \(session) stays payable until it expires; it stays in history. (y/n)"
        case .closeShift(let report, let number):
            "Close the shift: Z report #\(number) from "
                + (report.window.start.map(ReportTime.utcText) ?? "the start of the data")
                + " to \(ReportTime.utcText(report.window.end)), net "
                + (report.figures.isEmpty ? "nothing" : report.figures.map(\.netMoney.formatted).joined(separator: ", "))
                + "? It is saved and the next shift starts there. (y/n)"
        case .quitWithStoreAway:
            "The shop store is unreachable: the latest changes are not saved and are lost if Till quits now. Quit anyway? (y/n)"
        case .expireSessions(let ids):
            "Expire \(ids.count == 1 ? "the open session" : "the \(ids.count) open sessions") of this shift? "
                + "Customers can no longer pay \(ids.count == 1 ? "it" : "them"). (y/n)"
        }
    }
}
