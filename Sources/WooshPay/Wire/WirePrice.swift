import Foundation
import TillCore

/// A price exactly as WooshPay sends it; `product` is an id or, inside a line item, an object.
struct WirePrice: Decodable, Sendable {
    var id: String
    var active: Bool
    var currency: String
    var unitAmount: Int64
    var productId: String
    var product: WireProduct?
    var nickname: String?
    var lookupKey: String?
    var metadata: [String: String]
    var type: String?
    var billingScheme: String?
    var created: Date
    var livemode: Bool?

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        id = try c.requiredString("id")
        active = try c.bool("active") ?? true
        currency = try c.requiredString("currency")
        unitAmount = try c.requiredInt64("unit_amount")
        if let text = try? c.string("product") {
            productId = text
            product = nil
        } else {
            let expanded = try c.object(WireProduct.self, "product")
            guard let expanded else { throw c.missing("product") }
            product = expanded
            productId = expanded.id
        }
        nickname = try c.string("nickname")
        lookupKey = try c.string("lookup_key")
        metadata = try c.metadata("metadata")
        type = try c.string("type")
        billingScheme = try c.string("billing_scheme")
        created = try c.requiredTimestamp("created")
        livemode = try c.livemode()
    }

    var domain: Price {
        Price(id: id, productId: productId, currency: Currency(apiCode: currency), unitAmount: unitAmount,
              nickname: nickname, active: active, created: created, lookupKey: lookupKey)
    }
}
