import Foundation
import GRDB

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
