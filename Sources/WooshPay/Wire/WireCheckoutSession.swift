import Foundation
import TillCore

/// A line item exactly as WooshPay sends it (`object: "item"`), with its price expanded.
struct WireLineItem: Decodable, Sendable {
    var id: String
    var description: String?
    var quantity: Int
    var currency: String?
    var amountSubtotal: Int64?
    var amountTotal: Int64?
    var price: WirePrice?

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        id = try c.requiredString("id")
        description = try c.string("description")
        quantity = Int(try c.int64("quantity") ?? 1)
        currency = try c.string("currency")
        amountSubtotal = try c.int64("amount_subtotal")
        amountTotal = try c.int64("amount_total")
        price = try c.object(WirePrice.self, "price")
        // Without amount_subtotal the domain value is quantity × unit_amount: refuse one that overflows
        // here, as a decoding failure naming the field, rather than trap later.
        if amountSubtotal == nil, let unit = price?.unitAmount,
           unit.multipliedReportingOverflow(by: Int64(quantity)).overflow {
            throw DecodingError.dataCorruptedError(
                forKey: WireKey("amount_subtotal"), in: c,
                debugDescription: "missing, and quantity \(quantity) × price.unit_amount \(unit) does not fit in 64 bits")
        }
    }

    var domain: LineItem {
        let unit = price?.unitAmount
        let subtotal = amountSubtotal ?? unit.map { $0 * Int64(quantity) } ?? 0
        return LineItem(id: id, description: description ?? price?.product?.name ?? "", quantity: quantity,
                        currency: Currency(apiCode: currency ?? price?.currency ?? ""), unitAmount: unit,
                        amountSubtotal: subtotal, amountTotal: amountTotal ?? subtotal,
                        priceId: price?.id, productId: price?.productId)
    }
}

/// A checkout session exactly as WooshPay sends it.
struct WireCheckoutSession: Decodable, Sendable {
    var id: String
    var status: CheckoutSession.Status
    var paymentStatus: CheckoutSession.PaymentStatus
    var url: String?
    var successURL: String?
    var cancelURL: String?
    var currency: String?
    var amountSubtotal: Int64?
    var amountTotal: Int64?
    var created: Date
    var expiresAt: Date?
    var mode: String?
    var paymentIntent: String?
    var metadata: [String: String]
    var clientReferenceId: String?
    var customerEmail: String?
    var livemode: Bool?
    var lineItems: [WireLineItem]

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        id = try c.requiredString("id")
        status = try c.enumeration("status")
        paymentStatus = try c.enumeration("payment_status", default: .unpaid)
        url = try c.string("url")
        successURL = try c.string("success_url")
        cancelURL = try c.string("cancel_url")
        currency = try c.string("currency")
        amountSubtotal = try c.int64("amount_subtotal")
        amountTotal = try c.int64("amount_total")
        created = try c.requiredTimestamp("created")
        expiresAt = try c.timestamp("expires_at")
        mode = try c.string("mode")
        paymentIntent = try c.string("payment_intent")
        metadata = try c.metadata("metadata")
        clientReferenceId = try c.string("client_reference_id")
        customerEmail = try c.string("customer_email")
        livemode = try c.livemode()
        lineItems = try c.object(WireList<WireLineItem>.self, "line_items")?.data ?? []
    }

    var domain: CheckoutSession {
        let items = lineItems.map(\.domain)
        // Sessions expire 24 hours after creation when the API leaves expires_at out.
        return CheckoutSession(
            id: id, status: status, paymentStatus: paymentStatus, url: url,
            currency: (currency ?? items.first?.currency.code).map(Currency.init(apiCode:)),
            amountSubtotal: amountSubtotal, amountTotal: amountTotal, created: created,
            expiresAt: expiresAt ?? created.addingTimeInterval(24 * 3600), lineItems: items,
            successURL: successURL, cancelURL: cancelURL, paymentIntentId: paymentIntent,
            clientReferenceId: clientReferenceId, metadata: metadata)
    }
}
