import Foundation
import TillCore

/// The changeable fields of a price (amount and currency never change: make a new price).
public struct PriceUpdate: Hashable, Sendable {
    public var active: Bool?
    public var nickname: String?
    public var metadata: [String: String]?
    public var lookupKey: String?

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
    var productData: ProductCreateBody?
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
        case .inline(let productDraft): productData = ProductCreateBody(productDraft)
        }
        nickname = draft.nickname
        lookupKey = draft.lookupKey
    }
}

/// `POST /v1/prices/{id}` body.
struct PriceUpdateBody: Encodable, Sendable {
    var active: Bool?
    var nickname: String?
    var metadata: [String: String]?
    var lookupKey: String?

    enum CodingKeys: String, CodingKey {
        case active, nickname, metadata
        case lookupKey = "lookup_key"
    }

    init(_ update: PriceUpdate) {
        active = update.active
        nickname = update.nickname
        metadata = update.metadata
        lookupKey = update.lookupKey
    }
}
