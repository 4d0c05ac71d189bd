import Foundation
import Testing
import TillCore
@testable import WooshPay
import WooshPaySandbox

/// The refund and payment intent wire types, the refund body, and the three endpoints against the
/// real sandbox over loopback.
@Suite struct RefundAdapterTests {
    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    @Test func aRefundAsTheDocsDescribeIt() throws {
        // The docs type amounts as strings; timestamps in milliseconds; unknown fields ignored.
        let refund = try decode(WireRefund.self, """
            {"id":"re_1580071150141046790","object":"refund","amount":"150","currency":"gbp","status":"pending",
             "reason":"requested_by_customer","payment_intent":"pi_1580071150141046784","created":1665553291000,
             "failure_reason":null,"metadata":{"till":"1","n":2},"charge":"ch_1","surprise":[1]}
            """).domain
        #expect(refund == Refund(id: "re_1580071150141046790", amount: Money(minorUnits: 150, currency: .gbp),
                                 status: .pending, reason: .requestedByCustomer, paymentIntentId: "pi_1580071150141046784",
                                 created: Date(timeIntervalSince1970: 1_665_553_291), failureReason: nil,
                                 metadata: ["till": "1", "n": "2"]))
        let failed = try decode(WireRefund.self, """
            {"id":"re_2","amount":5,"currency":"JPY","status":"FAILED","reason":"","payment_intent":"",
             "created":1665553291,"failure_reason":"expired_or_canceled_card","metadata":null}
            """).domain
        #expect(failed.status == .failed && failed.reason == nil && failed.paymentIntentId == nil)
        #expect(failed.failureReason == "expired_or_canceled_card" && failed.metadata == [:])
        #expect(failed.amount == Money(minorUnits: 5, currency: .jpy))
        // A reason Till does not know reads as none rather than refusing the refund.
        #expect(try decode(WireRefund.self, #"{"id":"re_3","amount":1,"currency":"GBP","status":"succeeded","reason":"expired_uncaptured_charge","created":1}"#).reason == nil)
    }

    @Test func anUnknownRefundStatusOrAMissingAmountNamesTheField() throws {
        for (text, field) in [
            (#"{"id":"re_1","amount":1,"currency":"GBP","status":"lost","created":1}"#, "status"),
            (#"{"id":"re_1","currency":"GBP","status":"pending","created":1}"#, "amount"),
            (#"{"id":"re_1","amount":"1.5","currency":"GBP","status":"pending","created":1}"#, "amount"),
        ] {
            do {
                _ = try decode(WireRefund.self, text)
                Issue.record("decoded \(text)")
            } catch let error as DecodingError {
                #expect(WooshPayClient.decodingFailure(error, requestId: nil).kind == .decoding(path: field), "\(text)")
            }
        }
    }

    @Test func aPaymentIntentReadsLeniently() throws {
        let intent = try decode(WirePaymentIntent.self, """
            {"id":"pi_1","object":"payment_intent","amount":"2500","amount_refunded":null,"currency":"kwd",
             "status":"succeeded","created":1665553291000,"latest_charge":"ch_1"}
            """).domain
        #expect(intent == PaymentIntent(id: "pi_1", status: .succeeded, amount: Money(minorUnits: 2500, currency: .kwd),
                                        amountRefunded: nil, created: Date(timeIntervalSince1970: 1_665_553_291)))
        #expect(throws: DecodingError.self) {
            try decode(WirePaymentIntent.self, #"{"id":"pi_1","amount":1,"currency":"GBP","status":"paid"}"#)
        }
    }

    @Test func theRefundBodySendsTheAmountAsAnInteger() throws {
        let body = try JSONSerialization.jsonObject(with: JSONEncoder().encode(RefundCreateBody(RefundRequest(
            paymentIntentId: "pi_1", amount: 150, reason: .duplicate, metadata: ["till": "1"])))) as! NSDictionary
        #expect(body == ["payment_intent": "pi_1", "amount": 150, "reason": "duplicate", "metadata": ["till": "1"]])
        #expect(body["amount"] is Int)
        let bare = try JSONSerialization.jsonObject(with: JSONEncoder().encode(RefundCreateBody(RefundRequest(paymentIntentId: "pi_1")))) as! NSDictionary
        #expect(bare == ["payment_intent": "pi_1"])
        let entry = RefundJournal.Entry(idempotencyKey: "k", sessionId: "cs_1", paymentIntentId: "pi_9",
                                        amount: Money(minorUnits: 75, currency: .gbp), reason: .fraudulent, created: Date())
        #expect(RefundRequest(entry) == RefundRequest(paymentIntentId: "pi_9", amount: 75, reason: .fraudulent))
    }

    @Test func theCreatedFilterGoesOutEncodedInMilliseconds() {
        let filter = CreatedFilter(from: Date(timeIntervalSince1970: 1_700_000_000.1234), through: Date(timeIntervalSince1970: 1_700_000_060))
        #expect(WooshPayClient.queryString(filter.query)
                == "?created%5Bgte%5D=1700000000123&created%5Blte%5D=1700000060000")
        #expect(CreatedFilter().query.isEmpty)
    }

    static func sale(_ client: WooshPayClient, _ minor: Int64 = 1250) async throws -> CheckoutSession {
        try await client.createCheckoutSession(CheckoutSessionRequest(
            items: [.inline(name: "Flat white", description: nil, amount: Money(minorUnits: minor, currency: .gbp), quantity: 1)],
            successURL: "https://shop.example/ok", cancelURL: "https://shop.example/no"))
    }

    @Test func refundAPaidSessionOverLoopback() async throws {
        try await withSandbox(SandboxConfiguration(refundPendingSeconds: 60)) { client, sandbox in
            let session = try await Self.sale(client)
            let intentId = try #require(session.paymentIntentId)
            #expect(try await client.retrievePaymentIntent(id: intentId).status == .requiresPaymentMethod)
            do throws(APIFailure) {
                _ = try await client.createRefund(RefundRequest(paymentIntentId: intentId))
                Issue.record("an unpaid payment was refunded")
            } catch {
                #expect(error.kind == .api(status: 400, type: "invalid_request_error", code: "payment_intent_unexpected_state",
                                           param: "payment_intent"))
            }
            #expect(try await sandbox.completePayment(session: session.id))
            #expect(try await !sandbox.completePayment(session: session.id))
            let paid = try await client.retrievePaymentIntent(id: intentId)
            #expect(paid == PaymentIntent(id: intentId, status: .succeeded, amount: Money(minorUnits: 1250, currency: .gbp),
                                          amountRefunded: 0, created: session.created))

            let refund = try await client.createRefund(
                RefundRequest(paymentIntentId: intentId, amount: 500, reason: .requestedByCustomer, metadata: ["till": "1"]),
                idempotencyKey: "refund-1")
            #expect(refund.amount == Money(minorUnits: 500, currency: .gbp))
            #expect(refund.status == .pending && refund.reason == .requestedByCustomer)
            #expect(refund.paymentIntentId == intentId && refund.metadata == ["till": "1"])
            // The same key replays the same refund.
            #expect(try await client.createRefund(
                RefundRequest(paymentIntentId: intentId, amount: 500, reason: .requestedByCustomer, metadata: ["till": "1"]),
                idempotencyKey: "refund-1") == refund)
            #expect(try await client.retrieveRefund(id: refund.id) == refund)
            #expect(try await client.retrievePaymentIntent(id: intentId).amountRefunded == 500)

            do throws(APIFailure) {
                _ = try await client.createRefund(RefundRequest(paymentIntentId: intentId, amount: 751))
                Issue.record("refunded more than was left")
            } catch {
                #expect(error.kind == .api(status: 400, type: "invalid_request_error", code: "amount_too_large", param: "amount"))
                #expect(!error.retryWithSameKey)
            }
            let rest = try await client.createRefund(RefundRequest(paymentIntentId: intentId))
            #expect(rest.amount.minorUnits == 750)
            do throws(APIFailure) {
                _ = try await client.retrieveRefund(id: "re_missing")
                Issue.record("found a refund that does not exist")
            } catch {
                #expect(error.status == 404)
            }
        }
    }

    @Test func theSessionListCanBeFilteredByCreated() async throws {
        try await withSandbox { client, _ in
            let first = try await Self.sale(client)
            try await Task.sleep(for: .milliseconds(5))
            let second = try await Self.sale(client)
            let all = try await client.allCheckoutSessions(pageSize: 1).collect()
            #expect(all.map(\.id) == [second.id, first.id])
            let fromSecond = try await client.allCheckoutSessions(pageSize: 1, created: CreatedFilter(from: second.created)).collect()
            #expect(fromSecond.map(\.id) == [second.id])
            let throughFirst = try await client.listCheckoutSessions(created: CreatedFilter(through: first.created)).items
            #expect(throughFirst.map(\.id) == [first.id])
        }
    }
}
