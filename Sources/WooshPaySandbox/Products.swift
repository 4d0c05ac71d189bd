import Foundation
import GRDB
import NIOCore

/// `/v1/products`: create, retrieve, partial update (`active:false` archives), list.
enum Products {
    static func create(_ db: Database, _ call: Call) throws -> JSON {
        let id = try insert(db, call, Params(json: call.body))
        return try render(db, id: id, account: call.account.id)
    }

    /// Validates and inserts a product from `params` (also used by `product_data`); returns its id.
    static func insert(_ db: Database, _ call: Call, _ params: Params, active defaultActive: Bool = true) throws -> String {
        let name = try params.requiredString("name", maxLength: 250)
        let description = try params.string("description", maxLength: 40_000)
        let active = try params.bool("active") ?? defaultActive
        let metadata = Metadata.fresh(try params.metadata())
        let url = try params.string("url", maxLength: 2048)
        let images = try params.stringArray("images", maxCount: 8, maxLength: 2048)
        let id = try Identifiers.fresh("prod_", table: "products", in: db)
        try db.cachedStatement(sql: """
            INSERT INTO products (id, account, name, description, active, created, updated, metadata, url, images)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, call.account.id, name, description, active, call.now, call.now,
                             Metadata.text(metadata), url, images.map { JSON.array($0.map(JSON.string)).text }])
        return id
    }

    static func retrieve(_ db: Database, _ call: Call) throws -> JSON {
        try render(db, id: call.id, account: call.account.id)
    }

    static func update(_ db: Database, _ call: Call) throws -> JSON {
        let row = try Row.owned(db, "products", "product", id: call.id, account: call.account.id)
        let params = call.params
        var name: String = row["name"]
        var description: String? = row["description"]
        var active: Bool = row["active"]
        var metadata = Metadata.decode(row["metadata"])
        var url: String? = row["url"]
        var images: String? = row["images"]
        if params.has("name") { name = try params.requiredString("name", maxLength: 250) }
        if params.has("description") { description = try params.string("description", maxLength: 40_000) }
        if let flag = try params.bool("active") { active = flag }
        if let update = try params.metadata() { metadata = Metadata.merge(metadata, update) }
        if params.has("url") { url = try params.string("url", maxLength: 2048) }
        if params.has("images") {
            images = try params.stringArray("images", maxCount: 8, maxLength: 2048).map { JSON.array($0.map(JSON.string)).text }
        }
        try db.cachedStatement(sql: """
            UPDATE products SET name = ?, description = ?, active = ?, metadata = ?, url = ?, images = ?, updated = ?
            WHERE id = ?
            """).execute(arguments: [name, description, active, Metadata.text(metadata), url, images, call.now, call.id])
        return try render(db, id: call.id, account: call.account.id)
    }

    static func list(_ db: Database, _ call: Call) throws -> JSON {
        let paging = try Paging(call.query)
        let filter = try call.activeFilter()
        let page = try paging.fetch(db, table: "products", kind: "product", account: call.account.id,
                                    filter: filter?.sql ?? "", arguments: filter?.arguments ?? [])
        return Paging.list(page.rows.map(json), hasMore: page.hasMore, url: "/v1/products")
    }

    // Retrieve and list written straight into the response (RawReads): the same bytes as `json`.

    /// The columns `write` reads, by index.
    private static let columns = "id, active, created, description, images, metadata, name, updated, url"
    private static let retrieveSQL = "SELECT \(columns) FROM products WHERE id = ? AND account = ?"

    /// The retrieve as a point read (RawReads reads it on the event loop's own connection).
    static let pointRead = PointRead(sql: retrieveSQL, kind: "product", write: write)

    static func writeRetrieve(_ db: Database, _ call: Call, _ out: inout ByteBuffer) throws -> Bool {
        try RowBytes.writeOwned(db, pointRead, call, to: &out)
    }

    static func writeList(_ db: Database, _ call: Call, _ out: inout ByteBuffer) throws -> Bool {
        let paging = try Paging(call.query)
        let filter = try call.activeFilter()
        return try paging.write(db, table: "products", columns: columns, kind: "product", account: call.account.id, url: "/v1/products",
                                filter: filter?.sql ?? "", arguments: filter?.arguments ?? [], to: &out, row: write)
    }

    /// One row of `columns` as `json` renders it.
    static func write(_ row: RowBytes, to out: inout ByteBuffer) {
        out.writeStaticString("{\"id\":")
        out.writeJSONString(row.text(0))
        out.writeStaticString(",\"object\":\"product\",\"active\":")
        out.writeJSONBool(row.int(1) != 0)
        out.writeStaticString(",\"created\":")
        out.writeDecimal(row.int(2))
        out.writeStaticString(",\"description\":")
        row.writeString(3, to: &out)
        out.writeStaticString(",\"images\":")
        row.writeStoredJSON(4, to: &out)
        out.writeStaticString(",\"livemode\":false,\"metadata\":")
        row.writeMetadata(5, to: &out)
        out.writeStaticString(",\"name\":")
        out.writeJSONString(row.text(6))
        out.writeStaticString(",\"updated\":")
        out.writeDecimal(row.int(7))
        out.writeStaticString(",\"url\":")
        row.writeString(8, to: &out)
        out.writeStaticString("}")
    }

    static func render(_ db: Database, id: String, account: String) throws -> JSON {
        json(try Row.owned(db, "products", "product", id: id, account: account))
    }

    static func json(_ row: Row) -> JSON {
        var object = JSONObject()
        object["id"] = .string(row["id"])
        object["object"] = .string("product")
        object["active"] = .bool(row["active"])
        object["created"] = .int(row["created"])
        object["description"] = JSON(row["description"] as String?)
        object["images"] = JSON(stored: row["images"])
        object["livemode"] = .bool(false)
        object["metadata"] = Metadata.json(Metadata.decode(row["metadata"]))
        object["name"] = .string(row["name"])
        object["updated"] = .int(row["updated"])
        object["url"] = JSON(row["url"] as String?)
        return object.json
    }
}
