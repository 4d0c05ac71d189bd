import Foundation

/// How well a key matches a query, best first, as fzf orders them.
public enum MatchTier: UInt8, Hashable, Sendable, CaseIterable {
    /// The name is the query (or a price's SKU/barcode is).
    case exact
    /// The name starts with the query.
    case namePrefix
    /// A word of the name starts with the query.
    case wordPrefix
    /// The query occurs anywhere: name, description, id, a price's nickname or SKU.
    case substring
    /// The query's characters occur in the name in order, with gaps ("fltw" finds "Flat white").
    case fuzzy
}

extension SearchIndex {
    /// Indices of the keys matching `query`, best first: by tier (`MatchTier`), then those in
    /// `recent` (most recently used first), then by folded name. With `candidates` only those are
    /// searched (typing more narrows what matched before; see `isNarrowing`).
    ///
    /// One pass assigns each key a tier, then one walk in name order deals them into tiers, so a
    /// keystroke costs two linear passes and no sort.
    public func ranked(_ query: String, among candidates: [Int]? = nil, recent: [Int] = []) -> [Int] {
        let needle = SearchIndex.fold(query)
        guard !needle.isEmpty else { return candidates ?? Array(0..<count) }
        let order = ensureNameOrder()
        let none = UInt8.max
        var tiers = [UInt8](repeating: none, count: count)
        bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                starts.withUnsafeBufferPointer { starts in
                    tiers.withUnsafeMutableBufferPointer { tiers in
                        if let candidates {
                            for index in candidates {
                                tiers[index] = SearchIndex.tier(haystack, from: starts[index], to: starts[index + 1] - 1, needle)
                            }
                        } else {
                            for index in 0..<(starts.count - 1) {
                                tiers[index] = SearchIndex.tier(haystack, from: starts[index], to: starts[index + 1] - 1, needle)
                            }
                        }
                    }
                }
            }
        }
        let tierCount = MatchTier.allCases.count
        var firsts = Array(repeating: [Int](), count: tierCount)
        for index in recent where tiers.indices.contains(index) && tiers[index] < UInt8(tierCount) {
            firsts[Int(tiers[index])].append(index)
            tiers[index] = none
        }
        var rest = Array(repeating: [Int](), count: tierCount)
        for index in order {
            let tier = tiers[Int(index)]
            if tier < UInt8(tierCount) { rest[Int(tier)].append(Int(index)) }
        }
        var out: [Int] = []
        out.reserveCapacity(firsts.reduce(0) { $0 + $1.count } + rest.reduce(0) { $0 + $1.count })
        for tier in 0..<tierCount {
            out += firsts[tier]
            out += rest[tier]
        }
        return out
    }

    /// How key `index` matches `query`, nil when it does not (for tests and the palette).
    public func tier(of index: Int, for query: String) -> MatchTier? {
        let needle = SearchIndex.fold(query)
        guard !needle.isEmpty, index >= 0, index < count else { return nil }
        let raw = bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                SearchIndex.tier(haystack, from: starts[index], to: starts[index + 1] - 1, needle)
            }
        }
        return MatchTier(rawValue: raw)
    }

    /// The name order, built (one sort of the folded names) when a change dropped it.
    private func ensureNameOrder() -> [Int32] {
        nameOrder.value { buildNameOrder() }
    }

    private func buildNameOrder() -> [Int32] {
        bytes.withUnsafeBufferPointer { haystack in
            let names = (0..<count).map { index -> Range<Int> in
                var end = starts[index]
                while haystack[end] >= 0x20 { end += 1 }
                return starts[index]..<end
            }
            return (0..<Int32(count)).sorted { a, b in
                let x = names[Int(a)], y = names[Int(b)]
                let common = min(x.count, y.count)
                let c = memcmp(haystack.baseAddress! + x.lowerBound, haystack.baseAddress! + y.lowerBound, common)
                if c != 0 { return c < 0 }
                return x.count != y.count ? x.count < y.count : a < b
            }
        }
    }

    /// The tier of the key in `start..<end` (end is its 0x00) as a raw value, `UInt8.max` for none.
    @inline(__always)
    static func tier(_ haystack: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                     _ needle: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let length = needle.count
        if let first = find(needle, in: haystack, from: start, to: end) {
            // The name comes first, so a hit at the start is in the name.
            if first == start {
                return haystack[start + length] == fieldSeparator ? MatchTier.exact.rawValue : MatchTier.namePrefix.rawValue
            }
            var best = MatchTier.substring.rawValue
            var hit: Int? = first
            while let position = hit {
                let before = haystack[position - 1]
                let after = haystack[position + length]
                if before == lookupKeySeparator && after < 0x20 { return MatchTier.exact.rawValue }
                if best > MatchTier.wordPrefix.rawValue, isInName(haystack, from: start, position), isWordBoundary(before) {
                    best = MatchTier.wordPrefix.rawValue
                }
                hit = find(needle, in: haystack, from: position + 1, to: end)
            }
            return best
        }
        // One character is found as a substring or not at all.
        guard length > 1 else { return UInt8.max }
        var wanted = 0
        var position = start
        while haystack[position] >= 0x20 {
            if haystack[position] == needle[wanted] {
                wanted += 1
                if wanted == length { return MatchTier.fuzzy.rawValue }
            }
            position += 1
        }
        return UInt8.max
    }

    /// Whether `position` lies in the name (no separator between the key's start and it).
    @inline(__always)
    private static func isInName(_ haystack: UnsafeBufferPointer<UInt8>, from start: Int, _ position: Int) -> Bool {
        var i = start
        while i < position {
            if haystack[i] < 0x20 { return false }
            i += 1
        }
        return true
    }

    /// Whether a word starts after `byte`: a space, punctuation or a separator, not a letter,
    /// digit or part of a multi-byte character.
    @inline(__always)
    private static func isWordBoundary(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: false
        default: true
        }
    }
}
