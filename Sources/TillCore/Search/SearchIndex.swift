import Foundation

/// Folded search keys for a product list, built once when products arrive so that each filter
/// keystroke is one pass over bytes: no per-keystroke case or diacritic folding of 100,000 names.
///
/// All keys live in one byte buffer, each `name 0x01 description 0x01 id`, then for each active
/// price `0x01 nickname` and `0x02 lookup key`, ended by 0x00, so a match can never span two
/// fields or two products (folded text never holds bytes below 0x20).
public struct SearchIndex: Hashable, Sendable {
    var bytes: [UInt8] = []
    /// Offset where each key starts, plus one past the end: `starts.count == count + 1`.
    var starts: [Int] = [0]
    /// Key indices by folded name, for ranking ties; built on the first ranked query after a
    /// change and shared by copies of the index (each change starts a new, empty one).
    var nameOrder = NameOrderCache()
    /// Per key, derived from its bytes for ranking: the name's length, and which bytes (mod 64)
    /// the name holds, so a fuzzy match is ruled out without reading the name.
    var nameLengths: [UInt32] = []
    var nameMasks: [UInt64] = []
    /// Whether each product is active (quick add offers only those), read without touching `Product`s.
    var actives: [Bool] = []

    /// An index of the given products, in their order, with the nicknames and SKUs of their prices.
    public init(_ products: [Product] = [], prices: [String: [Price]] = [:]) {
        append(contentsOf: products, prices: prices)
    }

    /// Number of keys.
    public var count: Int { starts.count - 1 }

    /// Adds keys at the end.
    public mutating func append(contentsOf products: some Sequence<Product>, prices: [String: [Price]] = [:]) {
        var folds: [Unicode.Scalar: [UInt8]] = [:]
        for product in products {
            let start = bytes.count
            SearchIndex.appendKey(for: product, prices: prices[product.id] ?? [], to: &bytes, folds: &folds)
            starts.append(bytes.count)
            let (length, mask) = SearchIndex.nameFacts(bytes[start...])
            nameLengths.append(length)
            nameMasks.append(mask)
            actives.append(product.active)
        }
        nameOrder = NameOrderCache()
    }

    /// Inserts a key before all others.
    public mutating func prepend(_ product: Product, prices: [Price] = []) {
        let key = SearchIndex.key(for: product, prices: prices)
        bytes.insert(contentsOf: key, at: 0)
        starts = [0] + starts.map { $0 + key.count }
        let (length, mask) = SearchIndex.nameFacts(key[...])
        nameLengths.insert(length, at: 0)
        nameMasks.insert(mask, at: 0)
        actives.insert(product.active, at: 0)
        nameOrder = NameOrderCache()
    }

    /// Replaces the key at `index`.
    public mutating func replace(at index: Int, with product: Product, prices: [Price] = []) {
        let key = SearchIndex.key(for: product, prices: prices)
        let old = starts[index]..<starts[index + 1]
        let delta = key.count - old.count
        bytes.replaceSubrange(old, with: key)
        for i in (index + 1)..<starts.count { starts[i] += delta }
        (nameLengths[index], nameMasks[index]) = SearchIndex.nameFacts(key[...])
        actives[index] = product.active
        nameOrder = NameOrderCache()
    }

    /// Holds the name order once built. A reference, so that the copies of an index that the
    /// reducer's context and state hold build it once between them.
    final class NameOrderCache: @unchecked Sendable {
        private let lock = NSLock()
        private var order: [Int32]?

        func value(_ build: () -> [Int32]) -> [Int32] {
            lock.lock()
            defer { lock.unlock() }
            if let order { return order }
            let built = build()
            order = built
            return built
        }
    }

    /// Whether the product at `index` is active.
    public func isActive(_ index: Int) -> Bool { actives.indices.contains(index) && actives[index] }

    /// The name's length and byte mask of a key (the name runs to the first separator).
    static func nameFacts(_ key: ArraySlice<UInt8>) -> (UInt32, UInt64) {
        var mask: UInt64 = 0
        var length: UInt32 = 0
        for byte in key {
            if byte < 0x20 { break }
            mask |= 1 << UInt64(byte & 63)
            length += 1
        }
        return (length, mask)
    }

    // The name order and the name facts are derived from the keys: equal keys are equal indexes.
    public static func == (lhs: SearchIndex, rhs: SearchIndex) -> Bool {
        lhs.starts == rhs.starts && lhs.bytes == rhs.bytes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(starts)
        hasher.combine(bytes)
    }

    /// The first position in `start..<end` where `needle` starts and fits before `end`.
    /// Candidates for the first byte are found eight bytes at a time (a zero-byte test on
    /// `word XOR repeated byte`), which makes the scan several times faster than byte by byte.
    @inline(__always)
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                             from start: Int, to end: Int) -> Int? {
        let last = end - needle.count
        guard last >= start, let base = haystack.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let first = needle[0]
        let pattern = UInt64(first) &* 0x0101_0101_0101_0101
        var position = start
        while position <= last {
            if position + 8 <= end {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)) ^ pattern
                let zero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                if zero == 0 {
                    position += 8
                    continue
                }
                // The lowest flagged byte is exact (borrows only run upwards).
                position += zero.trailingZeroBitCount / 8
                if position > last { return nil }
            } else if haystack[position] != first {
                position += 1
                continue
            }
            if equal(haystack, at: position, needle) { return position }
            position += 1
        }
        return nil
    }

    /// Whether `needle` occurs at `position` (which the caller guarantees leaves room for it),
    /// compared eight bytes at a time.
    @inline(__always)
    private static func equal(_ haystack: UnsafeBufferPointer<UInt8>, at position: Int,
                              _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = needle.count
        let here = UnsafeRawPointer(haystack.baseAddress! + position)
        let wanted = UnsafeRawPointer(needle.baseAddress!)
        var i = 0
        while i + 8 <= count {
            if here.loadUnaligned(fromByteOffset: i, as: UInt64.self) != wanted.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < count {
            if haystack[position + i] != needle[i] { return false }
            i += 1
        }
        return true
    }

    /// Whether every match of `new` is also a match of `old` (old's folded text occurs inside new's),
    /// so the next filter can search only what matched before.
    static func isNarrowing(from old: String, to new: String) -> Bool {
        let old = fold(old), new = fold(new)
        guard !old.isEmpty else { return true }
        guard new.count >= old.count else { return false }
        for start in 0...(new.count - old.count) where new[start..<(start + old.count)].elementsEqual(old) {
            return true
        }
        return false
    }

    static func key(for product: Product, prices: [Price] = []) -> [UInt8] {
        var key: [UInt8] = []
        var folds: [Unicode.Scalar: [UInt8]] = [:]
        appendKey(for: product, prices: prices, to: &key, folds: &folds)
        return key
    }

    /// Field separators: 0x01 before the description, id and each nickname, 0x02 before each
    /// lookup key (so an exact SKU can be told from other fields); 0x00 ends the key.
    static let fieldSeparator: UInt8 = 1, lookupKeySeparator: UInt8 = 2

    private static func appendKey(for product: Product, prices: [Price], to key: inout [UInt8],
                                  folds: inout [Unicode.Scalar: [UInt8]]) {
        appendFolded(product.name, to: &key, folds: &folds)
        key.append(fieldSeparator)
        appendFolded(product.description ?? "", to: &key, folds: &folds)
        key.append(fieldSeparator)
        appendFolded(product.id, to: &key, folds: &folds)
        for price in prices {
            if let nickname = price.nickname, !nickname.isEmpty {
                key.append(fieldSeparator)
                appendFolded(nickname, to: &key, folds: &folds)
            }
            if let code = price.lookupKey, !code.isEmpty {
                key.append(lookupKeySeparator)
                appendFolded(code, to: &key, folds: &folds)
            }
        }
        key.append(0)
    }

    /// Case- and diacritic-folded UTF-8 ("Crème BRÛLÉE" → "creme brulee").
    public static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var folds: [Unicode.Scalar: [UInt8]] = [:]
        appendFolded(text, to: &out, folds: &folds)
        return out
    }

    /// ASCII is folded inline; any other scalar goes through Foundation's folding once per batch
    /// (memoised in `folds`), which keeps indexing 100,000 names to a fraction of a second.
    private static func appendFolded(_ text: String, to out: inout [UInt8], folds: inout [Unicode.Scalar: [UInt8]]) {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if value < 0x20 || value == 0x7F { continue }
                let byte = UInt8(value)
                out.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            } else if let folded = folds[scalar] {
                out.append(contentsOf: folded)
            } else {
                let folded = Array(String(Character(scalar))
                    .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                    .lowercased().utf8.filter { $0 >= 0x20 && $0 != 0x7F })
                folds[scalar] = folded
                out.append(contentsOf: folded)
            }
        }
    }
}
