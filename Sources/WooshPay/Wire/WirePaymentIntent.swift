import Foundation
import TillCore

/// A payment intent exactly as WooshPay sends it (`object: "payment_intent"`), the fields Till reads.
struct WirePaymentIntent: Decodable, Sendable {
    var id: String
    var status: PaymentIntent.Status
    var amount: Int64
    var amountRefunded: Int64?
    var currency: String
    var created: Date?

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        id = try c.requiredString("id")
        status = try c.enumeration("status")
        amount = try c.requiredInt64("amount")
        amountRefunded = try c.int64("amount_refunded")
        currency = try c.requiredString("currency")
        created = try c.timestamp("created")
    }

    var domain: PaymentIntent {
        PaymentIntent(id: id, status: status, amount: Money(minorUnits: amount, currency: Currency(apiCode: currency)),
                      amountRefunded: amountRefunded, created: created)
    }
}
