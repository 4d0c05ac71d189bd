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

    @Test("typing on, typing inside, deleting and retyping give what a fresh index gives")
    func memoisedPasses() {
        let index = SearchIndex(products)
        let steps = ["l", "la", "lat", "latt", "latte", "latt", "lat", "flat", "fl", "f", "oat l", "o", "oa", "oat", "e", "fltw", "zzz"]
        for query in steps {
            #expect(index.ranked(query) == SearchIndex(products).ranked(query), "\(query)")
        }
        for recent in [[2], [2, 0], []] {
            #expect(index.ranked("lat", recent: recent) == SearchIndex(products).ranked("lat", recent: recent))
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

    @Test("a new description keeps the name order, a rename sorts again, and a rebuilt index takes the order only when no name changed")
    func nameOrderAcrossChanges() {
        var changed = products
        var index = SearchIndex(products)
        _ = index.ranked("lat")
        changed[1] = product("p1", "Latte", description: "Now with oat milk")
        index.replace(at: 1, with: changed[1])
        #expect(index.memo.builtNameOrder != nil)   // kept, not sorted again
        #expect(index.ranked("lat") == SearchIndex(changed).ranked("lat"))
        changed[1] = product("p1", "Zesty latte")
        index.replace(at: 1, with: changed[1])
        #expect(index.memo.builtNameOrder == nil)   // a rename sorts again
        #expect(index.ranked("lat") == SearchIndex(changed).ranked("lat"))
        #expect(index.ranked("lat").last(where: { index.tier(of: $0, for: "lat") == .wordPrefix }) == 1)

        var rebuilt = SearchIndex(changed, prices: ["p2": [price("price_2", product: "p2", 250, nickname: "Slab")]])
        rebuilt.keepNameOrder(of: index)
        #expect(rebuilt.memo.builtNameOrder == index.memo.builtNameOrder && rebuilt.memo.builtNameOrder != nil)
        #expect(rebuilt.ranked("la") == SearchIndex(changed, prices: ["p2": [price("price_2", product: "p2", 250, nickname: "Slab")]]).ranked("la"))
        var renamed = changed
        renamed[0] = product("p0", "Aardvark latte")
        var other = SearchIndex(renamed)
        other.keepNameOrder(of: index)
        #expect(other.memo.builtNameOrder == nil)
        #expect(other.ranked("lat") == SearchIndex(renamed).ranked("lat"))
    }

    @Test("a product put in front takes its place in the kept name order: first, last, between, and tied with an equal name")
    func prependKeepsTheNameOrder() {
        var index = SearchIndex(products)
        var list = products
        _ = index.ranked("a")
        for (id, name) in [("n0", "Latte"), ("n1", "Aardvark latte"), ("n2", "Zesty latte"), ("n3", "Latte m"), ("n4", "")] {
            let made = product(id, name)
            index.prepend(made)
            list.insert(made, at: 0)
            let fresh = SearchIndex(list)
            _ = fresh.ranked("a")
            // Kept, not dropped to be sorted again, and the very order a sort makes.
            #expect(index.memo.builtNameOrder != nil, "after \(name)")
            #expect(index.memo.builtNameOrder == fresh.memo.builtNameOrder, "after \(name)")
            for query in ["lat", "a", "latte", "t"] {
                #expect(index.ranked(query) == fresh.ranked(query), "\(query) after \(name)")
            }
        }
    }

    /// A mixed catalog: ASCII, accented, CJK and emoji names, descriptions, SKUs and nicknames.
    static func mixedCatalog() -> (products: [Product], prices: [String: [Price]]) {
        let words = ["Latte", "Flat white", "Crème brûlée", "Café au lait", "抹茶ラテ", "☕ Mocha", "Oat", "la", "L", "Salad", "Plain bagel"]
        let sizes = ["small", "large", "iced", "", "double"]
        var products: [Product] = []
        var prices: [String: [Price]] = [:]
        for i in 0..<400 {
            let name = "\(words[i % words.count]) \(sizes[(i / 3) % sizes.count]) \(i % 17 == 0 ? "" : String(i))"
                .trimmingCharacters(in: .whitespaces)
            let id = "prod_\(1000 + i)"
            products.append(product(id, i % 23 == 0 ? words[i % words.count] : name,
                                    description: i % 3 == 0 ? nil : "Item \(i), \(sizes[i % sizes.count]) latte-ish"))
            if i % 5 == 0 {
                var sku = price("price_\(i)", product: id, 100 + Int64(i), nickname: i % 10 == 0 ? "Regular" : nil)
                sku.lookupKey = "40063813\(10000 + i)"
                prices[id] = [sku]
            }
        }
        return (products, prices)
    }

    @Test("the fast paths (masks, one letter, narrowing, remembered results) rank as key-by-key matching does")
    func fastPathsAgreeWithKeyByKeyMatching() {
        let (products, prices) = RankingTests.mixedCatalog()
        let index = SearchIndex(products, prices: prices)
        let names = products.map { SearchIndex.fold($0.name) }
        let recent = [7, 3, 120]
        func expected(_ query: String, recent: [Int]) -> [Int] {
            let matched = (0..<products.count).compactMap { key in index.tier(of: key, for: query).map { (key, $0) } }
            return matched.sorted { a, b in
                if a.1 != b.1 { return a.1.rawValue < b.1.rawValue }
                let ra = recent.firstIndex(of: a.0) ?? Int.max, rb = recent.firstIndex(of: b.0) ?? Int.max
                if ra != rb { return ra < rb }
                if names[a.0] != names[b.0] { return names[a.0].lexicographicallyPrecedes(names[b.0]) }
                return a.0 < b.0
            }.map(\.0)
        }
        let typed = ["l", "la", "lat", "latt", "latte", "latte ", "latte s", "latte", "lat", "la", "l", "",
                     "c", "ca", "caf", "café", "creme", "cr", "抹", "抹茶", "☕", "☕ m", "m", "mo", "moc",
                     "4006", "400638131000", "40063813", "prod_", "prod_11", "prod_1", "regular", "reg",
                     "fltw", "fw", "e", "ee", "1", "12", "123", "x", "z", "-", "-ish", " ", "la", "ala", "lla"]
        for query in typed {
            #expect(index.ranked(query) == (query.isEmpty ? Array(0..<products.count) : expected(query, recent: [])), "\(query)")
            #expect(index.ranked(query, recent: recent) == (query.isEmpty ? Array(0..<products.count) : expected(query, recent: recent)), "\(query)")
        }
    }
}
