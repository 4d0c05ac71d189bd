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
    /// The SKU or barcode (`lookup_key`, up to 200 characters) a scan finds the price by.
    public var lookupKey: String?

    public init(id: String, productId: String, currency: Currency, unitAmount: Int64,
                nickname: String? = nil, active: Bool = true, created: Date, lookupKey: String? = nil) {
        self.lookupKey = lookupKey
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
    /// The SKU or barcode, sent as `lookup_key`.
    public var lookupKey: String?

    /// The longest `lookup_key` WooshPay (like Stripe) takes.
    public static let maximumLookupKeyLength = 200

    public init(product: PriceProduct, amount: Money, nickname: String? = nil, lookupKey: String? = nil) {
        self.lookupKey = lookupKey
        self.product = product
        self.amount = amount
        self.nickname = nickname
    }
}

extension PriceDraft {
    /// What is wrong with a SKU or barcode, if anything: too long, or holding spaces or control
    /// characters (a scanner never sends those).
    public static func lookupKeyProblem(_ key: String) -> LookupKeyProblem? {
        if key.count > maximumLookupKeyLength { return .tooLong(length: key.count, maximum: maximumLookupKeyLength) }
        if key.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            return .spacesOrControls
        }
        return nil
    }

    /// The same in English words, for the command line and the catalog import (the rules are
    /// `lookupKeyProblem`'s; this only words them).
    public static func problem(withLookupKey key: String) -> String? {
        switch lookupKeyProblem(key) {
        case nil: nil
        case .tooLong(let length, let maximum): "A SKU or barcode has at most \(maximum) characters (this one has \(length))."
        case .spacesOrControls: "A SKU or barcode cannot contain spaces or control characters."
        }
    }
}
