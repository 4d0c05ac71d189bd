import Foundation
import Testing
@testable import TillCore

@Suite("Ranked search")
struct RankingTests {
    let products = [
        product("p0", "Oat latte"),            // word prefix "lat"
        product("p1", "Latte"),                // exact "latte", prefix "lat"
        product("p2", "Chocolatier's slab"),   // substring "lat"
        product("p3", "Latte macchiato"),      // prefix "lat"
        product("p4", "Lemon tart", description: "Tangy"), // fuzzy "lat" (l…a…t)
        product("p5", "Flat white"),           // substring "lat"
        product("p6", "Scone", description: "with clotted cream"),  // "lat"? no
    ]

    @Test("exact name, then name prefix, then word prefix, then substring, then fuzzy; ties by name")
    func tiers() {
        let index = SearchIndex(products)
        let names = index.ranked("latte").map { products[$0].name }
        #expect(names == ["Latte", "Latte macchiato", "Oat latte", "Flat white"])
        let lat = index.ranked("lat").map { products[$0].name }
        #expect(lat == ["Latte", "Latte macchiato", "Oat latte", "Chocolatier's slab", "Flat white", "Lemon tart"])
        #expect(index.tier(of: 1, for: "LATTE") == .exact)
        #expect(index.tier(of: 3, for: "latte") == .namePrefix)
        #expect(index.tier(of: 0, for: "lat") == .wordPrefix)
        #expect(index.tier(of: 5, for: "lat") == .substring)
        #expect(index.tier(of: 4, for: "lat") == .fuzzy)
        #expect(index.tier(of: 6, for: "lat") == nil)
    }

    @Test("recently used products come first among equals, most recent first")
    func recentFirst() {
        let index = SearchIndex(products)
        let ranked = index.ranked("lat", recent: [5, 3, 2]).map { products[$0].name }
        // Tiers still come first; within one, the recent ones lead (Latte macchiato before Latte).
        #expect(ranked == ["Latte macchiato", "Latte", "Oat latte", "Flat white", "Chocolatier's slab", "Lemon tart"])
    }

    @Test("case and accents are ignored, fuzzy only within the name")
    func folding() {
        let items = [product("a", "Crème brûlée"), product("b", "Cake", description: "rm bru")]
        let index = SearchIndex(items)
        #expect(index.ranked("CREME BRU") == [0])
        #expect(index.tier(of: 0, for: "crmbrl") == .fuzzy)
        #expect(index.tier(of: 1, for: "crmbrl") == nil)
    }

    @Test("price nicknames and SKUs are searched; a SKU typed whole ranks as exact")
    func pricesSearched() {
        let items = [product("a", "Coffee"), product("b", "Cola")]
        var sku = price("price_9", product: "b", 150, nickname: "Can 330")
        sku.lookupKey = "5000112548167"
        let index = SearchIndex(items, prices: ["b": [sku]])
        #expect(index.ranked("5000112548167") == [1])
        #expect(index.tier(of: 1, for: "5000112548167") == .exact)
        #expect(index.tier(of: 1, for: "500011") == .substring)
        #expect(index.ranked("can 3") == [1])
    }

    @Test("narrowing from earlier matches gives what a full search gives")
    func narrowing() {
        let index = SearchIndex(products)
        let first = index.ranked("la")
        for query in ["lat", "latt", "latte"] {
            #expect(index.ranked(query, among: first) == index.ranked(query))
        }
    }

    @Test("a changed index ranks its new names (the name order is rebuilt)")
    func nameOrderFollowsChanges() {
        var index = SearchIndex(products)
        _ = index.ranked("lat")
        index.prepend(product("new", "Lat"))
        #expect(index.ranked("lat").first == 0)
        let copy = index
        #expect(copy == index)
    }
}
