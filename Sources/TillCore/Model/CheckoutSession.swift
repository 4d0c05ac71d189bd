import Foundation

/// A WooshPay Checkout Session (domain type).
public struct CheckoutSession: Identifiable, Hashable, Codable, Sendable {
    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        case open, complete, expired
    }

    public enum PaymentStatus: String, Hashable, Codable, Sendable, CaseIterable {
        case unpaid, paid
        case noPaymentRequired = "no_payment_required"
    }

    public var id: String
    public var status: Status
    public var paymentStatus: PaymentStatus
    /// The hosted cashier URL, exactly as the API returned it.
    public var url: String?
    public var currency: Currency?
    public var amountSubtotal: Int64?
    public var amountTotal: Int64?
    public var created: Date
    public var expiresAt: Date
    public var lineItems: [LineItem]
    public var successURL: String?
    public var cancelURL: String?
    public var paymentIntentId: String?
    public var clientReferenceId: String?
    public var metadata: [String: String]

    public init(id: String, status: Status, paymentStatus: PaymentStatus, url: String?,
                currency: Currency?, amountSubtotal: Int64?, amountTotal: Int64?, created: Date,
                expiresAt: Date, lineItems: [LineItem] = [], successURL: String? = nil,
                cancelURL: String? = nil, paymentIntentId: String? = nil,
                clientReferenceId: String? = nil, metadata: [String: String] = [:]) {
        self.id = id
        self.status = status
        self.paymentStatus = paymentStatus
        self.url = url
        self.currency = currency
        self.amountSubtotal = amountSubtotal
        self.amountTotal = amountTotal
        self.created = created
        self.expiresAt = expiresAt
        self.lineItems = lineItems
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.paymentIntentId = paymentIntentId
        self.clientReferenceId = clientReferenceId
        self.metadata = metadata
    }

    /// The total as Money, when the API gave both amount and currency.
    public var total: Money? {
        guard let amountTotal, let currency else { return nil }
        return Money(minorUnits: amountTotal, currency: currency)
    }

    /// Whether nothing more can happen to this session (paid or expired).
    public var isFinal: Bool { status != .open }
}

/// One line of a checkout session as the API reports it.
public struct LineItem: Identifiable, Hashable, Codable, Sendable {
    public var id: String
    public var description: String
    public var quantity: Int
    public var currency: Currency
    public var unitAmount: Int64?
    public var amountSubtotal: Int64
    public var amountTotal: Int64
    public var priceId: String?
    public var productId: String?

    public init(id: String, description: String, quantity: Int, currency: Currency,
                unitAmount: Int64? = nil, amountSubtotal: Int64, amountTotal: Int64,
                priceId: String? = nil, productId: String? = nil) {
        self.id = id
        self.description = description
        self.quantity = quantity
        self.currency = currency
        self.unitAmount = unitAmount
        self.amountSubtotal = amountSubtotal
        self.amountTotal = amountTotal
        self.priceId = priceId
        self.productId = productId
    }

    public var total: Money { Money(minorUnits: amountTotal, currency: currency) }
}
