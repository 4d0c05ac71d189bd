import Foundation

/// Money given back on a payment intent (domain type; the adapter maps the wire JSON onto it).
public struct Refund: Identifiable, Hashable, Codable, Sendable {
    /// Where the refund stands. WooshPay documents pending, succeeded and failed; the others are
    /// Stripe's, accepted so that an answer using them still reads.
    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        case pending, succeeded, failed, canceled
        case requiresAction = "requires_action"

        /// Whether the money is back with the customer or on its way there: such a refund counts
        /// against what is left to refund. A failed or canceled one gave nothing back.
        public var givesMoneyBack: Bool { self != .failed && self != .canceled }

        /// Whether the refund may still change (so a view keeps refreshing it).
        public var isSettled: Bool { self != .pending && self != .requiresAction }
    }

    /// Why the money goes back: the three reasons WooshPay takes.
    public enum Reason: String, Hashable, Codable, Sendable, CaseIterable {
        case duplicate, fraudulent
        case requestedByCustomer = "requested_by_customer"
    }

    public var id: String
    public var amount: Money
    public var status: Status
    public var reason: Reason?
    public var paymentIntentId: String?
    public var created: Date
    /// The API's `failure_reason` (`lost_or_stolen_card`, …), only for a failed refund.
    public var failureReason: String?
    public var metadata: [String: String]

    public init(id: String, amount: Money, status: Status, reason: Reason? = nil, paymentIntentId: String? = nil,
                created: Date, failureReason: String? = nil, metadata: [String: String] = [:]) {
        self.id = id
        self.amount = amount
        self.status = status
        self.reason = reason
        self.paymentIntentId = paymentIntentId
        self.created = created
        self.failureReason = failureReason
        self.metadata = metadata
    }
}

/// The payment behind a checkout session (domain type): what was charged and what is refunded.
public struct PaymentIntent: Identifiable, Hashable, Codable, Sendable {
    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        case requiresPaymentMethod = "requires_payment_method"
        case requiresConfirmation = "requires_confirmation"
        case requiresAction = "requires_action"
        case processing
        case requiresCapture = "requires_capture"
        case canceled, succeeded
    }

    public var id: String
    public var status: Status
    public var amount: Money
    /// The API's `amount_refunded`, when it sends one (nil: not known from the API).
    public var amountRefunded: Int64?
    public var created: Date?

    public init(id: String, status: Status, amount: Money, amountRefunded: Int64? = nil, created: Date? = nil) {
        self.id = id
        self.status = status
        self.amount = amount
        self.amountRefunded = amountRefunded
        self.created = created
    }
}
