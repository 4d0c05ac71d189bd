import Foundation
import Testing
import WooshPaySandbox

extension API {
    func endpoint(_ url: String, events: [String]? = nil) async throws -> HTTPReply {
        var body: [String: Any] = ["url": url]
        if let events { body["enabled_events"] = events }
        return try await post("/v1/webhook_endpoints", body)
    }

    func attempts(event: String? = nil) async throws -> [[String: Any]] {
        try await get("/v1/test_helpers/webhook_attempts?limit=100" + (event.map { "&event=\($0)" } ?? "")).data
    }

    /// A paid session: one inline line item, paid through the test helper.
    func paidSession(amount: Int = 1500) async throws -> (session: HTTPReply, paid: HTTPReply) {
        let session = try await self.session(lineItems: [inlineItem("Tea", amount: amount)])
        let paid = try await post("/v1/test_helpers/checkout/sessions/\(session.id)/pay")
        return (session, paid)
    }
}

func eventTypes(_ reply: HTTPReply) -> [String] {
    (reply["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
}

@Suite("Webhooks: endpoints, events, signed delivery")
struct WebhookTests {
    @Test func endpointsShowTheirSecretOnceAndTakeLoopbackOnly() async throws {
        try await withSandbox(SandboxConfiguration(allowedWebhookHosts: ["Hooks.Internal"])) { sandbox in
            let api = API(base: sandbox.baseURL)
            let created = try await api.endpoint("http://127.0.0.1:4242/hooks", events: ["checkout.session.completed"])
            #expect(created.status == 200, "\(created.text)")
            #expect(created["object"] as? String == "webhook_endpoint")
            #expect((created["secret"] as? String)?.hasPrefix("whsec_") == true)
            #expect(created["status"] as? String == "enabled")
            let read = try await api.get("/v1/webhook_endpoints/\(created.id)")
            #expect(read["secret"] == nil)
            #expect(read["url"] as? String == "http://127.0.0.1:4242/hooks")
            let listed = try await api.get("/v1/webhook_endpoints")
            #expect(listed.data.map { $0["id"] as? String } == [created.id])
            #expect(listed.data.first?["secret"] == nil)
            #expect((try await api.endpoint("http://localhost:1/x"))["enabled_events"] as? [String] == ["*"])
            #expect(try await api.endpoint("http://[::1]:1/x").status == 200)
            #expect(try await api.endpoint("https://hooks.internal/x").status == 200)

            let outside = try await api.endpoint("https://example.com/hooks")
            #expect(outside.status == 400)
            #expect(outside.errorParam == "url")
            #expect((outside.error["message"] as? String)?.contains("--allow-webhook-host") == true)
            let wrongType = try await api.endpoint("http://127.0.0.1:1/x", events: ["checkout.session.completed", "charge.succeeded"])
            #expect(wrongType.errorParam == "enabled_events[1]")
            // Another account sees none of them.
            #expect(try await API(base: sandbox.baseURL).get("/v1/webhook_endpoints/\(created.id)").status == 404)

            let deleted = try await api.send(.DELETE, "/v1/webhook_endpoints/\(created.id)")
            #expect(deleted["deleted"] as? Bool == true)
            #expect(try await api.get("/v1/webhook_endpoints/\(created.id)").status == 404)
        }
    }

    @Test func payingDeliversSignedEventsThatAnIndependentHMACAccepts() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let endpoint = try await api.endpoint(receiver.url)
            let secret = try #require(endpoint["secret"] as? String)
            let before = Int64(Date().timeIntervalSince1970)
            let (session, paid) = try await api.paidSession()
            #expect(paid.status == 200, "\(paid.text)")
            #expect(eventTypes(paid) == ["payment_intent.succeeded", "checkout.session.completed"])
            #expect((paid["checkout_session"] as? [String: Any])?["status"] as? String == "complete")

            let hits = try await receiver.wait { $0.count >= 2 }
            #expect(Set(hits.map(\.type)) == ["payment_intent.succeeded", "checkout.session.completed"])
            for hit in hits {
                let t = try #require(IndependentHMAC.verify(header: hit.signature, body: hit.body, secret: secret),
                                     "signature \(hit.signature ?? "none") does not match")
                // Seconds, not the milliseconds of object timestamps.
                #expect(t >= before - 1 && t <= Int64(Date().timeIntervalSince1970) + 1)
                #expect(IndependentHMAC.verify(header: hit.signature, body: hit.body, secret: secret + "x") == nil)
                #expect(hit.contentType?.hasPrefix("application/json") == true)
            }
            let completed = try #require(hits.first { $0.type == "checkout.session.completed" })
            let object = (completed.json["data"] as? [String: Any])?["object"] as? [String: Any]
            #expect(object?["id"] as? String == session.id)
            #expect(object?["payment_status"] as? String == "paid")
            #expect((completed.json["created"] as? Int ?? 0) > 100_000_000_000, "created is in milliseconds")

            // The events API has them too, and each attempt is logged.
            let events = try await api.get("/v1/events")
            #expect(events.data.map { $0["type"] as? String } == ["checkout.session.completed", "payment_intent.succeeded"])
            let one = try await api.get("/v1/events/\(completed.id)")
            #expect(one["type"] as? String == "checkout.session.completed")
            let settled = try await waitFor("pending_webhooks to reach 0") {
                let event = try await api.get("/v1/events/\(completed.id)")
                return event["pending_webhooks"] as? Int == 0 ? event : nil
            }
            #expect(settled["object"] as? String == "event")
            let attempts = try await api.attempts(event: completed.id)
            #expect(attempts.count == 1)
            #expect(attempts.first?["status"] as? Int == 200)
            #expect(attempts.first?["next_attempt"] is NSNull)
            #expect(try await api.get("/v1/events?type=payment_intent.*").data.count == 1)
            #expect(try await API(base: sandbox.baseURL).get("/v1/events/\(completed.id)").status == 404)
        }
    }

    @Test func onlyTheEventsAnEndpointAskedForAreSent() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            _ = try await api.endpoint(receiver.url, events: ["checkout.session.expired"])
            _ = try await api.paidSession()
            let open = try await api.session(lineItems: [api.inlineItem()])
            let expired = try await api.post("/v1/checkout/sessions/\(open.id)/expire")
            #expect(expired["status"] as? String == "expired")
            let hits = try await receiver.wait { !$0.isEmpty }
            #expect(hits.map(\.type) == ["checkout.session.expired"])
            // The paid session's events exist but were not queued for this endpoint.
            let paidEvent = try #require(try await api.get("/v1/events?type=checkout.session.completed").data.first)
            #expect(paidEvent["pending_webhooks"] as? Int == 0)
            #expect(try await api.attempts(event: paidEvent["id"] as? String).isEmpty)
        }
    }

    @Test func expiryByTheClockAndRefundsEmitTheirEvents() async throws {
        try await withSandbox(SandboxConfiguration(refundPendingSeconds: 3600)) { sandbox in
            let api = API(base: sandbox.baseURL)
            let (session, _) = try await api.paidSession(amount: 1000)
            let open = try await api.session(lineItems: [api.inlineItem()])
            let intent = try #require(session["payment_intent"] as? String)

            let refund = try await api.post("/v1/refunds", ["payment_intent": intent, "amount": 400])
            #expect(refund["status"] as? String == "pending")
            var types = try await api.get("/v1/events?limit=100").data.compactMap { $0["type"] as? String }
            #expect(types.prefix(2) == ["charge.refund.updated", "refund.created"])

            // 25 hours on: the open session expires and the refund settles, both announced.
            let clock = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 25 * 3600])
            #expect(Set(eventTypes(clock)) == ["checkout.session.expired", "refund.updated", "charge.refund.updated"])
            let expiredEvent = try #require((clock["events"] as? [[String: Any]])?.first { $0["type"] as? String == "checkout.session.expired" })
            #expect(expiredEvent["object_id"] as? String == open.id)
            #expect(try await api.get("/v1/checkout/sessions/\(open.id)")["status"] as? String == "expired")
            let intentOfOpen = try #require(open["payment_intent"] as? String)
            #expect(try await api.get("/v1/payment_intents/\(intentOfOpen)")["status"] as? String == "canceled")
            let updated = try #require(try await api.get("/v1/events?type=refund.updated").data.first)
            let object = (updated["data"] as? [String: Any])?["object"] as? [String: Any]
            #expect(object?["id"] as? String == refund.id)
            #expect(object?["status"] as? String == "succeeded")
            // Announced once: another advance emits nothing more.
            #expect(eventTypes(try await api.post("/v1/test_helpers/advance_clock", ["seconds": 3600])).isEmpty)
            types = try await api.get("/v1/events?limit=100").data.compactMap { $0["type"] as? String }
            #expect(types.filter { $0 == "checkout.session.expired" }.count == 1)
            #expect(types.filter { $0 == "refund.updated" }.count == 1)
        }
    }

    @Test func failLeavesTheSessionOpenWithADeclinedIntent() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let session = try await api.session(lineItems: [api.inlineItem()])
            let failed = try await api.post("/v1/test_helpers/checkout/sessions/\(session.id)/fail", ["decline_code": "insufficient_funds"])
            #expect(failed.status == 200, "\(failed.text)")
            #expect(eventTypes(failed) == ["payment_intent.payment_failed"])
            let intent = try await api.get("/v1/payment_intents/\(session["payment_intent"] as? String ?? "")")
            #expect(intent["status"] as? String == "requires_payment_method")
            let error = intent["last_payment_error"] as? [String: Any]
            #expect(error?["code"] as? String == "card_declined")
            #expect(error?["decline_code"] as? String == "insufficient_funds")
            #expect(try await api.get("/v1/checkout/sessions/\(session.id)")["status"] as? String == "open")
            // The customer tries again and pays: the error is cleared.
            let paid = try await api.post("/v1/test_helpers/checkout/sessions/\(session.id)/pay")
            #expect(eventTypes(paid) == ["payment_intent.succeeded", "checkout.session.completed"])
            #expect((paid["payment_intent"] as? [String: Any])?["last_payment_error"] is NSNull)
            let again = try await api.post("/v1/test_helpers/checkout/sessions/\(session.id)/pay")
            #expect(again.status == 400)
            #expect(again.errorCode == "checkout_session_not_open")
            #expect(try await api.post("/v1/test_helpers/checkout/sessions/cs_404/fail").status == 404)
        }
    }

    @Test func aFailedDeliveryIsRetriedWhenTheAccountsClockReachesTheRetry() async throws {
        let receiver = try await WebhookReceiver.start { index in index == 0 ? .status(500) : .status(200) }
        defer { Task { await receiver.stop() } }
        // A base clock that stands still, so only advance_clock moves the account's time.
        let fixed = Date(timeIntervalSince1970: 1_795_608_000)
        try await withSandbox(SandboxConfiguration(clock: { fixed })) { sandbox in
            let api = API(base: sandbox.baseURL)
            _ = try await api.endpoint(receiver.url, events: ["checkout.session.completed"])
            let (_, paid) = try await api.paidSession()
            let event = try #require((paid["events"] as? [[String: Any]])?.last?["id"] as? String)
            let first = try await waitFor("the first attempt to be logged") {
                let attempts = try await api.attempts(event: event)
                return attempts.isEmpty ? nil : attempts
            }
            #expect(first.count == 1)
            #expect(first[0]["status"] as? Int == 500)
            #expect((first[0]["error"] as? String)?.contains("500") == true)
            let at = try #require(first[0]["at"] as? Int)
            #expect(first[0]["next_attempt"] as? Int == at + 60_000, "the first retry is a minute later on the account's clock")
            #expect(try await api.get("/v1/events/\(event)")["pending_webhooks"] as? Int == 1)

            // Not yet due: 59 seconds on, nothing more is sent. A minute on, the retry goes.
            let early = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 59])
            #expect(try #require(early["now"] as? Int) < at + 60_000)
            #expect(receiver.received.count == 1)
            _ = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 1])
            let hits = try await receiver.wait { $0.count >= 2 }
            #expect(hits[1].id == event)
            let attempts = try await waitFor("the retry to be logged") {
                let attempts = try await api.attempts(event: event)
                return attempts.count == 2 ? attempts : nil
            }
            #expect(attempts.map { $0["attempt"] as? Int } == [2, 1])
            #expect(attempts[0]["status"] as? Int == 200)
        }
    }

    @Test func aReceiverThatDoesNotAnswerTimesOutWithoutHoldingUpTheAPI() async throws {
        let receiver = try await WebhookReceiver.start { _ in .hang }
        defer { Task { await receiver.stop() } }
        try await withSandbox(SandboxConfiguration(webhookTimeout: .milliseconds(400))) { sandbox in
            let api = API(base: sandbox.baseURL)
            _ = try await api.endpoint(receiver.url, events: ["checkout.session.completed"])
            let (_, paid) = try await api.paidSession()
            #expect(paid.status == 200)
            let event = try #require((paid["events"] as? [[String: Any]])?.last?["id"] as? String)
            _ = try await receiver.wait { !$0.isEmpty }
            // The receiver holds the request; the API answers all the same.
            #expect(try await api.product("Scone").status == 200)
            let attempts = try await waitFor("the timed-out attempt to be logged") {
                let attempts = try await api.attempts(event: event)
                return attempts.isEmpty ? nil : attempts
            }
            #expect(attempts[0]["status"] is NSNull)
            #expect((attempts[0]["error"] as? String)?.contains("timed out") == true, "\(attempts[0])")
            #expect(attempts[0]["next_attempt"] is NSNumber)
        }
    }

    @Test func anEndpointThatHangsDoesNotHoldUpTheOthers() async throws {
        let stuck = try await WebhookReceiver.start { _ in .hang }
        let healthy = try await WebhookReceiver.start()
        defer { Task { await stuck.stop(); await healthy.stop() } }
        try await withSandbox(SandboxConfiguration(webhookTimeout: .seconds(120))) { sandbox in
            let api = API(base: sandbox.baseURL)
            _ = try await api.endpoint(stuck.url, events: ["checkout.session.completed"])
            _ = try await api.endpoint(healthy.url, events: ["payment_intent.payment_failed"])
            _ = try await api.paidSession()
            _ = try await stuck.wait { !$0.isEmpty }
            // The first delivery is still waiting for its answer; a later event goes out at once.
            let open = try await api.session(lineItems: [api.inlineItem()])
            _ = try await api.post("/v1/test_helpers/checkout/sessions/\(open.id)/fail")
            let hits = try await healthy.wait(seconds: 30) { !$0.isEmpty }
            #expect(hits.map(\.type) == ["payment_intent.payment_failed"])
            #expect(stuck.received.count == 1)
        }
    }

    @Test func pendingDeliveriesSurviveARestart() async throws {
        let folder = NSTemporaryDirectory() + "till-webhooks-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let down = Flag()
        down.value = true
        let receiver = try await WebhookReceiver.start { _ in down.value ? .status(503) : .status(200) }
        defer { Task { await receiver.stop() } }
        let configuration = SandboxConfiguration(databasePath: folder + "/sandbox.sqlite")
        let key = freshKey()
        let event: String
        let first = try await Sandbox.start(configuration)
        do {
            let api = API(base: first.baseURL, key: key)
            _ = try await api.endpoint(receiver.url, events: ["payment_intent.succeeded"])
            let (_, paid) = try await api.paidSession()
            event = try #require((paid["events"] as? [[String: Any]])?.first?["id"] as? String)
            _ = try await waitFor("the refused attempt") { try await api.attempts(event: event).isEmpty ? nil : true }
            await first.stop()
        } catch {
            await first.stop()
            throw error
        }
        down.value = false
        let second = try await Sandbox.start(configuration)
        let secondAPI = API(base: second.baseURL, key: key)
        do {
            #expect(try await secondAPI.get("/v1/events/\(event)")["pending_webhooks"] as? Int == 1)
            _ = try await secondAPI.post("/v1/test_helpers/advance_clock", ["seconds": 60])
            let hits = try await receiver.wait { $0.count >= 2 }
            #expect(hits.allSatisfy { $0.id == event })
            let attempts = try await waitFor("the resumed attempt to be logged") {
                let attempts = try await secondAPI.attempts(event: event)
                return attempts.count == 2 ? attempts : nil
            }
            #expect(attempts.map { $0["status"] as? Int } == [200, 503])
            await second.stop()
        } catch {
            await second.stop()
            throw error
        }
    }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = false
    var value: Bool {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
