import Foundation

/// Till's own record of every refund it asked for. WooshPay has no endpoint that lists refunds,
/// so this is the only list there is. An entry is written with its idempotency key *before* the
/// request goes out, so a crash or a lost answer leaves a `.sent` entry whose retry reuses the key
/// and cannot refund twice.
public struct RefundJournal: Hashable, Codable, Sendable {
    /// Every entry, oldest first.
    public private(set) var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Where one refund request stands.
    public enum State: Hashable, Sendable {
        /// Saved and sent (or about to be); the answer is not known yet.
        case sent
        /// The API answered with this refund.
        case recorded(refundId: String, status: Refund.Status)
        /// The API refused it: nothing was refunded.
        case failed(message: String)
    }

    /// One refund request.
    public struct Entry: Identifiable, Hashable, Codable, Sendable {
        /// The `Idempotency-Key` every attempt of this request carries.
        public var idempotencyKey: String
        public var sessionId: String
        public var paymentIntentId: String
        public var amount: Money
        public var reason: Refund.Reason?
        /// The lines refunded, price id → units, when the refund was chosen by lines.
        public var lines: [String: Int]?
        public var state: State
        public var created: Date
        public var updated: Date
        /// The till that made it (nil for refunds made before tills had names).
        public var till: String?
        /// The operator signed in when it was made (nil with no operators).
        public var operatorName: String?
        /// The manager whose PIN approved it, when a cashier made it.
        public var approvedBy: String?

        public var id: String { idempotencyKey }

        /// `metadata.operator` and `metadata.approved_by` of the refund sent.
        public var operatorMetadata: [String: String] {
            var metadata: [String: String] = [:]
            if let operatorName { metadata["operator"] = operatorName }
            if let approvedBy { metadata["approved_by"] = approvedBy }
            return metadata
        }

        enum CodingKeys: String, CodingKey {
            case amount, reason, lines, state, created, updated, till
            case operatorName = "operator"
            case approvedBy = "approved_by"
            case idempotencyKey = "idempotency_key"
            case sessionId = "session_id"
            case paymentIntentId = "payment_intent_id"
        }

        public init(idempotencyKey: String, sessionId: String, paymentIntentId: String, amount: Money,
                    reason: Refund.Reason? = nil, lines: [String: Int]? = nil, state: State = .sent,
                    created: Date, updated: Date? = nil, till: String? = nil, operatorName: String? = nil,
                    approvedBy: String? = nil) {
            self.idempotencyKey = idempotencyKey
            self.sessionId = sessionId
            self.paymentIntentId = paymentIntentId
            self.amount = amount
            self.reason = reason
            self.lines = lines
            self.state = state
            self.created = created
            self.updated = updated ?? created
            self.till = till
            self.operatorName = operatorName
            self.approvedBy = approvedBy
        }

        /// The refund's id, once the API gave one.
        public var refundId: String? {
            if case .recorded(let id, _) = state { return id }
            return nil
        }

        /// Whether this entry may have given money back: recorded as pending or succeeded, or
        /// sent with no answer yet (counted until it is known, so nothing is refunded twice).
        public var mayGiveMoneyBack: Bool {
            switch state {
            case .sent: true
            case .recorded(_, let status): status.givesMoneyBack
            case .failed: false
            }
        }
    }

    /// The entry made with `idempotencyKey`.
    public func entry(key idempotencyKey: String) -> Entry? {
        entries.first { $0.idempotencyKey == idempotencyKey }
    }

    /// The entry that recorded the refund `refundId`.
    public func entry(refundId: String) -> Entry? {
        entries.first { $0.refundId == refundId }
    }

    /// The entries of one checkout session, oldest first.
    public func entries(session sessionId: String) -> [Entry] {
        entries.filter { $0.sessionId == sessionId }
    }

    /// Adds the entry for a refund about to be sent; a key already in the journal is refused, so
    /// one key never stands for two refunds.
    public mutating func begin(_ entry: Entry) throws(RefundError) {
        guard self.entry(key: entry.idempotencyKey) == nil else { throw .keyInUse(entry.idempotencyKey) }
        entries.append(entry)
    }

    /// Takes back an entry that was never stored (and so never sent); only a `.sent` one.
    mutating func withdraw(key idempotencyKey: String) {
        entries.removeAll { $0.idempotencyKey == idempotencyKey && $0.state == .sent }
    }

    /// Records the API's answer for the entry sent with `idempotencyKey`. The refund's own amount
    /// is kept (it is what the API did). Returns false when no entry has that key.
    @discardableResult
    public mutating func record(_ refund: Refund, key idempotencyKey: String, at time: Date) -> Bool {
        guard let index = entries.firstIndex(where: { $0.idempotencyKey == idempotencyKey }) else { return false }
        entries[index].state = .recorded(refundId: refund.id, status: refund.status)
        entries[index].amount = refund.amount
        entries[index].updated = time
        return true
    }

    /// Updates the entry that holds `refund` (a newer reading of its status). Returns false when
    /// no entry recorded that refund.
    @discardableResult
    public mutating func refresh(_ refund: Refund, at time: Date) -> Bool {
        guard let index = entries.firstIndex(where: { $0.refundId == refund.id }) else { return false }
        guard entries[index].state != .recorded(refundId: refund.id, status: refund.status)
                || entries[index].amount != refund.amount else { return true }
        entries[index].state = .recorded(refundId: refund.id, status: refund.status)
        entries[index].amount = refund.amount
        entries[index].updated = time
        return true
    }

    /// Marks the entry sent with `idempotencyKey` as refused by the API. Returns false when no
    /// entry has that key.
    @discardableResult
    public mutating func fail(key idempotencyKey: String, message: String, at time: Date) -> Bool {
        guard let index = entries.firstIndex(where: { $0.idempotencyKey == idempotencyKey }) else { return false }
        entries[index].state = .failed(message: message)
        entries[index].updated = time
        return true
    }

    /// What is left to refund of a session whose total is `total`, by this journal (and by the
    /// API's `amount_refunded` for its payment intent, when known).
    public func balance(session sessionId: String, total: Money,
                        apiRefunded: Int64? = nil) throws(RefundError) -> RefundBalance {
        try RefundBalance(total: total, entries: entries(session: sessionId), apiRefunded: apiRefunded)
    }
}

// The file form of a state: `{"kind":"recorded","refund_id":"re_…","status":"pending"}`, readable
// by a person looking at the journal.
extension RefundJournal.State: Codable {
    private enum Key: String, CodingKey {
        case kind
        case refundId = "refund_id"
        case status, message
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "sent":
            self = .sent
        case "recorded":
            self = .recorded(refundId: try container.decode(String.self, forKey: .refundId),
                             status: try container.decode(Refund.Status.self, forKey: .status))
        case "failed":
            self = .failed(message: try container.decode(String.self, forKey: .message))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container,
                                                   debugDescription: "unknown refund state '\(other)'")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .sent:
            try container.encode("sent", forKey: .kind)
        case .recorded(let refundId, let status):
            try container.encode("recorded", forKey: .kind)
            try container.encode(refundId, forKey: .refundId)
            try container.encode(status, forKey: .status)
        case .failed(let message):
            try container.encode("failed", forKey: .kind)
            try container.encode(message, forKey: .message)
        }
    }
}
