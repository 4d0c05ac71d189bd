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
    /// `recent` (most recently used first), then by folded name.
    ///
    /// One pass assigns each key a tier, then one walk in name order deals them into tiers, so a
    /// keystroke costs two linear passes and no sort. Typing on narrows the last pass: only its
    /// matches are searched, from where they matched. Deleting returns a remembered result.
    public func ranked(_ query: String, recent: [Int] = []) -> [Int] {
        let needle = SearchIndex.fold(query)
        guard !needle.isEmpty else { return Array(0..<count) }
        return memo.with { memo in
            let order = memo.nameOrder ?? buildNameOrder()
            memo.nameOrder = order
            if let known = memo.result(for: needle, recent: recent, deal: { deal($0, order: order, recent: recent) }) {
                return known
            }
            let pass = self.pass(needle, narrowing: memo.last)
            let keys = deal(pass.tiers, order: order, recent: recent)
            memo.last = pass
            memo.remember(keys, tiers: pass.tiers, for: needle, recent: recent)
            return keys
        }
    }

    /// Each key's tier for `needle`. When `needle` holds the earlier pass's text, a key it did not
    /// match cannot match now and one it matched only fuzzily can only match fuzzily; when
    /// `needle` starts with that text, the first occurrence is at or after the earlier one.
    private func pass(_ needle: [UInt8], narrowing earlier: RankingMemo.Pass?) -> RankingMemo.Pass {
        let none = UInt8.max, fuzzyTier = MatchTier.fuzzy.rawValue
        var tiers = [UInt8](repeating: none, count: count)
        var hits = [UInt16](repeating: 0, count: count)
        let wanted = SearchIndex.mask(needle), wantedPairs = SearchIndex.pairMask(needle)
        let fuzzy = needle.count > 1
        let earlier = earlier.flatMap { SearchIndex.contains(needle, $0.needle) ? $0 : nil }
        let extends = earlier.map { needle.starts(with: $0.needle) } ?? false
        let earlierTiers = earlier?.tiers ?? [], earlierHits = earlier?.hits ?? []
        if needle.count == 1, let tiers = letterTiers(needle[0]) {
            return RankingMemo.Pass(needle: needle, tiers: tiers, hits: hits)
        }
        bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                starts.withUnsafeBufferPointer { starts in
                    nameLengths.withUnsafeBufferPointer { lengths in
                        nameMasks.withUnsafeBufferPointer { nameMasks in
                            keyMasks.withUnsafeBufferPointer { keyMasks in
                                pairMasks.withUnsafeBufferPointer { pairMasks in
                                    earlierTiers.withUnsafeBufferPointer { earlierTiers in
                                        earlierHits.withUnsafeBufferPointer { earlierHits in
                                            tiers.withUnsafeMutableBufferPointer { tiers in
                                                hits.withUnsafeMutableBufferPointer { hits in
                                                    let narrowing = earlierTiers.count == starts.count &- 1
                                                    for key in 0..<(starts.count &- 1) {
                                                        // A key lacking one of the text's bytes cannot hold it.
                                                        guard keyMasks[key] & wanted == wanted else { continue }
                                                        let start = starts[key], end = starts[key &+ 1] &- 1
                                                        let length = Int(lengths[key])
                                                        var from = start
                                                        if narrowing {
                                                            let before = earlierTiers[key]
                                                            if before == none { continue }
                                                            if before == fuzzyTier {
                                                                if SearchIndex.isSubsequence(needle, haystack, from: start, length: length) {
                                                                    tiers[key] = fuzzyTier
                                                                }
                                                                continue
                                                            }
                                                            if extends { from &+= Int(earlierHits[key]) }
                                                        }
                                                        // A key lacking one of the text's pairs cannot hold it (but may match fuzzily).
                                                        if pairMasks[key] & wantedPairs == wantedPairs,
                                                           let hit = SearchIndex.find(needle, in: haystack, from: from, to: end) {
                                                            tiers[key] = SearchIndex.tier(haystack, key: start, end: end, nameLength: length, hit: hit,
                                                                                          needle, hasCode: hasCodes[key])
                                                            hits[key] = UInt16(truncatingIfNeeded: hit &- start <= Int(UInt16.max) ? hit &- start : 0)
                                                        } else if fuzzy && nameMasks[key] & wanted == wanted
                                                                    && SearchIndex.isSubsequence(needle, haystack, from: start, length: length) {
                                                            tiers[key] = fuzzyTier
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return RankingMemo.Pass(needle: needle, tiers: tiers, hits: hits)
    }

    /// Each key's tier for one letter or digit, from the masks alone (each of those has its own
    /// bit); nil for other bytes, which share bits.
    private func letterTiers(_ letter: UInt8) -> [UInt8]? {
        guard letter &- 0x61 < 26 || letter &- 0x30 < 10 else { return nil }
        let bit = SearchIndex.maskBit(letter)
        let none = UInt8.max
        return [UInt8](unsafeUninitializedCapacity: count) { tiers, initialized in
            keyMasks.withUnsafeBufferPointer { keyMasks in
                wordStarts.withUnsafeBufferPointer { wordStarts in
                    firstBytes.withUnsafeBufferPointer { firstBytes in
                        nameLengths.withUnsafeBufferPointer { lengths in
                            for key in 0..<keyMasks.count {
                                let tier: UInt8
                                if keyMasks[key] & bit == 0 { tier = none }
                                else if firstBytes[key] == letter { tier = lengths[key] == 1 ? MatchTier.exact.rawValue : MatchTier.namePrefix.rawValue }
                                else if wordStarts[key] & bit != 0 { tier = MatchTier.wordPrefix.rawValue }
                                else { tier = MatchTier.substring.rawValue }
                                tiers[key] = tier
                            }
                        }
                    }
                }
            }
            initialized = keyMasks.count
        }
    }

    /// The matching keys in output order: tier by tier, each tier's recent keys first, then the
    /// rest in name order (one walk of `order`, each key written straight to its place).
    private func deal(_ tiers: [UInt8], order: [Int32], recent: [Int]) -> [Int] {
        let tierCount = MatchTier.allCases.count
        var firsts = Array(repeating: [Int](), count: tierCount)
        var tiers = tiers   // the recent keys are taken out of the walk
        for index in recent where tiers.indices.contains(index) && tiers[index] < UInt8(tierCount) {
            firsts[Int(tiers[index])].append(index)
            tiers[index] = UInt8.max
        }
        // Each tier's place in the output, after its recent ones; filled in name order. Counted
        // and walked through raw buffers: at 1,000,000 keys this walk is most of a keystroke.
        var counts = [Int](repeating: 0, count: tierCount + 1)
        tiers.withUnsafeBufferPointer { tiers in
            counts.withUnsafeMutableBufferPointer { counts in
                // Raw values above the last tier (no match) count in the extra slot.
                for tier in tiers { counts[Int(min(tier, UInt8(tierCount)))] &+= 1 }
            }
        }
        var next = [Int](repeating: 0, count: tierCount)
        var total = 0
        for tier in 0..<tierCount {
            total += firsts[tier].count
            next[tier] = total
            total += counts[tier]
        }
        return [Int](unsafeUninitializedCapacity: total) { out, initialized in
            var at = 0
            for tier in 0..<tierCount {
                for index in firsts[tier] { out[at] = index; at += 1 }
                at += counts[tier]
            }
            tiers.withUnsafeBufferPointer { tiers in
                next.withUnsafeMutableBufferPointer { next in
                    order.withUnsafeBufferPointer { order in
                        for index in order {
                            let tier = Int(tiers[Int(index)])
                            guard tier < tierCount else { continue }
                            out[next[tier]] = Int(index)
                            next[tier] &+= 1
                        }
                    }
                }
            }
            initialized = total
        }
    }

    /// How key `index` matches `query`, nil when it does not (for tests and the palette).
    public func tier(of index: Int, for query: String) -> MatchTier? {
        let needle = SearchIndex.fold(query)
        guard !needle.isEmpty, index >= 0, index < count else { return nil }
        let raw = bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle -> UInt8 in
                let start = starts[index], end = starts[index + 1] - 1, length = Int(nameLengths[index])
                if let hit = SearchIndex.find(needle, in: haystack, from: start, to: end) {
                    return SearchIndex.tier(haystack, key: start, end: end, nameLength: length, hit: hit, needle,
                                           hasCode: hasCodes[index])
                }
                return needle.count > 1 && SearchIndex.isSubsequence(needle, haystack, from: start, length: length)
                    ? MatchTier.fuzzy.rawValue : UInt8.max
            }
        }
        return MatchTier(rawValue: raw)
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

    /// `earlier`, the name order before key 0 was put in front, with key 0 in its place and every
    /// other key one further on: the order `buildNameOrder` would make, at O(n) not O(n log n).
    func nameOrderWithFirstKey(_ earlier: [Int32]) -> [Int32] {
        bytes.withUnsafeBufferPointer { haystack in
            let base = haystack.baseAddress!
            let length = Int(nameLengths[0])
            // Whether key 0 sorts before key `other`: by bytes, then the shorter; on a tie the
            // lower index, which key 0 always is.
            func precedes(_ other: Int) -> Bool {
                let otherLength = Int(nameLengths[other])
                let c = memcmp(base + starts[0], base + starts[other], min(length, otherLength))
                return c != 0 ? c < 0 : length <= otherLength
            }
            var low = 0, high = earlier.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(Int(earlier[middle]) + 1) { high = middle } else { low = middle + 1 }
            }
            var order: [Int32] = []
            order.reserveCapacity(earlier.count + 1)
            for key in earlier[..<low] { order.append(key + 1) }
            order.append(0)
            for key in earlier[low...] { order.append(key + 1) }
            return order
        }
    }

    /// The tier of the key at `start` (its 0x00 at `end`) whose first occurrence of the text is
    /// at `hit`, as a raw value.
    @inline(__always)
    static func tier(_ haystack: UnsafeBufferPointer<UInt8>, key start: Int, end: Int, nameLength: Int, hit: Int,
                     _ needle: UnsafeBufferPointer<UInt8>, hasCode: Bool) -> UInt8 {
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
        var code = length >= 4 && hasCode ? find(needle, in: haystack, from: max(hit, nameEnd), to: end) : nil
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
    static func isWordBoundary(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: false
        default: true
        }
    }
}
