import Foundation

/// A one-time price of a product (domain type).
public struct Price: Identifiable, Hashable, Codable, Sendable {
    public var id: String
    public var productId: String
    public var currency: Currency
    public var unitAmount: Int64
    public var nickname: String?
    public var active: Bool
    public var created: Date

    public init(id: String, productId: String, currency: Currency, unitAmount: Int64,
                nickname: String? = nil, active: Bool = true, created: Date) {
        self.id = id
        self.productId = productId
        self.currency = currency
        self.unitAmount = unitAmount
        self.nickname = nickname
        self.active = active
        self.created = created
    }

    /// The unit amount as Money.
    public var money: Money { Money(minorUnits: unitAmount, currency: currency) }
}

/// Which product a new price belongs to: an existing one, or one created inline with the price.
public enum PriceProduct: Hashable, Codable, Sendable {
    case existing(id: String)
    case inline(ProductDraft)
}

/// What an operator fills in to create a price.
public struct PriceDraft: Hashable, Codable, Sendable {
    public var product: PriceProduct
    public var amount: Money
    public var nickname: String?

    public init(product: PriceProduct, amount: Money, nickname: String? = nil) {
        self.product = product
        self.amount = amount
        self.nickname = nickname
    }
}
