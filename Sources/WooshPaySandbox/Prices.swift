import Foundation
import GRDB

/// `/v1/prices`: one-time prices bound to a product or made with an inline `product_data`.
enum Prices {
    static func create(_ db: Database, _ call: Call) throws -> JSON {
        let id = try insert(db, call, call.params, active: true)
        return try render(db, id: id, account: call.account.id, expandProduct: false)
    }

    /// Validates and inserts a price from `params` (also `line_items[n][price_data]`); returns its id.
    /// An inline product is created in the caller's transaction, so a refused price leaves none behind.
    static func insert(_ db: Database, _ call: Call, _ params: Params, active defaultActive: Bool) throws -> String {
        let currency = try params.currency("currency")
        let amount = try params.amount("unit_amount")
        let productID: String
        let existing = try params.string("product", maxLength: 100)
        let inline = try params.object("product_data")
        switch (existing, inline) {
        case (nil, nil):
            throw APIError.invalid(params.name("product"), "Pass exactly one of product or product_data.", code: "parameter_missing")
        case (.some, .some):
            throw APIError.invalid(params.name("product_data"), "Pass exactly one of product or product_data, not both.")
        case (let id?, nil):
            guard let active = try Bool.fetchOne(try db.cachedStatement(sql: "SELECT active FROM products WHERE id = ? AND account = ?"),
                                                 arguments: [id, call.account.id]) else {
                throw APIError.noSuch("product", id, param: params.name("product"))
            }
            guard active else {
                throw APIError.invalid(params.name("product"), "The product \(id) is archived; activate it before adding prices.", code: "product_inactive")
            }
            productID = id
        case (nil, let data?):
            productID = try Products.insert(db, call, data, active: defaultActive)
        }
        let active = try params.bool("active") ?? defaultActive
        let nickname = try params.string("nickname", maxLength: 5000)
        let lookupKey = try params.string("lookup_key", maxLength: 200)
        let metadata = Metadata.fresh(try params.metadata())
        let id = try Identifiers.fresh("price_", table: "prices", in: db)
        try db.cachedStatement(sql: """
            INSERT INTO prices (id, account, product, currency, unit_amount, active, nickname, lookup_key, metadata, created)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, call.account.id, productID, currency.code, amount, active, nickname, lookupKey,
                             Metadata.text(metadata), call.now])
        return id
    }

    static func retrieve(_ db: Database, _ call: Call) throws -> JSON {
        try render(db, id: call.id, account: call.account.id, expandProduct: false)
    }

    /// Only `active`, `nickname`, `metadata` and `lookup_key` change; amount and currency never do.
    static func update(_ db: Database, _ call: Call) throws -> JSON {
        let row = try Row.owned(db, "prices", "price", id: call.id, account: call.account.id)
        let params = call.params
        var active: Bool = row["active"]
        var nickname: String? = row["nickname"]
        var lookupKey: String? = row["lookup_key"]
        var metadata = Metadata.decode(row["metadata"])
        if let flag = try params.bool("active") { active = flag }
        if params.has("nickname") { nickname = try params.string("nickname", maxLength: 5000) }
        if params.has("lookup_key") { lookupKey = try params.string("lookup_key", maxLength: 200) }
        if let update = try params.metadata() { metadata = Metadata.merge(metadata, update) }
        try db.cachedStatement(sql: "UPDATE prices SET active = ?, nickname = ?, lookup_key = ?, metadata = ? WHERE id = ?").execute(
                       arguments: [active, nickname, lookupKey, Metadata.text(metadata), call.id])
        return try render(db, id: call.id, account: call.account.id, expandProduct: false)
    }

    static func list(_ db: Database, _ call: Call) throws -> JSON {
        let paging = try Paging(call.query)
        var filters: [String] = []
        var arguments: StatementArguments = []
        if let active = try call.activeFilter() {
            filters.append(active.sql)
            arguments += active.arguments
        }
        if let product = call.query["product"], !product.isEmpty {
            filters.append("product = ?")
            arguments += [product]
        }
        // `lookup_keys[]` or `lookup_keys[0]`, `lookup_keys[1]`, … (Stripe takes up to 10).
        let codes = call.query.filter { $0.key.hasPrefix("lookup_keys[") && $0.key.hasSuffix("]") }.map(\.value).sorted()
        if !codes.isEmpty {
            guard codes.count <= 10 else {
                throw APIError.invalid("lookup_keys", "At most 10 lookup_keys can be given.", code: "parameter_invalid_array")
            }
            filters.append("lookup_key IN (" + Array(repeating: "?", count: codes.count).joined(separator: ", ") + ")")
            arguments += StatementArguments(codes)
        }
        let page = try paging.fetch(db, table: "prices", kind: "price", account: call.account.id,
                                    filter: filters.joined(separator: " AND "), arguments: arguments)
        return Paging.list(try page.rows.map { try json(db, $0, expandProduct: false) }, hasMore: page.hasMore, url: "/v1/prices")
    }

    static func render(_ db: Database, id: String, account: String, expandProduct: Bool) throws -> JSON {
        try json(db, try Row.owned(db, "prices", "price", id: id, account: account), expandProduct: expandProduct)
    }

    static func json(_ db: Database, _ row: Row, expandProduct: Bool) throws -> JSON {
        var object = JSONObject(id: row["id"], object: "price")
        let productID: String = row["product"]
        object["active"] = .bool(row["active"])
        object["billing_scheme"] = .string("per_unit")
        object.copy(row, "created", "currency")
        object["livemode"] = .bool(false)
        object.copy(row, "lookup_key")
        object["metadata"] = Metadata.json(Metadata.decode(row["metadata"]))
        object.copy(row, "nickname")
        object["product"] = expandProduct
            ? try Products.render(db, id: productID, account: row["account"])
            : .string(productID)
        object["type"] = .string("one_time")
        object.copy(row, "unit_amount")
        return object.json
    }
}
