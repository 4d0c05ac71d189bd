import Foundation
import GRDB

/// Events: what the sandbox did, as `event` objects (`GET /v1/events[/id]`), each queued for the
/// account's webhook endpoints that listen for its type in the same transaction as the change.
enum Events {
    /// Every type the sandbox emits (what `enabled_events` may name, besides `*`).
    static let types = [
        "checkout.session.completed", "checkout.session.expired",
        "payment_intent.succeeded", "payment_intent.payment_failed",
        "refund.created", "refund.updated", "charge.refund.updated",
    ]

    /// An emitted event, as the commands that caused it report it.
    struct Emitted: Sendable, Equatable {
        var id: String
        var type: String
        /// The id of the event's `data.object`.
        var object: String

        var json: JSON {
            .object([.init(key: "id", value: .string(id)), .init(key: "type", value: .string(type)),
                     .init(key: "object_id", value: .string(object))])
        }
    }

    /// Records an event and queues one delivery per enabled endpoint of the account that takes
    /// its type. Runs in the caller's transaction, so the event exists exactly when the change does.
    @discardableResult
    static func emit(_ db: Database, _ call: Call, type: String, object: JSON) throws -> Emitted {
        call.wakes.raise()
        return try emit(db, account: call.account.id, now: call.now, type: type, object: object,
                        requestID: call.requestID, idempotencyKey: call.idempotencyKey)
    }

    /// The same for a given account and time.
    @discardableResult
    static func emit(_ db: Database, account: String, now: Int64, type: String, object: JSON,
                     requestID: String? = nil, idempotencyKey: String? = nil) throws -> Emitted {
        let id = try Identifiers.fresh("evt_", table: "events", in: db)
        let endpoints = try Row.fetchAll(try db.cachedStatement(sql: """
            SELECT id, url, secret, enabled_events FROM webhook_endpoints
            WHERE account = ? AND status = 'enabled' ORDER BY seq
            """), arguments: [account]).filter { row in
                let enabled = JSON(stored: row["enabled_events"])
                guard case .array(let items) = enabled else { return false }
                return items.contains(.string("*")) || items.contains(.string(type))
            }
        var request = JSONObject()
        request["id"] = JSON(requestID)
        request["idempotency_key"] = JSON(idempotencyKey)
        var event = JSONObject()
        event["id"] = .string(id)
        event["object"] = .string("event")
        event["api_version"] = .null
        event["created"] = .int(now)
        event["data"] = .object([.init(key: "object", value: object)])
        event["livemode"] = .bool(false)
        event["pending_webhooks"] = .int(Int64(endpoints.count))
        event["request"] = request.json
        event["type"] = .string(type)
        try db.cachedStatement(sql: "INSERT INTO events (id, account, type, created, body) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [id, account, type, now, event.json.text])
        for endpoint in endpoints {
            try db.cachedStatement(sql: """
                INSERT INTO webhook_deliveries (account, event, endpoint, url, secret, state, attempts, next_attempt)
                VALUES (?, ?, ?, ?, ?, 'pending', 0, ?)
                """).execute(arguments: [account, id, endpoint["id"] as String, endpoint["url"] as String,
                                 endpoint["secret"] as String, now])
        }
        var objectID = ""
        if case .string(let text)? = object["id"] { objectID = text }
        return Emitted(id: id, type: type, object: objectID)
    }

    // MARK: The API

    static func retrieve(_ db: Database, _ call: Call) throws -> JSON {
        try json(db, try Row.owned(db, "events", "event", id: call.id, account: call.account.id))
    }

    /// `GET /v1/events`: newest first, paging, `type` (exact, or a prefix ending in `*`), `created[…]`.
    static func list(_ db: Database, _ call: Call) throws -> JSON {
        let paging = try Paging(call.query)
        var filters: [String] = []
        var arguments: StatementArguments = []
        if let type = call.query["type"], !type.isEmpty {
            if type.hasSuffix("*") {
                filters.append("type LIKE ? ESCAPE '\\'")
                let prefix = type.dropLast().replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                arguments += [prefix + "%"]
            } else {
                filters.append("type = ?")
                arguments += [type]
            }
        }
        if let created = try call.createdFilter() {
            filters.append(created.sql)
            arguments += created.arguments
        }
        let page = try paging.fetch(db, table: "events", kind: "event", account: call.account.id,
                                    filter: filters.joined(separator: " AND "), arguments: arguments)
        return Paging.list(try page.rows.map { try json(db, $0) }, hasMore: page.hasMore, url: "/v1/events")
    }

    /// The stored event with `pending_webhooks` as it stands now.
    static func json(_ db: Database, _ row: Row) throws -> JSON {
        let pending = try Int64.fetchOne(try db.cachedStatement(sql: """
            SELECT COUNT(*) FROM webhook_deliveries WHERE event = ? AND state = 'pending'
            """), arguments: [row["id"] as String]) ?? 0
        return withPending(JSON(stored: row["body"]), pending)
    }

    static func withPending(_ event: JSON, _ pending: Int64) -> JSON {
        guard case .object(var members) = event else { return event }
        if let index = members.firstIndex(where: { $0.key == "pending_webhooks" }) {
            members[index].value = .int(pending)
        }
        return .object(members)
    }
}
