import Foundation

/// What ranking keeps between keystrokes, so that typing and deleting cost little more than what
/// changed (fzf keeps a similar cache): the name order for ties, the last pass over the keys
/// (which the next, longer query narrows), and the last few results (which deleting returns to).
///
/// Everything in it is derived from the keys and the query, so an index behaves as a value:
/// a changed index gets an empty memo, and a hit gives what a fresh pass would.
final class RankingMemo: @unchecked Sendable {
    /// One pass of a query over every key.
    struct Pass {
        var needle: [UInt8]
        /// Per key, its `MatchTier` raw value, `UInt8.max` when it does not match.
        var tiers: [UInt8]
        /// Per key, where the text first occurs from the key's start (0 when it does not, or lies
        /// beyond 65,535 bytes: searching from the start is always right).
        var hits: [UInt16]
    }

    /// A ranked list, kept in whichever of two forms is smaller: the keys themselves, 32-bit and
    /// in order (when few match), or every key's tier packed in 3 bits, from which `deal` rebuilds
    /// the list in one walk of the name order (the tiers, `recent` and the name order determine
    /// it). At 100,000 keys the tiers take 38 KB, where the keys of a broad query took 400 KB.
    struct Result {
        var needle: [UInt8]
        var recent: [Int]
        var stored: Stored

        enum Stored {
            case keys([Int32])
            case tiers(PackedTiers)
        }
    }

    /// Tiers (`MatchTier` raw values, `UInt8.max` for no match) 3 bits each, 21 to a word.
    struct PackedTiers {
        private(set) var words: [UInt64]
        let count: Int
        private static let perWord = 21, noMatch: UInt64 = 7

        init(_ tiers: [UInt8]) {
            count = tiers.count
            let tierCount = UInt8(MatchTier.allCases.count)
            words = [UInt64](repeating: 0, count: PackedTiers.wordCount(tiers.count))
            tiers.withUnsafeBufferPointer { tiers in
                words.withUnsafeMutableBufferPointer { words in
                    for word in 0..<words.count {
                        var bits: UInt64 = 0
                        let first = word &* PackedTiers.perWord
                        for key in (first..<min(first &+ PackedTiers.perWord, tiers.count)).reversed() {
                            let tier = tiers[key]
                            bits = bits << 3 | (tier < tierCount ? UInt64(tier) : PackedTiers.noMatch)
                        }
                        words[word] = bits
                    }
                }
            }
        }

        static func wordCount(_ keys: Int) -> Int { (keys + perWord - 1) / perWord }

        /// The tiers as `pass` made them (any other value than a tier reads as no match, as
        /// `deal` reads it).
        func unpacked() -> [UInt8] {
            [UInt8](unsafeUninitializedCapacity: count) { tiers, initialized in
                words.withUnsafeBufferPointer { words in
                    for word in 0..<words.count {
                        var bits = words[word]
                        let first = word &* PackedTiers.perWord
                        for key in first..<min(first &+ PackedTiers.perWord, count) {
                            let tier = bits & 7
                            tiers[key] = tier == PackedTiers.noMatch ? UInt8.max : UInt8(truncatingIfNeeded: tier)
                            bits >>= 3
                        }
                    }
                }
                initialized = count
            }
        }
    }

    private let lock = NSLock()
    private var nameOrder: [Int32]?
    private var last: Pass?
    /// Newest first, at most `resultLimit`: enough to delete back through a typed word
    /// (at 100,000 products, at most 8 × 38 KB).
    private var results: [Result] = []
    static let resultLimit = 8

    /// A memo that starts from a name order still true of the keys (their names did not change).
    init(nameOrder: [Int32]? = nil) {
        self.nameOrder = nameOrder
    }

    /// The name order, if a ranking built it.
    var builtNameOrder: [Int32]? {
        lock.lock()
        defer { lock.unlock() }
        return nameOrder
    }

    /// Whether each remembered result, newest first, is kept as tiers (rather than as keys).
    var resultsKeptAsTiers: [Bool] {
        lock.lock()
        defer { lock.unlock() }
        return results.map { if case .tiers = $0.stored { true } else { false } }
    }

    /// Runs `body` with the memo's contents, under its lock.
    func with<T>(_ body: (inout Contents) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        var contents = Contents(nameOrder: nameOrder, last: last, results: results)
        nameOrder = nil; last = nil; results = []   // keeps the arrays uniquely referenced
        defer { (nameOrder, last, results) = (contents.nameOrder, contents.last, contents.results) }
        return body(&contents)
    }

    struct Contents {
        var nameOrder: [Int32]?
        var last: Pass?
        var results: [Result]

        /// The remembered ranking of `needle` with `recent`; `deal` turns kept tiers into it.
        func result(for needle: [UInt8], recent: [Int], deal: ([UInt8]) -> [Int]) -> [Int]? {
            guard let known = results.first(where: { $0.needle == needle && $0.recent == recent }) else { return nil }
            switch known.stored {
            case .keys(let keys): return keys.map(Int.init)
            case .tiers(let tiers): return deal(tiers.unpacked())
            }
        }

        /// Keeps a result (`keys`, dealt from `tiers`), dropping the oldest beyond the limit.
        mutating func remember(_ keys: [Int], tiers: [UInt8], for needle: [UInt8], recent: [Int]) {
            results.removeAll { $0.needle == needle && $0.recent == recent }
            let stored: Result.Stored = keys.count * 4 <= PackedTiers.wordCount(tiers.count) * 8
                ? .keys(keys.map { Int32(truncatingIfNeeded: $0) })
                : .tiers(PackedTiers(tiers))
            results.insert(Result(needle: needle, recent: recent, stored: stored), at: 0)
            if results.count > RankingMemo.resultLimit { results.removeLast() }
        }
    }
}
