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

    /// The `created[gt]`, `created[gte]`, `created[lt]` and `created[lte]` query filters, as SQL
    /// (nil when none is given). A value above 10^11 is milliseconds, else seconds, as the
    /// timestamps WooshPay sends.
    func createdFilter() throws -> (sql: String, arguments: StatementArguments)? {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        for (name, comparison) in [("gt", ">"), ("gte", ">="), ("lt", "<"), ("lte", "<=")] {
            let param = "created[\(name)]"
            guard let text = query[param] else { continue }
            guard let value = Int64(text), value >= 0 else {
                throw APIError.invalid(param, "Invalid \(param): must be a Unix time in seconds or milliseconds.")
            }
            clauses.append("created \(comparison) ?")
            arguments += [value > 100_000_000_000 ? value : value * 1000]
        }
        return clauses.isEmpty ? nil : (clauses.joined(separator: " AND "), arguments)
    }
}
