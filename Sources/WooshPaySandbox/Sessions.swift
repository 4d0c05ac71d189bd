import Foundation
import GRDB
import TillCore

/// `/v1/checkout/sessions`: create, retrieve, list, expire, line items.
enum Sessions {
    static let lifetimeMilliseconds: Int64 = 24 * 60 * 60 * 1000
    static let maxLineItems = 100

    static func create(_ db: Database, _ call: Call) throws -> JSON {
        let params = call.params
        let successURL = try params.url("success_url")
        let cancelURL = try params.url("cancel_url")
        if let mode = try params.string("mode", maxLength: 20), mode != "payment" {
            throw APIError.invalid("mode", "Invalid mode: the sandbox supports mode \"payment\" only.")
        }
        var currency: Currency? = nil
        if params.has("currency") { currency = try params.currency("currency") }
        let metadata = Metadata.fresh(try params.metadata())
        let clientReference = try params.string("client_reference_id", maxLength: 200)
        let email = try params.string("customer_email", maxLength: 800)
        if let email, !email.contains("@") {
            throw APIError.invalid("customer_email", "Invalid customer_email: not an email address.", code: "email_invalid")
        }

        guard let itemsValue = params.json["line_items"], itemsValue != .null else { throw APIError.missing("line_items") }
        guard case .array(let items) = itemsValue else { throw APIError.invalid("line_items", "Invalid line_items: must be an array.") }
        guard !items.isEmpty else { throw APIError.invalid("line_items", "line_items must contain at least one item.") }
        guard items.count <= maxLineItems else { throw APIError.invalid("line_items", "line_items may hold at most \(maxLineItems) items.") }

        struct Line { var price: String; var quantity: Int64; var description: String; var amount: Int64 }
        var lines: [Line] = []
        var total: Int64 = 0
        for (index, value) in items.enumerated() {
            let path = "line_items[\(index)]"
            guard case .object = value else { throw APIError.invalid(path, "Invalid \(path): must be an object.") }
            let item = Params(json: value, path: path)
            guard let quantity = try item.integer("quantity", in: 1...999) else { throw APIError.missing(item.name("quantity")) }
            let priceID: String
            switch (try item.string("price", maxLength: 100), try item.object("price_data")) {
            case (nil, nil):
                throw APIError.invalid(item.name("price"), "Each line item needs exactly one of price or price_data.", code: "parameter_missing")
            case (.some, .some):
                throw APIError.invalid(item.name("price_data"), "Each line item takes one of price or price_data, not both.")
            case (let id?, nil):
                guard let row = try Row.fetchOne(try db.cachedStatement(sql: """
                    SELECT prices.active AS price_active, products.active AS product_active FROM prices
                    JOIN products ON products.id = prices.product WHERE prices.id = ? AND prices.account = ?
                    """), arguments: [id, call.account.id]) else {
                    throw APIError.noSuch("price", id, param: item.name("price"))
                }
                guard row["price_active"] as Bool else {
                    throw APIError.invalid(item.name("price"), "The price \(id) is not active.", code: "price_inactive")
                }
                guard row["product_active"] as Bool else {
                    throw APIError.invalid(item.name("price"), "The product of price \(id) is archived.", code: "product_inactive")
                }
                priceID = id
            case (nil, let data?):
                // Inline prices (and their inline products) are created active: WooshPay's own
                // documented session example shows "active":true for both.
                priceID = try Prices.insert(db, call, data, active: true)
            }
            guard let price = try Row.fetchOne(try db.cachedStatement(sql: """
                SELECT prices.currency, prices.unit_amount, products.name FROM prices
                JOIN products ON products.id = prices.product WHERE prices.id = ?
                """), arguments: [priceID]) else { throw APIError.noSuch("price", priceID, param: item.name("price")) }
            let lineCurrency = Currency(apiCode: price["currency"])
            if let currency, currency != lineCurrency {
                throw APIError.invalid(path, "All line items must share one currency: found \(currency.code) and \(lineCurrency.code).", code: "currency_mismatch")
            }
            currency = lineCurrency
            let unit: Int64 = price["unit_amount"]
            let (amount, overflow) = unit.multipliedReportingOverflow(by: quantity)
            let (sum, overflowSum) = total.addingReportingOverflow(amount)
            guard !overflow, !overflowSum, sum <= Params.maxAmount else {
                throw APIError.invalid("line_items", "The session total exceeds \(Params.maxAmount) minor units.", code: "amount_too_large")
            }
            total = sum
            lines.append(Line(price: priceID, quantity: quantity, description: price["name"], amount: amount))
        }
        guard let currency else { throw APIError.missing("line_items") }

        let intent = try Identifiers.fresh("pi_", table: "payment_intents", in: db)
        try db.cachedStatement(sql: """
            INSERT INTO payment_intents (id, account, amount, currency, status, created)
            VALUES (?, ?, ?, ?, 'requires_payment_method', ?)
            """).execute(arguments: [intent, call.account.id, total, currency.code, call.now])
        let id = try Identifiers.fresh("cs_", table: "checkout_sessions", in: db)
        try db.cachedStatement(sql: """
            INSERT INTO checkout_sessions (id, account, status, payment_status, mode, success_url, cancel_url, currency,
                amount_subtotal, amount_total, created, expires_at, payment_intent, metadata, client_reference_id, customer_email)
            VALUES (?, ?, 'open', 'unpaid', 'payment', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, call.account.id, successURL, cancelURL, currency.code, total, total, call.now,
                             call.now + lifetimeMilliseconds, intent, Metadata.text(metadata), clientReference, email])
        for line in lines {
            try db.cachedStatement(sql: """
                INSERT INTO line_items (id, session, price, quantity, description, currency, amount_subtotal, amount_total)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [try Identifiers.fresh("li_", table: "line_items", in: db), id, line.price, line.quantity,
                                 line.description, currency.code, line.amount, line.amount])
        }
        return try render(db, id: id, call: call)
    }

    static func retrieve(_ db: Database, _ call: Call) throws -> JSON {
        try render(db, id: call.id, call: call)
    }

    static func list(_ db: Database, _ call: Call) throws -> JSON {
        let paging = try Paging(call.query)
        let created = try call.createdFilter()
        let page = try paging.fetch(db, table: "checkout_sessions", kind: "checkout session", account: call.account.id,
                                    filter: created?.sql ?? "", arguments: created?.arguments ?? [])
        return Paging.list(try page.rows.map { try json(db, $0, call: call) }, hasMore: page.hasMore, url: "/v1/checkout/sessions/list")
    }

    /// Expires an open session; any other status is a 400.
    static func expire(_ db: Database, _ call: Call) throws -> JSON {
        let row = try fetch(db, id: call.id, account: call.account.id)
        let status = effectiveStatus(row, now: call.now)
        guard status == "open" else {
            throw APIError.invalid(nil, "Only an open checkout session can be expired; this one is \(status).", code: "checkout_session_not_open")
        }
        try markExpired(db, id: call.id, call: call)
        return try render(db, id: call.id, call: call)
    }

    /// Expires a session whose row is still open (its intent canceled) and emits
    /// `checkout.session.expired`; nothing when another request or process got there first.
    @discardableResult
    static func markExpired(_ db: Database, id: String, call: Call) throws -> [Events.Emitted] {
        try db.cachedStatement(sql: "UPDATE checkout_sessions SET status = 'expired' WHERE id = ? AND status = 'open'").execute(arguments: [id])
        guard db.changesCount == 1 else { return [] }
        let row = try fetch(db, id: id, account: call.account.id)
        try db.cachedStatement(sql: "UPDATE payment_intents SET status = 'canceled' WHERE id = ? AND status = 'requires_payment_method'")
            .execute(arguments: [row["payment_intent"] as String])
        return [try Events.emit(db, call, type: "checkout.session.expired", object: try json(db, row, call: call))]
    }

    static func lineItems(_ db: Database, _ call: Call) throws -> JSON {
        let row = try fetch(db, id: call.id, account: call.account.id)
        return try lineItemList(db, session: row["id"], account: call.account.id)
    }

    // MARK: Reading

    static func fetch(_ db: Database, id: String, account: String) throws -> Row {
        try Row.owned(db, "checkout_sessions", "checkout session", id: id, account: account)
    }

    /// The stored status, except that an open session past `expires_at` reads as expired.
    static func effectiveStatus(_ row: Row, now: Int64) -> String {
        let status: String = row["status"]
        if status == "open" && now >= (row["expires_at"] as Int64) { return "expired" }
        return status
    }

    /// `cs_123…` → `cs_test_123…`, the form the hosted cashier URL uses.
    static func cashierToken(_ id: String) -> String { "cs_test_" + id.dropFirst("cs_".count) }

    static func render(_ db: Database, id: String, call: Call) throws -> JSON {
        try json(db, try fetch(db, id: id, account: call.account.id), call: call)
    }

    static func json(_ db: Database, _ row: Row, call: Call) throws -> JSON {
        let id: String = row["id"]
        var object = JSONObject(id: id, object: "checkout.session")
        object.copy(row, "amount_subtotal", "amount_total", "cancel_url", "client_reference_id", "created", "currency")
        object["customer"] = .null
        object.copy(row, "customer_email", "expires_at")
        object["line_items"] = try lineItemList(db, session: id, account: row["account"])
        object["livemode"] = .bool(false)
        object["metadata"] = Metadata.json(Metadata.decode(row["metadata"]))
        object.copy(row, "mode", "payment_intent")
        object["payment_method_types"] = .array([.string("card")])
        object.copy(row, "payment_status")
        object["status"] = .string(effectiveStatus(row, now: call.now))
        object.copy(row, "success_url")
        object["url"] = .string("\(call.baseURL)/pay/\(cashierToken(id))?key=\(Cashier.capability(session: id, account: call.account.id))")
        return object.json
    }

    /// All of a session's line items (at most 100), in the order they were given, prices expanded.
    static func lineItemList(_ db: Database, session: String, account: String) throws -> JSON {
        let rows = try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM line_items WHERE session = ? ORDER BY seq"), arguments: [session])
        let items = try rows.map { row -> JSON in
            var item = JSONObject(id: row["id"], object: "item")
            item.copy(row, "amount_subtotal", "amount_total", "currency", "description")
            item["price"] = try Prices.render(db, id: row["price"], account: account, expandProduct: true)
            item.copy(row, "quantity")
            return item.json
        }
        return Paging.list(items, hasMore: false, url: "/v1/checkout/sessions/\(session)/line_items")
    }
}
