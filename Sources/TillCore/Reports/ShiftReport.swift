import Foundation

/// An X or Z report: for one time window, per currency, the sessions paid, expired and still
/// open, the refunds made, and the net. Sessions count by when they were created; refunds by when
/// they were made (a refund today of yesterday's sale comes off today's net).
public struct ShiftReport: Hashable, Codable, Sendable {
    /// A number of things and their total in minor units.
    public struct Tally: Hashable, Codable, Sendable {
        public var count: Int
        public var amount: Int64

        public init(count: Int = 0, amount: Int64 = 0) {
            self.count = count
            self.amount = amount
        }

        mutating func add(_ minorUnits: Int64) throws(MoneyError) {
            let (sum, overflow) = amount.addingReportingOverflow(minorUnits)
            guard !overflow else { throw .overflow }
            amount = sum
            count += 1
        }
    }

    /// One currency's figures.
    public struct Figures: Hashable, Codable, Sendable {
        public var currency: Currency
        public var paid = Tally()
        public var expired = Tally()
        public var open = Tally()
        /// Refunds given back or on their way (succeeded and pending); what the net subtracts.
        public var refunds = Tally()
        /// The pending part of `refunds`.
        public var pendingRefunds = Tally()
        /// Refunds sent with no answer yet: shown, not subtracted, until a retry settles them.
        public var unconfirmedRefunds = Tally()

        public init(currency: Currency) {
            self.currency = currency
        }

        /// Paid less refunded (succeeded and pending), in minor units.
        public var net: Int64 { paid.amount - refunds.amount }

        /// A tally's amount as Money in this currency.
        public func money(_ tally: Tally) -> Money { Money(minorUnits: tally.amount, currency: currency) }

        public var netMoney: Money { Money(minorUnits: net, currency: currency) }

        enum CodingKeys: String, CodingKey {
            case currency, paid, expired, open, refunds
            case pendingRefunds = "pending_refunds"
            case unconfirmedRefunds = "unconfirmed_refunds"
        }

        private enum ComputedKeys: String, CodingKey { case net }

        // The net is written too, for whoever reads the JSON; reading computes it again.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(currency, forKey: .currency)
            try container.encode(paid, forKey: .paid)
            try container.encode(expired, forKey: .expired)
            try container.encode(open, forKey: .open)
            try container.encode(refunds, forKey: .refunds)
            try container.encode(pendingRefunds, forKey: .pendingRefunds)
            try container.encode(unconfirmedRefunds, forKey: .unconfirmedRefunds)
            var computed = encoder.container(keyedBy: ComputedKeys.self)
            try computed.encode(net, forKey: .net)
        }
    }

    public var window: ShiftWindow
    /// One entry per currency seen, by currency code.
    public var figures: [Figures]
    /// The sessions still open, newest first (to offer expiring them).
    public var openSessionIds: [String]
    /// Sessions in the window with no total or currency: counted nowhere, listed so none is lost.
    public var sessionsWithoutTotal: [String]

    enum CodingKeys: String, CodingKey {
        case window, figures
        case openSessionIds = "open_session_ids"
        case sessionsWithoutTotal = "sessions_without_total"
    }

    public init(window: ShiftWindow, figures: [Figures], openSessionIds: [String] = [],
                sessionsWithoutTotal: [String] = []) {
        self.window = window
        self.figures = figures
        self.openSessionIds = openSessionIds
        self.sessionsWithoutTotal = sessionsWithoutTotal
    }

    /// The report for `window` from the account's sessions (any may fall outside the window: they
    /// are left out here) and the refund journal.
    public init(window: ShiftWindow, sessions: [CheckoutSession], journal: RefundJournal) throws(MoneyError) {
        var byCurrency: [Currency: Figures] = [:]
        var open: [CheckoutSession] = []
        var withoutTotal: [String] = []
        for session in sessions where window.contains(session.created) {
            guard let total = session.total else {
                withoutTotal.append(session.id)
                continue
            }
            var figures = byCurrency[total.currency] ?? Figures(currency: total.currency)
            switch session.status {
            case .complete: try figures.paid.add(total.minorUnits)
            case .expired: try figures.expired.add(total.minorUnits)
            case .open:
                try figures.open.add(total.minorUnits)
                open.append(session)
            }
            byCurrency[total.currency] = figures
        }
        for entry in journal.entries where window.contains(entry.created) {
            var figures = byCurrency[entry.amount.currency] ?? Figures(currency: entry.amount.currency)
            switch entry.state {
            case .sent:
                try figures.unconfirmedRefunds.add(entry.amount.minorUnits)
            case .recorded(_, let status) where status.givesMoneyBack:
                try figures.refunds.add(entry.amount.minorUnits)
                if !status.isSettled { try figures.pendingRefunds.add(entry.amount.minorUnits) }
            case .recorded, .failed:
                continue
            }
            byCurrency[entry.amount.currency] = figures
        }
        for figures in byCurrency.values {
            guard !figures.paid.amount.subtractingReportingOverflow(figures.refunds.amount).overflow else { throw .overflow }
        }
        self.init(window: window,
                  figures: byCurrency.values.sorted { $0.currency.code < $1.currency.code },
                  openSessionIds: open.sorted { $0.created > $1.created }.map(\.id),
                  sessionsWithoutTotal: withoutTotal)
    }

    /// One till's report: the sessions it made (`metadata[till]`) and the refunds it made (the
    /// journal entry's `till`). Sessions and refunds made before tills had names count only in
    /// the shop's report (`init(window:sessions:journal:)` over everything).
    public init(window: ShiftWindow, till: String, sessions: [CheckoutSession],
                journal: RefundJournal) throws(MoneyError) {
        try self.init(window: window, sessions: sessions.filter { $0.metadata["till"] == till },
                      journal: RefundJournal(entries: journal.entries.filter { $0.till == till }))
    }

    /// The figures of one currency, if the window saw any.
    public func figures(_ currency: Currency) -> Figures? {
        figures.first { $0.currency == currency }
    }
}
