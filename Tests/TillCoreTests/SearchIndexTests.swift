import Foundation
import Testing
@testable import TillCore

@Suite("Catalog search")
struct SearchIndexTests {
    /// The keys holding `query` itself (every tier but fuzzy), ascending.
    func substringMatches(_ index: SearchIndex, _ query: String) -> [Int] {
        index.ranked(query).filter { index.tier(of: $0, for: query) != .fuzzy }.sorted()
    }

    let products = [
        product("prod_100", "Crème Brûlée", description: "Vanilla custard"),
        product("prod_200", "COFFEE", description: nil),
        product("prod_300", "Tea", description: "Earl Grey"),
        product("prod_400", "Straße", description: "Café"),
    ]

    @Test func folding() {
        #expect(SearchIndex.fold("Crème BRÛLÉE") == Array("creme brulee".utf8))
        #expect(SearchIndex.fold("ABC xyz 123") == Array("abc xyz 123".utf8))
        #expect(SearchIndex.fold("Ünïcode") == Array("unicode".utf8))
    }

    @Test("Case- and diacritic-insensitive substring of name, description or id", arguments: [
        ("", [0, 1, 2, 3]),
        ("creme", [0]), ("CRÈME", [0]), ("brulee", [0]), ("Custard", [0]),
        ("coffee", [1]), ("cafe", [3]), ("CAFÉ", [3]),
        ("prod_", [0, 1, 2, 3]), ("prod_3", [2]), ("00", [0, 1, 2, 3]),
        ("grey", [2]), ("e", [0, 1, 2, 3]), ("zzz", []),
        ("teaearl", []),          // never across fields
        ("greyprod", []),
        ("stra", [3]),
    ])
    func matches(query: String, expected: [Int]) {
        let index = SearchIndex(products)
        #expect(substringMatches(index, query) == expected)
    }

    @Test func prependAndReplaceKeepKeysAligned() {
        var index = SearchIndex(Array(products.dropFirst()))
        index.prepend(products[0])
        #expect(index == SearchIndex(products))
        index.replace(at: 1, with: product("prod_200", "Espresso"))
        #expect(substringMatches(index, "coffee") == [])
        #expect(substringMatches(index, "espresso") == [1])
        #expect(substringMatches(index, "earl") == [2])
        #expect(index.count == 4)
    }

    @Test("Narrowing: more typing can only search what matched before", arguments: [
        ("", "a", true), ("cr", "cre", true), ("cre", "scre", true), ("cre", "cr", false),
        ("crè", "CREME", true), ("ab", "xaby", true), ("ab", "ba", false),
    ])
    func narrowing(old: String, new: String, expected: Bool) {
        #expect(SearchIndex.contains(SearchIndex.fold(new), SearchIndex.fold(old)) == expected)
    }

    @Test func longKeysAndMatchesNearBufferEnds() {
        let long = String(repeating: "a", count: 37) + "needle"
        let index = SearchIndex([product("x", "needle"), product("y", long), product("z", "b")])
        #expect(substringMatches(index, "needle") == [0, 1])
        #expect(substringMatches(index, "z") == [2])
        #expect(substringMatches(index, "aaaaaaaaan") == [1])
        #expect(substringMatches(index, String(repeating: "a", count: 38)) == [])
    }
}
