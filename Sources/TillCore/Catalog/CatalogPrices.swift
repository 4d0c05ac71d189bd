import Foundation

/// The active prices of every product, as the price sync leaves them: a product id → its prices,
/// newest first, read and written like a `[String: [Price]]`.
///
/// Kept compact because it is the largest thing a till holds (100,000 products have ~200,000
/// prices): a `[String: [Price]]` spent ~50 MiB on them (a 112-byte `Price`, a heap allocation for
/// each price id and for each copy of the product id, an array per product). Here every string lives
/// in one UTF-8 buffer, a price is a 48-byte record, a product a 20-byte group, and the lookup is an
/// open-addressing table of 32-bit slots: ~18 MiB for the same prices. `Price` values are made
/// only when one product's prices are read.
public struct CatalogPrices: Sendable, ExpressibleByDictionaryLiteral {
    /// Where a string lives in `text`; `length == absent` stands for nil.
    struct TextRef: Hashable, Sendable {
        var offset: UInt32
        var length: UInt32
        static let absent = UInt32.max
        static let none = TextRef(offset: 0, length: absent)
    }

    struct Record: Sendable {
        var id: TextRef
        var nickname: TextRef
        var lookupKey: TextRef
        var unitAmount: Int64
        var created: Double
        /// The next price of the same product, -1 after the last.
        var next: Int32
        var currency: UInt16
        var active: Bool
    }

    struct Group: Sendable {
        var productId: TextRef
        /// The first and last record of the product's chain, -1 when it has none (removed).
        var first: Int32
        var last: Int32
        var count: Int32
    }

    private var text: [UInt8] = []
    private var records: [Record] = []
    private var groups: [Group] = []
    /// Group index + 1 per slot (0: empty), a power of two at least twice the groups.
    private var slots: [Int32] = []
    private var currencies: [Currency] = []
    /// Products with prices.
    public private(set) var count = 0
    /// Records no chain reaches any more (replaced or removed), reclaimed when they outnumber the rest.
    private var garbage = 0

    public init() {}

    public init(dictionaryLiteral elements: (String, [Price])...) {
        for (productId, prices) in elements { self[productId] = prices }
    }

    public init(_ dictionary: [String: [Price]]) {
        for (productId, prices) in dictionary { self[productId] = prices }
    }

    public var isEmpty: Bool { count == 0 }

    /// A product's prices, in order; nil when it has none. Setting nil or [] removes them.
    public subscript(productId: String) -> [Price]? {
        get {
            guard let group = find(productId), groups[group].first >= 0 else { return nil }
            var prices: [Price] = []
            prices.reserveCapacity(Int(groups[group].count))
            var record = groups[group].first
            while record >= 0 {
                prices.append(price(at: Int(record), productId: productId))
                record = records[Int(record)].next
            }
            return prices
        }
        set {
            remove(productId)
            for price in newValue ?? [] { append(price, to: productId) }
        }
    }

    /// How many prices a product has (0 when none), without making them.
    public func priceCount(of productId: String) -> Int {
        find(productId).map { Int(groups[$0].count) } ?? 0
    }

    /// Adds a price after its product's others.
    public mutating func append(_ price: Price) {
        append(price, to: price.productId)
    }

    /// Whether the product has a price with this id.
    public func contains(priceId: String, of productId: String) -> Bool {
        guard let group = find(productId) else { return false }
        var record = groups[group].first
        while record >= 0 {
            if equals(records[Int(record)].id, priceId) { return true }
            record = records[Int(record)].next
        }
        return false
    }

    /// Calls `body` with the nickname and lookup key of each of a product's prices, in order,
    /// without making `Price` values (the search index reads only these).
    func forEachLabel(of productId: String, _ body: (_ nickname: String?, _ lookupKey: String?) -> Void) {
        var productId = productId
        productId.withUTF8 { forEachLabel(of: $0, body) }
    }

    /// The same for a product id given as UTF-8 (the catalog's bytes).
    func forEachLabel(of productId: UnsafeBufferPointer<UInt8>, _ body: (_ nickname: String?, _ lookupKey: String?) -> Void) {
        guard let group = find(productId) else { return }
        var record = groups[group].first
        while record >= 0 {
            let r = records[Int(record)]
            body(string(r.nickname), string(r.lookupKey))
            record = r.next
        }
    }

    /// Every price that has a SKU or barcode.
    func pricesWithLookupKeys() -> [Price] {
        var out: [Price] = []
        for group in groups where group.first >= 0 {
            var record = group.first
            while record >= 0 {
                let r = records[Int(record)]
                if r.lookupKey.length != TextRef.absent && r.lookupKey.length > 0 {
                    out.append(price(at: Int(record), productId: string(group.productId) ?? ""))
                }
                record = r.next
            }
        }
        return out
    }

    /// Product ids with prices, in the order they were first added.
    public var productIds: [String] {
        groups.filter { $0.first >= 0 }.compactMap { string($0.productId) }
    }

    /// Bytes held (the arrays' capacities), for the benchmark's breakdown.
    public var footprint: Int {
        text.capacity + records.capacity * MemoryLayout<Record>.stride + groups.capacity * MemoryLayout<Group>.stride
            + slots.capacity * 4 + currencies.capacity * MemoryLayout<Currency>.stride
    }

    /// Drops the spare capacity the arrays grew while prices were appended (up to half of them):
    /// done once, when a sync has put every price in.
    public mutating func shrinkToFit() {
        text.shrinkToFit()
        records.shrinkToFit()
        groups.shrinkToFit()
    }

    // MARK: Storage

    private mutating func remove(_ productId: String) {
        guard let group = find(productId), groups[group].first >= 0 else { return }
        garbage += Int(groups[group].count)
        groups[group].first = -1
        groups[group].last = -1
        groups[group].count = 0
        count -= 1
        if garbage > 1024 && garbage > records.count / 2 { compact() }
    }

    private mutating func append(_ price: Price, to productId: String) {
        let group: Int
        if let found = find(productId) {
            group = found
        } else {
            group = groups.count
            groups.append(Group(productId: store(productId), first: -1, last: -1, count: 0))
            insertSlot(for: group)
        }
        let currency: Int
        if let known = currencies.firstIndex(of: price.currency) {
            currency = known
        } else {
            currency = currencies.count
            currencies.append(price.currency)
        }
        let index = Int32(records.count)
        records.append(Record(id: store(price.id), nickname: store(price.nickname), lookupKey: store(price.lookupKey),
                              unitAmount: price.unitAmount, created: price.created.timeIntervalSinceReferenceDate,
                              next: -1, currency: UInt16(currency), active: price.active))
        if groups[group].first < 0 {
            groups[group].first = index
            count += 1
        } else {
            records[Int(groups[group].last)].next = index
        }
        groups[group].last = index
        groups[group].count += 1
    }

    /// Rebuilds the storage from the live chains (after many replacements).
    private mutating func compact() {
        var fresh = CatalogPrices()
        for group in groups where group.first >= 0 {
            let productId = string(group.productId) ?? ""
            var record = group.first
            while record >= 0 {
                fresh.append(price(at: Int(record), productId: productId), to: productId)
                record = records[Int(record)].next
            }
        }
        self = fresh
    }

    private mutating func store(_ string: String?) -> TextRef {
        guard let string else { return .none }
        let offset = UInt32(text.count)
        text.append(contentsOf: string.utf8)
        return TextRef(offset: offset, length: UInt32(text.count) - offset)
    }

    private func string(_ ref: TextRef) -> String? {
        guard ref.length != TextRef.absent else { return nil }
        let start = Int(ref.offset)
        return text.withUnsafeBufferPointer { String(decoding: $0[start..<(start + Int(ref.length))], as: UTF8.self) }
    }

    private func equals(_ ref: TextRef, _ string: String) -> Bool {
        var string = string
        return string.withUTF8 { equals(ref, $0) }
    }

    private func equals(_ ref: TextRef, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        guard ref.length != TextRef.absent, wanted.count == Int(ref.length) else { return false }
        return text.withUnsafeBufferPointer { bytes in
            wanted.isEmpty || memcmp(bytes.baseAddress! + Int(ref.offset), wanted.baseAddress!, wanted.count) == 0
        }
    }

    private func price(at index: Int, productId: String) -> Price {
        let r = records[index]
        return Price(id: string(r.id) ?? "", productId: productId, currency: currencies[Int(r.currency)],
                     unitAmount: r.unitAmount, nickname: string(r.nickname), active: r.active,
                     created: Date(timeIntervalSinceReferenceDate: r.created), lookupKey: string(r.lookupKey))
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }

    private func find(_ productId: String) -> Int? {
        var productId = productId
        return productId.withUTF8 { find($0) }
    }

    private func find(_ productId: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: CatalogPrices.hash(productId)) & mask
        while slots[slot] != 0 {
            let group = Int(slots[slot]) - 1
            if equals(groups[group].productId, productId) { return group }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func insertSlot(for group: Int) {
        if slots.count < groups.count * 2 {
            slots = Array(repeating: 0, count: max(16, slots.count * 2))
            for g in 0..<groups.count { place(g) }
        } else {
            place(group)
        }
    }

    private mutating func place(_ group: Int) {
        let mask = slots.count - 1
        let id = groups[group].productId
        let hash = text.withUnsafeBufferPointer { CatalogPrices.hash(UnsafeBufferPointer(rebasing: $0[Int(id.offset)..<Int(id.offset + id.length)])) }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(group + 1)
    }
}

extension CatalogPrices: Hashable {
    /// Equal when they hold the same prices for the same products (however they were stored).
    public static func == (lhs: CatalogPrices, rhs: CatalogPrices) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.productIds.allSatisfy { lhs[$0] == rhs[$0] }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
    }
}

extension CatalogPrices: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "[" + productIds.sorted().map { "\($0): \(self[$0] ?? [])" }.joined(separator: ", ") + "]"
    }

    public var debugDescription: String { description }
}
