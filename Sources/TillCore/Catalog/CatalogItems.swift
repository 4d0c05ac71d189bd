import Foundation

/// Every product of the catalog, in order, read and written like a `[Product]`.
///
/// Kept compact because a till holds the whole catalog for as long as it runs: a `[Product]` spent
/// ~284 bytes on each of 100,000 products (a 72-byte value and a heap string for the id, the name
/// and most descriptions). Here every product's text lives in one UTF-8 buffer, as one run
/// `idLength nameLength descriptionLength metadataLength id name description metadata` (lengths
/// as LEB128 varints, `descriptionLength` one more than the length, 0 for none; metadata as
/// key/value pairs sorted by key), and a product is a 16-byte record (where its run starts, its
/// created time, its active flag). `Product` values are made only when read: a frame reads the
/// ~20 rows it draws, and the lookups by id compare bytes.
public struct CatalogItems: Sendable {
    struct Record: Sendable {
        var created: Double
        var start: UInt32
        var active: Bool
    }

    private var text: [UInt8] = []
    private var records: [Record] = []
    /// Bytes of `text` no record reaches any more (replaced products), reclaimed when they are
    /// more than the rest.
    private var garbage = 0

    public init() {}

    public init(_ products: some Sequence<Product>) {
        append(contentsOf: products)
    }

    /// Bytes held (the buffers' capacities), for the benchmark's breakdown.
    public var footprint: Int { text.capacity + records.capacity * MemoryLayout<Record>.stride }

    /// Drops the spare capacity the buffers grew while products were appended (up to half of
    /// them): done when a load has put every product in.
    public mutating func shrinkToFit() {
        if garbage > 0 { compact() }
        text.shrinkToFit()
        records.shrinkToFit()
    }

    // MARK: Reading without making products

    /// The id of the product at `index`.
    public func id(at index: Int) -> String {
        fields(at: index) { id, _, _ in String(decoding: id, as: UTF8.self) }
    }

    /// Whether the product at `index` has this id (no string made).
    public func hasId(_ id: String, at index: Int) -> Bool {
        var id = id
        return id.withUTF8 { wanted in fields(at: index) { have, _, _ in CatalogItems.equal(have, wanted) } }
    }

    /// The position of the first product with this id (no product made).
    public func firstIndex(ofId id: String) -> Int? {
        var id = id
        return id.withUTF8 { wanted in
            text.withUnsafeBufferPointer { text in
                records.indices.first { CatalogItems.equal(CatalogItems.run(text, from: Int(records[$0].start)).id, wanted) }
            }
        }
    }

    /// Whether the product at `index` is active.
    public func isActive(at index: Int) -> Bool { records[index].active }

    /// Calls `body` with the UTF-8 of the id, name and description (nil: none) of the product at `index`.
    func fields<T>(at index: Int, _ body: (_ id: UnsafeBufferPointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>,
                                            _ description: UnsafeBufferPointer<UInt8>?) -> T) -> T {
        text.withUnsafeBufferPointer { text in
            let run = CatalogItems.run(text, from: Int(records[index].start))
            return body(run.id, run.name, run.description)
        }
    }

    // MARK: Storage

    /// The fields of the run at `start`.
    private static func run(_ text: UnsafeBufferPointer<UInt8>, from start: Int)
        -> (id: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>, description: UnsafeBufferPointer<UInt8>?,
            metadata: UnsafeBufferPointer<UInt8>, end: Int) {
        var at = start
        let idLength = Varint.read(text, &at), nameLength = Varint.read(text, &at)
        let descriptionLength = Varint.read(text, &at), metadataLength = Varint.read(text, &at)
        func take(_ length: Int) -> UnsafeBufferPointer<UInt8> {
            defer { at += length }
            return UnsafeBufferPointer(rebasing: text[at..<(at + length)])
        }
        let id = take(idLength), name = take(nameLength)
        let description = descriptionLength == 0 ? nil : take(descriptionLength - 1)
        let metadata = take(metadataLength)
        return (id, name, description, metadata, at)
    }

    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    /// Appends a product's run to `text`; the record that points at it.
    private static func store(_ product: Product, in text: inout [UInt8]) -> Record {
        let start = text.count
        var id = product.id, name = product.name, description = product.description
        // Sorted, so equal metadata makes equal bytes.
        let metadata = product.metadata.sorted { $0.key < $1.key }
        var metadataLength = 0
        for (key, value) in metadata {
            metadataLength += Varint.length(key.utf8.count) + key.utf8.count + Varint.length(value.utf8.count) + value.utf8.count
        }
        id.withUTF8 { id in
            name.withUTF8 { name in
                Varint.append(id.count, to: &text)
                Varint.append(name.count, to: &text)
                Varint.append(description.map { $0.utf8.count + 1 } ?? 0, to: &text)
                Varint.append(metadataLength, to: &text)
                text.append(contentsOf: id)
                text.append(contentsOf: name)
            }
        }
        description?.withUTF8 { text.append(contentsOf: $0) }
        for (key, value) in metadata {
            for var part in [key, value] {
                Varint.append(part.utf8.count, to: &text)
                part.withUTF8 { text.append(contentsOf: $0) }
            }
        }
        // Records hold 32-bit offsets: 4 GiB of text is ~40 million products.
        precondition(text.count <= Int(UInt32.max))
        return Record(created: product.created.timeIntervalSinceReferenceDate, start: UInt32(start), active: product.active)
    }

    private static func product(_ record: Record, in text: UnsafeBufferPointer<UInt8>) -> Product {
        let run = run(text, from: Int(record.start))
        var metadata: [String: String] = [:]
        if !run.metadata.isEmpty {
            var at = 0
            func take() -> String {
                let length = Varint.read(run.metadata, &at)
                defer { at += length }
                return String(decoding: UnsafeBufferPointer(rebasing: run.metadata[at..<(at + length)]), as: UTF8.self)
            }
            while at < run.metadata.count {
                let key = take()
                metadata[key] = take()
            }
        }
        return Product(id: String(decoding: run.id, as: UTF8.self), name: String(decoding: run.name, as: UTF8.self),
                       description: run.description.map { String(decoding: $0, as: UTF8.self) }, active: record.active,
                       created: Date(timeIntervalSinceReferenceDate: record.created), metadata: metadata)
    }

    private func runLength(_ record: Record) -> Int {
        text.withUnsafeBufferPointer { CatalogItems.run($0, from: Int(record.start)).end - Int(record.start) }
    }

    /// Rebuilds the text from the runs records reach (after many replacements), in their order.
    private mutating func compact() {
        var fresh: [UInt8] = []
        fresh.reserveCapacity(text.count - garbage)
        let old = text
        var records = records
        old.withUnsafeBufferPointer { old in
            for i in records.indices {
                let start = Int(records[i].start)
                let end = CatalogItems.run(old, from: start).end
                records[i].start = UInt32(fresh.count)
                fresh.append(contentsOf: UnsafeBufferPointer(rebasing: old[start..<end]))
            }
        }
        text = fresh
        self.records = records
        garbage = 0
    }
}

extension CatalogItems: RandomAccessCollection, MutableCollection, RangeReplaceableCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    public subscript(position: Int) -> Product {
        get { text.withUnsafeBufferPointer { CatalogItems.product(records[position], in: $0) } }
        set { replaceSubrange(position..<(position + 1), with: CollectionOfOne(newValue)) }
    }

    public mutating func replaceSubrange(_ subrange: Range<Int>, with products: some Collection<Product>) {
        for record in records[subrange] { garbage += runLength(record) }
        var added: [Record] = []
        added.reserveCapacity(products.count)
        for product in products { added.append(CatalogItems.store(product, in: &text)) }
        records.replaceSubrange(subrange, with: added)
        if records.isEmpty {
            text.removeAll(keepingCapacity: true)
            garbage = 0
        } else if garbage > 4096 && garbage > text.count / 2 {
            compact()
        }
    }

    public mutating func append(_ product: Product) {
        records.append(CatalogItems.store(product, in: &text))
    }

    public mutating func append(contentsOf products: some Sequence<Product>) {
        records.reserveCapacity(records.count + products.underestimatedCount)
        for product in products { records.append(CatalogItems.store(product, in: &text)) }
    }

    public mutating func reserveCapacity(_ n: Int) {
        records.reserveCapacity(n)
    }
}

extension CatalogItems: ExpressibleByArrayLiteral {
    public init(arrayLiteral products: Product...) {
        self.init(products)
    }
}

extension CatalogItems: Hashable {
    /// Equal when they hold equal products in the same order (however they were stored).
    public static func == (lhs: CatalogItems, rhs: CatalogItems) -> Bool {
        guard lhs.count == rhs.count else { return false }
        // Copies share their buffers (a state compared with the one before it): equal at once, as arrays are.
        if lhs.records.withUnsafeBufferPointer({ $0.baseAddress }) == rhs.records.withUnsafeBufferPointer({ $0.baseAddress }),
           lhs.text.withUnsafeBufferPointer({ $0.baseAddress }) == rhs.text.withUnsafeBufferPointer({ $0.baseAddress }) {
            return true
        }
        return lhs.text.withUnsafeBufferPointer { left in
            rhs.text.withUnsafeBufferPointer { right in
                lhs.records.indices.allSatisfy { i in
                    let (l, r) = (lhs.records[i], rhs.records[i])
                    guard l.created == r.created, l.active == r.active else { return false }
                    let (a, b) = (Int(l.start), Int(r.start))
                    let (aEnd, bEnd) = (run(left, from: a).end, run(right, from: b).end)
                    // Equal bytes are equal products; unequal bytes may still be equal strings
                    // (another Unicode normalisation), so those are compared as products.
                    return equal(UnsafeBufferPointer(rebasing: left[a..<aEnd]), UnsafeBufferPointer(rebasing: right[b..<bEnd]))
                        || product(l, in: left) == product(r, in: right)
                }
            }
        }
    }

    /// Only the count: equal strings may differ in bytes, so the bytes cannot be hashed.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
    }
}

extension CatalogItems: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { Array(self).description }
    public var debugDescription: String { Array(self).debugDescription }
}

extension CatalogItems: PageBuffer {}

extension Array {
    /// Drops spare capacity (a copy of exactly `count` elements), when there is any.
    mutating func shrinkToFit() {
        if capacity > count { self = withUnsafeBufferPointer { Array($0) } }
    }
}
