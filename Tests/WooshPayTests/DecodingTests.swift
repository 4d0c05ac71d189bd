import Foundation
import Testing
import TillCore
@testable import WooshPay

@Suite struct DecodingTests {
    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    @Test func documentedProductExample() throws {
        let wire = try decode(WireProduct.self, Fixtures.product)
        #expect(wire.images == [])
        #expect(wire.url == "www.example.com")
        #expect(wire.livemode == false)
        #expect(wire.domain == Product(id: "prod_1554351292598452224", name: "example product",
                                       description: "some description", active: true,
                                       created: Date(timeIntervalSince1970: 1_665_642_282),
                                       metadata: ["key1": "value1", "key2": "value2"]))
    }

    @Test func documentedSessionExample() throws {
        let session = try decode(WireCheckoutSession.self, Fixtures.session).domain
        #expect(session.id == "cs_1580071142008291328")
        #expect(session.status == .open)
        #expect(session.paymentStatus == .unpaid)
        #expect(session.url == "https://checkouttest.wooshpay.com/pay/cs_test_1580071142008291328?key=pk_test_dGVzdA")
        #expect(session.successURL == "www.wooshpay.com")
        #expect(session.total == Money(minorUnits: 5, currency: .gbp))
        #expect(session.created == Date(timeIntervalSince1970: 1_665_553_291))
        #expect(session.expiresAt == Date(timeIntervalSince1970: 1_665_639_691.214))
        #expect(session.paymentIntentId == "pi_1580071150141046784")
        #expect(session.clientReferenceId == nil)
        #expect(session.lineItems == [LineItem(id: "li_1580071142847152128", description: "example product",
                                               quantity: 1, currency: .gbp, unitAmount: 5, amountSubtotal: 5,
                                               amountTotal: 5, priceId: "price_1580071142859735040",
                                               productId: "prod_1580071142880706560")])
    }

    @Test func leniencies() throws {
        // seconds timestamps, live_mode, string amounts, "" for optional values, unknown fields, has_more null
        let price = try decode(WirePrice.self, """
            {"id":"price_1","currency":"gbp","unit_amount":"1250","product":"prod_1","nickname":"",
             "created":1665553291,"live_mode":true,"lookup_key":null,"surprise":{"deep":[1,2]}}
            """)
        #expect(price.livemode == true)
        #expect(price.domain == Price(id: "price_1", productId: "prod_1", currency: .gbp, unitAmount: 1250,
                                      nickname: nil, active: true, created: Date(timeIntervalSince1970: 1_665_553_291)))
        let list = try decode(WireList<WirePrice>.self, #"{"object":"list","data":[],"url":null,"has_more":null}"#)
        #expect(list.hasMore == false)
        let more = try decode(WireList<WireProduct>.self, "{\"object\":\"list\",\"data\":[\(Fixtures.product)],\"has_more\":true}")
        #expect(more.page(\.domain).nextCursor == "prod_1554351292598452224")
    }

    @Test func decodingFailureNamesTheFieldPath() throws {
        let broken = Fixtures.session.replacingOccurrences(of: #""unit_amount":5}"#, with: #""unit_amount":"five"}"#)
        do {
            _ = try decode(WireCheckoutSession.self, broken)
            Issue.record("decoded a session with a non-numeric unit_amount")
        } catch let error as DecodingError {
            let failure = WooshPayClient.decodingFailure(error, requestId: "req_1")
            #expect(failure.kind == .decoding(path: "line_items.data[0].price.unit_amount"))
            #expect(failure.description.contains("line_items.data[0].price.unit_amount"))
        }
        do {
            _ = try decode(WireProduct.self, #"{"object":"product","name":"x","created":1}"#)
            Issue.record("decoded a product without an id")
        } catch let error as DecodingError {
            #expect(WooshPayClient.decodingFailure(error, requestId: nil).kind == .decoding(path: "id"))
        }
    }

    @Test func lineItemWhoseSubtotalWouldOverflowIsADecodingFailure() throws {
        // No amount_subtotal, so Till would compute quantity × unit_amount, which overflows Int64.
        let broken = Fixtures.session
            .replacingOccurrences(of: #""quantity":1,"amount_subtotal":5,"amount_total":5}"#, with: #""quantity":999}"#)
            .replacingOccurrences(of: #""unit_amount":5}"#, with: #""unit_amount":9223372036854775807}"#)
        #expect(broken != Fixtures.session)
        do {
            let session = try decode(WireCheckoutSession.self, broken)
            _ = session.domain
            Issue.record("decoded a line item whose subtotal overflows")
        } catch let error as DecodingError {
            let failure = WooshPayClient.decodingFailure(error, requestId: nil)
            #expect(failure.kind == .decoding(path: "line_items.data[0].amount_subtotal"))
            #expect(failure.description.contains("line_items.data[0].amount_subtotal"))
        }
        // The same item with a subtotal that fits still decodes.
        let fine = broken.replacingOccurrences(of: "9223372036854775807", with: "1000")
        let session = try decode(WireCheckoutSession.self, fine).domain
        #expect(session.lineItems.first?.amountSubtotal == 999_000)
    }

    @Test func errorBodiesWrappedOrNot() {
        let wrapped = WooshPayClient.apiFailure(
            status: 400, reason: "Bad Request",
            body: Data(#"{"error":{"type":"invalid_request_error","code":"parameter_missing","param":"name","message":"Missing name."}}"#.utf8),
            requestId: "req_9")
        #expect(wrapped.kind == .api(status: 400, type: "invalid_request_error", code: "parameter_missing", param: "name"))
        #expect(wrapped.description == "Missing name. (field name, invalid_request_error, parameter_missing, HTTP 400, request req_9)")
        let bare = WooshPayClient.apiFailure(
            status: 409, reason: "Conflict", body: Data(#"{"type":"idempotency_error","message":"Key reused."}"#.utf8),
            requestId: nil)
        #expect(bare.kind == .api(status: 409, type: "idempotency_error", code: nil, param: nil))
        let html = WooshPayClient.apiFailure(status: 502, reason: "Bad Gateway", body: Data("<html>".utf8), requestId: nil)
        #expect(html.message == "WooshPay answered HTTP 502 Bad Gateway")
    }
}

@Suite struct RequestEncodingTests {
    func json(_ value: some Encodable) throws -> NSDictionary {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as! NSDictionary
    }

    func fixture(_ text: String) throws -> NSDictionary {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! NSDictionary
    }

    @Test func priceBodiesMatchTheDocumentedRequests() throws {
        let bound = PriceDraft(product: .existing(id: "prod_1554351292598452224"),
                               amount: Money(minorUnits: 5, currency: .gbp), nickname: "some nickname")
        #expect(try json(PriceCreateBody(bound)) == fixture(Fixtures.priceCreateBound))
        let inline = PriceDraft(product: .inline(ProductDraft(name: "taiwan fengli", description: "very delicious")),
                                amount: Money(minorUnits: 5, currency: .gbp), nickname: "some nickname")
        #expect(try json(PriceCreateBody(inline)) == fixture(Fixtures.priceCreateInline))
    }

    @Test func sessionBodyMatchesTheDocumentedRequest() throws {
        let request = CheckoutSessionRequest(
            items: [.inline(name: "example product", description: "very delicious",
                            amount: Money(minorUnits: 5, currency: .gbp), quantity: 1)],
            successURL: "https://example.com/ok", cancelURL: "https://example.com/cancel")
        #expect(try json(CheckoutSessionCreateBody(request)) == fixture(Fixtures.sessionCreate))
        let byPrice = CheckoutSessionRequest(items: [.price(id: "price_1", quantity: 3)],
                                             successURL: "https://a/ok", cancelURL: "https://a/no",
                                             metadata: ["till": "1"], clientReferenceId: "order-7")
        #expect(try json(CheckoutSessionCreateBody(byPrice)) == fixture("""
            {"mode":"payment","success_url":"https://a/ok","cancel_url":"https://a/no",
             "line_items":[{"price":"price_1","quantity":3}],"metadata":{"till":"1"},"client_reference_id":"order-7"}
            """))
    }

    @Test func checkoutDraftMapsToTheRequest() throws {
        var cart = Cart()
        try cart.add(CartLine(item: .price(id: "price_A", productName: "Tea"), unitAmount: Money(minorUnits: 250, currency: .gbp), quantity: 2))
        try cart.add(CartLine(item: .oneOff(name: "Gift wrap"), unitAmount: Money(minorUnits: 100, currency: .gbp)))
        let request = CheckoutSessionRequest(CheckoutDraft(cart: cart, successURL: "https://s/ok", cancelURL: "https://s/no",
                                                           idempotencyKey: "k1"))
        #expect(request.items == [.price(id: "price_A", quantity: 2),
                                  .inline(name: "Gift wrap", description: nil, amount: Money(minorUnits: 100, currency: .gbp), quantity: 1)])
        #expect(request.successURL == "https://s/ok")
    }

    @Test func updateSendsOnlyChangedFields() throws {
        #expect(try json(ProductBody(ProductUpdate(active: false))) == ["active": false])
        #expect(try json(PriceUpdate(nickname: "n", lookupKey: "lk")) == ["nickname": "n", "lookup_key": "lk"])
    }

    @Test func idsArePercentEncodedAsOneSegment() {
        #expect(WooshPayClient.segment("prod_123") == "prod_123")
        #expect(WooshPayClient.segment("../v1/x?y") == "..%2Fv1%2Fx%3Fy")
        #expect(WooshPayClient.queryString([("starting_after", "a&b"), ("limit", "5")]) == "?starting_after=a%26b&limit=5")
    }
}

@Suite struct RetryPolicyTests {
    @Test func backoffDoublesFromHalfASecondCappedAtFive() {
        let top = RetryPolicy(jitter: { 1 })
        #expect((0..<5).map { top.delay(beforeRetry: $0) } == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5)])
        let bottom = RetryPolicy(jitter: { 0 })
        #expect(bottom.delay(beforeRetry: 0) == .milliseconds(250))
        #expect(bottom.delay(beforeRetry: 9) == .milliseconds(2500))
    }

    @Test func retryAfterIsHonouredUpToSixtySeconds() {
        let policy = RetryPolicy(jitter: { 0.5 })
        #expect(policy.delay(beforeRetry: 0, retryAfter: .seconds(7)) == .seconds(7))
        #expect(policy.delay(beforeRetry: 0, retryAfter: .seconds(600)) == .seconds(60))
        #expect(WooshPayClient.retryAfter("12") == .seconds(12))
        #expect(WooshPayClient.retryAfter("soon") == nil)
    }

    @Test(arguments: ["1e30", "99999999999999999999999", "1.7976931348623157e308", "600"])
    func hugeRetryAfterIsCappedNotATrap(header: String) {
        #expect(WooshPayClient.retryAfter(header) == .seconds(60))
        #expect(WooshPayClient.retryAfter(header, cap: .seconds(5)) == .seconds(5))
    }

    @Test(arguments: ["inf", "-inf", "infinity", "nan", "-1", "-0.5", "1e", ""])
    func unusableRetryAfterIsIgnored(header: String) {
        #expect(WooshPayClient.retryAfter(header) == nil)
    }

    @Test func retryAfterAsAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(WooshPayClient.retryAfter("Tue, 14 Nov 2023 22:13:30 GMT", now: now) == .seconds(10))
        #expect(WooshPayClient.retryAfter("Tue, 14 Nov 2023 22:13:00 GMT", now: now) == .zero)
        #expect(WooshPayClient.retryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now: now) == .seconds(60))
        #expect(WooshPayClient.retryAfter("0.25") == .milliseconds(250))
    }

    @Test func whatIsRetried() {
        func api(_ status: Int, _ type: String? = nil) -> APIFailure {
            APIFailure(kind: .api(status: status, type: type, code: nil, param: nil), message: "")
        }
        for status in [400, 401, 402, 403, 404] { #expect(!WooshPayClient.isRetryable(api(status))) }
        #expect(WooshPayClient.isRetryable(api(409, "api_error")))
        #expect(!WooshPayClient.isRetryable(api(409, "idempotency_error")))
        let inUse = APIFailure(kind: .api(status: 409, type: "idempotency_error", code: "idempotency_key_in_use", param: nil),
                               message: "")
        #expect(WooshPayClient.isRetryable(inUse))
        #expect(WooshPayClient.isRetryable(api(429)))
        #expect(WooshPayClient.isRetryable(api(500)))
        #expect(WooshPayClient.isRetryable(api(503)))
        #expect(WooshPayClient.isRetryable(APIFailure(kind: .connectionFailed, message: "")))
        #expect(WooshPayClient.isRetryable(APIFailure(kind: .transport, message: "")))
        #expect(!WooshPayClient.isRetryable(APIFailure(kind: .tls, message: "")))
        #expect(!WooshPayClient.isRetryable(APIFailure(kind: .decoding(path: "id"), message: "")))
    }
}
