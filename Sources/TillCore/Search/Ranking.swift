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
    /// `recent` (most recently used first), then by folded name. `candidates` are the matches of an
    /// earlier query that this one narrows (see `isNarrowing`): the fuzzy pass looks only at them.
    ///
    /// One pass assigns each key a tier, then one walk in name order deals them into tiers, so a
    /// keystroke costs two linear passes and no sort.
    public func ranked(_ query: String, among candidates: [Int]? = nil, recent: [Int] = []) -> [Int] {
        let needle = SearchIndex.fold(query)
        guard !needle.isEmpty else { return candidates ?? Array(0..<count) }
        let order = ensureNameOrder()
        let none = UInt8.max
        var tiers = [UInt8](repeating: none, count: count)
        let wanted = needle.reduce(UInt64(0)) { $0 | 1 << UInt64($1 & 63) }
        // The keys that matched before: a substring match of the longer text is one of them by
        // construction; only the fuzzy pass needs telling.
        var allowed: [Bool]? = nil
        if let candidates {
            var marks = [Bool](repeating: false, count: count)
            for index in candidates where index < count { marks[index] = true }
            allowed = marks
        }
        bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                starts.withUnsafeBufferPointer { starts in
                    nameLengths.withUnsafeBufferPointer { lengths in
                        nameMasks.withUnsafeBufferPointer { masks in
                            tiers.withUnsafeMutableBufferPointer { tiers in
                                // One pass over the whole buffer for the text itself, jumping to the
                                // next key on a hit (sequential memory: faster than visiting the
                                // earlier matches one by one, which come in name order)…
                                var position = 0, key = 0
                                while let hit = SearchIndex.find(needle, in: haystack, from: position, to: haystack.count) {
                                    while starts[key + 1] <= hit { key += 1 }
                                    let start = starts[key], end = starts[key + 1] - 1
                                    tiers[key] = SearchIndex.tier(haystack, key: start, end: end, nameLength: Int(lengths[key]), hit: hit, needle)
                                    position = end + 1
                                }
                                // …then the fuzzy matches among the rest (among the earlier matches
                                // when typing narrowed them), most ruled out by their byte mask alone.
                                guard needle.count > 1 else { return }
                                if let allowed {
                                    for key in 0..<(starts.count - 1) where allowed[key] && tiers[key] == none && masks[key] & wanted == wanted {
                                        if SearchIndex.isSubsequence(needle, haystack, from: starts[key], length: Int(lengths[key])) {
                                            tiers[key] = MatchTier.fuzzy.rawValue
                                        }
                                    }
                                    return
                                }
                                for key in 0..<(starts.count - 1) where tiers[key] == none && masks[key] & wanted == wanted {
                                    if SearchIndex.isSubsequence(needle, haystack, from: starts[key], length: Int(lengths[key])) {
                                        tiers[key] = MatchTier.fuzzy.rawValue
                                    }
                                }
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
        var counts = Array(repeating: 0, count: tierCount)
        for tier in tiers where tier < UInt8(tierCount) { counts[Int(tier)] += 1 }
        // Each tier's place in the output, after its recent ones; filled in name order.
        var next = Array(repeating: 0, count: tierCount)
        var total = 0
        for tier in 0..<tierCount {
            total += firsts[tier].count
            next[tier] = total
            total += counts[tier]
        }
        var out = [Int](repeating: 0, count: total)
        var at = 0
        for tier in 0..<tierCount {
            for index in firsts[tier] { out[at] = index; at += 1 }
            at += counts[tier]
        }
        tiers.withUnsafeBufferPointer { tiers in
            out.withUnsafeMutableBufferPointer { out in
                for index in order {
                    let tier = tiers[Int(index)]
                    guard tier < UInt8(tierCount) else { continue }
                    out[next[Int(tier)]] = Int(index)
                    next[Int(tier)] += 1
                }
            }
        }
        return out
    }

    /// How key `index` matches `query`, nil when it does not (for tests and the palette).
    public func tier(of index: Int, for query: String) -> MatchTier? {
        let needle = SearchIndex.fold(query)
        guard !needle.isEmpty, index >= 0, index < count else { return nil }
        let raw = bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle -> UInt8 in
                let start = starts[index], end = starts[index + 1] - 1, length = Int(nameLengths[index])
                if let hit = SearchIndex.find(needle, in: haystack, from: start, to: end) {
                    return SearchIndex.tier(haystack, key: start, end: end, nameLength: length, hit: hit, needle)
                }
                return needle.count > 1 && SearchIndex.isSubsequence(needle, haystack, from: start, length: length)
                    ? MatchTier.fuzzy.rawValue : UInt8.max
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

    /// The tier of the key at `start` (its 0x00 at `end`) whose first occurrence of the text is
    /// at `hit`, as a raw value.
    @inline(__always)
    static func tier(_ haystack: UnsafeBufferPointer<UInt8>, key start: Int, end: Int, nameLength: Int, hit: Int,
                     _ needle: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let length = needle.count
        // The name comes first, so a hit at the start is in the name.
        if hit == start { return length == nameLength ? MatchTier.exact.rawValue : MatchTier.namePrefix.rawValue }
        let nameEnd = start + nameLength
        var best = MatchTier.substring.rawValue
        var position: Int? = hit
        // Occurrences in the name: one after a word boundary is a word prefix.
        while let at = position, at < nameEnd {
            if isWordBoundary(haystack[at - 1]) {
                best = MatchTier.wordPrefix.rawValue
                break
            }
            position = find(needle, in: haystack, from: at + 1, to: nameEnd)
        }
        // A price's SKU typed whole is exact; only a code's own field can be one (codes have 4
        // characters or more, so shorter text does not look).
        var code = length >= 4 ? find(needle, in: haystack, from: max(hit, nameEnd), to: end) : nil
        while let at = code {
            if haystack[at - 1] == lookupKeySeparator && haystack[at + length] < 0x20 { return MatchTier.exact.rawValue }
            code = find(needle, in: haystack, from: at + 1, to: end)
        }
        return best
    }

    /// Whether the text's bytes occur in order in the name (`length` bytes from `start`).
    @inline(__always)
    static func isSubsequence(_ needle: UnsafeBufferPointer<UInt8>, _ haystack: UnsafeBufferPointer<UInt8>,
                              from start: Int, length: Int) -> Bool {
        var wanted = 0
        var position = start
        let end = start + length
        let count = needle.count
        while position < end {
            if haystack[position] == needle[wanted] {
                wanted += 1
                if wanted == count { return true }
            }
            position += 1
        }
        return false
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
