import Foundation
import Testing
import TillCore
@testable import WooshPay
import WooshPaySandbox

/// Paging over many objects, and exactly-once creation while the sandbox injects faults.
@Suite struct SandboxVolumeTests {
    @Test func pagingOverTwoHundredFiftyProducts() async throws {
        try await withSandbox { client, _ in
            var created: [String] = []
            for index in 0..<250 {
                created.append(try await client.createProduct(ProductDraft(name: "P\(index)")).id)
            }
            let newestFirst = Array(created.reversed())
            var streamed: [String] = []
            for try await product in client.allProducts() { streamed.append(product.id) }
            #expect(streamed == newestFirst)
            #expect(try await client.allProducts(pageSize: 7).collect().map(\.id) == newestFirst)
            let firstPage = try await client.listProducts(limit: 100)
            #expect(firstPage.items.count == 100)
            #expect(firstPage.hasMore)
            #expect(try await client.listProducts(limit: 100, startingAfter: created[50]).items.count == 50)
        }
    }

    @Test func exactlyOnceUnderFaults() async throws {
        let sleeps = SleepRecorder()
        try await withSandbox(SandboxConfiguration(failRate: 0.3, seed: 20_261_125), sleeps: sleeps) { client, _ in
            var names: Set<String> = []
            var firstProduct: String? = nil
            for index in 0..<200 {
                let key = UUID().uuidString
                let name = "Fault product \(index)"
                let product = try await persist { () async throws(APIFailure) in
                    try await client.createProduct(ProductDraft(name: name), idempotencyKey: key)
                }
                #expect(product.name == name)
                names.insert(name)
                if firstProduct == nil { firstProduct = product.id }
            }
            let price = try await persist { () async throws(APIFailure) in
                try await client.createPrice(PriceDraft(product: .existing(id: firstProduct!),
                                                        amount: Money(minorUnits: 500, currency: .gbp)),
                                             idempotencyKey: "price-key")
            }
            var sessionIds: Set<String> = []
            for index in 0..<50 {
                let key = UUID().uuidString
                let request = CheckoutSessionRequest(
                    items: [.price(id: price.id, quantity: 1 + index % 3)],
                    successURL: "https://s.example/ok", cancelURL: "https://s.example/no",
                    clientReferenceId: "order-\(index)")
                let session = try await persist { () async throws(APIFailure) in
                    try await client.createCheckoutSession(request, idempotencyKey: key)
                }
                sessionIds.insert(session.id)
            }
            let products = try await persist { () async throws(APIFailure) in try await client.allProducts().collect() }
            let sessions = try await persist { () async throws(APIFailure) in try await client.allCheckoutSessions().collect() }
            #expect(products.count == 200)
            #expect(Set(products.map(\.name)) == names)
            #expect(Set(products.map(\.id)).count == products.count)
            #expect(sessions.count == 50)
            #expect(Set(sessions.map(\.id)) == sessionIds)
            #expect(Set(sessions.compactMap(\.clientReferenceId)).count == 50)
        }
        // Faults were really injected and retried.
        #expect(sleeps.sleeps.count > 20)
    }
}
