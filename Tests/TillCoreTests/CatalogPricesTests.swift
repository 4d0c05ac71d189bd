import Foundation
import Testing
@testable import TillCore

/// The compact price book behaves like the `[String: [Price]]` it replaced.
@Suite("Catalog prices")
struct CatalogPricesTests {
    static func price(_ id: String, _ product: String, _ amount: Int64, currency: Currency = .gbp,
                      nickname: String? = nil, code: String? = nil, created: Double = 1_700_000_000) -> Price {
        Price(id: id, productId: product, currency: currency, unitAmount: amount, nickname: nickname,
              created: Date(timeIntervalSince1970: created), lookupKey: code)
    }

    @Test("each product's prices come back whole and in order; others read nil")
    func roundTrip() {
        let small = Self.price("price_s", "prod_tea", 250, nickname: "Small")
        let large = Self.price("price_l", "prod_tea", 390, currency: .eur, nickname: "Grande ☕", code: "5000112548167")
        let yen = Self.price("price_y", "prod_抹茶", 480, currency: .jpy, created: 1_700_000_123.25)
        var book = CatalogPrices()
        book["prod_tea"] = [small, large]
        book.append(yen)
        #expect(book["prod_tea"] == [small, large])
        #expect(book["prod_抹茶"] == [yen])
        #expect(book["prod_none"] == nil)
        #expect(book.count == 2)
        #expect(book.priceCount(of: "prod_tea") == 2)
        #expect(book.priceCount(of: "prod_none") == 0)
        #expect(book.contains(priceId: "price_l", of: "prod_tea"))
        #expect(!book.contains(priceId: "price_y", of: "prod_tea"))
        #expect(book.pricesWithLookupKeys() == [large])
        var labels: [String?] = []
        book.forEachLabel(of: "prod_tea") { nickname, code in labels += [nickname, code] }
        #expect(labels == ["Small", nil, "Grande ☕", "5000112548167"])
    }

    @Test("replacing and removing a product's prices leaves the others as they were")
    func replaceAndRemove() {
        let a = Self.price("price_a", "prod_a", 100)
        let b = Self.price("price_b", "prod_b", 200)
        let c = Self.price("price_c", "prod_a", 300)
        var book: CatalogPrices = ["prod_a": [a], "prod_b": [b]]
        book["prod_a"] = [c, a]
        #expect(book["prod_a"] == [c, a])
        book["prod_b"] = []
        #expect(book["prod_b"] == nil)
        #expect(book.count == 1)
        #expect(book.productIds == ["prod_a"])
        book["prod_b"] = [b]
        #expect(book["prod_b"] == [b])
        #expect(book.count == 2)
    }

    @Test("equal when they hold the same prices, however they were built")
    func equality() {
        let a = Self.price("price_a", "prod_a", 100)
        let b = Self.price("price_b", "prod_b", 200)
        var built = CatalogPrices()
        built["prod_b"] = [Self.price("price_x", "prod_b", 1)]
        built["prod_a"] = [a]
        built["prod_b"] = [b]
        let literal: CatalogPrices = ["prod_a": [a], "prod_b": [b]]
        #expect(built == literal)
        #expect(built.hashValue == literal.hashValue)
        #expect(built != ["prod_a": [a]])
        #expect(built != ["prod_a": [a], "prod_b": [a]])
    }

    @Test("many replacements are reclaimed without losing a price", arguments: [10, 5_000])
    func compaction(products: Int) {
        var book = CatalogPrices()
        var expected: [String: [Price]] = [:]
        for round in 0..<3 {
            for n in 0..<products {
                let prices = (0...(n % 3)).map { Self.price("price_\(round)_\(n)_\($0)", "prod_\(n)", Int64(round * 1000 + n)) }
                book["prod_\(n)"] = prices
                expected["prod_\(n)"] = prices
            }
        }
        #expect(book.count == products)
        #expect(book == CatalogPrices(expected))
        for n in stride(from: 0, to: products, by: max(1, products / 50)) { #expect(book["prod_\(n)"] == expected["prod_\(n)"]) }
    }
}

extension CatalogPricesTests {
    @Test("shrinking to fit keeps every price and what is found by id")
    func shrink() {
        var book = CatalogPrices()
        for n in 0..<300 { book.append(Self.price("price_\(n)", "prod_\(n % 70)", Int64(n), code: n % 9 == 0 ? "code\(n)" : nil)) }
        let before = book
        book.shrinkToFit()
        #expect(book == before)
        #expect(book.footprint <= before.footprint)
        #expect(book["prod_3"] == before["prod_3"])
        #expect(book.contains(priceId: "price_73", of: "prod_3"))
        book.append(Self.price("price_new", "prod_3", 1))
        #expect(book["prod_3"]?.last?.id == "price_new")
    }
}

extension CatalogPricesTests {
    @Test("a price is a 24-byte record and a product a 16-byte group")
    func layout() {
        #expect(MemoryLayout<CatalogPrices.Record>.stride <= 24)
        #expect(MemoryLayout<CatalogPrices.Group>.stride <= 16)
    }

    static let amounts: [Int64] = [0, 1, -1, 99_999_999, 999_999_999_999, Int64(Int32.max), Int64(Int32.max) + 1,
                                   Int64(Int32.min), Int64(Int32.min) + 1, Int64(Int32.min) - 1, .max, .min]

    /// Created times: whole seconds, the API's milliseconds, before 1970, a `Date()`-like
    /// fraction, and the far ends.
    static let createds: [Date] = [
        Date(timeIntervalSince1970: 1_700_000_000), Date(timeIntervalSince1970: Double(1_665_642_282_123) / 1000),
        Date(timeIntervalSince1970: -86_400.5), Date(timeIntervalSinceReferenceDate: 786_543_210.123_456_7),
        .distantPast, .distantFuture, Date(timeIntervalSince1970: 0),
    ]

    @Test("every amount, created time and label comes back exactly, with and without nickname and lookup key")
    func extremesRoundTrip() {
        let long = String(repeating: "ü", count: 150)   // 300 bytes: a two-byte length
        let labels: [(String?, String?)] = [(nil, nil), ("Small", nil), (nil, "5000112548167"), ("", ""), (long, "sku-" + long)]
        var book = CatalogPrices()
        var expected: [String: [Price]] = [:]
        var n = 0
        for amount in Self.amounts {
            for created in Self.createds {
                let (nickname, code) = labels[n % labels.count]
                let id = n % 7 == 0 ? "price_" + long : "price_\(n)"
                var price = Price(id: id + "\(n)", productId: "prod_\(n % 13)", currency: n % 2 == 0 ? .gbp : .jpy,
                                  unitAmount: amount, nickname: nickname, active: n % 3 != 0, created: created, lookupKey: code)
                if n % 11 == 0 { price.productId = "prod_" + long }
                book.append(price)
                expected[price.productId, default: []].append(price)
                n += 1
            }
        }
        for (productId, prices) in expected {
            let read = book[productId]
            #expect(read == prices, "\(productId)")
            #expect(read?.map(\.unitAmount) == prices.map(\.unitAmount))
            #expect(read?.map(\.created) == prices.map(\.created))
            #expect(read?.map(\.nickname) == prices.map(\.nickname))
            #expect(read?.map(\.lookupKey) == prices.map(\.lookupKey))
        }
        #expect(book == CatalogPrices(expected))
        // An empty SKU is kept as empty, not found as a SKU.
        let withKeys = expected.values.joined().filter { ($0.lookupKey ?? "").isEmpty == false }
        #expect(Set(book.pricesWithLookupKeys()) == Set(withKeys))
        // Replaced many times over, the storage is rebuilt (side tables too) without a change.
        for round in 0..<3 {
            for product in 0..<2_000 { book["prod_x\(product)"] = [Self.price("price_\(round)_\(product)", "prod_x\(product)", 1)] }
        }
        for (productId, prices) in expected { #expect(book[productId] == prices, "\(productId) after compaction") }
    }

    @Test("a created time from the API is kept in milliseconds; one they cannot give back is kept whole")
    func createdMilliseconds() {
        #expect(CatalogPrices.milliseconds(Date(timeIntervalSince1970: 1_665_642_282)) == 1_665_642_282_000)
        #expect(CatalogPrices.milliseconds(Date(timeIntervalSince1970: Double(1_665_642_282_123) / 1000)) == 1_665_642_282_123)
        #expect(CatalogPrices.milliseconds(Date(timeIntervalSinceReferenceDate: 786_543_210.123_456_7)) == nil)
        #expect(CatalogPrices.milliseconds(Date(timeIntervalSince1970: .infinity)) == nil)
    }
}
