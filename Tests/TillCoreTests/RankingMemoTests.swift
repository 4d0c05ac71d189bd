import Foundation
import Testing
@testable import TillCore

/// The memo keeps results compactly (packed tiers or the keys) and gives back what a fresh
/// ranking gives.
@Suite("Ranking memo")
struct RankingMemoTests {
    @Test("packed tiers come back as they went in", arguments: [0, 1, 20, 21, 22, 42, 1_000])
    func packedTiers(count: Int) {
        let values: [UInt8] = [0, 1, 2, 3, 4, UInt8.max]
        let tiers = (0..<count).map { values[($0 * 7 + $0 / 5) % values.count] }
        let packed = RankingMemo.PackedTiers(tiers)
        #expect(packed.unpacked() == tiers)
        #expect(packed.words.count == (count + 20) / 21)
    }

    @Test("a remembered result, kept as tiers or as keys, is what a fresh ranking returns, with recent changing between")
    func hitsAfterBackspace() {
        let (products, prices) = RankingTests.mixedCatalog()
        let index = SearchIndex(products, prices: prices)
        func fresh(_ query: String, _ recent: [Int]) -> [Int] { SearchIndex(products, prices: prices).ranked(query, recent: recent) }
        func lastPass() -> [UInt8]? { index.memo.with { $0.last?.needle } }
        let a = [7, 3, 120], b = [3]

        // Typing a word: broad results are kept as tiers, narrow ones as keys.
        for query in ["l", "la", "lat", "latte", "latte s"] {
            #expect(index.ranked(query, recent: a) == fresh(query, a), "\(query)")
        }
        let forms = index.memo.resultsKeptAsTiers
        #expect(forms.contains(true) && forms.contains(false), "\(forms)")

        // Other recent products: not the remembered results, ranked afresh (7 remembered now, of 8).
        #expect(index.ranked("la", recent: b) == fresh("la", b))
        #expect(index.ranked("lat", recent: b) == fresh("lat", b))
        #expect(lastPass() == SearchIndex.fold("lat"))

        // Deleting back with the first recent list: remembered (no pass runs), the same lists.
        for query in ["latte s", "latte", "la", "l"] {
            #expect(index.ranked(query, recent: a) == fresh(query, a), "\(query)")
            #expect(lastPass() == SearchIndex.fold("lat"), "\(query) was not remembered")
        }
        #expect(index.ranked("la", recent: b) == fresh("la", b))
        #expect(index.ranked("l", recent: []) == fresh("l", []))
    }

    @Test("a broad result at 10,000 keys is kept as tiers in under 4 KB")
    func broadResultIsSmall() {
        let products = (0..<10_000).map { product("p\($0)", "Item \($0 % 97) latte") }
        let index = SearchIndex(products)
        let ranked = index.ranked("latte")
        #expect(ranked.count == 10_000)
        #expect(index.memo.resultsKeptAsTiers == [true])
        let words = index.memo.with { memo in
            memo.results.first.map { result -> Int in
                if case .tiers(let tiers) = result.stored { tiers.words.count } else { 0 }
            }
        }
        #expect(words.map { $0 * 8 } ?? .max < 4_096)
        #expect(index.ranked("latte") == ranked)
    }
}
