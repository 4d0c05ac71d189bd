import Foundation
import GRDB

/// `/v1/test_helpers/…`: drive *your* objects from a script, as a customer or time would
/// (`till sandbox pay|fail|expire|reset` call these). Each reply names what it touched and the
/// events it emitted: `{"object":"test_helpers.result","action":…,"checkout_session":…,
/// "payment_intent":…,"events":[{"id","type","object_id"}]}`.
enum TestHelpers {
    /// Decline codes `fail` takes (`decline_code`), as a card network sends them.
    static let declineCodes = ["generic_decline", "insufficient_funds", "lost_card", "stolen_card", "expired_card",
                               "incorrect_cvc", "processing_error"]

    /// Pays an open session as the cashier's Pay does.
    static func pay(_ db: Database, _ call: Call) throws -> JSON {
        let row = try openSession(db, call, action: "paid")
        let events = try Cashier.markPaid(db, row, call: call)
        return try result(db, call, action: "pay", session: row["id"], events: events)
    }

    /// A declined card: the session stays open, its intent keeps `requires_payment_method` with a
    /// `last_payment_error`, and `payment_intent.payment_failed` is emitted.
    static func fail(_ db: Database, _ call: Call) throws -> JSON {
        let row = try openSession(db, call, action: "failed")
        let decline = try call.params.string("decline_code", maxLength: 40) ?? "generic_decline"
        guard declineCodes.contains(decline) else {
            throw APIError.invalid("decline_code", "Invalid decline_code: must be one of \(declineCodes.joined(separator: ", ")).")
        }
        var error = JSONObject()
        error["type"] = .string("card_error")
        error["code"] = .string(decline == "expired_card" ? "expired_card" : decline == "incorrect_cvc" ? "incorrect_cvc" : "card_declined")
        error["decline_code"] = .string(decline)
        error["message"] = .string(decline == "insufficient_funds" ? "Your card has insufficient funds." : "Your card was declined.")
        let intent: String = row["payment_intent"]
        try db.cachedStatement(sql: "UPDATE payment_intents SET last_payment_error = ? WHERE id = ?").execute(arguments: [error.json.text, intent])
        let object = try PaymentIntents.json(db, try PaymentIntents.fetch(db, id: intent, account: call.account.id, param: "id"), now: call.now)
        let event = try Events.emit(db, call, type: "payment_intent.payment_failed", object: object)
        return try result(db, call, action: "fail", session: row["id"], events: [event])
    }

    /// Expires an open session now, as `POST /v1/checkout/sessions/{id}/expire` does, and says so.
    static func expire(_ db: Database, _ call: Call) throws -> JSON {
        let row = try openSession(db, call, action: "expired")
        let events = try Sessions.markExpired(db, id: row["id"], call: call)
        return try result(db, call, action: "expire", session: row["id"], events: events)
    }

    /// Empties the account: every object, event, endpoint, delivery and idempotency key, and its
    /// clock back to the base clock. The reply counts what was deleted.
    static func reset(_ db: Database, _ call: Call) throws -> JSON {
        let account = call.account.id
        var deleted = JSONObject()
        func delete(_ name: String, _ sql: String, _ arguments: StatementArguments) throws {
            try db.execute(sql: sql, arguments: arguments)
            deleted[name] = .int(Int64(db.changesCount))
        }
        try delete("webhook_attempts", "DELETE FROM webhook_attempts WHERE account = ?", [account])
        try delete("webhook_deliveries", "DELETE FROM webhook_deliveries WHERE account = ?", [account])
        try delete("events", "DELETE FROM events WHERE account = ?", [account])
        try delete("webhook_endpoints", "DELETE FROM webhook_endpoints WHERE account = ?", [account])
        try delete("line_items", "DELETE FROM line_items WHERE session IN (SELECT id FROM checkout_sessions WHERE account = ?)", [account])
        try delete("checkout_sessions", "DELETE FROM checkout_sessions WHERE account = ?", [account])
        try delete("refunds", "DELETE FROM refunds WHERE account = ?", [account])
        try delete("payment_intents", "DELETE FROM payment_intents WHERE account = ?", [account])
        try delete("prices", "DELETE FROM prices WHERE account = ?", [account])
        try delete("products", "DELETE FROM products WHERE account = ?", [account])
        // This request's own key stays, so a retry of the reset gets this reply.
        try delete("idempotency_keys", "DELETE FROM idempotency_keys WHERE account = ? AND key IS NOT ?", [account, call.idempotencyKey])
        try db.execute(sql: "UPDATE accounts SET clock_offset_ms = 0 WHERE id = ?", arguments: [account])
        var object = JSONObject()
        object["object"] = .string("test_helpers.result")
        object["action"] = .string("reset")
        object["deleted"] = deleted.json
        object["events"] = .array([])
        return object.json
    }

    /// `GET /v1/test_helpers/webhook_attempts`: every delivery attempt, newest first, with paging
    /// and `event` / `endpoint` filters.
    static func attempts(_ db: Database, _ call: Call) throws -> JSON {
        let paging = try Paging(call.query)
        var filters: [String] = []
        var arguments: StatementArguments = []
        for name in ["event", "endpoint"] {
            if let value = call.query[name], !value.isEmpty {
                filters.append("\(name) = ?")
                arguments += [value]
            }
        }
        let page = try paging.fetch(db, table: "webhook_attempts", kind: "webhook attempt", account: call.account.id,
                                    filter: filters.joined(separator: " AND "), arguments: arguments)
        let data = page.rows.map { row -> JSON in
            var object = JSONObject(id: row["id"], object: "webhook_attempt")
            object.copy(row, "attempt", "at", "duration_ms", "endpoint", "error", "event", "event_type", "next_attempt", "status", "url")
            return object.json
        }
        return Paging.list(data, hasMore: page.hasMore, url: "/v1/test_helpers/webhook_attempts")
    }

    // MARK: Shared

    /// The session named in the path, which must read `open` on the account's clock.
    private static func openSession(_ db: Database, _ call: Call, action: String) throws -> Row {
        let row = try Sessions.fetch(db, id: call.id, account: call.account.id)
        let status = Sessions.effectiveStatus(row, now: call.now)
        guard status == "open" else {
            throw APIError.invalid(nil, "Only an open checkout session can be \(action); this one is \(status).",
                                   code: "checkout_session_not_open")
        }
        return row
    }

    private static func result(_ db: Database, _ call: Call, action: String, session: String, events: [Events.Emitted]) throws -> JSON {
        let sessionObject = try Sessions.render(db, id: session, call: call)
        let intent: String = try String.fetchOne(db, sql: "SELECT payment_intent FROM checkout_sessions WHERE id = ?", arguments: [session]) ?? ""
        var object = JSONObject()
        object["object"] = .string("test_helpers.result")
        object["action"] = .string(action)
        object["checkout_session"] = sessionObject
        object["payment_intent"] = try PaymentIntents.json(db, try PaymentIntents.fetch(db, id: intent, account: call.account.id, param: "id"),
                                                           now: call.now)
        object["events"] = .array(events.map(\.json))
        return object.json
    }
}
