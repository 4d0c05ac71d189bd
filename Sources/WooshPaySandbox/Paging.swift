import Foundation
import GRDB

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
        let base = "SELECT * FROM \(table) WHERE account = ?\(filter.isEmpty ? "" : " AND " + filter)"
        var args: StatementArguments = [account]
        args += arguments
        func cursor(_ id: String, _ param: String) throws -> Int64 {
            guard let seq = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT seq FROM \(table) WHERE id = ? AND account = ?"), arguments: [id, account]) else {
                throw APIError.noSuch(kind, id, param: param)
            }
            return seq
        }
        var rows: [Row]
        if let after = startingAfter {
            args += [try cursor(after, "starting_after"), limit + 1]
            rows = try Row.fetchAll(try db.cachedStatement(sql: base + " AND seq < ? ORDER BY seq DESC LIMIT ?"), arguments: args)
        } else if let before = endingBefore {
            args += [try cursor(before, "ending_before"), limit + 1]
            rows = try Row.fetchAll(try db.cachedStatement(sql: base + " AND seq > ? ORDER BY seq ASC LIMIT ?"), arguments: args)
        } else {
            args += [limit + 1]
            rows = try Row.fetchAll(try db.cachedStatement(sql: base + " ORDER BY seq DESC LIMIT ?"), arguments: args)
        }
        let hasMore = rows.count > limit
        rows = Array(rows.prefix(limit))
        if endingBefore != nil { rows.reverse() }
        return (rows, hasMore)
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
