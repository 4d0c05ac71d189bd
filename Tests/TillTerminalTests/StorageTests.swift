import Foundation
import Testing
import TillCore
import TillStore
@testable import TillTerminal

@Suite("Storage: drafts in the shop store, catalog cache, clipboard")
struct StorageTests {
    @Test func draftsRoundTripPrivately() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data/shop.sqlite")
        let store = ShopScope(store: try SQLiteShopStore(path: file.path), account: "a", till: "t-1",
                              defaults: DraftDefaults(successURL: "http://127.0.0.1/ok", cancelURL: "http://127.0.0.1/no"))
        #expect(try store.loadDraft() == nil)
        var cart = Cart()
        try cart.add(CartLine(item: .oneOff(name: "Gift wrap"), unitAmount: Money(minorUnits: 125, currency: .gbp), quantity: 2))
        let draft = CheckoutDraft(cart: cart, successURL: "http://127.0.0.1/ok", cancelURL: "http://127.0.0.1/no",
                                  idempotencyKey: "key-1")
        try store.saveDraft(draft)
        #expect(try store.loadDraft() == draft)
        #expect(try permissions(file) == 0o600)
    }

    @Test func catalogCacheKeepsOrderPerAccount() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cache/till/catalog.sqlite").path
        let products: [Product] = (0..<250).map { (i: Int) -> Product in
            let description: String? = i % 2 == 0 ? nil : "desc \(i)"
            let metadata: [String: String] = i == 7 ? ["k": "v"] : [:]
            let created = Date(timeIntervalSince1970: Double(1_700_000_000 - i))
            return Product(id: "prod_\(i)", name: "Product \(i) 茶", description: description,
                           active: i % 3 != 0, created: created, metadata: metadata)
        }
        let a = try CatalogCache(path: path, account: "a")
        try await a.save(products)
        let b = try CatalogCache(path: path, account: "b")
        try await b.save(Array(products.prefix(3)))
        #expect(try await Array(a.load()) == products)
        #expect(try await Array(b.load()) == Array(products.prefix(3)))
        try await a.save(Array(products.suffix(2)))
        #expect(try await Array(a.load()) == Array(products.suffix(2)))
        #expect(try await CatalogCache(path: path, account: "c").load().isEmpty)
        #expect(try permissions(URL(fileURLWithPath: path)) == 0o600)
    }

    @Test func osc52CarriesBase64Text() {
        let bytes = Clipboard.osc52("https://x.test/pay/cs_1")
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{1B}]52;c;aHR0cHM6Ly94LnRlc3QvcGF5L2NzXzE=\u{07}")
    }
}
