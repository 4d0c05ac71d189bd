import Foundation
import Testing
import WooshPaySandbox

@Suite("Auth, accounts and envelopes")
struct AuthTests {
    @Test func missingOrMalformedKeysAre401() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL, key: nil)
            let tooShort = "sk_test_" + "abc1"
            let badChars = "sk_test_" + "abcd-efgh-ijkl"
            let wrongPrefix = "pk_test_" + "abcdefghijkl"
            for authorization in [nil, basicAuth(tooShort), basicAuth(badChars), basicAuth(wrongPrefix), "Basic !!!", "Token x"] {
                let reply = try await api.send(.GET, "/v1/products", authorization: authorization)
                #expect(reply.status == 401)
                #expect(reply.errorType == "invalid_request_error")
                #expect(reply.headers.first(name: "Request-Id") != nil)
            }
        }
    }

    @Test func liveKeysAreRefusedWithoutEchoingThem() async throws {
        try await withSandbox { sandbox in
            let live = "sk_live_" + freshKey().dropFirst(8)
            let reply = try await API(base: sandbox.baseURL, key: live).get("/v1/products")
            #expect(reply.status == 401)
            let message = try #require(reply.error["message"] as? String)
            #expect(message.contains("test keys only"))
            #expect(!reply.text.contains(live))
        }
    }

    @Test func bearerAuthWorksToo() async throws {
        try await withSandbox { sandbox in
            let key = freshKey()
            let reply = try await API(base: sandbox.baseURL, key: nil).send(.GET, "/v1/products", authorization: "Bearer \(key)")
            #expect(reply.status == 200)
        }
    }

    @Test func accountsAreIsolated() async throws {
        try await withSandbox { sandbox in
            let alice = API(base: sandbox.baseURL)
            let bob = API(base: sandbox.baseURL)
            let product = try await alice.product("Alice's tea").id
            let price = try await alice.price(product: product).id
            let session = try await alice.session(lineItems: [["price": price, "quantity": 1]]).id
            #expect(try await bob.get("/v1/products/\(product)").status == 404)
            #expect(try await bob.post("/v1/products/\(product)", ["name": "Stolen"]).status == 404)
            #expect(try await bob.get("/v1/prices/\(price)").status == 404)
            #expect(try await bob.price(product: product).status == 404)
            #expect(try await bob.session(lineItems: [["price": price, "quantity": 1]]).status == 404)
            #expect(try await bob.get("/v1/checkout/sessions/\(session)").status == 404)
            #expect(try await bob.post("/v1/checkout/sessions/\(session)/expire").status == 404)
            #expect(try await bob.get("/v1/checkout/sessions/\(session)/line_items").status == 404)
            #expect(try await bob.get("/v1/products").data.isEmpty)
            #expect(try await bob.get("/v1/prices").data.isEmpty)
            #expect(try await bob.get("/v1/checkout/sessions/list").data.isEmpty)
            #expect(try await alice.get("/v1/products").data.count == 1)
            // Alice's cursor means nothing to Bob.
            #expect(try await bob.get("/v1/products?starting_after=\(product)").status == 404)
        }
    }

    @Test func unknownRoutesGetTheEnvelope() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            for reply in [try await api.get("/v1/customers"), try await api.send(.DELETE, "/v1/products/prod_1"),
                          try await api.send(.PUT, "/v1/products")] {
                #expect(reply.status == 404 || reply.status == 405)
                #expect(reply.errorType == "invalid_request_error")
                #expect(reply.headers.first(name: "Request-Id") != nil)
            }
        }
    }

    @Test func malformedJSONIs400() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let deep = String(repeating: "[", count: 200_000)
            let deepObject = String(repeating: "{\"name\":", count: 50_000)
            for raw in ["{", "[1,2]", "\"text\"", "{\"name\": }", "nul", deep, deepObject, "{\"name\":\"a\",\"n\":1e400}"] {
                let reply = try await api.send(.POST, "/v1/products", raw: Data(raw.utf8))
                #expect(reply.status == 400)
                #expect(reply.errorType == "invalid_request_error")
            }
            #expect(try await api.get("/v1/products").data.isEmpty)
        }
    }

    @Test func bodiesOverOneMebibyteAre413() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let big = "{\"name\":\"" + String(repeating: "x", count: 1 << 20) + "\"}"
            let reply = try await api.send(.POST, "/v1/products", raw: Data(big.utf8))
            #expect(reply.status == 413)
            #expect(reply.errorType == "invalid_request_error")
            // The server is still fine afterwards.
            #expect(try await api.product().status == 200)
        }
    }

    @Test func requestIdsDiffer() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let a = try await api.get("/v1/products").headers.first(name: "Request-Id")
            let b = try await api.get("/v1/products").headers.first(name: "Request-Id")
            #expect(a != nil && a != b)
        }
    }
}
