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
    /// What ranking derives from the keys and keeps between keystrokes (the name order, the last
    /// pass, recent results); shared by copies of the index, and each change starts an empty one.
    var memo = RankingMemo()
    /// Per key, derived from its bytes for ranking: the name's length, and which bytes (mod 64)
    /// the name holds, so a fuzzy match is ruled out without reading the name.
    var nameLengths: [UInt32] = []
    var nameMasks: [UInt64] = []
    /// The same mask over the whole key: a key lacking one of the text's bytes cannot hold it.
    var keyMasks: [UInt64] = []
    /// Per key, which pairs of adjacent bytes with a byte of a multi-byte character (hashed to 64
    /// bits) occur in one field: a key lacking a pair of the text cannot hold it, so text in
    /// another script ("抹", "☕") is ruled out without reading the key (ASCII keys have none).
    var pairMasks: [UInt64] = []
    /// The mask of the bytes that start a word of the name after its first, and the name's first
    /// byte: with them one letter or digit is ranked without reading any key.
    var wordStarts: [UInt64] = []
    var firstBytes: [UInt8] = []
    /// Whether a key holds a price's SKU or barcode (most hold none, and need not be searched for one).
    var hasCodes: [Bool] = []
    /// Whether each product is active (quick add offers only those), read without touching `Product`s.
    var actives: [Bool] = []

    /// An index of the given products, in their order, with the nicknames and SKUs of their prices.
    public init(_ products: [Product] = [], prices: [String: [Price]] = [:]) {
        append(contentsOf: products, prices: prices)
    }

    /// Number of keys.
    public var count: Int { starts.count - 1 }

    /// An index of the given products with the nicknames and SKUs of the catalog's prices.
    public init(_ products: [Product], prices: CatalogPrices) {
        append(contentsOf: products, prices: prices)
    }

    /// An index of the catalog's products with the nicknames and SKUs of its prices, folded
    /// straight from the catalog's bytes (no `Product` made).
    public init(_ items: CatalogItems, prices: CatalogPrices = [:]) {
        reserveKeys(items.count)
        var folds: [Unicode.Scalar: [UInt8]] = [:]
        var labels: [(String?, String?)] = []
        for item in items.indices {
            labels.removeAll(keepingCapacity: true)
            items.fields(at: item) { id, name, description in
                prices.forEachLabel(of: id) { labels.append(($0, $1)) }
                appendKey(active: items.isActive(at: item)) { key in
                    SearchIndex.appendKey(name: name, description: description, id: id, labels: labels, to: &key, folds: &folds)
                }
            }
        }
        shrinkToFit()
        memo = RankingMemo()
    }

    /// Room for `count` more keys' facts.
    private mutating func reserveKeys(_ count: Int) {
        starts.reserveCapacity(starts.count + count)
        nameLengths.reserveCapacity(nameLengths.count + count)
        (nameMasks.reserveCapacity(nameMasks.count + count), keyMasks.reserveCapacity(keyMasks.count + count))
        pairMasks.reserveCapacity(pairMasks.count + count)
        (wordStarts.reserveCapacity(wordStarts.count + count), firstBytes.reserveCapacity(firstBytes.count + count))
        (hasCodes.reserveCapacity(hasCodes.count + count), actives.reserveCapacity(actives.count + count))
    }

    /// Drops the spare capacity the buffers grew while keys were appended page by page (up to
    /// half of them): done when a load is complete.
    mutating func shrinkToFit() {
        bytes.shrinkToFit(); starts.shrinkToFit(); nameLengths.shrinkToFit(); nameMasks.shrinkToFit()
        keyMasks.shrinkToFit(); pairMasks.shrinkToFit(); wordStarts.shrinkToFit(); firstBytes.shrinkToFit(); hasCodes.shrinkToFit()
        actives.shrinkToFit()
    }

    /// Adds keys at the end.
    public mutating func append(contentsOf products: some Sequence<Product>, prices: [String: [Price]] = [:]) {
        append(contentsOf: products) { product, labels in
            for price in prices[product.id] ?? [] { labels.append((price.nickname, price.lookupKey)) }
        }
    }

    /// Adds keys at the end, with the labels of the catalog's prices (no `Price` values made).
    public mutating func append(contentsOf products: some Sequence<Product>, prices: CatalogPrices) {
        append(contentsOf: products) { product, labels in prices.forEachLabel(of: product.id) { labels.append(($0, $1)) } }
    }

    /// `labels` adds the nickname and lookup key of each of a product's prices, in order.
    private mutating func append(contentsOf products: some Sequence<Product>,
                                 labels: (Product, inout [(String?, String?)]) -> Void) {
        var folds: [Unicode.Scalar: [UInt8]] = [:]
        var pairs: [(String?, String?)] = []
        for product in products {
            pairs.removeAll(keepingCapacity: true)
            labels(product, &pairs)
            appendKey(active: product.active) { SearchIndex.appendKey(for: product, labels: pairs, to: &$0, folds: &folds) }
        }
        memo = RankingMemo()
    }

    /// Adds the key `write` appends to the bytes, and the facts ranking reads of it.
    private mutating func appendKey(active: Bool, _ write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        write(&bytes)
        starts.append(bytes.count)
        let facts = SearchIndex.facts(bytes[start...])
        nameLengths.append(facts.nameLength)
        nameMasks.append(facts.nameMask)
        keyMasks.append(facts.keyMask)
        pairMasks.append(facts.pairMask)
        wordStarts.append(facts.wordStarts)
        firstBytes.append(facts.firstByte)
        hasCodes.append(facts.hasCode)
        actives.append(active)
    }

    /// Inserts a key before all others.
    public mutating func prepend(_ product: Product, prices: [Price] = []) {
        let key = SearchIndex.key(for: product, prices: prices)
        let order = memo.builtNameOrder
        bytes.insert(contentsOf: key, at: 0)
        starts = [0] + starts.map { $0 + key.count }
        let facts = SearchIndex.facts(key[...])
        nameLengths.insert(facts.nameLength, at: 0)
        nameMasks.insert(facts.nameMask, at: 0)
        keyMasks.insert(facts.keyMask, at: 0)
        pairMasks.insert(facts.pairMask, at: 0)
        wordStarts.insert(facts.wordStarts, at: 0)
        firstBytes.insert(facts.firstByte, at: 0)
        hasCodes.insert(facts.hasCode, at: 0)
        actives.insert(product.active, at: 0)
        // A product made here goes into the name order by one binary search, not a new sort.
        memo = RankingMemo(nameOrder: order.map(nameOrderWithFirstKey))
    }

    /// Replaces the key at `index`.
    public mutating func replace(at index: Int, with product: Product, prices: [Price] = []) {
        let key = SearchIndex.key(for: product, prices: prices)
        let old = starts[index]..<starts[index + 1]
        // A copy: a slice would share `bytes` and make the replace below copy all of them.
        let oldName = Array(name(index))
        let delta = key.count - old.count
        bytes.replaceSubrange(old, with: key)
        for i in (index + 1)..<starts.count { starts[i] += delta }
        let facts = SearchIndex.facts(key[...])
        (nameLengths[index], nameMasks[index], keyMasks[index]) = (facts.nameLength, facts.nameMask, facts.keyMask)
        pairMasks[index] = facts.pairMask
        (wordStarts[index], firstBytes[index], hasCodes[index]) = (facts.wordStarts, facts.firstByte, facts.hasCode)
        actives[index] = product.active
        // New prices or a new description leave the name order as it was (sorting 100,000 names
        // again would cost the next keystroke tens of milliseconds).
        memo = RankingMemo(nameOrder: name(index).elementsEqual(oldName) ? memo.builtNameOrder : nil)
    }

    /// The folded name of the key at `index` (the key's bytes up to its first separator).
    func name(_ index: Int) -> ArraySlice<UInt8> {
        bytes[starts[index]..<(starts[index] + Int(nameLengths[index]))]
    }

    /// Takes `earlier`'s name order when it holds the same names (a refresh or a price sync that
    /// changed no name), so the first keystroke after it does not sort them again.
    public mutating func keepNameOrder(of earlier: SearchIndex) {
        guard earlier.count == count, let order = earlier.memo.builtNameOrder, memo.builtNameOrder == nil,
              (0..<count).allSatisfy({ name($0) == earlier.name($0) }) else { return }
        memo = RankingMemo(nameOrder: order)
    }

    /// Whether the product at `index` is active.
    public func isActive(_ index: Int) -> Bool { actives.indices.contains(index) && actives[index] }

    /// What ranking reads of a key without its bytes: the name's length (the name runs to the
    /// first separator), the masks of the name's bytes, of the whole key's, of its pairs with a
    /// multi-byte character's byte and of the bytes that start a word after the first, the first
    /// byte (0 for an empty key), and whether it holds a code.
    static func facts(_ key: ArraySlice<UInt8>) -> (nameLength: UInt32, nameMask: UInt64, keyMask: UInt64, pairMask: UInt64,
                                                    wordStarts: UInt64, firstByte: UInt8, hasCode: Bool) {
        var mask: UInt64 = 0, nameMask: UInt64 = 0, wordStarts: UInt64 = 0, pairMask: UInt64 = 0
        var nameLength: UInt32?
        var length: UInt32 = 0
        var previous: UInt8?
        var before: UInt8 = 0   // the byte before in this field, 0 at a field's start
        var hasCode = false
        for byte in key {
            if byte == 0 { break }
            if byte < 0x20 {
                if byte == lookupKeySeparator { hasCode = true }
                if nameLength == nil { (nameLength, nameMask) = (length, mask) }
                before = 0
                continue
            }
            pairMask |= pairBit(before, byte)
            before = byte
            if nameLength == nil, let previous, isWordBoundary(previous) { wordStarts |= maskBit(byte) }
            if nameLength == nil { previous = byte }
            mask |= maskBit(byte)
            length += 1
        }
        let first = key.first.map { $0 < 0x20 ? 0 : $0 } ?? 0
        return (nameLength ?? length, nameLength == nil ? mask : nameMask, mask, pairMask, wordStarts, first, hasCode)
    }

    /// The bits of `text`'s bytes in a key mask.
    static func mask(_ text: [UInt8]) -> UInt64 {
        text.reduce(0) { $0 | maskBit($1) }
    }

    /// The bits of `text`'s pairs in a pair mask (text holds no separator).
    static func pairMask(_ text: [UInt8]) -> UInt64 {
        zip(text, text.dropFirst()).reduce(0) { $0 | pairBit($1.0, $1.1) }
    }

    /// Which of a pair mask's 64 bits the pair `first`, `second` sets: none when both are ASCII
    /// (or `first` is 0, the start of a field), so the mask holds only the pairs of other scripts.
    @inline(__always)
    static func pairBit(_ first: UInt8, _ second: UInt8) -> UInt64 {
        guard first != 0, (first | second) >= 0x80 else { return 0 }
        return 1 << UInt64(((UInt32(first) << 8 | UInt32(second)) &* 0x9E37_79B1) >> 26)
    }

    /// Which of a mask's 64 bits a byte sets: each letter and digit its own, other bytes
    /// (punctuation, the bytes of multi-byte characters) share the rest.
    @inline(__always)
    static func maskBit(_ byte: UInt8) -> UInt64 {
        let bit: UInt8
        if byte &- 0x61 < 26 { bit = byte &- 0x61 }
        else if byte &- 0x30 < 10 { bit = 26 &+ (byte &- 0x30) }
        else { bit = 36 &+ byte % 28 }
        return 1 << UInt64(bit)
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
    /// Sixteen positions are tested at a time for the text's first two bytes (one vector
    /// compare each), so common letters cost few false starts; only those are compared whole.
    /// Vectors may read past `end` within the buffer: positions there are never returned.
    @inline(__always)
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                     from start: Int, to end: Int) -> Int? {
        let count = needle.count
        let last = end &- count
        guard last >= start, let base = haystack.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let first = needle[0]
        let firsts = SIMD16<UInt8>(repeating: first)
        let seconds = SIMD16<UInt8>(repeating: count > 1 ? needle[1] : 0)
        // The last position a 17-byte load (16 and the byte after) may start at.
        let vectorEnd = haystack.count &- 17
        var position = start
        while position <= last {
            if position <= vectorEnd {
                var hits = raw.loadUnaligned(fromByteOffset: position, as: SIMD16<UInt8>.self) .== firsts
                if count > 1 {
                    hits = hits .& (raw.loadUnaligned(fromByteOffset: position &+ 1, as: SIMD16<UInt8>.self) .== seconds)
                }
                // 0xFF in each lane that may start the text, read as two words.
                let lanes = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: hits), to: SIMD2<UInt64>.self)
                if lanes[0] == 0 && lanes[1] == 0 {
                    position &+= 16
                    continue
                }
                position &+= lanes[0] != 0 ? lanes[0].trailingZeroBitCount / 8 : 8 &+ lanes[1].trailingZeroBitCount / 8
                if position > last { return nil }
            } else if haystack[position] != first {
                position &+= 1
                continue
            }
            if equal(haystack, at: position, needle) { return position }
            position &+= 1
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

    /// Whether `part` occurs in `text` (both folded): then every key matching `text` matches
    /// `part`, which lets a longer query search only what the shorter one matched.
    static func contains(_ text: [UInt8], _ part: [UInt8]) -> Bool {
        guard !part.isEmpty else { return true }
        guard text.count >= part.count else { return false }
        for start in 0...(text.count - part.count) where text[start..<(start + part.count)].elementsEqual(part) {
            return true
        }
        return false
    }

    static func key(for product: Product, prices: [Price] = []) -> [UInt8] {
        var key: [UInt8] = []
        var folds: [Unicode.Scalar: [UInt8]] = [:]
        appendKey(for: product, labels: prices.map { ($0.nickname, $0.lookupKey) }, to: &key, folds: &folds)
        return key
    }

    /// Field separators: 0x01 before the description, id and each nickname, 0x02 before each
    /// lookup key (so an exact SKU can be told from other fields); 0x00 ends the key.
    static let fieldSeparator: UInt8 = 1, lookupKeySeparator: UInt8 = 2

    /// `labels`: each price's nickname and lookup key, in order.
    private static func appendKey(for product: Product, labels: [(String?, String?)],
                                  to key: inout [UInt8], folds: inout [Unicode.Scalar: [UInt8]]) {
        var (id, name, description) = (product.id, product.name, product.description ?? "")
        id.withUTF8 { id in
            name.withUTF8 { name in
                description.withUTF8 { description in
                    appendKey(name: name, description: description, id: id, labels: labels, to: &key, folds: &folds)
                }
            }
        }
    }

    /// The key of a product's fields (UTF-8) and its prices' labels.
    static func appendKey(name: UnsafeBufferPointer<UInt8>, description: UnsafeBufferPointer<UInt8>?,
                          id: UnsafeBufferPointer<UInt8>, labels: [(String?, String?)],
                          to key: inout [UInt8], folds: inout [Unicode.Scalar: [UInt8]]) {
        appendFolded(name, to: &key, folds: &folds)
        key.append(fieldSeparator)
        if let description { appendFolded(description, to: &key, folds: &folds) }
        key.append(fieldSeparator)
        appendFolded(id, to: &key, folds: &folds)
        for (nickname, code) in labels {
            if let nickname, !nickname.isEmpty {
                key.append(fieldSeparator)
                appendFolded(nickname, to: &key, folds: &folds)
            }
            if let code, !code.isEmpty {
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
        var text = text
        text.withUTF8 { appendFolded($0, to: &out, folds: &folds) }
    }

    /// The same over UTF-8 (valid, as Swift strings give it): scalars are decoded in place.
    private static func appendFolded(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8],
                                     folds: inout [Unicode.Scalar: [UInt8]]) {
        var i = 0
        while i < text.count {
            let byte = text[i]
            if byte < 0x80 {
                i += 1
                if byte < 0x20 || byte == 0x7F { continue }
                out.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for j in 1..<length where i + j < text.count { value = value << 6 | UInt32(text[i + j] & 0x3F) }
            i += length
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            if let folded = folds[scalar] {
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
