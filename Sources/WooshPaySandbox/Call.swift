import Foundation
import GRDB

/// One account: the digest of its secret key, its publishable key, and its clock offset.
struct Account: Sendable {
    let id: String
    let publishableKey: String
    var clockOffsetMilliseconds: Int64

    /// Derives the account from a well-formed test secret key. The publishable key is a digest of
    /// the secret, so the same key always gets the same `pk_test_…`, in any database.
    init(secretKey: String) {
        id = SHA256.hex(secretKey)
        publishableKey = "pk_test_" + String(SHA256.hex("publishable:" + secretKey).prefix(32))
        clockOffsetMilliseconds = 0
    }

    /// Reads the stored clock offset (0 for an account that has not written anything yet).
    mutating func load(_ db: Database) throws {
        clockOffsetMilliseconds = try Int64.fetchOne(db, sql: "SELECT clock_offset_ms FROM accounts WHERE id = ?", arguments: [id]) ?? 0
    }

    /// Creates the account row on its first write.
    func ensure(_ db: Database, now: Int64) throws {
        try db.execute(sql: """
            INSERT INTO accounts (id, publishable_key, clock_offset_ms, created) VALUES (?, ?, 0, ?)
            ON CONFLICT(id) DO NOTHING
            """, arguments: [id, publishableKey, now])
    }
}

/// Everything a handler needs besides the database: who asks, when, and with what.
struct Call: Sendable {
    var account: Account
    /// Base clock in milliseconds; `now` adds the account's offset.
    var baseNow: Int64
    var body: JSON
    var query: [String: String]
    var id: String
    var baseURL: String

    var now: Int64 { baseNow + account.clockOffsetMilliseconds }
    var params: Params { Params(json: body) }
}

/// A handler: runs inside one database transaction and returns the 200 response object.
typealias Handler = @Sendable (Database, Call) throws -> JSON

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
            guard let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM \(table) WHERE id = ? AND account = ?", arguments: [id, account]) else {
                throw APIError.noSuch(kind, id, param: param)
            }
            return seq
        }
        var rows: [Row]
        if let after = startingAfter {
            args += [try cursor(after, "starting_after"), limit + 1]
            rows = try Row.fetchAll(db, sql: base + " AND seq < ? ORDER BY seq DESC LIMIT ?", arguments: args)
        } else if let before = endingBefore {
            args += [try cursor(before, "ending_before"), limit + 1]
            rows = try Row.fetchAll(db, sql: base + " AND seq > ? ORDER BY seq ASC LIMIT ?", arguments: args)
        } else {
            args += [limit + 1]
            rows = try Row.fetchAll(db, sql: base + " ORDER BY seq DESC LIMIT ?", arguments: args)
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

extension Call {
    /// The `active` query filter ("true"/"false"), as SQL.
    func activeFilter() throws -> (sql: String, arguments: StatementArguments)? {
        guard let text = query["active"] else { return nil }
        switch text {
        case "true": return ("active = ?", [true])
        case "false": return ("active = ?", [false])
        default: throw APIError.invalid("active", "Invalid active: must be true or false.")
        }
    }
}
