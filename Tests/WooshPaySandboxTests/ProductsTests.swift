import Foundation
import Testing
import WooshPaySandbox

@Suite("Products")
struct ProductsTests {
    @Test func createRetrieveUpdateArchive() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let created = try await api.product("Green tea", extra: [
                "description": "Loose leaf", "metadata": ["sku": "T-1"], "url": "https://example.com/tea",
                "images": ["https://example.com/tea.png"], "surprise": 1,
            ])
            #expect(created.status == 200)
            #expect(created.headers.first(name: "Request-Id")?.hasPrefix("req_") == true)
            let id = created.id
            #expect(id.hasPrefix("prod_") && id.count == 5 + 19 && id.dropFirst(5).allSatisfy(\.isNumber))
            #expect(created["object"] as? String == "product")
            #expect(created["name"] as? String == "Green tea")
            #expect(created["description"] as? String == "Loose leaf")
            #expect(created["active"] as? Bool == true)
            #expect(created["livemode"] as? Bool == false)
            #expect((created["metadata"] as? [String: String]) == ["sku": "T-1"])
            #expect((created["images"] as? [String]) == ["https://example.com/tea.png"])
            let createdAt = try #require(created["created"] as? Int64)
            #expect(createdAt > 100_000_000_000) // milliseconds

            let fetched = try await api.get("/v1/products/\(id)")
            #expect(fetched.status == 200)
            #expect(fetched.body == created.body)

            let renamed = try await api.post("/v1/products/\(id)", ["name": "Sencha", "metadata": ["origin": "JP"]])
            #expect(renamed.status == 200)
            #expect(renamed["name"] as? String == "Sencha")
            #expect(renamed["description"] as? String == "Loose leaf")
            #expect((renamed["metadata"] as? [String: String]) == ["sku": "T-1", "origin": "JP"])

            let trimmed = try await api.post("/v1/products/\(id)", ["metadata": ["sku": ""], "description": NSNull()])
            #expect((trimmed["metadata"] as? [String: String]) == ["origin": "JP"])
            #expect(trimmed["description"] is NSNull)

            let archived = try await api.post("/v1/products/\(id)", ["active": false])
            #expect(archived["active"] as? Bool == false)
            #expect(archived["name"] as? String == "Sencha")
        }
    }

    @Test func listFiltersByActive() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let a = try await api.product("A").id
            let b = try await api.product("B").id
            _ = try await api.post("/v1/products/\(a)", ["active": false])
            let all = try await api.get("/v1/products")
            #expect(all.data.map { $0["id"] as? String } == [b, a])
            #expect(all["object"] as? String == "list")
            #expect(all.hasMore == false)
            let active = try await api.get("/v1/products?active=true")
            #expect(active.data.map { $0["id"] as? String } == [b])
            let inactive = try await api.get("/v1/products?active=false")
            #expect(inactive.data.map { $0["id"] as? String } == [a])
            let bad = try await api.get("/v1/products?active=maybe")
            #expect(bad.status == 400 && bad.errorParam == "active")
        }
    }

    @Test func nameRules() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            for body: [String: Any] in [[:], ["name": ""], ["name": "   "], ["name": String(repeating: "x", count: 251)], ["name": 5]] {
                let reply = try await api.post("/v1/products", body)
                #expect(reply.status == 400)
                #expect(reply.errorType == "invalid_request_error")
                #expect(reply.errorParam == "name")
                #expect(reply.error["message"] is String)
            }
            #expect(try await api.product(String(repeating: "x", count: 250)).status == 200)
            let id = try await api.product("Tea").id
            let emptied = try await api.post("/v1/products/\(id)", ["name": ""])
            #expect(emptied.status == 400 && emptied.errorParam == "name")
        }
    }

    @Test func concurrentWritesAllLand() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for n in 0..<40 { group.addTask { try await api.product("P\(n)").id } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 40)
            let listed = try await api.get("/v1/products?limit=100").data.compactMap { $0["id"] as? String }
            #expect(Set(listed) == ids)
        }
    }

    @Test func unknownIdIs404() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            for reply in [try await api.get("/v1/products/prod_1234567890123456789"),
                          try await api.post("/v1/products/prod_1234567890123456789", ["name": "x"])] {
                #expect(reply.status == 404)
                #expect(reply.errorCode == "resource_missing")
                #expect(reply.errorType == "invalid_request_error")
            }
        }
    }
}
