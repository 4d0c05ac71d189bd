import Foundation

/// A sale set aside (an open ticket): a cart not yet checked out, or a checkout session the
/// customer has not paid yet. Parked tickets belong to the shop (every till lists them), per account, and survive a restart.
public struct ParkedTicket: Identifiable, Hashable, Codable, Sendable {
    /// Unique among the tickets (minted by the runtime when parking).
    public var id: String
    /// The operator's short name for it ("Ticket 3", "Table 4", "Mrs Jones").
    public var label: String
    /// What was set aside.
    public var content: Content
    /// When it was parked (its age on the list).
    public var parkedAt: Date
    /// The till that parked it (nil in files saved before tills had names).
    public var till: String?
    /// The operator signed in when it was parked (nil with no operators): discarding another
    /// operator's ticket needs a manager.
    public var operatorName: String?

    public enum Content: Hashable, Codable, Sendable {
        /// A cart with no session yet.
        case cart(Cart)
        /// A created session: resuming shows it with its live status.
        case session(CheckoutSession)
    }

    public init(id: String, label: String, content: Content, parkedAt: Date, till: String? = nil) {
        self.id = id
        self.label = label
        self.content = content
        self.parkedAt = parkedAt
        self.till = till
    }

    /// Units across the lines.
    public var itemCount: Int {
        switch content {
        case .cart(let cart): cart.itemCount
        case .session(let session): session.lineItems.reduce(0) { $0 + $1.quantity }
        }
    }

    /// The total, when known.
    public var total: Money? {
        switch content {
        case .cart(let cart): try? cart.total()
        case .session(let session): session.total
        }
    }

    /// The parked session, if a session (not a cart) was parked.
    public var session: CheckoutSession? {
        if case .session(let session) = content { return session }
        return nil
    }
}

/// The label prompt's one field.
public enum ParkLabelField: String, FormField {
    case label
}
