import Foundation
import Testing
@testable import TillCore

/// The compact product list behaves like the `[Product]` it replaced.
@Suite("Catalog items")
struct CatalogItemsTests {
    static func product(_ id: String, _ name: String, description: String? = nil, active: Bool = true,
                        created: Double = 1_700_000_000, metadata: [String: String] = [:]) -> Product {
        Product(id: id, name: name, description: description, active: active,
                created: Date(timeIntervalSince1970: created), metadata: metadata)
    }

    static let sample = [
        product("prod_tea", "Tea"),
        product("prod_抹茶", "抹茶ラテ ☕", description: "", active: false, created: 1_700_000_123.25),
        product("prod_" + String(repeating: "x", count: 300), "Crème brûlée", description: String(repeating: "é", count: 200),
                metadata: ["sku": "A-1", "colour": "ochre", "": "empty key"]),
        product("prod_empty", "", description: "Nameless"),
    ]

    @Test("each product comes back whole and in order")
    func roundTrip() {
        let items = CatalogItems(Self.sample)
        #expect(items.count == 4)
        #expect(Array(items) == Self.sample)
        #expect(items[2] == Self.sample[2])
        #expect(items.id(at: 1) == "prod_抹茶")
        #expect(items.hasId("prod_tea", at: 0))
        #expect(!items.hasId("prod_te", at: 0))
        #expect(items.firstIndex(ofId: "prod_empty") == 3)
        #expect(items.firstIndex(ofId: "prod_none") == nil)
        #expect(!items.isActive(at: 1) && items.isActive(at: 0))
    }

    @Test("reads and writes like an array: append, insert at the top, replace, remove")
    func editsLikeAnArray() {
        var items = CatalogItems(Self.sample)
        var array = Self.sample
        let new = Self.product("prod_new", "New", description: "just made", metadata: ["k": "v"])
        items.insert(new, at: 0)
        array.insert(new, at: 0)
        items[2] = Self.product("prod_抹茶", "Matcha", active: true)
        array[2] = Self.product("prod_抹茶", "Matcha", active: true)
        items.append(contentsOf: [Self.product("prod_old", "Old")])
        array.append(contentsOf: [Self.product("prod_old", "Old")])
        items.remove(at: 1)
        array.remove(at: 1)
        #expect(Array(items) == array)
        #expect(items == CatalogItems(array))
        items.removeAll()
        #expect(items.isEmpty && items == [])
    }

    @Test("many replacements are reclaimed without losing a product", arguments: [10, 3_000])
    func compaction(count: Int) {
        var array = (0..<count).map { Self.product("prod_\($0)", "Product \($0)", description: "the \($0)th") }
        var items = CatalogItems(array)
        for round in 0..<4 {
            for i in stride(from: round, to: count, by: 2) {
                array[i].name += " again"
                items[i] = array[i]
            }
        }
        #expect(Array(items) == array)
        let grown = items.footprint
        items.shrinkToFit()
        #expect(Array(items) == array)
        #expect(items.footprint <= grown)
    }

    @Test("equal when they hold equal products in order, however they were stored")
    func equality() {
        var built = CatalogItems([Self.product("prod_x", "X")] + Self.sample)
        built.remove(at: 0)
        let literal = CatalogItems(Self.sample)
        #expect(built == literal)
        #expect(built.hashValue == literal.hashValue)
        #expect(built != CatalogItems(Self.sample.reversed()))
        #expect(built != CatalogItems(Self.sample.dropLast()))
        var renamed = Self.sample
        renamed[0].metadata = ["a": "b"]
        #expect(literal != CatalogItems(renamed))
        // The same text in another Unicode normalisation is the same string, as in a `[Product]`.
        let composed = Self.product("prod_c", "Cr\u{E8}me")
        let decomposed = Self.product("prod_c", "Cre\u{300}me")
        #expect(CatalogItems([composed]) == CatalogItems([decomposed]))
    }

    @Test("the search index folded from the items' bytes is the one folded from the products")
    func searchIndexFromBytes() {
        let prices: CatalogPrices = ["prod_tea": [Price(id: "price_1", productId: "prod_tea", currency: .gbp, unitAmount: 250,
                                                        nickname: "Grande ÉTÉ", created: Date(timeIntervalSince1970: 0),
                                                        lookupKey: "5000112548167")]]
        #expect(SearchIndex(CatalogItems(Self.sample), prices: prices) == SearchIndex(Self.sample, prices: prices))
        #expect(SearchIndex(CatalogItems(Self.sample), prices: prices).actives == [true, false, true, true])
    }
}
