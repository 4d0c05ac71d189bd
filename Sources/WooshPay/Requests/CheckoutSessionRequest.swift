import Foundation
import TillCore

/// What to sell in a new checkout session, and where the cashier sends the customer afterwards.
public struct CheckoutSessionRequest: Hashable, Sendable {
    /// One line: an existing price by id, or a price made inline (`price_data`).
    public enum Item: Hashable, Sendable {
        case price(id: String, quantity: Int)
        case inline(name: String, description: String?, amount: Money, quantity: Int)

        public var quantity: Int {
            switch self {
            case .price(_, let quantity), .inline(_, _, _, let quantity): quantity
            }
        }
    }

    public var items: [Item]
    public var successURL: String
    public var cancelURL: String
    public var metadata: [String: String]
    public var clientReferenceId: String?
    public var customerEmail: String?

    public init(items: [Item], successURL: String, cancelURL: String, metadata: [String: String] = [:],
                clientReferenceId: String? = nil, customerEmail: String? = nil) {
        self.items = items
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.metadata = metadata
        self.clientReferenceId = clientReferenceId
        self.customerEmail = customerEmail
    }
}

/// `POST /v1/checkout/sessions` body.
struct CheckoutSessionCreateBody: Encodable, Sendable {
    struct ProductData: Encodable, Sendable {
        var name: String
        var description: String?
    }

    struct PriceData: Encodable, Sendable {
        var currency: String
        var unitAmount: Int64
        var productData: ProductData

        enum CodingKeys: String, CodingKey {
            case currency
            case unitAmount = "unit_amount"
            case productData = "product_data"
        }
    }

    struct LineItem: Encodable, Sendable {
        var price: String?
        var priceData: PriceData?
        var quantity: Int

        enum CodingKeys: String, CodingKey {
            case price, quantity
            case priceData = "price_data"
        }
    }

    var mode = "payment"
    var successURL: String
    var cancelURL: String
    var lineItems: [LineItem]
    var metadata: [String: String]?
    var clientReferenceId: String?
    var customerEmail: String?

    enum CodingKeys: String, CodingKey {
        case mode, metadata
        case successURL = "success_url"
        case cancelURL = "cancel_url"
        case lineItems = "line_items"
        case clientReferenceId = "client_reference_id"
        case customerEmail = "customer_email"
    }

    init(_ request: CheckoutSessionRequest) {
        successURL = request.successURL
        cancelURL = request.cancelURL
        lineItems = request.items.map { item in
            switch item {
            case .price(let id, let quantity):
                return LineItem(price: id, quantity: quantity)
            case .inline(let name, let description, let amount, let quantity):
                return LineItem(priceData: PriceData(currency: amount.currency.code, unitAmount: amount.minorUnits,
                                                     productData: ProductData(name: name, description: description)),
                                quantity: quantity)
            }
        }
        metadata = request.metadata.isEmpty ? nil : request.metadata
        clientReferenceId = request.clientReferenceId
        customerEmail = request.customerEmail
    }
}

extension CheckoutSessionRequest {
    /// The request for a TillCore checkout draft: price lines by id, one-off lines as inline `price_data`.
    /// (The draft's idempotency key is passed separately to `createCheckoutSession`.)
    public init(_ draft: CheckoutDraft, metadata: [String: String] = [:], clientReferenceId: String? = nil) {
        self.init(
            items: draft.cart.lines.map { line in
                switch line.item {
                case .price(let id, _): .price(id: id, quantity: line.quantity)
                case .oneOff(let name): .inline(name: name, description: nil, amount: line.unitAmount,
                                                quantity: line.quantity)
                }
            },
            successURL: draft.successURL, cancelURL: draft.cancelURL,
            // Who sold it (with operators in the shop): `metadata.operator`.
            metadata: (draft.operatorName.map { ["operator": $0] } ?? [:]).merging(metadata) { _, given in given },
            clientReferenceId: clientReferenceId)
    }
}

extension WooshPayClient {
    /// Creates a session from a TillCore draft, with the draft's idempotency key (or a fresh one).
    public func createCheckoutSession(_ draft: CheckoutDraft) async throws(APIFailure) -> CheckoutSession {
        try await createCheckoutSession(CheckoutSessionRequest(draft), idempotencyKey: draft.idempotencyKey)
    }
}
