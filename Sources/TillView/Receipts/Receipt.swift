import Foundation
import TillCore

/// A plain-text receipt for a checkout session: shop, date and time, lines with quantities and
/// amounts, the total, refunds if any, and the session and payment intent ids. Pure: the same
/// session, refunds and format always give the same text, with no control characters in it.
public enum Receipt {
    /// Most lines a line item's description takes; a longer one ends in "…".
    public static let maxDescriptionLines = 3

    /// The receipt's lines, none wider than the format's width, no trailing spaces.
    ///
    /// Refunds are the journal's entries of this session: those recorded as pending or succeeded
    /// are listed and taken off (REFUNDED, NET); one sent with no answer yet is listed as
    /// "unconfirmed" and not taken off; refused ones are left out.
    public static func lines(for session: CheckoutSession, refunds: [RefundJournal.Entry],
                             format: ReceiptFormat, language: Language = .english) -> [String] {
        func say(_ phrase: ReceiptPhrase, _ pairs: String...) -> String {
            var values: [String: String] = [:]
            for index in stride(from: 0, to: pairs.count - 1, by: 2) { values[pairs[index]] = pairs[index + 1] }
            return phrase.text(language, values)
        }
        let width = format.width.rawValue
        let columns = format.columns
        let currency = session.currency ?? session.lineItems.first?.currency
        func amount(_ minor: Int64?, negative: Bool = false) -> String {
            guard let minor, let currency else { return "-" }
            return (negative ? "-" : "") + Money(minorUnits: minor, currency: currency).formatted
        }

        let shown = refunds.filter { $0.sessionId == session.id && $0.mayGiveMoneyBack }
        // Unconfirmed refunds are listed but not taken off: the API has not said they happened.
        let refunded = shown.filter { $0.state != .sent }.reduce(Int64(0)) { $0 &+ $1.amount.minorUnits }
        let lineAmounts = session.lineItems.map { amount($0.amountTotal) }
        let refundAmounts = shown.map { amount($0.amount.minorUnits, negative: true) }
        var amounts = lineAmounts + refundAmounts + [amount(session.amountTotal)]
        if !shown.isEmpty { amounts += [amount(refunded, negative: true), amount((session.amountTotal ?? 0) - refunded)] }
        // One amount column for the whole receipt, so the figures line up.
        let amountWidth = min(width / 2, amounts.map { ReceiptText.width($0, columns) }.max() ?? 0)
        let textWidth = width - amountWidth - 1
        func row(_ left: String, _ right: String) -> String {
            ReceiptText.row(left, String(repeating: " ", count: max(0, amountWidth - ReceiptText.width(right, columns))) + right,
                            width: width, columns)
        }
        let rule = String(repeating: "-", count: width)

        var out: [String] = []
        for line in ReceiptText.wrap(ReceiptText.printable(format.shopName), to: width, maxLines: 2, columns)
            where !line.isEmpty { out.append(ReceiptText.centred(line, width: width, columns)) }
        for address in format.shopAddress {
            for line in ReceiptText.wrap(ReceiptText.printable(address), to: width, maxLines: 2, columns) where !line.isEmpty {
                out.append(ReceiptText.centred(line, width: width, columns))
            }
        }
        if !out.isEmpty { out.append("") }
        out.append(dateText(session.created, in: format.timeZone))
        if session.status != .complete {
            out.append(say(session.status == .open ? .notPaidOpen : .notPaidExpired))
        }
        out.append(rule)

        for (index, item) in session.lineItems.enumerated() {
            let label = (item.quantity == 1 ? "" : "\(item.quantity) x ") + ReceiptText.printable(item.description)
            // Two columns narrower than the text column, so continuation lines fit indented.
            let wrapped = ReceiptText.wrap(label, to: textWidth - 2, maxLines: maxDescriptionLines, columns)
            out.append(row(wrapped[0], lineAmounts[index]))
            out += wrapped.dropFirst().map { "  " + $0 }
            if item.quantity != 1, let unit = item.unitAmount {
                out.append(say(.eachAt, "amount", Money(minorUnits: unit, currency: item.currency).formatted))
            }
        }
        out.append(rule)
        out.append(row(say(.total), amount(session.amountTotal)))

        if !shown.isEmpty {
            for (index, entry) in shown.enumerated() {
                switch entry.state {
                case .recorded(let id, let status):
                    out.append(row(status == .succeeded ? say(.refund) : say(.refundWithStatus, "status", refundStatus(status, language)),
                                   refundAmounts[index]))
                    out += ReceiptText.wrap(ReceiptText.printable(id), to: width - 2, columns).map { "  " + $0 }
                default:
                    out.append(row(say(.refundUnconfirmed), refundAmounts[index]))
                }
            }
            out.append(row(say(.refunded), amount(refunded, negative: true)))
            out.append(row(say(.net), amount((session.amountTotal ?? 0) - refunded)))
        }
        out.append(rule)
        out += ReceiptText.wrap(say(.session, "id", ReceiptText.printable(session.id)), to: width, columns)
        if let intent = session.paymentIntentId {
            out += ReceiptText.wrap(say(.payment, "id", ReceiptText.printable(intent)), to: width, columns)
        }
        return out.map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The receipt as text: its lines, each ending in a newline.
    public static func text(for session: CheckoutSession, refunds: [RefundJournal.Entry],
                            format: ReceiptFormat, language: Language = .english) -> String {
        lines(for: session, refunds: refunds, format: format, language: language).map { $0 + "\n" }.joined()
    }

    /// A refund's status as the receipt writes it ("pending", "pendiente").
    static func refundStatus(_ status: Refund.Status, _ language: Language) -> String {
        switch status {
        case .pending: ReceiptPhrase.statusPending.text(language)
        case .succeeded: ReceiptPhrase.statusSucceeded.text(language)
        case .failed: ReceiptPhrase.statusFailed.text(language)
        case .canceled: ReceiptPhrase.statusCanceled.text(language)
        case .requiresAction: ReceiptPhrase.statusRequiresAction.text(language)
        }
    }

    /// "2026-11-25 18:30" in `timeZone`.
    static func dateText(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
