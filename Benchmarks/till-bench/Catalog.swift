import Foundation
import TillCore
import WooshPaySandbox

/// Deterministic catalogs for every figure: the same seed gives the same products, names, ids and
/// prices on every machine. Names mix ASCII, accented Latin, CJK and emoji (a quarter each), so
/// folding, display widths and the JSON path all see non-ASCII text; each product has 1–3 prices.
struct Catalog {
    struct PriceSpec: Hashable {
        var currency: String
        var amount: Int64
    }

    struct Item: Hashable {
        var id: String
        var name: String
        var description: String?
        var prices: [PriceSpec]
        /// Unix seconds; the first item is the newest, as the API lists them.
        var created: Int64
    }

    let items: [Item]

    static let sizes = [1_000, 10_000, 100_000]

    static let ascii = ["Coffee", "Tea", "Bagel", "Croissant", "Smoothie", "Panini", "Soup", "Salad",
                        "Espresso", "Flat white", "Juice", "Cookie", "Brownie", "Muffin", "Scone", "Latte"]
    static let accented = ["Crème brûlée", "Müsli", "Café au lait", "Jalapeño toastie", "Smørbrød", "Crêpe",
                           "Pão de queijo", "Tarte flambée", "Köttbullar", "Açaí bowl", "Piña colada", "Frühstück"]
    static let cjk = ["抹茶ラテ", "おにぎり", "肉まん", "緑茶", "拉麵", "김밥", "豆腐花", "饺子", "焼きそば", "珍珠奶茶"]
    static let emoji = ["☕ Mocha", "🥐 Butter", "🍵 Sencha", "🥯 Plain", "🍪 Oat", "🧁 Vanilla", "🥗 Garden", "🍜 Ramen"]
    static let sizeWords = ["small", "large", "regular", "vegan", "iced", "hot", "double", "organic"]
    static let currencies = ["GBP", "EUR", "USD"]
    /// The newest product's creation time (2026-11-25 12:00 UTC).
    static let newest: Int64 = 1_795_608_000

    /// `count` products from `seed` (SplitMix64, so no platform random source is involved).
    init(count: Int, seed: UInt64 = 13) {
        var random = SplitMix64(seed: seed)
        var items: [Item] = []
        items.reserveCapacity(count)
        for i in 0..<count {
            let words: [String]
            switch i % 4 {
            case 0: words = Catalog.ascii
            case 1: words = Catalog.accented
            case 2: words = Catalog.cjk
            default: words = Catalog.emoji
            }
            let word = words[Int(random.next() % UInt64(words.count))]
            let size = Catalog.sizeWords[Int(random.next() % UInt64(Catalog.sizeWords.count))]
            let number = count - i
            let name = "\(word) \(size) \(number)"
            let description: String? = random.next() % 3 == 0 ? nil : "\(size.capitalized) \(word.lowercased()), item \(number)"
            let priceCount = 1 + Int(random.next() % 3)
            let prices = (0..<priceCount).map { n in
                PriceSpec(currency: Catalog.currencies[(i + n) % 3], amount: Int64(100 + random.next() % 900) * Int64(n + 1))
            }
            // Ids look like the API's (prod_ + 14 base-36 characters), unique per index.
            let id = "prod_" + Catalog.base36(UInt64(i) &* 0x9E37_79B9 &+ 0x1_0000_0000_0000, width: 14)
            items.append(Item(id: id, name: name, description: description, prices: prices, created: Catalog.newest - Int64(i)))
        }
        self.items = items
    }

    /// TillCore's products, newest first.
    var products: [Product] {
        items.map { Product(id: $0.id, name: $0.name, description: $0.description, active: true,
                            created: Date(timeIntervalSince1970: Double($0.created))) }
    }

    var priceCount: Int { items.reduce(0) { $0 + $1.prices.count } }

    static func base36(_ value: UInt64, width: Int) -> String {
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var value = value
        var out: [Character] = []
        while value > 0 || out.isEmpty {
            out.append(digits[Int(value % 36)])
            value /= 36
        }
        while out.count < width { out.append("0") }
        return String(out.reversed().prefix(width))
    }
}

/// The catalog the pseudo-terminal comparison uses, matching the C reference's rows
/// ("Product 100000" … "Product 000001", no prices), so bytes and times compare like for like.
func plainProducts(_ count: Int) -> [Product] {
    (0..<count).map { i in
        Product(id: "prod_\(1_554_351_292_598_452_224 + i)", name: "Product \(String(format: "%06d", count - i))",
                description: nil, active: true, created: Date(timeIntervalSince1970: 1_764_000_000 - Double(i)))
    }
}
