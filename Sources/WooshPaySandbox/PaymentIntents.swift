import Foundation
import GRDB

/// `GET /v1/payment_intents/{id}`: the payment behind a checkout session. Created with the session
/// (`requires_payment_method`), `succeeded` once the cashier's Pay goes through, `canceled` when
/// the session expires (also when it only reads as expired: its `expires_at` has passed).
enum PaymentIntents {
    static func retrieve(_ db: Database, _ call: Call) throws -> JSON {
        try json(db, try fetch(db, id: call.id, account: call.account.id, param: "id"), now: call.now)
    }

    /// The intent row with its session's status and expiry, or 404 naming `param`.
    static func fetch(_ db: Database, id: String, account: String, param: String) throws -> Row {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: """
            SELECT payment_intents.*, checkout_sessions.status AS session_status, checkout_sessions.expires_at
            FROM payment_intents LEFT JOIN checkout_sessions ON checkout_sessions.payment_intent = payment_intents.id
            WHERE payment_intents.id = ? AND payment_intents.account = ?
            """), arguments: [id, account]) else {
            throw APIError.noSuch("payment intent", id, param: param)
        }
        return row
    }

    /// The stored status, except that an unpaid intent whose session reads as expired is canceled.
    static func effectiveStatus(_ row: Row, now: Int64) -> String {
        let status: String = row["status"]
        if status == "requires_payment_method", (row["session_status"] as String?) == "open",
           let expiresAt = row["expires_at"] as Int64?, now >= expiresAt {
            return "canceled"
        }
        return status
    }

    /// What the intent's refunds add up to (pending and succeeded; the sandbox has no failed ones).
    static func amountRefunded(_ db: Database, intent: String) throws -> Int64 {
        try Int64.fetchOne(try db.cachedStatement(sql: "SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE payment_intent = ?"),
                           arguments: [intent]) ?? 0
    }

    static func json(_ db: Database, _ row: Row, now: Int64) throws -> JSON {
        let id: String = row["id"]
        var object = JSONObject(id: id, object: "payment_intent")
        object.copy(row, "amount")
        object["amount_refunded"] = .int(try amountRefunded(db, intent: id))
        object.copy(row, "created", "currency")
        object["last_payment_error"] = JSON(stored: row["last_payment_error"])
        object["livemode"] = .bool(false)
        object["metadata"] = .object([])
        object["status"] = .string(effectiveStatus(row, now: now))
        return object.json
    }
}
