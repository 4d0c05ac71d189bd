import Foundation
import Testing
import WooshPaySandbox

@Suite("Idempotency")
struct IdempotencyTests {
    @Test func aRetryReplaysTheFirstResponseByteForByte() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = UUID().uuidString
            let first = try await api.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", key)])
            #expect(first.status == 200)
            #expect(first.headers.first(name: "Idempotent-Replayed") == nil)
            let second = try await api.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", key)])
            #expect(second.status == 200)
            #expect(second.body == first.body)
            #expect(second.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(second.headers.first(name: "Request-Id") == first.headers.first(name: "Request-Id"))
            #expect(try await api.get("/v1/products").data.count == 1)
        }
    }

    @Test func memberOrderAndWhitespaceDoNotMatter() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = UUID().uuidString
            let first = try await api.send(.POST, "/v1/products", raw: Data(#"{"name":"Tea","description":"Hot"}"#.utf8),
                                           headers: [("Idempotency-Key", key)])
            let second = try await api.send(.POST, "/v1/products", raw: Data(#"{ "description": "Hot",  "name": "Tea" }"#.utf8),
                                            headers: [("Idempotency-Key", key)])
            #expect(first.status == 200)
            #expect(second.body == first.body)
            #expect(second.headers.first(name: "Idempotent-Replayed") == "true")
        }
    }

    @Test func errorsAreReplayedToo() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = UUID().uuidString
            let first = try await api.post("/v1/products", ["name": ""], headers: [("Idempotency-Key", key)])
            let second = try await api.post("/v1/products", ["name": ""], headers: [("Idempotency-Key", key)])
            #expect(first.status == 400 && second.status == 400)
            #expect(second.body == first.body)
            #expect(second.headers.first(name: "Idempotent-Replayed") == "true")
        }
    }

    @Test func theSameKeyWithAnotherBodyIs409() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = UUID().uuidString
            _ = try await api.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", key)])
            let other = try await api.post("/v1/products", ["name": "Coffee"], headers: [("Idempotency-Key", key)])
            #expect(other.status == 409)
            #expect(other.errorType == "idempotency_error")
            let otherPath = try await api.post("/v1/prices", ["name": "Tea"], headers: [("Idempotency-Key", key)])
            #expect(otherPath.status == 409)
            #expect(try await api.get("/v1/products").data.count == 1)
        }
    }

    @Test func keysAreScopedToTheAccount() async throws {
        try await withSandbox { sandbox in
            let alice = API(base: sandbox.baseURL)
            let bob = API(base: sandbox.baseURL)
            let key = UUID().uuidString
            let a = try await alice.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", key)])
            let b = try await bob.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", key)])
            #expect(a.status == 200 && b.status == 200 && a.id != b.id)
            #expect(b.headers.first(name: "Idempotent-Replayed") == nil)
        }
    }

    @Test func aRetryWhileTheFirstIsRunningIs409() async throws {
        // The latency holds each request for a second after its key is reserved, so two sent
        // together overlap: whichever reserves first runs, the other is told the key is in use.
        try await withSandbox(SandboxConfiguration(latencyMilliseconds: 1000)) { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = UUID().uuidString
            async let first = api.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", key)])
            async let second = api.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", key)])
            let replies = try await [first, second]
            #expect(replies.map(\.status).sorted() == [200, 409])
            let conflict = try #require(replies.first { $0.status == 409 })
            #expect(conflict.errorType == "idempotency_error")
            #expect(conflict.errorCode == "idempotency_key_in_use")
            // Once the first finished, a retry replays it.
            let third = try await api.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", key)])
            #expect(third.status == 200)
            #expect(third.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try await api.get("/v1/products").data.count == 1)
        }
    }

    @Test func keysExpireAfter24Hours() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = UUID().uuidString
            let first = try await api.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", key)])
            _ = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 24 * 3600 + 1])
            let later = try await api.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", key)])
            #expect(later.status == 200)
            #expect(later.id != first.id)
            #expect(later.headers.first(name: "Idempotent-Replayed") == nil)
        }
    }

    @Test func keysOver255CharactersAre400() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let reply = try await api.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", String(repeating: "k", count: 256))])
            #expect(reply.status == 400)
            #expect(reply.errorType == "invalid_request_error")
            #expect(try await api.post("/v1/products", ["name": "Tea"], headers: [("Idempotency-Key", String(repeating: "k", count: 255))]).status == 200)
        }
    }

    @Test func sessionsReplayToo() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = UUID().uuidString
            let items = [api.inlineItem("A"), api.inlineItem("B"), api.inlineItem("C")]
            let first = try await api.session(lineItems: items).status
            #expect(first == 200)
            let body: [String: Any] = ["mode": "payment", "success_url": "https://e.com/ok", "cancel_url": "https://e.com/no", "line_items": items]
            // Serialise once: the key is bound to the exact bytes.
            let bytes = try JSONSerialization.data(withJSONObject: body)
            let a = try await api.send(.POST, "/v1/checkout/sessions", raw: bytes, headers: [("Idempotency-Key", key)])
            let b = try await api.send(.POST, "/v1/checkout/sessions", raw: bytes, headers: [("Idempotency-Key", key)])
            #expect(a.status == 200)
            #expect(b.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(a.body == b.body)
            #expect(try await api.get("/v1/checkout/sessions/list").data.count == 2)
        }
    }
}
