import Foundation
import GRDB
import NIOCore

/// `limit`, `starting_after`, `ending_before`, applied to one account's rows, newest first.
struct Paging {
    var limit = 10
    var startingAfter: String?
    var endingBefore: String?

    init(_ query: [String: String]) throws {
        if let text = query["limit"] {
            guard let value = Int(text), (1...100).contains(value) else {
                throw APIError.invalid("limit", "Invalid limit: must be an integer from 1 to 100.")
            }
            limit = value
        }
        startingAfter = query["starting_after"].flatMap { $0.isEmpty ? nil : $0 }
        endingBefore = query["ending_before"].flatMap { $0.isEmpty ? nil : $0 }
        if startingAfter != nil && endingBefore != nil {
            throw APIError.invalid("ending_before", "You may only pass one of starting_after and ending_before.")
        }
    }

    /// Fetches one page from `table` where `filter` holds; returns rows newest first and `has_more`.
    func fetch(_ db: Database, table: String, kind: String, account: String,
               filter: String = "", arguments: StatementArguments = []) throws -> (rows: [Row], hasMore: Bool) {
        let page = try statement(db, table: table, columns: "*", kind: kind, account: account, filter: filter, arguments: arguments)
        var rows = try Row.fetchAll(page)
        let hasMore = rows.count > limit
        rows = Array(rows.prefix(limit))
        if endingBefore != nil { rows.reverse() }
        return (rows, hasMore)
    }

    /// The page's statement over `columns`, its arguments set: up to `limit + 1` rows (the last
    /// only says there are more), newest first, or oldest first after `ending_before`.
    func statement(_ db: Database, table: String, columns: String, kind: String, account: String,
                   filter: String = "", arguments: StatementArguments = []) throws -> Statement {
        let base = "SELECT \(columns) FROM \(table) WHERE account = ?\(filter.isEmpty ? "" : " AND " + filter)"
        var args: StatementArguments = [account]
        args += arguments
        func cursor(_ id: String, _ param: String) throws -> Int64 {
            guard let seq = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT seq FROM \(table) WHERE id = ? AND account = ?"), arguments: [id, account]) else {
                throw APIError.noSuch(kind, id, param: param)
            }
            return seq
        }
        let sql: String
        if let after = startingAfter {
            args += [try cursor(after, "starting_after"), limit + 1]
            sql = base + " AND seq < ? ORDER BY seq DESC LIMIT ?"
        } else if let before = endingBefore {
            args += [try cursor(before, "ending_before"), limit + 1]
            sql = base + " AND seq > ? ORDER BY seq ASC LIMIT ?"
        } else {
            args += [limit + 1]
            sql = base + " ORDER BY seq DESC LIMIT ?"
        }
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(args)
        return statement
    }

    /// A page written straight into `out` as `list` writes it, each row by `row`; false (nothing
    /// written) after `ending_before`, whose rows come oldest first: that page takes the `JSON` path.
    func write(_ db: Database, table: String, columns: String, kind: String, account: String, url: StaticString,
               filter: String = "", arguments: StatementArguments = [], to out: inout ByteBuffer,
               row write: (RowBytes, inout ByteBuffer) -> Void) throws -> Bool {
        guard endingBefore == nil else { return false }
        let page = try statement(db, table: table, columns: columns, kind: kind, account: account, filter: filter, arguments: arguments)
        out.writeStaticString("{\"object\":\"list\",\"data\":[")
        var count = 0
        var hasMore = false
        try RowBytes.each(db, page) { row in
            if count == limit { hasMore = true; return false }
            if count > 0 { out.writeInteger(UInt8(ascii: ",")) }
            write(row, &out)
            count += 1
            return true
        }
        out.writeStaticString("],\"has_more\":")
        out.writeJSONBool(hasMore)
        out.writeStaticString(",\"url\":\"")
        out.writeStaticString(url)
        out.writeStaticString("\"}")
        return true
    }

    static func list(_ data: [JSON], hasMore: Bool, url: String) -> JSON {
        var list = JSONObject()
        list["object"] = .string("list")
        list["data"] = .array(data)
        list["has_more"] = .bool(hasMore)
        list["url"] = .string(url)
        return list.json
    }
}
