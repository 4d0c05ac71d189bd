import Foundation

/// One line of the shop's audit trail: who did what, where and when. Never holds a PIN.
public struct AuditEntry: Hashable, Codable, Sendable {
    public enum Action: String, Codable, Sendable, CaseIterable, Hashable {
        case signIn = "sign_in"
        case signOut = "sign_out"
        case pinFailed = "pin_failed"
        case lock
        case refund
        case refundRefused = "refund_refused"
        case zClose = "z_close"
        case expireAll = "expire_all"
        case ticketDiscarded = "ticket_discarded"
        case productArchived = "product_archived"
        case operatorAdded = "operator_added"
        case operatorRemoved = "operator_removed"
        case pinChanged = "pin_changed"
        case roleChanged = "role_changed"
        case approvalRefused = "approval_refused"
    }

    /// Filled in by the store (its order of appending); 0 before.
    public var seq: Int64
    public var time: Date
    public var till: String
    /// Who was signed in (or who the command line was told); nil when nobody was.
    public var operatorName: String?
    public var action: Action
    /// A session, refund, ticket, product or operator id/name the action was about.
    public var objectId: String?
    public var amount: Money?
    /// The manager whose PIN approved it.
    public var approvedBy: String?

    enum CodingKeys: String, CodingKey {
        case seq, time, till, action, amount
        case operatorName = "operator"
        case objectId = "object_id"
        case approvedBy = "approved_by"
    }

    public init(seq: Int64 = 0, time: Date, till: String, operatorName: String?, action: Action, objectId: String? = nil,
                amount: Money? = nil, approvedBy: String? = nil) {
        self.seq = seq
        self.time = time
        self.till = till
        self.operatorName = operatorName
        self.action = action
        self.objectId = objectId
        self.amount = amount
        self.approvedBy = approvedBy
    }
}

/// Which audit entries to read.
public struct AuditQuery: Hashable, Sendable {
    public var since: Date?
    public var until: Date?
    public var operatorName: String?
    /// The newest this many (nil: all), still returned oldest first.
    public var limit: Int?

    public init(since: Date? = nil, until: Date? = nil, operatorName: String? = nil, limit: Int? = nil) {
        self.since = since
        self.until = until
        self.operatorName = operatorName
        self.limit = limit
    }
}
