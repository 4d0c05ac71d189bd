import Foundation
import TillCore

/// What to refund: a payment intent, and how much of it (nil: what is left).
public struct RefundRequest: Hashable, Sendable {
    public var paymentIntentId: String
    /// In the payment's minor units; nil asks the API to refund what is left.
    public var amount: Int64?
    public var reason: Refund.Reason?
    public var metadata: [String: String]

    public init(paymentIntentId: String, amount: Int64? = nil, reason: Refund.Reason? = nil,
                metadata: [String: String] = [:]) {
        self.paymentIntentId = paymentIntentId
        self.amount = amount
        self.reason = reason
        self.metadata = metadata
    }

    /// The request for a journal entry: its payment intent, amount and reason, so a retry sends
    /// exactly what was saved.
    public init(_ entry: RefundJournal.Entry, metadata: [String: String] = [:]) {
        self.init(paymentIntentId: entry.paymentIntentId, amount: entry.amount.minorUnits, reason: entry.reason,
                  metadata: entry.operatorMetadata.merging(metadata) { _, given in given })
    }
}

/// `POST /v1/refunds` body. The docs type `amount` as a string; it is sent as an integer, as the
/// other amounts are.
struct RefundCreateBody: Encodable, Sendable {
    var paymentIntent: String
    var amount: Int64?
    var reason: String?
    var metadata: [String: String]?

    enum CodingKeys: String, CodingKey {
        case amount, reason, metadata
        case paymentIntent = "payment_intent"
    }

    init(_ request: RefundRequest) {
        paymentIntent = request.paymentIntentId
        amount = request.amount
        reason = request.reason?.rawValue
        metadata = request.metadata.isEmpty ? nil : request.metadata
    }
}
