import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import TillCore

/// The hosted cashier: `GET /pay/cs_test_…?key=pk_test_…` shows the session with Pay and Cancel;
/// the buttons post back here and redirect (303) to the session's success or cancel URL.
///
/// The `key` is a capability for one session, not the account: a keyed digest of the session id
/// (keyed by the account's secret-derived id, which never leaves the sandbox), so one session's
/// URL opens that session and no other. Pay and Cancel also carry a per-session form token in
/// their POST body, and are refused without it.
struct Cashier: Sendable {
    /// Replaced by the session's id in `success_url` on Pay, as Stripe does.
    static let sessionIDTemplate = "{CHECKOUT_SESSION_ID}"

    let engine: Engine

    func register(_ router: Router<SandboxContext>) {
        router.get("/pay/:token") { request, context in try await page(request, context) }
        router.post("/pay/:token/pay") { request, context in try await pay(request, context) }
        router.post("/pay/:token/cancel") { request, context in try await cancel(request, context) }
        router.get("/sandbox/success") { _, _ in
            Cashier.html(200, title: "Payment complete", body: "<h1>Thank you</h1><p>The payment went through. You can close this page.</p>")
        }
        router.get("/sandbox/cancel") { _, _ in
            Cashier.html(200, title: "Checkout cancelled", body: "<h1>Checkout cancelled</h1><p>Nothing was charged. You can close this page.</p>")
        }
    }

    /// The session behind a cashier token, if the publishable key is its account's.
    private struct Found {
        var row: Row
        var now: Int64
        var status: String
        var id: String { row["id"] }
    }

    private func find(_ db: Database, _ request: Request, _ context: SandboxContext) throws -> Found? {
        guard let token = context.parameters.get("token"), token.hasPrefix("cs_test_"),
              let key = request.uri.queryParameters.get("key") else { return nil }
        let id = "cs_" + token.dropFirst("cs_test_".count)
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: """
            SELECT checkout_sessions.*, accounts.clock_offset_ms FROM checkout_sessions
            JOIN accounts ON accounts.id = checkout_sessions.account
            WHERE checkout_sessions.id = ?
            """), arguments: [id]),
              Cashier.sameBytes(String(key), Cashier.capability(session: id, account: row["account"]))
        else { return nil }
        let now = engine.baseNow + (row["clock_offset_ms"] as Int64)
        return Found(row: row, now: now, status: Sessions.effectiveStatus(row, now: now))
    }

    // MARK: Capabilities

    /// The URL's `key` for one session: `pk_test_` (WooshPay's shape) and 32 hex digits of
    /// HMAC-SHA256(account id, session id).
    static func capability(session id: String, account: String) -> String {
        "pk_test_" + hmacHex(key: account, message: "cashier-url:" + id)
    }

    /// The token the Pay and Cancel forms post: another digest, so it is not the URL's key.
    static func formToken(session id: String, account: String) -> String {
        hmacHex(key: account, message: "cashier-form:" + id)
    }

    private static func hmacHex(key: String, message: String) -> String {
        HMACSHA256.digest(key: Array(key.utf8), message: Array(message.utf8)).prefix(16)
            .map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Compares in time independent of where the first difference is.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// What a Pay or Cancel POST needs of its session, outside the database transaction.
    private struct Target: Sendable {
        var id: String
        var account: String
        var cancelURL: String
    }

    /// Whether a Pay or Cancel POST carries the session's form token (`token=…`, form-encoded).
    private func hasFormToken(_ request: Request, _ context: SandboxContext, _ target: Target) async -> Bool {
        guard let body = try? await Engine.readBody(request, context, limit: 4096) else { return false }
        let expected = Cashier.formToken(session: target.id, account: target.account)
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[0] == "token" { return Cashier.sameBytes(parts[1], expected) }
        }
        return false
    }

    /// The session a POST names, when its URL key and form token are both right.
    private func authorizedPost(_ request: Request, _ context: SandboxContext) async throws -> Target? {
        guard let target = try await engine.store.writer.read({ db -> Target? in
            try find(db, request, context).map { Target(id: $0.id, account: $0.row["account"], cancelURL: $0.row["cancel_url"]) }
        }) else { return nil }
        return await hasFormToken(request, context, target) ? target : nil
    }

    func page(_ request: Request, _ context: SandboxContext) async throws -> Response {
        let rendered = try await engine.store.writer.read { db -> (Int, String)? in
            guard let found = try find(db, request, context) else { return nil }
            return (200, try render(db, found, request: request))
        }
        guard let (status, body) = rendered else { return Cashier.notFound }
        return Cashier.html(status, title: "Checkout", body: body)
    }

    func pay(_ request: Request, _ context: SandboxContext) async throws -> Response {
        enum Outcome: Sendable { case missing, redirect(String), notOpen(String) }
        guard try await authorizedPost(request, context) != nil else { return Cashier.forbidden }
        let outcome = try await engine.store.writer.write { db -> Outcome in
            guard var found = try find(db, request, context) else { return .missing }
            guard found.status == "open" else { return .notOpen(try render(db, found, request: request)) }
            try Cashier.markPaid(db, found.row, call: call(for: found))
            found.status = "complete"
            let success: String = found.row["success_url"]
            return .redirect(success.replacingOccurrences(of: Cashier.sessionIDTemplate, with: found.id))
        }
        engine.webhooks.wake()
        switch outcome {
        case .missing: return Cashier.notFound
        case .redirect(let location): return Cashier.redirect(location)
        case .notOpen(let body): return Cashier.html(409, title: "Checkout", body: body)
        }
    }

    /// What Pay does to an open session: complete and paid, its payment intent succeeded (any
    /// earlier decline cleared); emits `payment_intent.succeeded` and `checkout.session.completed`.
    @discardableResult
    static func markPaid(_ db: Database, _ session: Row, call: Call) throws -> [Events.Emitted] {
        let id: String = session["id"]
        let intent: String = session["payment_intent"]
        try db.cachedStatement(sql: "UPDATE checkout_sessions SET status = 'complete', payment_status = 'paid' WHERE id = ?").execute(
                       arguments: [id])
        try db.cachedStatement(sql: "UPDATE payment_intents SET status = 'succeeded', last_payment_error = NULL WHERE id = ?").execute(
                       arguments: [intent])
        let intentObject = try PaymentIntents.json(db, try PaymentIntents.fetch(db, id: intent, account: call.account.id, param: "id"),
                                                   now: call.now)
        return [try Events.emit(db, call, type: "payment_intent.succeeded", object: intentObject),
                try Events.emit(db, call, type: "checkout.session.completed", object: try Sessions.render(db, id: id, call: call))]
    }

    /// The call the cashier acts as for a session it found (its account, clock and base URL).
    private func call(for found: Found) -> Call {
        Call.system(account: found.row["account"], offset: found.row["clock_offset_ms"], baseNow: found.now - (found.row["clock_offset_ms"] as Int64),
                    baseURL: engine.baseURL)
    }

    /// Cancel leaves the session open (the customer may come back) and returns to `cancel_url`.
    func cancel(_ request: Request, _ context: SandboxContext) async throws -> Response {
        guard let target = try await authorizedPost(request, context) else { return Cashier.forbidden }
        return Cashier.redirect(target.cancelURL)
    }

    private func render(_ db: Database, _ found: Found, request: Request) throws -> String {
        let currency = Currency(apiCode: found.row["currency"])
        let items = try Row.fetchAll(try db.cachedStatement(sql: """
            SELECT line_items.description, line_items.quantity, line_items.amount_total, prices.unit_amount
            FROM line_items JOIN prices ON prices.id = line_items.price WHERE session = ? ORDER BY line_items.seq
            """), arguments: [found.id])
        var rows = ""
        for item in items {
            let unit = Money(minorUnits: item["unit_amount"], currency: currency)
            let line = Money(minorUnits: item["amount_total"], currency: currency)
            rows += "<tr><td>\(escape(item["description"]))</td><td class=n>\(item["quantity"] as Int64) × \(escape(unit.formatted))</td>"
                + "<td class=n>\(escape(line.formatted))</td></tr>\n"
        }
        let total = Money(minorUnits: found.row["amount_total"], currency: currency)
        let query = "?key=" + escape(request.uri.queryParameters.get("key") ?? "")
        let token = escape(Sessions.cashierToken(found.id))
        let formToken = "<input type=hidden name=token value=\"\(escape(Cashier.formToken(session: found.id, account: found.row["account"])))\">"
        let state: String
        switch found.status {
        case "open":
            state = """
                <form method=post action="/pay/\(token)/pay\(query)">\(formToken)<button class=pay type=submit>Pay \(escape(total.formatted))</button></form>
                <form method=post action="/pay/\(token)/cancel\(query)">\(formToken)<button type=submit>Cancel</button></form>
                """
        case "complete": state = "<p class=state>Paid. This checkout is complete.</p>"
        default: state = "<p class=state>This checkout has expired. Nothing can be paid here any more.</p>"
        }
        return """
            <header><span>Checkout</span><span class=badge>Sandbox · test mode</span></header>
            <table>
            \(rows)<tr class=total><td>Total</td><td></td><td class=n>\(escape(total.formatted))</td></tr>
            </table>
            \(state)
            <p class=id>\(escape(found.id))</p>
            """
    }

    // MARK: Responses

    /// A Pay or Cancel without the right URL key and form token.
    static var forbidden: Response {
        html(403, title: "Not allowed", body: "<h1>This form is not valid</h1><p>Open the checkout link again and use its buttons.</p>")
    }

    static var notFound: Response {
        html(404, title: "Not found", body: "<h1>No such checkout</h1><p>The link is wrong or belongs to another account.</p>")
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .contentLength: "0"])
    }

    static func html(_ status: Int, title: String, body: String) -> Response {
        let page = """
            <!doctype html>
            <html lang=en><head><meta charset=utf-8><meta name=viewport content="width=device-width,initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body{font:16px/1.4 system-ui,sans-serif;max-width:32em;margin:2em auto;padding:0 1em;color:#222}
            header{display:flex;justify-content:space-between;border-bottom:1px solid #ccc;padding-bottom:.5em;font-weight:600}
            .badge{font-size:.8em;background:#fde68a;padding:.1em .5em;border-radius:.3em}
            table{width:100%;border-collapse:collapse;margin:1em 0}td{padding:.3em 0}.n{text-align:right}
            .total td{border-top:1px solid #ccc;font-weight:600}
            form{display:inline}button{font-size:1em;padding:.5em 1.2em;margin-right:.5em}
            .pay{background:#1d4ed8;color:#fff;border:0;border-radius:.3em}.state{font-weight:600}.id{color:#888;font-size:.8em}
            </style></head><body>
            \(body)
            </body></html>
            """
        return Response(
            status: .init(code: status),
            headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'"],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}

/// HTML-escapes text for element content and quoted attributes.
func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}
