import Crypto
import Foundation
import TillCore

/// What the account holds before an import: every product (archived too) and every price.
public struct CatalogSnapshot: Sendable {
    public var products: [Product]
    public var prices: [Price]

    public init(products: [Product], prices: [Price]) {
        self.products = products
        self.prices = prices
    }
}

/// What an import will do, decided before anything is sent: one group per product, each new price
/// with the idempotency key its row content gives it, and every row's outcome. Pure, so a dry run
/// prints exactly what a real run does.
public struct ImportPlan: Sendable {
    /// What happens to one row, as values (the command line words them).
    public enum Outcome: Hashable, Sendable {
        case create(Creation)
        case update(ProductChange)
        case skip(Skip)
        case fail(RowReason)

        /// `create`, `update`, `skip` or `fail`: the action's name in `--json` and in counts.
        public var action: String {
            switch self {
            case .create: "create"
            case .update: "update"
            case .skip: "skip"
            case .fail: "fail"
            }
        }
    }

    /// What a row creates.
    public enum Creation: Hashable, Sendable {
        /// A product with no price.
        case product(name: String)
        /// A new product with its first price.
        case productWithPrice(name: String, NewPrice)
        /// Another price for a product the file creates.
        case priceForNewProduct(NewPrice, name: String)
        /// A price for a product the account has.
        case price(NewPrice, product: String, id: String)
    }

    /// A product the account has and what `--update` changes in it.
    public struct ProductChange: Hashable, Sendable {
        public var id: String
        /// Its name before the change.
        public var name: String
        public var update: ProductUpdate
    }

    /// Why a row needs nothing done.
    public enum Skip: Hashable, Sendable {
        /// The price is there already; `asked` is the row's amount (an amount never changes).
        case priceThere(id: String, amount: Money, asked: Money)
        case samePriceAs(line: Int)
        case productThere(id: String)
        case sameProductAsEarlierLine
    }

    /// The product a group's rows belong to.
    public enum Target: Hashable, Sendable {
        /// A product to create (with its first price inline when it has one).
        case new(ProductDraft)
        /// A product the account has.
        case existing(Product)
    }

    /// A new price and the row it comes from.
    public struct NewPrice: Hashable, Sendable {
        public var line: Int
        public var amount: Money
        public var nickname: String?
        public var sku: String?
    }

    /// One product and the work on it, done in order by one task.
    public struct Group: Hashable, Sendable {
        public var target: Target
        /// Changes to an existing product (`--update`), nil when none.
        public var update: ProductUpdate?
        /// The product's flag at the end (a new product is made active, gets its prices, then is archived).
        public var finalActive: Bool
        public var prices: [NewPrice]
        /// Every row this group carries out (its prices' rows, product-only rows, updated rows).
        public var lines: [Int]

        /// Requests this group sends: the product (create or update), its prices, a final archive.
        public var requestCount: Int {
            var count = prices.count
            if case .new = target, prices.isEmpty { count += 1 }
            if update != nil { count += 1 }
            if needsArchive { count += 1 }
            return count
        }

        /// Whether the product is archived after its prices are added (an archived product takes
        /// no new price, so it is active while they are).
        public var needsArchive: Bool { !finalActive && !prices.isEmpty }
    }

    public var groups: [Group]
    /// Every row's outcome by line, in file order (rows refused while reading included).
    public var outcomes: [(line: Int, outcome: Outcome)]

    /// Plans `file`'s rows against `snapshot`. `update` lets matched products take the file's name,
    /// description and active flag; without it a difference is left alone.
    public init(file: CatalogFile, snapshot: CatalogSnapshot, update: Bool) {
        var outcomes: [Int: Outcome] = [:]
        for problem in file.problems { outcomes[problem.line] = .fail(problem.reason) }

        let productsById = Dictionary(snapshot.products.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Names match exactly; an active product wins over an archived one, then the newest.
        var productsByName: [String: Product] = [:]
        for product in snapshot.products {
            if let other = productsByName[product.name],
               (other.active && !product.active) || (other.active == product.active && other.created >= product.created) {
                continue
            }
            productsByName[product.name] = product
        }
        // Only active prices are for sale, so only they count as already there.
        var pricesByKey: [String: Price] = [:]
        var pricesByProduct: [String: [Price]] = [:]
        for price in snapshot.prices where price.active {
            if let key = price.lookupKey, pricesByKey[key].map({ $0.created < price.created }) ?? true {
                pricesByKey[key] = price
            }
            pricesByProduct[price.productId, default: []].append(price)
        }

        var groups: [Group] = []
        var groupByName: [String: Int] = [:]
        var groupByProduct: [String: Int] = [:]

        func groupIndex(for target: Target, name: String, active: Bool) -> Int {
            if case .existing(let product) = target, let index = groupByProduct[product.id] {
                groupByName[name] = groupByName[name] ?? index
                return index
            }
            if let index = groupByName[name] { return index }
            groups.append(Group(target: target, update: nil, finalActive: active, prices: [], lines: []))
            let index = groups.count - 1
            groupByName[name] = index
            if case .existing(let product) = target { groupByProduct[product.id] = index }
            return index
        }

        for row in file.rows {
            // Which product: the one holding the row's SKU, else the file's or the account's of that name.
            var index: Int
            var priceThere: Price? = nil
            if let sku = row.sku, let price = pricesByKey[sku], let owner = productsById[price.productId] {
                if owner.name != row.name && !update {
                    outcomes[row.line] = .fail(.skuOnOtherProduct(sku: sku, name: owner.name, id: owner.id))
                    continue
                }
                if let other = groupByName[row.name], case .existing(let product) = groups[other].target,
                   product.id != owner.id {
                    outcomes[row.line] = .fail(.skuOnAnotherProduct(sku: sku, name: owner.name, id: owner.id))
                    continue
                }
                index = groupIndex(for: .existing(owner), name: row.name, active: row.active)
                priceThere = price
            } else if let index2 = groupByName[row.name] {
                index = index2
            } else if let product = productsByName[row.name] {
                index = groupIndex(for: .existing(product), name: row.name, active: row.active)
            } else {
                index = groupIndex(for: .new(ProductDraft(name: row.name, description: row.description)),
                                   name: row.name, active: row.active)
            }

            // The product's own changes, from its first row that asks for them (--update only).
            var changed = false
            if update, case .existing(let product) = groups[index].target, groups[index].update == nil {
                var change = ProductUpdate()
                if product.name != row.name { change.name = row.name }
                if let description = row.description, description != (product.description ?? "") {
                    change.description = description
                }
                if product.active != row.active { change.active = row.active }
                if change != ProductUpdate() {
                    groups[index].update = change
                    changed = true
                }
            }
            if case .existing(let product) = groups[index].target, !update, groups[index].lines.isEmpty {
                groups[index].finalActive = product.active
            }

            guard let amount = row.price else {
                if changed {
                    groups[index].lines.append(row.line)
                    outcomes[row.line] = .update(Self.change(groups[index].update!, of: groups[index].target))
                } else if case .new = groups[index].target, !groups[index].lines.contains(where: { _ in true }) {
                    groups[index].lines.append(row.line)
                    outcomes[row.line] = .create(.product(name: row.name))
                } else {
                    outcomes[row.line] = .skip(Self.productThere(groups[index].target, row: row))
                }
                continue
            }

            // The price: there already (by SKU, else by amount, currency and nickname), planned on an
            // earlier line, or new.
            let existing = Self.existingProduct(groups[index].target).map { pricesByProduct[$0.id] ?? [] } ?? []
            if priceThere == nil, row.sku == nil {
                priceThere = existing.first {
                    $0.lookupKey == nil && $0.money == amount && ($0.nickname ?? "") == (row.nickname ?? "")
                }
            }
            if let price = priceThere {
                if changed {
                    groups[index].lines.append(row.line)
                    outcomes[row.line] = .update(Self.change(groups[index].update!, of: groups[index].target))
                } else {
                    outcomes[row.line] = .skip(.priceThere(id: price.id, amount: price.money, asked: amount))
                }
                continue
            }
            if let twin = groups[index].prices.first(where: {
                $0.sku == nil && row.sku == nil && $0.amount == amount && ($0.nickname ?? "") == (row.nickname ?? "")
            }) {
                outcomes[row.line] = .skip(.samePriceAs(line: twin.line))
                continue
            }
            if case .existing(let product) = groups[index].target, !product.active,
               !(groups[index].update?.active ?? false), !update {
                outcomes[row.line] = .fail(.archived(name: product.name, id: product.id))
                continue
            }
            let price = NewPrice(line: row.line, amount: amount, nickname: row.nickname, sku: row.sku)
            groups[index].prices.append(price)
            groups[index].lines.append(row.line)
            switch groups[index].target {
            case .new:
                outcomes[row.line] = .create(groups[index].prices.count == 1 ? .productWithPrice(name: row.name, price)
                                                                             : .priceForNewProduct(price, name: row.name))
            case .existing(let product):
                outcomes[row.line] = .create(.price(price, product: product.name, id: product.id))
            }
        }
        self.groups = groups.filter { !$0.lines.isEmpty }
        self.outcomes = outcomes.sorted { $0.key < $1.key }.map { (line: $0.key, outcome: $0.value) }
    }

    static func existingProduct(_ target: Target) -> Product? {
        if case .existing(let product) = target { return product }
        return nil
    }

    static func productThere(_ target: Target, row: CatalogRow) -> Skip {
        switch target {
        case .existing(let product): .productThere(id: product.id)
        case .new: .sameProductAsEarlierLine
        }
    }

    static func change(_ update: ProductUpdate, of target: Target) -> ProductChange {
        let product = existingProduct(target)
        return ProductChange(id: product?.id ?? "", name: product?.name ?? "", update: update)
    }

    /// How many rows each outcome has.
    public var counts: (create: Int, update: Int, skip: Int, fail: Int) {
        var counts = (create: 0, update: 0, skip: 0, fail: 0)
        for (_, outcome) in outcomes {
            switch outcome {
            case .create: counts.create += 1
            case .update: counts.update += 1
            case .skip: counts.skip += 1
            case .fail: counts.fail += 1
            }
        }
        return counts
    }
}

/// Idempotency keys made from what a request asks for (the row's content, the product it goes to),
/// never from a clock or a random number: a run killed halfway and started again sends the same
/// key for the same row, so the API replays what the first run created instead of creating it twice.
public enum ImportKey {
    public static func of(_ parts: [String]) -> String {
        var hasher = SHA256()
        for part in parts {
            hasher.update(data: Data(String(part.utf8.count).utf8))
            hasher.update(data: Data(":".utf8))
            hasher.update(data: Data(part.utf8))
        }
        return "till-import-" + hasher.finalize().prefix(20).map { String(format: "%02x", $0) }.joined()
    }
}
