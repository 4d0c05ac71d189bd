import Foundation
import Testing
import WooshPaySandbox

@Suite("Prices")
struct PricesTests {
    @Test func createWithExistingProduct() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let product = try await api.product().id
            let price = try await api.post("/v1/prices", [
                "product": product, "currency": "gbp", "unit_amount": 500, "nickname": "Cup", "lookup_key": "cup",
                "metadata": ["size": "small"],
            ])
            #expect(price.status == 200)
            #expect(price.id.hasPrefix("price_") && price.id.count == 6 + 19)
            #expect(price["object"] as? String == "price")
            #expect(price["currency"] as? String == "GBP")
            #expect(price["unit_amount"] as? Int == 500)
            #expect(price["product"] as? String == product)
            #expect(price["type"] as? String == "one_time")
            #expect(price["nickname"] as? String == "Cup")
            #expect(price["lookup_key"] as? String == "cup")
            #expect(price["active"] as? Bool == true)
            let fetched = try await api.get("/v1/prices/\(price.id)")
            #expect(fetched.body == price.body)
        }
    }

    @Test func inlineProductIsCreatedWithThePrice() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let price = try await api.post("/v1/prices", [
                "currency": "JPY", "unit_amount": 1000, "product_data": ["name": "Matcha", "description": "Powder"],
            ])
            #expect(price.status == 200)
            let productID = try #require(price["product"] as? String)
            let product = try await api.get("/v1/products/\(productID)")
            #expect(product["name"] as? String == "Matcha")
            #expect(product["description"] as? String == "Powder")
        }
    }

    @Test func refusedPriceLeavesNoInlineProduct() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let reply = try await api.post("/v1/prices", ["currency": "XXX1", "unit_amount": 5, "product_data": ["name": "Ghost"]])
            #expect(reply.status == 400 && reply.errorParam == "currency")
            let bad = try await api.post("/v1/prices", ["currency": "GBP", "unit_amount": -1, "product_data": ["name": "Ghost"]])
            #expect(bad.status == 400 && bad.errorParam == "unit_amount")
            #expect(try await api.get("/v1/products").data.isEmpty)
        }
    }

    @Test func validationErrorsNameTheirParam() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let product = try await api.product().id
            let archived = try await api.product("Old").id
            _ = try await api.post("/v1/products/\(archived)", ["active": false])
            let cases: [([String: Any], String)] = [
                (["product": product, "unit_amount": 5], "currency"),
                (["product": product, "currency": "ZZZ", "unit_amount": 5], "currency"),
                (["product": product, "currency": "GBP"], "unit_amount"),
                (["product": product, "currency": "GBP", "unit_amount": -5], "unit_amount"),
                (["product": product, "currency": "GBP", "unit_amount": 1.5], "unit_amount"),
                (["product": product, "currency": "GBP", "unit_amount": 100_000_000_000], "unit_amount"),
                (["product": product, "currency": "GBP", "unit_amount": "abc"], "unit_amount"),
                (["currency": "GBP", "unit_amount": 5], "product"),
                (["product": product, "product_data": ["name": "X"], "currency": "GBP", "unit_amount": 5], "product_data"),
                (["product": archived, "currency": "GBP", "unit_amount": 5], "product"),
                (["product_data": ["name": ""], "currency": "GBP", "unit_amount": 5], "product_data[name]"),
                (["product": product, "currency": "GBP", "unit_amount": 5, "lookup_key": String(repeating: "k", count: 201)], "lookup_key"),
            ]
            for (body, param) in cases {
                let reply = try await api.post("/v1/prices", body)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.errorType == "invalid_request_error")
                #expect(reply.errorParam == param, "\(body)")
            }
            #expect(try await api.post("/v1/prices", ["product": product, "currency": "GBP", "unit_amount": 99_999_999_999]).status == 200)
            #expect(try await api.post("/v1/prices", ["product": product, "currency": "GBP", "unit_amount": 0]).status == 200)
            let missing = try await api.post("/v1/prices", ["product": "prod_1111111111111111111", "currency": "GBP", "unit_amount": 5])
            #expect(missing.status == 404 && missing.errorCode == "resource_missing" && missing.errorParam == "product")
        }
    }

    @Test func updateChangesOnlyTheMutableFields() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let product = try await api.product().id
            let price = try await api.price(product: product, amount: 250).id
            let updated = try await api.post("/v1/prices/\(price)", [
                "active": false, "nickname": "Old cup", "lookup_key": "old", "metadata": ["a": "b"],
                "unit_amount": 999, "currency": "USD",
            ])
            #expect(updated.status == 200)
            #expect(updated["active"] as? Bool == false)
            #expect(updated["nickname"] as? String == "Old cup")
            #expect(updated["lookup_key"] as? String == "old")
            #expect((updated["metadata"] as? [String: String]) == ["a": "b"])
            #expect(updated["unit_amount"] as? Int == 250)
            #expect(updated["currency"] as? String == "GBP")
            #expect(try await api.post("/v1/prices/price_1111111111111111111", ["active": true]).status == 404)
            #expect(try await api.get("/v1/prices/price_1111111111111111111").status == 404)
        }
    }

    @Test func listFiltersByProductAndActive() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let tea = try await api.product("Tea").id
            let cake = try await api.product("Cake").id
            let p1 = try await api.price(product: tea).id
            let p2 = try await api.price(product: cake).id
            let p3 = try await api.price(product: tea, amount: 700).id
            _ = try await api.post("/v1/prices/\(p1)", ["active": false])
            #expect(try await api.get("/v1/prices").data.map { $0["id"] as? String } == [p3, p2, p1])
            #expect(try await api.get("/v1/prices?product=\(tea)").data.map { $0["id"] as? String } == [p3, p1])
            #expect(try await api.get("/v1/prices?product=\(tea)&active=true").data.map { $0["id"] as? String } == [p3])
            #expect(try await api.get("/v1/prices?limit=2").hasMore == true)
        }
    }
}
