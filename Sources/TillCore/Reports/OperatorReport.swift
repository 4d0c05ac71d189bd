import Foundation

/// The X report's table per operator: for each operator (and currency) the sessions paid and
/// their total, and the refunds they made. Sessions count by `metadata.operator`, refunds by the
/// journal entry's operator; those made with no operator signed in are left out.
public struct OperatorReport: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public var operatorName: String
        public var currency: Currency
        public var paid: ShiftReport.Tally
        public var refunds: ShiftReport.Tally

        enum CodingKeys: String, CodingKey {
            case currency, paid, refunds
            case operatorName = "operator"
        }

        public init(operatorName: String, currency: Currency, paid: ShiftReport.Tally = .init(),
                    refunds: ShiftReport.Tally = .init()) {
            self.operatorName = operatorName
            self.currency = currency
            self.paid = paid
            self.refunds = refunds
        }

        public func money(_ tally: ShiftReport.Tally) -> Money { Money(minorUnits: tally.amount, currency: currency) }
    }

    /// By operator name, then currency code.
    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// The table for `window` from the sessions and the journal (the same inputs as `ShiftReport`).
    public init(window: ShiftWindow, sessions: [CheckoutSession], journal: RefundJournal) throws(MoneyError) {
        struct Key: Hashable { var name: String; var currency: Currency }
        var table: [Key: Row] = [:]
        for session in sessions where window.contains(session.created) && session.status == .complete {
            guard let name = session.metadata["operator"], let total = session.total else { continue }
            let key = Key(name: name, currency: total.currency)
            var row = table[key] ?? Row(operatorName: name, currency: total.currency)
            try row.paid.add(total.minorUnits)
            table[key] = row
        }
        for entry in journal.entries where window.contains(entry.created) {
            guard let name = entry.operatorName, case .recorded(_, let status) = entry.state, status.givesMoneyBack else { continue }
            let key = Key(name: name, currency: entry.amount.currency)
            var row = table[key] ?? Row(operatorName: name, currency: entry.amount.currency)
            try row.refunds.add(entry.amount.minorUnits)
            table[key] = row
        }
        rows = table.values.sorted {
            ($0.operatorName.lowercased(), $0.currency.code) < ($1.operatorName.lowercased(), $1.currency.code)
        }
    }
}

extension ShiftReport {
    /// One operator's report: the sessions they sold (`metadata.operator`) and the refunds they made.
    public init(window: ShiftWindow, operatorName: String, sessions: [CheckoutSession],
                journal: RefundJournal) throws(MoneyError) {
        let key = operatorName.lowercased()
        try self.init(window: window, sessions: sessions.filter { $0.metadata["operator"]?.lowercased() == key },
                      journal: RefundJournal(entries: journal.entries.filter { $0.operatorName?.lowercased() == key }))
    }
}
