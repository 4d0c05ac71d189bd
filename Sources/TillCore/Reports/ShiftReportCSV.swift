import Foundation

extension ShiftReport {
    /// The CSV header: the window, then per currency each figure's count and amount (major units,
    /// no grouping, the currency's decimals), then the net.
    public static let csvHeader = [
        "from", "to", "currency", "paid_count", "paid_amount", "expired_count", "expired_amount",
        "open_count", "open_amount", "refund_count", "refund_amount", "pending_refund_count", "pending_refund_amount",
        "unconfirmed_refund_count", "unconfirmed_refund_amount", "net",
    ]

    /// The report as CSV (RFC 4180, CRLF line ends): the header and one row per currency. Every
    /// field is a time, a currency code or a number, so none needs quoting.
    public var csvText: String {
        let from = window.start.map { $0.formatted(.iso8601) } ?? ""
        let to = window.end.formatted(.iso8601)
        var rows = [Self.csvHeader]
        for figures in self.figures {
            var row = [from, to, figures.currency.code]
            for tally in [figures.paid, figures.expired, figures.open, figures.refunds, figures.pendingRefunds,
                          figures.unconfirmedRefunds] {
                row += [String(tally.count), figures.money(tally).plainText]
            }
            row.append(figures.netMoney.plainText)
            rows.append(row)
        }
        return rows.map { $0.joined(separator: ",") + "\r\n" }.joined()
    }
}
