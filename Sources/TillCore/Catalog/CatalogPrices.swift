import Foundation

/// The active prices of every product, as the price sync leaves them: a product id → its prices,
/// newest first, read and written like a `[String: [Price]]`.
///
/// Kept compact because it is the largest thing a till holds (100,000 products have ~200,000
/// prices): a `[String: [Price]]` spent ~50 MiB on them (a 112-byte `Price`, a heap allocation for
/// each price id and for each copy of the product id, an array per product). Here every string lives
/// in one UTF-8 buffer, each price as one run `idLength id [nicknameLength nickname] [lookupKeyLength
/// lookupKey]` (LEB128 lengths; the record's flags say which of the last two are there, and most
/// prices have neither), each product id as `length id`. A price is a 24-byte record (its run,
/// the amount in 32 bits, the created time in milliseconds), a product a 16-byte group, and the
/// lookup an open-addressing table of 32-bit slots. The rare amount that needs more than 32 bits,
/// and the created time that milliseconds do not give back exactly, are kept whole in side tables.
/// `Price` values are made only when one product's prices are read.
public struct CatalogPrices: Sendable, ExpressibleByDictionaryLiteral {
    struct Record: Sendable {
        /// Milliseconds since 1970; `Record.inExactCreated` when that would not give the same
        /// `Date` back (the time is then in `exactCreated`).
        var createdMilliseconds: Int64
        /// The unit amount; `Record.inWideAmounts` when it does not fit (it is then in `wideAmounts`).
        var amount: Int32
        /// Where the price's run starts in `text`.
        var start: UInt32
        /// The next price of the same product, -1 after the last.
        var next: Int32
        var currency: UInt16
        var flags: UInt8

        static let active: UInt8 = 1, hasNickname: UInt8 = 2, hasLookupKey: UInt8 = 4
        static let inWideAmounts = Int32.min, inExactCreated = Int64.min
    }

    struct Group: Sendable {
        /// Where the product id's run starts in `text`.
        var productId: UInt32
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
    /// Amounts beyond 32 bits, by record.
    private var wideAmounts: [Int32: Int64] = [:]
    /// Created times (`timeIntervalSinceReferenceDate`) that milliseconds do not hold, by record.
    private var exactCreated: [Int32: Double] = [:]
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
            if equals(run(of: Int(record)).id, priceId) { return true }
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
            let run = run(of: Int(record))
            body(run.nickname.map(string), run.lookupKey.map(string))
            record = records[Int(record)].next
        }
    }

    /// Every price that has a SKU or barcode.
    func pricesWithLookupKeys() -> [Price] {
        var out: [Price] = []
        for group in groups where group.first >= 0 {
            var record = group.first
            while record >= 0 {
                if let key = run(of: Int(record)).lookupKey, !key.isEmpty {
                    out.append(price(at: Int(record), productId: productId(of: group)))
                }
                record = records[Int(record)].next
            }
        }
        return out
    }

    /// Product ids with prices, in the order they were first added.
    public var productIds: [String] {
        groups.filter { $0.first >= 0 }.map(productId(of:))
    }

    /// Bytes held (the arrays' capacities), for the benchmark's breakdown.
    public var footprint: Int {
        text.capacity + records.capacity * MemoryLayout<Record>.stride + groups.capacity * MemoryLayout<Group>.stride
            + slots.capacity * 4 + currencies.capacity * MemoryLayout<Currency>.stride
            + wideAmounts.capacity * 12 + exactCreated.capacity * 12
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
        var flags = price.active ? Record.active : 0
        if price.nickname != nil { flags |= Record.hasNickname }
        if price.lookupKey != nil { flags |= Record.hasLookupKey }
        let amount = Int32(exactly: price.unitAmount) ?? Record.inWideAmounts
        if amount == Record.inWideAmounts {
            wideAmounts[index] = price.unitAmount
        }
        let created = CatalogPrices.milliseconds(price.created) ?? Record.inExactCreated
        if created == Record.inExactCreated {
            exactCreated[index] = price.created.timeIntervalSinceReferenceDate
        }
        let start = store(price.id)
        if let nickname = price.nickname { store(nickname) }
        if let lookupKey = price.lookupKey { store(lookupKey) }
        records.append(Record(createdMilliseconds: created, amount: amount, start: start, next: -1,
                              currency: UInt16(currency), flags: flags))
        if groups[group].first < 0 {
            groups[group].first = index
            count += 1
        } else {
            records[Int(groups[group].last)].next = index
        }
        groups[group].last = index
        groups[group].count += 1
    }

    /// `date` in whole milliseconds since 1970, when those give it back exactly (every time the
    /// API sends, in seconds or milliseconds, does); nil otherwise.
    static func milliseconds(_ date: Date) -> Int64? {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        guard abs(milliseconds) < 0x1p53 else { return nil }   // also refuses NaN and infinities
        let whole = Int64(milliseconds)
        return CatalogPrices.date(milliseconds: whole) == date ? whole : nil
    }

    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Rebuilds the storage from the live chains (after many replacements).
    private mutating func compact() {
        var fresh = CatalogPrices()
        for group in groups where group.first >= 0 {
            let productId = productId(of: group)
            var record = group.first
            while record >= 0 {
                fresh.append(price(at: Int(record), productId: productId), to: productId)
                record = records[Int(record)].next
            }
        }
        self = fresh
    }

    /// Appends `string` to `text` as its length, then its UTF-8; where it starts.
    @discardableResult
    private mutating func store(_ string: String) -> UInt32 {
        let start = text.count
        var string = string
        string.withUTF8 { bytes in
            Varint.append(bytes.count, to: &text)
            text.append(contentsOf: bytes)
        }
        // Records and groups hold 32-bit offsets.
        precondition(text.count <= Int(UInt32.max))
        return UInt32(start)
    }

    /// Where the strings of record `index`'s run lie in `text`.
    private func run(of index: Int) -> (id: Range<Int>, nickname: Range<Int>?, lookupKey: Range<Int>?) {
        let record = records[index]
        return text.withUnsafeBufferPointer { text in
            var at = Int(record.start)
            func take() -> Range<Int> {
                let length = Varint.read(text, &at)
                defer { at += length }
                return at..<(at + length)
            }
            let id = take()
            let nickname = record.flags & Record.hasNickname != 0 ? take() : nil
            let lookupKey = record.flags & Record.hasLookupKey != 0 ? take() : nil
            return (id, nickname, lookupKey)
        }
    }

    /// Where the product id of `group` lies in `text`.
    private func productIdRange(of group: Group) -> Range<Int> {
        text.withUnsafeBufferPointer { text in
            var at = Int(group.productId)
            let length = Varint.read(text, &at)
            return at..<(at + length)
        }
    }

    private func productId(of group: Group) -> String { string(productIdRange(of: group)) }

    private func string(_ range: Range<Int>) -> String {
        text.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF8.self) }
    }

    private func equals(_ range: Range<Int>, _ string: String) -> Bool {
        var string = string
        return string.withUTF8 { equals(range, $0) }
    }

    private func equals(_ range: Range<Int>, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        guard wanted.count == range.count else { return false }
        return text.withUnsafeBufferPointer { bytes in
            wanted.isEmpty || memcmp(bytes.baseAddress! + range.lowerBound, wanted.baseAddress!, wanted.count) == 0
        }
    }

    private func price(at index: Int, productId: String) -> Price {
        let r = records[index]
        let run = run(of: index)
        let amount = r.amount == Record.inWideAmounts ? wideAmounts[Int32(index)]! : Int64(r.amount)
        let created = r.createdMilliseconds == Record.inExactCreated
            ? Date(timeIntervalSinceReferenceDate: exactCreated[Int32(index)]!)
            : CatalogPrices.date(milliseconds: r.createdMilliseconds)
        return Price(id: string(run.id), productId: productId, currency: currencies[Int(r.currency)],
                     unitAmount: amount, nickname: run.nickname.map(string), active: r.flags & Record.active != 0,
                     created: created, lookupKey: run.lookupKey.map(string))
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
            if equals(productIdRange(of: groups[group]), productId) { return group }
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
        let id = productIdRange(of: groups[group])
        let hash = text.withUnsafeBufferPointer { CatalogPrices.hash(UnsafeBufferPointer(rebasing: $0[id])) }
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
