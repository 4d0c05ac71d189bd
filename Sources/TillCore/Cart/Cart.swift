import Foundation

/// What the operator is about to sell: lines in one currency, at most 100, each quantity 1...999.
/// Its invariants hold whatever path built it, decoding included.
public struct Cart: Hashable, Codable, Sendable {
    /// The lines in the order they were added.
    public private(set) var lines: [CartLine]

    /// Quantities a line may have.
    public static let quantityRange = 1...999
    /// The most lines a cart holds (WooshPay takes up to 100 line items per session).
    public static let maximumLines = 100

    /// An empty cart.
    public init() { lines = [] }

    /// A cart of the given lines, checked as if they were added one by one (equal price lines merge).
    public init(lines: [CartLine]) throws(CartError) {
        self.init()
        for line in lines { try add(line) }
    }

    /// The cart's currency: that of its first line; nil when empty.
    public var currency: Currency? { lines.first?.unitAmount.currency }

    public var isEmpty: Bool { lines.isEmpty }

    /// Total number of units across lines.
    public var itemCount: Int { lines.reduce(0) { $0 + $1.quantity } }

    /// The sum of the line subtotals; nil when the cart is empty.
    public func total() throws(MoneyError) -> Money? {
        guard let currency else { return nil }
        var sum = Money(minorUnits: 0, currency: currency)
        for line in lines { sum = try sum.adding(try line.subtotal()) }
        return sum
    }

    /// Adds a line. A price already in the cart gets its quantity bumped instead of a second line.
    public mutating func add(_ line: CartLine) throws(CartError) {
        try Cart.check(quantity: line.quantity)
        if let currency, currency != line.unitAmount.currency {
            throw .currencyMismatch(cart: currency, item: line.unitAmount.currency)
        }
        var next = self
        if case .price(let id, _) = line.item,
           let index = lines.firstIndex(where: { $0.priceId == id }) {
            let quantity = lines[index].quantity + line.quantity
            try Cart.check(quantity: quantity)
            next.lines[index].quantity = quantity
        } else {
            guard lines.count < Cart.maximumLines else { throw .tooManyLines }
            next.lines.append(line)
        }
        try next.checkTotal()
        self = next
    }

    /// Sets the quantity of the line at `index`.
    public mutating func setQuantity(_ quantity: Int, at index: Int) throws(CartError) {
        guard lines.indices.contains(index) else { throw .noSuchLine(index) }
        try Cart.check(quantity: quantity)
        var next = self
        next.lines[index].quantity = quantity
        try next.checkTotal()
        self = next
    }

    /// Removes the line at `index` (no-op when out of range).
    public mutating func remove(at index: Int) {
        guard lines.indices.contains(index) else { return }
        lines.remove(at: index)
    }

    /// Empties the cart.
    public mutating func removeAll() { lines.removeAll() }

    static func check(quantity: Int) throws(CartError) {
        guard quantityRange.contains(quantity) else { throw .quantityOutOfRange(quantity) }
    }

    private func checkTotal() throws(CartError) {
        do { _ = try total() } catch { throw .totalTooLarge }
    }

    // Decoding goes through `init(lines:)` so a hand-edited file cannot break the invariants.
    private enum CodingKeys: String, CodingKey { case lines }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let lines = try container.decode([CartLine].self, forKey: .lines)
        do { try self.init(lines: lines) } catch {
            throw DecodingError.dataCorruptedError(forKey: .lines, in: container, debugDescription: error.description)
        }
        guard self.lines == lines else {
            throw DecodingError.dataCorruptedError(forKey: .lines, in: container,
                                                   debugDescription: "The same price appears on two lines.")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lines, forKey: .lines)
    }
}

/// One line of a cart.
public struct CartLine: Hashable, Codable, Sendable {
    /// What is sold.
    public enum Item: Hashable, Codable, Sendable {
        /// An existing price, sent as `price`; the product name is for display.
        case price(id: String, productName: String)
        /// A one-off item, sent as inline `price_data` with `product_data.name`.
        case oneOff(name: String)
    }

    public var item: Item
    /// The price of one unit.
    public var unitAmount: Money
    public var quantity: Int
    /// The price's nickname ("Large"), so two prices of one product read apart on screen; nil in
    /// carts saved before it was kept, which decode as they were.
    public var variant: String?

    public init(item: Item, unitAmount: Money, quantity: Int = 1, variant: String? = nil) {
        self.item = item
        self.unitAmount = unitAmount
        self.quantity = quantity
        self.variant = variant
    }

    /// A line for an existing price.
    public init(price: Price, productName: String, quantity: Int = 1) {
        let nickname = price.nickname?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        self.init(item: .price(id: price.id, productName: productName), unitAmount: price.money, quantity: quantity,
                  variant: nickname.isEmpty ? nil : nickname)
    }

    /// The price id, for price lines.
    public var priceId: String? {
        if case .price(let id, _) = item { return id }
        return nil
    }

    /// What the line is called on screen: the product, then the price's nickname when it has one
    /// ("Espresso · Double").
    public var name: String {
        switch item {
        case .price(_, let productName): variant.map { "\(productName) · \($0)" } ?? productName
        case .oneOff(let name): name
        }
    }

    /// Unit amount times quantity.
    public func subtotal() throws(MoneyError) -> Money { try unitAmount.multiplied(by: quantity) }
}

/// Why the cart refused a change (the TUI says it in words through TillView's Messages).
public enum CartError: Error, Hashable, Sendable, CustomStringConvertible {
    case quantityOutOfRange(Int)
    case currencyMismatch(cart: Currency, item: Currency)
    case tooManyLines
    case totalTooLarge
    case noSuchLine(Int)

    /// English for the log and the shop store's "unreadable" problem of a corrupt stored cart
    /// (LocalJSON.describe reads it from the DecodingError), never the TUI's words.
    public var description: String {
        switch self {
        case .quantityOutOfRange(let quantity):
            "Quantity must be from \(Cart.quantityRange.lowerBound) to \(Cart.quantityRange.upperBound) (\(quantity) asked)."
        case .currencyMismatch(let cart, let item):
            "The cart is in \(cart.code); an item in \(item.code) cannot join it. Check out or empty the cart first."
        case .tooManyLines:
            "A cart holds at most \(Cart.maximumLines) lines."
        case .totalTooLarge:
            "The cart total would be too large."
        case .noSuchLine(let index):
            "There is no cart line \(index + 1)."
        }
    }
}
