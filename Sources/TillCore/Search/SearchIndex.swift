import Foundation

/// Folded search keys for a product list, built once when products arrive so that each filter
/// keystroke is one pass over bytes: no per-keystroke case or diacritic folding of 100,000 names.
///
/// All keys live in one byte buffer, each `name 0x01 description 0x01 id` and ended by 0x00, so a
/// match can never span two fields or two products.
public struct SearchIndex: Hashable, Sendable {
    private var bytes: [UInt8] = []
    /// Offset where each key starts, plus one past the end: `starts.count == count + 1`.
    private var starts: [Int] = [0]

    /// An index of the given products, in their order.
    public init(_ products: [Product] = []) { append(contentsOf: products) }

    /// Number of keys.
    public var count: Int { starts.count - 1 }

    /// Adds keys at the end.
    public mutating func append(contentsOf products: some Sequence<Product>) {
        for product in products {
            bytes.append(contentsOf: SearchIndex.key(for: product))
            starts.append(bytes.count)
        }
    }

    /// Inserts a key before all others.
    public mutating func prepend(_ product: Product) {
        let key = SearchIndex.key(for: product)
        bytes.insert(contentsOf: key, at: 0)
        starts = [0] + starts.map { $0 + key.count }
    }

    /// Replaces the key at `index`.
    public mutating func replace(at index: Int, with product: Product) {
        let key = SearchIndex.key(for: product)
        let old = starts[index]..<starts[index + 1]
        let delta = key.count - old.count
        bytes.replaceSubrange(old, with: key)
        for i in (index + 1)..<starts.count { starts[i] += delta }
    }

    /// Indices (ascending) of the keys containing `query`, case- and diacritic-insensitively.
    /// With `candidates`, only those indices are searched (typing more narrows what matched before).
    public func matches(_ query: String, among candidates: [Int]? = nil) -> [Int] {
        let needle = SearchIndex.fold(query)
        guard !needle.isEmpty else { return candidates ?? Array(0..<count) }
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                starts.withUnsafeBufferPointer { starts in
                    if let candidates {
                        return candidates.filter { index in
                            SearchIndex.contains(haystack, from: starts[index], to: starts[index + 1], needle)
                        }
                    }
                    return SearchIndex.scan(haystack, starts: starts, needle)
                }
            }
        }
    }

    /// One pass over the whole buffer; on a hit, jumps to the next key.
    private static func scan(_ haystack: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>,
                             _ needle: UnsafeBufferPointer<UInt8>) -> [Int] {
        var found: [Int] = []
        let first = needle[0]
        let last = haystack.count - needle.count
        var position = 0
        var key = 0
        while position <= last {
            if haystack[position] == first && equal(haystack, at: position, needle) {
                while starts[key + 1] <= position { key += 1 }
                found.append(key)
                position = starts[key + 1]
                continue
            }
            position += 1
        }
        return found
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                 _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let last = end - needle.count
        guard last >= start else { return false }
        let first = needle[0]
        for position in start...last where haystack[position] == first && equal(haystack, at: position, needle) {
            return true
        }
        return false
    }

    @inline(__always)
    private static func equal(_ haystack: UnsafeBufferPointer<UInt8>, at position: Int,
                              _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 1
        while i < needle.count {
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

    static func key(for product: Product) -> [UInt8] {
        var key = fold(product.name)
        key.append(1)
        key.append(contentsOf: fold(product.description ?? ""))
        key.append(1)
        key.append(contentsOf: fold(product.id))
        key.append(0)
        return key
    }

    /// Case- and diacritic-folded UTF-8 ("Crème BRÛLÉE" → "creme brulee"); ASCII takes a fast path.
    public static func fold(_ text: String) -> [UInt8] {
        var utf8 = Array(text.utf8)
        if utf8.allSatisfy({ $0 < 0x80 }) {
            for i in utf8.indices where (0x41...0x5A).contains(utf8[i]) { utf8[i] |= 0x20 }
            return utf8.filter { $0 >= 0x20 }
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        return Array(folded.utf8).filter { $0 >= 0x20 }
    }
}
