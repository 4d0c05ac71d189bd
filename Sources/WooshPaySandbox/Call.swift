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
    /// The request's `Request-Id` and `Idempotency-Key`, which the events it emits quote.
    var requestID: String? = nil
    var idempotencyKey: String? = nil
    /// Set when the request gave the webhook loop work (an event, a moved clock), so only those
    /// writes wake it.
    let wakes = WakeFlag()

    var now: Int64 { baseNow + account.clockOffsetMilliseconds }
    var params: Params { Params(json: body) }
}

/// Whether a request left work for the webhook loop.
final class WakeFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    func raise() { lock.lock(); raised = true; lock.unlock() }
    var isRaised: Bool { lock.lock(); defer { lock.unlock() }; return raised }
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
