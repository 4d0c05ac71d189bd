import Foundation
import GRDB

/// `/v1/webhook_endpoints`: where an account's events are sent. Create returns the signing
/// `secret` (`whsec_…`) once; retrieve and list never show it again. Only loopback URLs are taken
/// unless the sandbox was started with `--allow-webhook-host HOST`, so a test double never posts
/// a shop's events to the internet.
enum WebhookEndpoints {
    static func create(_ db: Database, _ call: Call, allowedHosts: Set<String>) throws -> JSON {
        let params = call.params
        let url = try checkedURL(params, allowedHosts: allowedHosts)
        let events = try enabledEvents(params) ?? ["*"]
        let description = try params.string("description", maxLength: 5000)
        let metadata = Metadata.fresh(try params.metadata())
        let id = try Identifiers.fresh("we_", table: "webhook_endpoints", in: db)
        let secret = freshSecret()
        try db.cachedStatement(sql: """
            INSERT INTO webhook_endpoints (id, account, url, enabled_events, secret, description, metadata, status, created)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'enabled', ?)
            """).execute(arguments: [id, call.account.id, url, JSON.array(events.map(JSON.string)).text, secret, description,
                             Metadata.text(metadata), call.now])
        return try render(db, id: id, account: call.account.id, showSecret: true)
    }

    static func retrieve(_ db: Database, _ call: Call) throws -> JSON {
        try render(db, id: call.id, account: call.account.id, showSecret: false)
    }

    /// `url`, `enabled_events`, `description`, `metadata`, `disabled`; unsent fields unchanged.
    static func update(_ db: Database, _ call: Call, allowedHosts: Set<String>) throws -> JSON {
        let row = try fetch(db, id: call.id, account: call.account.id)
        let params = call.params
        var url: String = row["url"]
        var events = JSON(stored: row["enabled_events"])
        var description: String? = row["description"]
        var metadata = Metadata.decode(row["metadata"])
        var status: String = row["status"]
        if params.has("url") { url = try checkedURL(params, allowedHosts: allowedHosts) }
        if let list = try enabledEvents(params) { events = .array(list.map(JSON.string)) }
        if params.has("description") { description = try params.string("description", maxLength: 5000) }
        if let update = try params.metadata() { metadata = Metadata.merge(metadata, update) }
        if let disabled = try params.bool("disabled") { status = disabled ? "disabled" : "enabled" }
        try db.cachedStatement(sql: """
            UPDATE webhook_endpoints SET url = ?, enabled_events = ?, description = ?, metadata = ?, status = ? WHERE id = ?
            """).execute(arguments: [url, events.text, description, Metadata.text(metadata), status, call.id])
        return try render(db, id: call.id, account: call.account.id, showSecret: false)
    }

    /// Deletes the endpoint; what was still waiting to be sent to it is canceled (kept in the log).
    static func delete(_ db: Database, _ call: Call) throws -> JSON {
        _ = try fetch(db, id: call.id, account: call.account.id)
        try db.cachedStatement(sql: "UPDATE webhook_deliveries SET state = 'canceled' WHERE endpoint = ? AND state = 'pending'")
            .execute(arguments: [call.id])
        try db.cachedStatement(sql: "DELETE FROM webhook_endpoints WHERE id = ?").execute(arguments: [call.id])
        var object = JSONObject()
        object["id"] = .string(call.id)
        object["object"] = .string("webhook_endpoint")
        object["deleted"] = .bool(true)
        return object.json
    }

    static func list(_ db: Database, _ call: Call) throws -> JSON {
        let paging = try Paging(call.query)
        let page = try paging.fetch(db, table: "webhook_endpoints", kind: "webhook endpoint", account: call.account.id)
        return Paging.list(page.rows.map { json($0, showSecret: false) }, hasMore: page.hasMore, url: "/v1/webhook_endpoints")
    }

    // MARK: Checks

    /// An absolute http(s) URL (the same checks as a session's URLs) to a host webhooks may go to.
    static func checkedURL(_ params: Params, allowedHosts: Set<String>) throws -> String {
        let url = try params.url("url")
        guard let host = URLComponents(string: url)?.host, isAllowed(host: host, allowedHosts: allowedHosts) else {
            throw APIError.invalid("url", "Invalid url: the sandbox sends webhooks to loopback addresses only (localhost, "
                                   + "127.0.0.1, [::1]); start it with --allow-webhook-host HOST to allow another host.",
                                   code: "url_invalid")
        }
        return url
    }

    /// Loopback hosts, and the hosts the sandbox was told to allow (compared case-insensitively).
    static func isAllowed(host: String, allowedHosts: Set<String>) -> Bool {
        let bare = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4, octets[0] == "127", octets.allSatisfy({ UInt8($0) != nil }) { return true }
        return allowedHosts.contains(bare)
    }

    private static func enabledEvents(_ params: Params) throws -> [String]? {
        guard let list = try params.stringArray("enabled_events", maxCount: 100, maxLength: 100) else { return nil }
        guard !list.isEmpty else { throw APIError.invalid("enabled_events", "enabled_events must name at least one event type, or *.") }
        for (index, type) in list.enumerated() where type != "*" && !Events.types.contains(type) {
            throw APIError.invalid("enabled_events[\(index)]", "Invalid enabled_events[\(index)]: \(type) is not an event the sandbox "
                                   + "sends. Use * or one of: \(Events.types.joined(separator: ", ")).")
        }
        return list
    }

    private static func freshSecret() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var random = SystemRandomNumberGenerator()
        return "whsec_" + String((0..<32).map { _ in alphabet[Int(random.next(upperBound: UInt64(alphabet.count)))] })
    }

    // MARK: Reading

    static func fetch(_ db: Database, id: String, account: String) throws -> Row {
        try Row.owned(db, "webhook_endpoints", "webhook endpoint", id: id, account: account)
    }

    static func render(_ db: Database, id: String, account: String, showSecret: Bool) throws -> JSON {
        json(try fetch(db, id: id, account: account), showSecret: showSecret)
    }

    static func json(_ row: Row, showSecret: Bool) -> JSON {
        var object = JSONObject(id: row["id"], object: "webhook_endpoint")
        object["api_version"] = .null
        object.copy(row, "created", "description")
        object["enabled_events"] = JSON(stored: row["enabled_events"])
        object["livemode"] = .bool(false)
        object["metadata"] = Metadata.json(Metadata.decode(row["metadata"]))
        if showSecret { object.copy(row, "secret") }
        object.copy(row, "status", "url")
        return object.json
    }
}
