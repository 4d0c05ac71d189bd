import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import WooshPaySandbox

extension API {
    /// A POST (or DELETE) with a form body, as Stripe-style client libraries send it.
    func form(_ path: String, _ body: String, method: HTTPMethod = .POST, contentType: String? = "application/x-www-form-urlencoded",
              headers: [(String, String)] = []) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await testHTTP.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return HTTPReply(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
    }
}

/// The request bodies stripe-python 16.1 sent for these calls, recorded on loopback (method, path,
/// body exactly as on the wire; ids are filled in). They keep the form wire format tested where
/// python's stripe package is not installed.
enum StripePythonWire {
    static let product = "name=Flat+white&description=Oat+milk&metadata[shelf]=A1&metadata[sku]=42&active=true&images[0]=https%3A%2F%2Fshop.example%2Fa.png"
    static func boundPrice(_ product: String) -> String {
        "currency=gbp&unit_amount=320&product=\(product)&nickname=regular&lookup_key=5012345678900"
    }
    static let inlinePrice = "currency=gbp&unit_amount=275&product_data[name]=Croissant&product_data[metadata][k]=v"
    static func session(_ price: String) -> String {
        "mode=payment&success_url=https%3A%2F%2Fshop.example%2Fok%3Fs%3D%7BCHECKOUT_SESSION_ID%7D&cancel_url=https%3A%2F%2Fshop.example%2Fno"
            + "&line_items[0][price]=\(price)&line_items[0][quantity]=2&line_items[1][price_data][currency]=gbp"
            + "&line_items[1][price_data][unit_amount]=150&line_items[1][price_data][product_data][name]=Cookie&line_items[1][quantity]=1"
            + "&metadata[till]=t1&client_reference_id=order-7&expand[0]=line_items"
    }
    static func refund(_ intent: String) -> String {
        "payment_intent=\(intent)&amount=100&reason=requested_by_customer&metadata[note]=broken+cup"
    }
    static let archive = "active=false&metadata[shelf]="
    static func webhookEndpoint(_ url: String) -> String {
        "url=\(url.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&enabled_events[0]=checkout.session.completed&enabled_events[1]=refund.created"
    }
}

@Suite("Form-encoded bodies (Stripe's bracket notation)")
struct FormBodyTests {
    @Test func stripePythonsRecordedRequestsWorkOnEveryEndpoint() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let product = try await api.form("/v1/products", StripePythonWire.product)
            #expect(product.status == 200, "\(product.text)")
            #expect(product["name"] as? String == "Flat white")
            #expect(product["description"] as? String == "Oat milk")
            #expect(product["active"] as? Bool == true)
            #expect(product["metadata"] as? [String: String] == ["shelf": "A1", "sku": "42"])
            #expect(product["images"] as? [String] == ["https://shop.example/a.png"])

            let bound = try await api.form("/v1/prices", StripePythonWire.boundPrice(product.id))
            #expect(bound.status == 200, "\(bound.text)")
            #expect(bound["unit_amount"] as? Int == 320)
            #expect(bound["currency"] as? String == "GBP")
            #expect(bound["product"] as? String == product.id)
            #expect(bound["lookup_key"] as? String == "5012345678900")

            let inline = try await api.form("/v1/prices", StripePythonWire.inlinePrice)
            #expect(inline.status == 200, "\(inline.text)")
            let inlineProduct = try await api.get("/v1/products/\(inline["product"] as? String ?? "")")
            #expect(inlineProduct["name"] as? String == "Croissant")
            #expect(inlineProduct["metadata"] as? [String: String] == ["k": "v"])

            let session = try await api.form("/v1/checkout/sessions", StripePythonWire.session(bound.id),
                                             headers: [("Idempotency-Key", "fixture-key-1")])
            #expect(session.status == 200, "\(session.text)")
            #expect(session["amount_total"] as? Int == 2 * 320 + 150)
            #expect(session["client_reference_id"] as? String == "order-7")
            #expect(session["metadata"] as? [String: String] == ["till": "t1"])
            let items = (session["line_items"] as? [String: Any])?["data"] as? [[String: Any]] ?? []
            #expect(items.map { $0["quantity"] as? Int } == [2, 1])
            #expect(items.map { $0["description"] as? String } == ["Flat white", "Cookie"])

            // Pay it through the helper (form, empty body), then refund it with the recorded body.
            let paid = try await api.form("/v1/test_helpers/checkout/sessions/\(session.id)/pay", "")
            #expect(paid.status == 200, "\(paid.text)")
            let intent = session["payment_intent"] as? String ?? ""
            let refund = try await api.form("/v1/refunds", StripePythonWire.refund(intent))
            #expect(refund.status == 200, "\(refund.text)")
            #expect(refund["amount"] as? Int == 100)
            #expect(refund["reason"] as? String == "requested_by_customer")
            #expect(refund["metadata"] as? [String: String] == ["note": "broken cup"])

            // A second session to expire with stripe-python's empty form POST.
            let other = try await api.form("/v1/checkout/sessions", StripePythonWire.session(bound.id))
            let declined = try await api.form("/v1/test_helpers/checkout/sessions/\(other.id)/fail", "decline_code=expired_card")
            #expect(((declined["payment_intent"] as? [String: Any])?["last_payment_error"] as? [String: Any])?["code"] as? String
                    == "expired_card", "\(declined.text)")
            let expired = try await api.form("/v1/checkout/sessions/\(other.id)/expire", "")
            #expect(expired.status == 200, "\(expired.text)")
            #expect(expired["status"] as? String == "expired")

            // `metadata[shelf]=` removes the key; `active=false` archives.
            let archived = try await api.form("/v1/products/\(product.id)", StripePythonWire.archive)
            #expect(archived.status == 200, "\(archived.text)")
            #expect(archived["active"] as? Bool == false)
            #expect(archived["metadata"] as? [String: String] == ["sku": "42"])

            let priceUpdate = try await api.form("/v1/prices/\(bound.id)", "nickname=happy+hour&active=false")
            #expect(priceUpdate["nickname"] as? String == "happy hour")
            #expect(priceUpdate["active"] as? Bool == false)

            let endpoint = try await api.form("/v1/webhook_endpoints", StripePythonWire.webhookEndpoint("http://127.0.0.1:9/hook"))
            #expect(endpoint.status == 200, "\(endpoint.text)")
            #expect(endpoint["enabled_events"] as? [String] == ["checkout.session.completed", "refund.created"])
            let disabled = try await api.form("/v1/webhook_endpoints/\(endpoint.id)", "disabled=true")
            #expect(disabled["status"] as? String == "disabled")
            let removed = try await api.form("/v1/webhook_endpoints/\(endpoint.id)", "", method: .DELETE)
            #expect(removed["deleted"] as? Bool == true)

            let clock = try await api.form("/v1/test_helpers/advance_clock", "seconds=60")
            #expect(clock["offset_seconds"] as? Int == 60)
            let fourth = try await api.form("/v1/checkout/sessions", "success_url=https%3A%2F%2Fa.example%2Fok&cancel_url=https%3A%2F%2Fa.example%2Fno"
                                            + "&line_items[0][quantity]=1&line_items[0][price_data][currency]=gbp"
                                            + "&line_items[0][price_data][unit_amount]=99&line_items[0][price_data][product_data][name]=Gum")
            let helperExpired = try await api.form("/v1/test_helpers/checkout/sessions/\(fourth.id)/expire", "")
            #expect((helperExpired["checkout_session"] as? [String: Any])?["status"] as? String == "expired", "\(helperExpired.text)")

            let third = try await api.form("/v1/checkout/sessions", StripePythonWire.session(bound.id))
            #expect(third.status == 400, "the price was archived above: \(third.text)")
            #expect(third.errorParam == "line_items[0][price]")

            let reset = try await api.form("/v1/test_helpers/reset", "")
            #expect(reset.status == 200)
            #expect(try await api.get("/v1/products").data.isEmpty)
        }
    }

    @Test func bracketNotationNamesTheParameterAsTheClientSentIt() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let urls = "success_url=https%3A%2F%2Fa.example%2Fok&cancel_url=https%3A%2F%2Fa.example%2Fno"
            let unknown = try await api.form("/v1/checkout/sessions", urls + "&line_items[0][price]=price_404&line_items[0][quantity]=1")
            #expect(unknown.status == 404)
            #expect(unknown.errorParam == "line_items[0][price]")
            let amount = try await api.form("/v1/checkout/sessions", urls + "&line_items[0][quantity]=1"
                                            + "&line_items[0][price_data][currency]=GBP&line_items[0][price_data][unit_amount]=12.5"
                                            + "&line_items[0][price_data][product_data][name]=Tea")
            #expect(amount.status == 400)
            #expect(amount.errorParam == "line_items[0][price_data][unit_amount]")
            let name = try await api.form("/v1/checkout/sessions", urls + "&line_items[0][quantity]=1"
                                          + "&line_items[0][price_data][currency]=GBP&line_items[0][price_data][unit_amount]=5")
            #expect(name.errorParam == "line_items[0][price_data][product]")
            let quantity = try await api.form("/v1/checkout/sessions", urls + "&line_items[0][price]=price_1")
            #expect(quantity.errorCode == "parameter_missing")
            #expect(quantity.errorParam == "line_items[0][quantity]")
            let nul = try await api.form("/v1/products", "name=Tea&metadata[k]=a%00b")
            #expect(nul.errorParam == "metadata[k]")
            // `expand[]` and `expand[0]` are taken and ignored.
            let expanded = try await api.form("/v1/products", "name=Tea&expand[]=default_price&expand[]=x")
            #expect(expanded.status == 200, "\(expanded.text)")
        }
    }

    @Test func theSameMistakeGetsTheSameErrorInEitherEncoding() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let cases: [(String, [String: Any], String)] = [
                ("/v1/products", ["name": "   "], "name=+++"),
                ("/v1/products", ["name": "Tea", "active": "maybe"], "name=Tea&active=maybe"),
                ("/v1/prices", ["currency": "GBP", "unit_amount": "-3", "product_data": ["name": "Tea"]],
                 "currency=GBP&unit_amount=-3&product_data[name]=Tea"),
                ("/v1/prices", ["currency": "XX1", "unit_amount": 5, "product_data": ["name": "Tea"]],
                 "currency=XX1&unit_amount=5&product_data[name]=Tea"),
                ("/v1/checkout/sessions", ["success_url": "https://a.example/ok", "cancel_url": "ftp://x",
                                           "line_items": [["price": "price_1", "quantity": 1]]],
                 "success_url=https%3A%2F%2Fa.example%2Fok&cancel_url=ftp%3A%2F%2Fx&line_items[0][price]=price_1&line_items[0][quantity]=1"),
                ("/v1/refunds", ["amount": 5], "amount=5"),
            ]
            for (path, json, form) in cases {
                let a = try await api.post(path, json)
                let b = try await api.form(path, form)
                #expect(a.status == b.status, "\(path): \(a.text) vs \(b.text)")
                #expect(NSDictionary(dictionary: a.error) == NSDictionary(dictionary: b.error), "\(path): \(a.text) vs \(b.text)")
                #expect(a.status >= 400)
            }
        }
    }

    @Test func malformedFormsAndOtherContentTypesAreRefusedInWooshPaysShape() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let unmatched = try await api.form("/v1/products", "name=Tea&metadata[k=v")
            #expect(unmatched.status == 400)
            #expect(unmatched.errorParam == "metadata[k")
            let conflict = try await api.form("/v1/products", "name=Tea&metadata=x&metadata[k]=v")
            #expect(conflict.status == 400)
            #expect(conflict.errorParam == "metadata[k]")
            let escape = try await api.form("/v1/products", "name=%ZZ")
            #expect(escape.status == 400)
            #expect(escape.errorType == "invalid_request_error")
            let midAppend = try await api.form("/v1/checkout/sessions", "line_items[][price]=price_1")
            #expect(midAppend.status == 400)
            #expect(midAppend.errorParam == "line_items[][price]")
            for type in ["text/plain", "multipart/form-data; boundary=x", "application/xml"] {
                let refused = try await api.form("/v1/products", "name=Tea", contentType: type)
                #expect(refused.status == 415, "\(type)")
                #expect(refused.errorType == "invalid_request_error")
                #expect(refused.errorCode == "unsupported_content_type")
                #expect((refused.error["message"] as? String)?.contains("application/x-www-form-urlencoded") == true)
            }
            // No Content-Type: a body that starts like JSON is JSON, anything else a form (curl -d).
            #expect(try await api.form("/v1/products", #"{"name":"Tea"}"#, contentType: nil).status == 200)
            #expect(try await api.form("/v1/products", "name=Tea", contentType: nil)["name"] as? String == "Tea")
            #expect(try await api.form("/v1/products", "name=Tea", contentType: "application/x-www-form-urlencoded; charset=utf-8").status == 200)
            // Nothing was created by the refusals: three products.
            #expect(try await api.get("/v1/products").data.count == 3)
        }
    }

    @Test func anIdempotentReplayIsTheSameAcrossEncodings() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = "order-\(UUID().uuidString)"
            let json = try await api.post("/v1/prices", ["currency": "GBP", "unit_amount": 320, "active": true,
                                                         "product_data": ["name": "Tea", "metadata": ["n": 1]]],
                                          headers: [("Idempotency-Key", key)])
            #expect(json.status == 200)
            let form = try await api.form("/v1/prices", "product_data[metadata][n]=1&active=true&unit_amount=320&currency=GBP&product_data[name]=Tea",
                                          headers: [("Idempotency-Key", key)])
            #expect(form.status == 200)
            #expect(form.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(form.body == json.body)
            #expect(form.headers.first(name: "Request-Id") == json.headers.first(name: "Request-Id"))
            #expect(try await api.get("/v1/prices").data.count == 1)

            // Sessions: line items as a JSON array of objects and as indexed brackets.
            let price = json.id
            let sessionKey = "cart-\(UUID().uuidString)"
            let first = try await api.form("/v1/checkout/sessions",
                                           "success_url=https%3A%2F%2Fa.example%2Fok&cancel_url=https%3A%2F%2Fa.example%2Fno"
                                               + "&line_items[0][price]=\(price)&line_items[0][quantity]=2",
                                           headers: [("Idempotency-Key", sessionKey)])
            let second = try await api.post("/v1/checkout/sessions", ["success_url": "https://a.example/ok", "cancel_url": "https://a.example/no",
                                                                      "line_items": [["quantity": 2, "price": price]]],
                                            headers: [("Idempotency-Key", sessionKey)])
            #expect(first.status == 200)
            #expect(second.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(second.body == first.body)

            // A different request under the same key is a conflict, in either encoding.
            let other = try await api.form("/v1/prices", "currency=GBP&unit_amount=321&product_data[name]=Tea",
                                           headers: [("Idempotency-Key", key)])
            #expect(other.status == 409)
            #expect(other.errorCode == "idempotency_key_reused")
        }
    }
}
