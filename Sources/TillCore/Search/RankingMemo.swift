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

    /// A ranked list, kept as 32-bit indices (half the memory; widening one is cheap).
    struct Result {
        var needle: [UInt8]
        var recent: [Int]
        var keys: [Int32]
    }

    private let lock = NSLock()
    private var nameOrder: [Int32]?
    private var last: Pass?
    /// Newest first, at most `resultLimit`: enough to delete back through a typed word
    /// (at 100,000 products, at most 3.2 MB).
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

        func result(for needle: [UInt8], recent: [Int]) -> [Int]? {
            results.first { $0.needle == needle && $0.recent == recent }.map { $0.keys.map(Int.init) }
        }

        /// Keeps a result, dropping the oldest beyond the limit.
        mutating func remember(_ keys: [Int], for needle: [UInt8], recent: [Int]) {
            results.removeAll { $0.needle == needle && $0.recent == recent }
            results.insert(Result(needle: needle, recent: recent, keys: keys.map { Int32(truncatingIfNeeded: $0) }), at: 0)
            if results.count > RankingMemo.resultLimit { results.removeLast() }
        }
    }
}
