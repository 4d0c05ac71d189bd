import Foundation
import Testing
import WooshPaySandbox

@Suite("Checkout sessions")
struct SessionsTests {
    @Test func createWithPricesAndInlineData() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let product = try await api.product("Tea").id
            let price = try await api.price(product: product, amount: 250).id
            let session = try await api.session(
                lineItems: [
                    ["price": price, "quantity": 2],
                    ["quantity": 1, "price_data": ["currency": "GBP", "unit_amount": 300, "product": product]],
                    api.inlineItem("Cake", amount: 425, quantity: 3),
                ],
                extra: ["metadata": ["table": "4"], "client_reference_id": "order-17", "customer_email": "a@example.com"])
            #expect(session.status == 200)
            let id = session.id
            #expect(id.hasPrefix("cs_") && id.count == 3 + 19)
            #expect(session["object"] as? String == "checkout.session")
            #expect(session["status"] as? String == "open")
            #expect(session["payment_status"] as? String == "unpaid")
            #expect(session["mode"] as? String == "payment")
            #expect(session["currency"] as? String == "GBP")
            #expect(session["amount_subtotal"] as? Int == 500 + 300 + 1275)
            #expect(session["amount_total"] as? Int == 2075)
            #expect(session["client_reference_id"] as? String == "order-17")
            #expect((session["metadata"] as? [String: String]) == ["table": "4"])
            #expect((session["payment_intent"] as? String)?.hasPrefix("pi_") == true)
            let created = try #require(session["created"] as? Int64)
            #expect(session["expires_at"] as? Int64 == created + 24 * 3600 * 1000)
            let url = try #require(session["url"] as? String)
            #expect(url.hasPrefix(sandbox.baseURL + "/pay/cs_test_" + id.dropFirst(3) + "?key=pk_test_"))

            let lineItems = try #require(session["line_items"] as? [String: Any])
            #expect(lineItems["object"] as? String == "list")
            let items = try #require(lineItems["data"] as? [[String: Any]])
            #expect(items.count == 3)
            #expect(items.map { $0["description"] as? String } == ["Tea", "Tea", "Cake"])
            #expect(items.map { $0["amount_total"] as? Int } == [500, 300, 1275])
            #expect(items.allSatisfy { ($0["id"] as? String)?.hasPrefix("li_") == true && $0["object"] as? String == "item" })
            let firstPrice = try #require(items[0]["price"] as? [String: Any])
            #expect(firstPrice["id"] as? String == price)
            let expanded = try #require(firstPrice["product"] as? [String: Any])
            #expect(expanded["id"] as? String == product)
            #expect(expanded["object"] as? String == "product")

            let fetched = try await api.get("/v1/checkout/sessions/\(id)")
            #expect(fetched.body == session.body)
            let listed = try await api.get("/v1/checkout/sessions/\(id)/line_items")
            #expect(listed.status == 200)
            #expect(listed.data.count == 3)
        }
    }

    /// The URL's key is per session (a keyed digest of its id), so it differs between sessions.
    @Test func theCashierKeyIsPerSession() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let other = API(base: sandbox.baseURL)
            func key(_ reply: HTTPReply) -> String? { (reply["url"] as? String)?.components(separatedBy: "key=").last }
            let a = key(try await api.session(lineItems: [api.inlineItem()]))
            let b = key(try await api.session(lineItems: [api.inlineItem()]))
            let c = key(try await other.session(lineItems: [other.inlineItem()]))
            #expect(a != nil && a != b && a != c && b != c)
            #expect(a?.hasPrefix("pk_test_") == true)
        }
    }

    @Test func inlinePriceDataCreatesAnActivePriceAndProduct() async throws {
        // WooshPay's documented session example shows "active":true on both.
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let session = try await api.session(lineItems: [api.inlineItem("Cake", amount: 425)])
            #expect(session.status == 200)
            let items = try #require((session["line_items"] as? [String: Any])?["data"] as? [[String: Any]])
            let price = try #require(items.first?["price"] as? [String: Any])
            #expect(price["active"] as? Bool == true)
            #expect((price["product"] as? [String: Any])?["active"] as? Bool == true)
            let priceID = try #require(price["id"] as? String)
            #expect(try await api.get("/v1/prices/\(priceID)")["active"] as? Bool == true)
            #expect(try await api.get("/v1/prices?active=true").data.map { $0["id"] as? String } == [priceID])
            #expect(try await api.get("/v1/products?active=true").data.count == 1)
        }
    }

    @Test func urlsWithSpacesControlsOrUnsafeCharactersAreRefused() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let item = api.inlineItem()
            var unsafe = ["\r", "\n", "\r\nSet-Cookie: a=b", " ", "\t", "\u{0}", "\u{7F}", "\u{1B}[2J",
                          "<", ">", "\"", "\\", "^", "`", "{", "|", "}"]
            unsafe += ["\u{1}", "\u{1F}"]
            for text in unsafe {
                for param in ["success_url", "cancel_url"] {
                    let reply = try await api.session(lineItems: [item], extra: [param: "https://example.com/ok" + text + "x"])
                    #expect(reply.status == 400, "\(param) with \(text.unicodeScalars.map(\.value))")
                    #expect(reply.errorParam == param)
                    // A NUL is refused for any string, before the URL is looked at.
                    #expect(reply.errorCode == (text == "\u{0}" ? "parameter_invalid" : "url_invalid"))
                }
            }
            // Percent-encoded forms and ordinary query strings are fine.
            let fine = try await api.session(lineItems: [item], extra: [
                "success_url": "https://example.com/ok?order=1&note=a%20b%0D%0A", "cancel_url": "http://localhost:8080/c#top"])
            #expect(fine.status == 200)
            // So is Stripe's session-id template, and only it.
            let template = try await api.session(lineItems: [item], extra: ["success_url": "https://example.com/ok?s={CHECKOUT_SESSION_ID}"])
            #expect(template.status == 200)
            let other = try await api.session(lineItems: [item], extra: ["success_url": "https://example.com/ok?s={OTHER}"])
            #expect(other.status == 400 && other.errorParam == "success_url")
            #expect(try await api.get("/v1/checkout/sessions/list").data.count == 2)
        }
    }

    @Test func validationErrors() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let product = try await api.product().id
            let price = try await api.price(product: product).id
            let usd = try await api.price(product: product, currency: "USD").id
            let inactive = try await api.price(product: product).id
            _ = try await api.post("/v1/prices/\(inactive)", ["active": false])
            let archivedProduct = try await api.product("Old").id
            let orphan = try await api.price(product: archivedProduct).id
            _ = try await api.post("/v1/products/\(archivedProduct)", ["active": false])

            let good: [String: Any] = ["price": price, "quantity": 1]
            let cases: [([[String: Any]]?, [String: Any], String)] = [
                ([], [:], "line_items"),
                (nil, [:], "line_items"),
                ([["quantity": 1]], [:], "line_items[0][price]"),
                ([["price": price]], [:], "line_items[0][quantity]"),
                ([["price": price, "quantity": 0]], [:], "line_items[0][quantity]"),
                ([["price": price, "quantity": 1000]], [:], "line_items[0][quantity]"),
                ([good, ["price": usd, "quantity": 1]], [:], "line_items[1]"),
                ([good], ["currency": "USD"], "line_items[0]"),
                ([["price": inactive, "quantity": 1]], [:], "line_items[0][price]"),
                ([["price": orphan, "quantity": 1]], [:], "line_items[0][price]"),
                ([["price": price, "price_data": ["currency": "GBP", "unit_amount": 1, "product": product], "quantity": 1]], [:], "line_items[0][price_data]"),
                ([["quantity": 1, "price_data": ["currency": "GBP", "unit_amount": 1]]], [:], "line_items[0][price_data][product]"),
                ([["quantity": 1, "price_data": ["currency": "GBP", "unit_amount": 1, "product": archivedProduct]]], [:], "line_items[0][price_data][product]"),
                ([["quantity": 1, "price_data": ["currency": "NOPE", "unit_amount": 1, "product": product]]], [:], "line_items[0][price_data][currency]"),
                ([good], ["success_url": "not a url"], "success_url"),
                ([good], ["cancel_url": "ftp://example.com/x"], "cancel_url"),
                ([good], ["success_url": NSNull()], "success_url"),
                ([good], ["mode": "subscription"], "mode"),
                ([["price": price, "quantity": 999], ["quantity": 999, "price_data": ["currency": "GBP", "unit_amount": 99_999_999_999, "product": product]]], [:], "line_items"),
            ]
            for (items, extra, param) in cases {
                var body: [String: Any] = ["mode": "payment", "success_url": "https://example.com/ok", "cancel_url": "https://example.com/no"]
                if let items { body["line_items"] = items }
                body.merge(extra) { $1 }
                let reply = try await api.post("/v1/checkout/sessions", body)
                #expect(reply.status == 400, "\(param)")
                #expect(reply.errorType == "invalid_request_error")
                #expect(reply.errorParam == param)
            }
            let missing = try await api.session(lineItems: [["price": "price_1111111111111111111", "quantity": 1]])
            #expect(missing.status == 404 && missing.errorParam == "line_items[0][price]")
            #expect(try await api.get("/v1/checkout/sessions/list").data.isEmpty)
            #expect(try await api.get("/v1/checkout/sessions/cs_1111111111111111111").status == 404)
            #expect(try await api.get("/v1/checkout/sessions/cs_1111111111111111111/line_items").status == 404)
        }
    }

    @Test func expireOnlyOpenSessions() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let id = try await api.session(lineItems: [api.inlineItem()]).id
            let expired = try await api.post("/v1/checkout/sessions/\(id)/expire")
            #expect(expired.status == 200)
            #expect(expired["status"] as? String == "expired")
            #expect(try await api.get("/v1/checkout/sessions/\(id)")["status"] as? String == "expired")
            let again = try await api.post("/v1/checkout/sessions/\(id)/expire")
            #expect(again.status == 400)
            #expect(again.errorType == "invalid_request_error")
            #expect(try await api.post("/v1/checkout/sessions/cs_1111111111111111111/expire").status == 404)
        }
    }

    @Test func theClockHelperExpiresSessionsAfter24Hours() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let other = API(base: sandbox.baseURL)
            let id = try await api.session(lineItems: [api.inlineItem()]).id
            let otherID = try await other.session(lineItems: [other.inlineItem()]).id
            let early = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 23 * 3600])
            #expect(early.status == 200)
            #expect(try await api.get("/v1/checkout/sessions/\(id)")["status"] as? String == "open")
            _ = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 3600])
            #expect(try await api.get("/v1/checkout/sessions/\(id)")["status"] as? String == "expired")
            #expect(try await api.post("/v1/checkout/sessions/\(id)/expire").status == 400)
            // Only that account's clock moved.
            #expect(try await other.get("/v1/checkout/sessions/\(otherID)")["status"] as? String == "open")
            // New objects take the moved clock.
            let later = try await api.product()
            let created = try #require(later["created"] as? Int64)
            #expect(created > (try #require(early["now"] as? Int64)))
            for body: [String: Any] in [[:], ["seconds": -1], ["seconds": "soon"]] {
                let bad = try await api.post("/v1/test_helpers/advance_clock", body)
                #expect(bad.status == 400 && bad.errorParam == "seconds")
            }
        }
    }

    @Test func theInjectedClockDrivesTimestamps() async throws {
        let fixed = Date(timeIntervalSince1970: 1_700_000_000)
        try await withSandbox(SandboxConfiguration(clock: { fixed })) { sandbox in
            let api = API(base: sandbox.baseURL)
            let product = try await api.product()
            #expect(product["created"] as? Int64 == 1_700_000_000_000)
        }
    }
}
