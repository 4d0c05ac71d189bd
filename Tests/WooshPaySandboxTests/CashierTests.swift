import Foundation
import Testing
import WooshPaySandbox

@Suite("Hosted cashier")
struct CashierTests {
    /// The path and query of a session's cashier URL, fetched without any API key.
    func page(_ sandbox: Sandbox, _ session: HTTPReply) async throws -> (HTTPReply, path: String) {
        let url = try #require(session["url"] as? String)
        #expect(url.hasPrefix(sandbox.baseURL))
        let path = String(url.dropFirst(sandbox.baseURL.count))
        return (try await API(base: sandbox.baseURL, key: nil).get(path), path)
    }

    /// Presses a button as a browser does: the page's form token in the body.
    func press(_ sandbox: Sandbox, _ html: String, _ action: String) async throws -> HTTPReply {
        let token = html.components(separatedBy: "name=token value=\"").dropFirst().first?.components(separatedBy: "\"").first ?? ""
        return try await API(base: sandbox.baseURL, key: nil).send(.POST, action, raw: Data("token=\(token)".utf8))
    }

    /// The form actions on a page, unescaped.
    func actions(_ html: String) -> [String] {
        html.components(separatedBy: "action=\"").dropFirst().compactMap {
            $0.components(separatedBy: "\"").first?.replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    @Test func payCompletesTheSessionAndRedirects() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let session = try await api.session(lineItems: [api.inlineItem("Tea", amount: 250, quantity: 2), api.inlineItem("Cake", amount: 1000)])
            let (shown, _) = try await page(sandbox, session)
            #expect(shown.status == 200)
            #expect(shown.headers.first(name: "Content-Type")?.hasPrefix("text/html") == true)
            #expect(shown.text.contains("Tea") && shown.text.contains("Cake"))
            #expect(shown.text.contains("GBP 15.00"))
            #expect(!shown.text.contains("http://") && !shown.text.contains("https://")) // no external assets
            let forms = actions(shown.text)
            #expect(forms.count == 2)
            let pay = try #require(forms.first { $0.contains("/pay?") })
            let paid = try await press(sandbox, shown.text, pay)
            #expect(paid.status == 303)
            #expect(paid.headers.first(name: "Location") == "https://example.com/ok")

            let after = try await api.get("/v1/checkout/sessions/\(session.id)")
            #expect(after["status"] as? String == "complete")
            #expect(after["payment_status"] as? String == "paid")
            let (done, _) = try await page(sandbox, after)
            #expect(done.text.contains("complete"))
            #expect(actions(done.text).isEmpty)
            // Paying twice changes nothing.
            #expect(try await press(sandbox, shown.text, pay).status == 409)
            #expect(try await api.post("/v1/checkout/sessions/\(session.id)/expire").status == 400)
        }
    }

    @Test func totalsAreFormattedForTheCurrency() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            for (currency, amount, shown) in [("JPY", 1000, "JPY 1,000"), ("KWD", 1250, "KWD 1.250"), ("usd", 123456, "USD 1,234.56")] {
                let session = try await api.session(lineItems: [api.inlineItem(amount: amount, currency: currency)])
                #expect(session.status == 200)
                let (page, _) = try await page(sandbox, session)
                #expect(page.text.contains(shown), "\(currency)")
            }
        }
    }

    @Test func cancelRedirectsAndLeavesTheSessionOpen() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let session = try await api.session(lineItems: [api.inlineItem()])
            let (shown, _) = try await page(sandbox, session)
            let cancel = try #require(actions(shown.text).first { $0.contains("/cancel?") })
            let reply = try await press(sandbox, shown.text, cancel)
            #expect(reply.status == 303)
            #expect(reply.headers.first(name: "Location") == "https://example.com/cancel")
            #expect(try await api.get("/v1/checkout/sessions/\(session.id)")["status"] as? String == "open")
        }
    }

    @Test func expiredSessionsShowNoPayButton() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let session = try await api.session(lineItems: [api.inlineItem()])
            let (open, _) = try await page(sandbox, session)
            let pay = try #require(actions(open.text).first { $0.contains("/pay?") })
            _ = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 24 * 3600])
            let (expired, _) = try await page(sandbox, session)
            #expect(expired.text.contains("expired"))
            #expect(!expired.text.contains(">Pay"))
            #expect(try await press(sandbox, open.text, pay).status == 409)
            #expect(try await api.get("/v1/checkout/sessions/\(session.id)")["status"] as? String == "expired")
        }
    }

    @Test func wrongKeyIs404() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let other = API(base: sandbox.baseURL)
            let session = try await api.session(lineItems: [api.inlineItem()])
            let otherURL = try #require(try await other.session(lineItems: [other.inlineItem()])["url"] as? String)
            let otherKey = try #require(otherURL.components(separatedBy: "key=").last)
            let (_, path) = try await page(sandbox, session)
            let base = path.components(separatedBy: "?").first ?? ""
            let anonymous = API(base: sandbox.baseURL, key: nil)
            #expect(try await anonymous.get(base + "?key=\(otherKey)").status == 404)
            #expect(try await anonymous.get(base).status == 404)
            #expect(try await anonymous.send(.POST, base + "/pay?key=\(otherKey)").status == 403)
            #expect(try await anonymous.get("/pay/cs_test_1111111111111111111?key=\(otherKey)").status == 404)
            #expect(try await api.get("/v1/checkout/sessions/\(session.id)")["status"] as? String == "open")
        }
    }

    @Test func everythingFromTheDatabaseIsEscaped() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let session = try await api.session(lineItems: [api.inlineItem("<script>alert('x')</script> & co")])
            let (shown, _) = try await page(sandbox, session)
            #expect(!shown.text.contains("<script>"))
            #expect(shown.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
        }
    }

    @Test func theSandboxLandingPages() async throws {
        try await withSandbox { sandbox in
            let anonymous = API(base: sandbox.baseURL, key: nil)
            let success = try await anonymous.get("/sandbox/success")
            let cancel = try await anonymous.get("/sandbox/cancel")
            #expect(success.status == 200 && success.text.contains("Thank you"))
            #expect(cancel.status == 200 && cancel.text.contains("cancelled"))
            #expect(success.headers.first(name: "Request-Id") != nil)
        }
    }

    @Test func successURLGetsTheSessionID() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let session = try await api.session(lineItems: [api.inlineItem()],
                                                extra: ["success_url": "https://example.com/ok?session={CHECKOUT_SESSION_ID}"])
            let (shown, _) = try await page(sandbox, session)
            let pay = try #require(actions(shown.text).first { $0.contains("/pay?") })
            let paid = try await press(sandbox, shown.text, pay)
            #expect(paid.headers.first(name: "Location") == "https://example.com/ok?session=\(session.id)")
        }
    }
}
