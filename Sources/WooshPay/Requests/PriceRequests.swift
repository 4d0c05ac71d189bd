import Foundation
import TillCore

/// The changeable fields of a price (amount and currency never change: make a new price); encoded,
/// the `POST /v1/prices/{id}` body (a nil field is left out).
public struct PriceUpdate: Hashable, Sendable, Encodable {
    public var active: Bool?
    public var nickname: String?
    public var metadata: [String: String]?
    public var lookupKey: String?

    enum CodingKeys: String, CodingKey {
        case active, nickname, metadata
        case lookupKey = "lookup_key"
    }

    public init(active: Bool? = nil, nickname: String? = nil, metadata: [String: String]? = nil,
                lookupKey: String? = nil) {
        self.active = active
        self.nickname = nickname
        self.metadata = metadata
        self.lookupKey = lookupKey
    }
}

/// `POST /v1/prices` body: exactly one of `product` and `product_data`.
struct PriceCreateBody: Encodable, Sendable {
    var currency: String
    var unitAmount: Int64
    var product: String?
    var productData: ProductBody?
    var nickname: String?
    var lookupKey: String?

    enum CodingKeys: String, CodingKey {
        case currency, product, nickname
        case unitAmount = "unit_amount"
        case lookupKey = "lookup_key"
        case productData = "product_data"
    }

    init(_ draft: PriceDraft) {
        currency = draft.amount.currency.code
        unitAmount = draft.amount.minorUnits
        switch draft.product {
        case .existing(let id): product = id
        case .inline(let productDraft): productData = ProductBody(productDraft)
        }
        nickname = draft.nickname
        lookupKey = draft.lookupKey
    }
}
