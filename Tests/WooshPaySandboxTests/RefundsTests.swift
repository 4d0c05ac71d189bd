import Foundation
import Testing
@testable import WooshPaySandbox

extension API {
    /// A session of one inline item, paid in the cashier as a customer would; returns the session.
    func paidSession(_ sandbox: Sandbox, amount: Int = 1500, currency: String = "GBP") async throws -> HTTPReply {
        let session = try await self.session(lineItems: [inlineItem(amount: amount, currency: currency)])
        #expect(session.status == 200)
        let paid = try await CashierPage.open(sandbox, session).post("pay")
        #expect(paid.status == 303)
        return try await get("/v1/checkout/sessions/\(session.id)")
    }

    /// The payment intent of a fresh paid session.
    func paidIntent(_ sandbox: Sandbox, amount: Int = 1500, currency: String = "GBP") async throws -> String {
        try #require(try await paidSession(sandbox, amount: amount, currency: currency)["payment_intent"] as? String)
    }

    func refund(_ body: [String: Any], key: String? = nil) async throws -> HTTPReply {
        try await post("/v1/refunds", body, headers: key.map { [("Idempotency-Key", $0)] } ?? [])
    }
}

@Suite("Payment intents and refunds")
struct RefundsTests {
    @Test func thePaymentIntentFollowsItsSession() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let session = try await api.session(lineItems: [api.inlineItem(amount: 250, quantity: 3)])
            let intent = try #require(session["payment_intent"] as? String)
            let unpaid = try await api.get("/v1/payment_intents/\(intent)")
            #expect(unpaid.status == 200)
            #expect(unpaid["object"] as? String == "payment_intent")
            #expect(unpaid["id"] as? String == intent)
            #expect(unpaid["status"] as? String == "requires_payment_method")
            #expect(unpaid["amount"] as? Int == 750)
            #expect(unpaid["amount_refunded"] as? Int == 0)
            #expect(unpaid["currency"] as? String == "GBP")
            #expect(unpaid["created"] as? Int64 == session["created"] as? Int64)
            _ = try await CashierPage.open(sandbox, session).post("pay")
            #expect(try await api.get("/v1/payment_intents/\(intent)")["status"] as? String == "succeeded")

            // Expired by hand, or only by its clock: canceled either way.
            let expired = try await api.session(lineItems: [api.inlineItem()])
            #expect(try await api.post("/v1/checkout/sessions/\(expired.id)/expire").status == 200)
            #expect(try await api.get("/v1/payment_intents/\(expired["payment_intent"] as! String)")["status"] as? String == "canceled")
            let lapsed = try await api.session(lineItems: [api.inlineItem()])
            _ = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 24 * 3600])
            #expect(try await api.get("/v1/payment_intents/\(lapsed["payment_intent"] as! String)")["status"] as? String == "canceled")
            // Neither can be paid any more, by the cashier or by the test helper.
            #expect(try await !sandbox.completePayment(session: expired.id))
            #expect(try await !sandbox.completePayment(session: lapsed.id))
            #expect(try await !sandbox.completePayment(session: "cs_1111111111111111111"))
            // The paid one stays succeeded.
            #expect(try await api.get("/v1/payment_intents/\(intent)")["status"] as? String == "succeeded")

            let missing = try await api.get("/v1/payment_intents/pi_1111111111111111111")
            #expect(missing.status == 404 && missing.errorCode == "resource_missing")
            let stranger = try await API(base: sandbox.baseURL).get("/v1/payment_intents/\(intent)")
            #expect(stranger.status == 404)
        }
    }

    @Test func onlyASucceededPaymentCanBeRefunded() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let open = try await api.session(lineItems: [api.inlineItem()])
            let refused = try await api.refund(["payment_intent": open["payment_intent"] as! String])
            #expect(refused.status == 400)
            #expect(refused.errorType == "invalid_request_error")
            #expect(refused.errorCode == "payment_intent_unexpected_state")
            #expect(refused.errorParam == "payment_intent")
            #expect((refused.error["message"] as? String)?.contains("requires_payment_method") == true)
            _ = try await api.post("/v1/checkout/sessions/\(open.id)/expire")
            let canceled = try await api.refund(["payment_intent": open["payment_intent"] as! String])
            #expect(canceled.errorCode == "payment_intent_unexpected_state")
            #expect((canceled.error["message"] as? String)?.contains("canceled") == true)
        }
    }

    @Test func refundsNeverAddUpToMoreThanThePayment() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let intent = try await api.paidIntent(sandbox, amount: 1500)
            let first = try await api.refund(["payment_intent": intent, "amount": 500, "reason": "requested_by_customer",
                                              "metadata": ["till": "counter 1"]])
            #expect(first.status == 200)
            #expect(first.id.hasPrefix("re_") && first.id.count == 22)
            #expect(first["object"] as? String == "refund")
            #expect(first["amount"] as? Int == 500)
            #expect(first["currency"] as? String == "GBP")
            #expect(first["status"] as? String == "succeeded")
            #expect(first["reason"] as? String == "requested_by_customer")
            #expect(first["payment_intent"] as? String == intent)
            #expect(first.json["failure_reason"] is NSNull)
            #expect(first["metadata"] as? [String: String] == ["till": "counter 1"])
            #expect(first["created"] is Int64 || first["created"] is Int)
            // The amount may come as a numeric string, as WooshPay's docs type it.
            let second = try await api.refund(["payment_intent": intent, "amount": "700"])
            #expect(second.status == 200 && second["amount"] as? Int == 700)
            #expect(second.json["reason"] is NSNull)

            let tooMuch = try await api.refund(["payment_intent": intent, "amount": 301])
            #expect(tooMuch.status == 400)
            #expect(tooMuch.errorCode == "amount_too_large")
            #expect(tooMuch.errorParam == "amount")
            #expect(tooMuch.error["message"] as? String
                    == "Refund amount (301) is greater than what is left to refund on this payment intent (300 of 1500).")
            // No amount: what is left.
            let rest = try await api.refund(["payment_intent": intent])
            #expect(rest.status == 200 && rest["amount"] as? Int == 300)
            let nothing = try await api.refund(["payment_intent": intent, "amount": 1])
            #expect(nothing.status == 400 && nothing.errorCode == "charge_already_refunded")
            #expect(try await api.refund(["payment_intent": intent]).errorCode == "charge_already_refunded")
            #expect(try await api.get("/v1/payment_intents/\(intent)")["amount_refunded"] as? Int == 1500)

            let read = try await api.get("/v1/refunds/\(first.id)")
            #expect(read.status == 200 && read.body == first.body)
            #expect(try await api.get("/v1/refunds/re_1111111111111111111").errorCode == "resource_missing")
            // Another account sees neither the refund nor the payment.
            let stranger = API(base: sandbox.baseURL)
            #expect(try await stranger.get("/v1/refunds/\(first.id)").status == 404)
            let foreign = try await stranger.refund(["payment_intent": intent, "amount": 1])
            #expect(foreign.status == 404 && foreign.errorParam == "payment_intent")
        }
    }

    @Test func zeroDecimalCurrenciesRefundInWholeUnits() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let intent = try await api.paidIntent(sandbox, amount: 1000, currency: "JPY")
            let refund = try await api.refund(["payment_intent": intent, "amount": 400])
            #expect(refund["currency"] as? String == "JPY" && refund["amount"] as? Int == 400)
        }
    }

    @Test func badParametersAreRefusedNamingThem() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let intent = try await api.paidIntent(sandbox)
            let missing = try await api.refund([:])
            #expect(missing.status == 400 && missing.errorCode == "parameter_missing" && missing.errorParam == "payment_intent")
            for (body, param) in [
                (["payment_intent": intent, "amount": 0] as [String: Any], "amount"),
                (["payment_intent": intent, "amount": -5], "amount"),
                (["payment_intent": intent, "amount": "1.50"], "amount"),
                (["payment_intent": intent, "amount": true], "amount"),
                (["payment_intent": intent, "reason": "changed_mind"], "reason"),
                (["payment_intent": intent, "metadata": "x"], "metadata"),
                (["payment_intent": 5], "payment_intent"),
            ] {
                let refused = try await api.refund(body)
                #expect(refused.status == 400, "\(body)")
                #expect(refused.errorParam == param, "\(body): \(refused.text)")
            }
            let unknown = try await api.refund(["payment_intent": "pi_1111111111111111111"])
            #expect(unknown.status == 404 && unknown.errorParam == "payment_intent")
            #expect(try await api.get("/v1/payment_intents/\(intent)")["amount_refunded"] as? Int == 0)
        }
    }

    @Test func newRefundsStayPendingForTheConfiguredTimeOnTheAccountsClock() async throws {
        // A clock that stands still, so only advance_clock moves time (a loaded machine can take
        // seconds between these requests).
        let fixed = Date(timeIntervalSince1970: 1_795_608_000)
        try await withSandbox(SandboxConfiguration(clock: { fixed }, refundPendingSeconds: 3600)) { sandbox in
            let api = API(base: sandbox.baseURL)
            let intent = try await api.paidIntent(sandbox)
            let refund = try await api.refund(["payment_intent": intent, "amount": 1000])
            #expect(refund["status"] as? String == "pending")
            // Pending counts against what is left.
            #expect(try await api.get("/v1/payment_intents/\(intent)")["amount_refunded"] as? Int == 1000)
            #expect(try await api.refund(["payment_intent": intent, "amount": 501]).errorCode == "amount_too_large")
            _ = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 3599])
            #expect(try await api.get("/v1/refunds/\(refund.id)")["status"] as? String == "pending")
            _ = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 1])
            #expect(try await api.get("/v1/refunds/\(refund.id)")["status"] as? String == "succeeded")
            // A refund made later is pending from its own creation.
            let later = try await api.refund(["payment_intent": intent])
            #expect(later["status"] as? String == "pending" && later["amount"] as? Int == 500)
        }
    }

    @Test func aRetryWithTheSameKeyRefundsOnce() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let intent = try await api.paidIntent(sandbox)
            let key = UUID().uuidString
            let first = try await api.refund(["payment_intent": intent, "amount": 600], key: key)
            let again = try await api.refund(["payment_intent": intent, "amount": 600], key: key)
            #expect(again.body == first.body)
            #expect(again.headers.first(name: "Idempotent-Replayed") == "true")
            let other = try await api.refund(["payment_intent": intent, "amount": 700], key: key)
            #expect(other.status == 409 && other.errorCode == "idempotency_key_reused")
            #expect(try await api.get("/v1/payment_intents/\(intent)")["amount_refunded"] as? Int == 600)
        }
    }

    @Test func aRefundCommittedThenDroppedIsFinishedByItsKey() async throws {
        // A seed whose first fault drops the connection after committing and whose second request is clean.
        let seed = try #require((1...100_000).map(UInt64.init).first { seed in
            let probe = FaultInjector(rate: 0.5, seed: seed)
            return probe.next() == .dropAfterCommit && probe.next() == nil
        })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-refunds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("sandbox.sqlite").path
        let key = freshKey()
        let intent = try await withSandbox(SandboxConfiguration(databasePath: path)) { clean in
            try await API(base: clean.baseURL, key: key).paidIntent(clean)
        }
        try await withSandbox(SandboxConfiguration(databasePath: path, failRate: 0.5, seed: seed)) { faulty in
            let api = API(base: faulty.baseURL, key: key)
            await #expect(throws: (any Error).self) {
                _ = try await api.refund(["payment_intent": intent, "amount": 400], key: "refund-1")
            }
            let retry = try await api.refund(["payment_intent": intent, "amount": 400], key: "refund-1")
            #expect(retry.status == 200 && retry.headers.first(name: "Idempotent-Replayed") == "true")
        }
        try await withSandbox(SandboxConfiguration(databasePath: path)) { clean in
            let intentNow = try await API(base: clean.baseURL, key: key).get("/v1/payment_intents/\(intent)")
            #expect(intentNow["amount_refunded"] as? Int == 400)
        }
    }

    @Test func theSessionListFiltersByCreated() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            var sessions: [HTTPReply] = []
            for _ in 0..<3 {
                sessions.append(try await api.session(lineItems: [api.inlineItem()]))
                _ = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 100])
            }
            let (a, b, c) = (sessions[0], sessions[1], sessions[2])
            let bCreated = try #require(b["created"] as? Int64)
            func ids(_ query: String) async throws -> [String] {
                let list = try await api.get("/v1/checkout/sessions/list?" + query)
                #expect(list.status == 200, "\(query): \(list.text)")
                return list.data.compactMap { $0["id"] as? String }
            }
            #expect(try await ids("created%5Bgte%5D=\(bCreated)") == [c.id, b.id])
            #expect(try await ids("created%5Blte%5D=\(bCreated)") == [b.id, a.id])
            #expect(try await ids("created%5Bgte%5D=\(bCreated)&created%5Blte%5D=\(bCreated)") == [b.id])
            #expect(try await ids("created%5Bgt%5D=\(bCreated)") == [c.id])
            #expect(try await ids("created%5Blt%5D=\(bCreated)") == [a.id])
            // Seconds work too (a value up to 10^11 is seconds).
            #expect(try await ids("created%5Bgte%5D=\(bCreated / 1000 + 1)") == [c.id])
            // Paging keeps the filter.
            let first = try await api.get("/v1/checkout/sessions/list?limit=1&created%5Blte%5D=\(bCreated)")
            #expect(first.data.compactMap { $0["id"] as? String } == [b.id] && first.hasMore == true)
            #expect(try await ids("limit=1&starting_after=\(b.id)&created%5Blte%5D=\(bCreated)") == [a.id])
            let bad = try await api.get("/v1/checkout/sessions/list?created%5Bgte%5D=yesterday")
            #expect(bad.status == 400 && bad.errorParam == "created[gte]")
        }
    }
}
