import Foundation
import GRDB

/// What time does by itself, made real so it can be announced: an open session past its
/// `expires_at` becomes `expired` (`checkout.session.expired`), and a pending refund whose time
/// has come announces that it succeeded (`refund.updated`, `charge.refund.updated`). Reads already
/// compute both from the clock; the sweep writes them down once and emits the events. It runs
/// when an account's clock is advanced and in the background loop.
enum Sweeps {
    /// In its own transactions: a read to see whether anything is due, and a write only if so.
    static func run(_ writer: any DatabaseWriter, account: String?, baseNow: Int64, baseURL: String) throws -> [Events.Emitted] {
        let due = try writer.read { db in
            try !dueSessions(db, account: account, baseNow: baseNow, limit: 1).isEmpty
                || !dueRefunds(db, account: account, baseNow: baseNow, limit: 1).isEmpty
        }
        guard due else { return [] }
        return try writer.write { db in try run(db, account: account, baseNow: baseNow, baseURL: baseURL) }
    }

    /// In the caller's transaction (the clock helper's, so its reply lists what it caused).
    static func run(_ db: Database, account: String?, baseNow: Int64, baseURL: String) throws -> [Events.Emitted] {
        var emitted: [Events.Emitted] = []
        for row in try dueSessions(db, account: account, baseNow: baseNow, limit: 500) {
            let call = Call.system(account: row["account"], offset: row["clock_offset_ms"], baseNow: baseNow, baseURL: baseURL)
            emitted += try Sessions.markExpired(db, id: row["id"], call: call)
        }
        for row in try dueRefunds(db, account: account, baseNow: baseNow, limit: 500) {
            let call = Call.system(account: row["account"], offset: row["clock_offset_ms"], baseNow: baseNow, baseURL: baseURL)
            emitted += try Refunds.markSettled(db, id: row["id"], call: call)
        }
        return emitted
    }

    private static func dueSessions(_ db: Database, account: String?, baseNow: Int64, limit: Int) throws -> [Row] {
        try Row.fetchAll(db, sql: """
            SELECT s.id, s.account, a.clock_offset_ms FROM checkout_sessions s JOIN accounts a ON a.id = s.account
            WHERE s.status = 'open' AND s.expires_at <= ? + a.clock_offset_ms\(account == nil ? "" : " AND s.account = ?")
            ORDER BY s.expires_at LIMIT \(limit)
            """, arguments: arguments(baseNow, account))
    }

    private static func dueRefunds(_ db: Database, account: String?, baseNow: Int64, limit: Int) throws -> [Row] {
        try Row.fetchAll(db, sql: """
            SELECT r.id, r.account, a.clock_offset_ms FROM refunds r JOIN accounts a ON a.id = r.account
            WHERE r.settled = 0 AND r.pending_until <= ? + a.clock_offset_ms\(account == nil ? "" : " AND r.account = ?")
            ORDER BY r.pending_until LIMIT \(limit)
            """, arguments: arguments(baseNow, account))
    }
}

private func arguments(_ baseNow: Int64, _ account: String?) -> StatementArguments {
    var arguments: StatementArguments = [baseNow]
    if let account { arguments += [account] }
    return arguments
}

extension Call {
    /// A call made by the sandbox itself (a sweep, the cashier), for rendering and emitting.
    static func system(account: String, offset: Int64, baseNow: Int64, baseURL: String) -> Call {
        Call(account: Account(id: account, clockOffsetMilliseconds: offset), baseNow: baseNow, body: .object([]),
             query: [:], id: "", baseURL: baseURL)
    }
}
