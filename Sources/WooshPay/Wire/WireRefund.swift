import Foundation
import TillCore

/// A refund exactly as WooshPay sends it (`object: "refund"`).
struct WireRefund: Decodable, Sendable {
    var id: String
    var amount: Int64
    var currency: String
    var status: Refund.Status
    var reason: Refund.Reason?
    var paymentIntent: String?
    var created: Date
    var failureReason: String?
    var metadata: [String: String]

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        id = try c.requiredString("id")
        amount = try c.requiredInt64("amount")
        currency = try c.requiredString("currency")
        status = try c.enumeration("status")
        // An unknown reason is not worth refusing the refund over: it reads as none.
        reason = try c.string("reason").flatMap { Refund.Reason(rawValue: $0.lowercased()) }
        paymentIntent = try c.string("payment_intent")
        created = try c.requiredTimestamp("created")
        failureReason = try c.string("failure_reason")
        metadata = try c.metadata("metadata")
    }

    var domain: Refund {
        Refund(id: id, amount: Money(minorUnits: amount, currency: Currency(apiCode: currency)), status: status,
               reason: reason, paymentIntentId: paymentIntent, created: created, failureReason: failureReason,
               metadata: metadata)
    }
}
