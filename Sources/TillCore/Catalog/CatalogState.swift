import Foundation

/// The catalog: every product (newest first), their search keys, the active prices and the codes
/// they answer to, the products sold lately, and the two loads that fill it (the products, then
/// the price sync). The products pane, the prices pane, quick add and scans read it.
public struct CatalogState: Hashable, Sendable {
    /// Every product, newest first (the cache until a refresh completes), kept compact.
    public internal(set) var items: CatalogItems
    /// Folded search keys, parallel to `items`.
    var index: SearchIndex
    /// The products load (a refresh from WooshPay, page after page).
    public internal(set) var load: PagedLoad<Product>
    /// Whether `items` came from the local cache and has not yet been replaced by a fresh load.
    public internal(set) var isShowingCache: Bool
    /// Whether `items` holds data from WooshPay (so a late cache read must not replace it).
    var hasFreshData: Bool
    /// How many prices each product has, archived ones included, once the prices pane has loaded
    /// them (or the product was made here). The list shows `activePrices(of:)`.
    public internal(set) var priceCounts: [String: Int]
    /// The active prices of each product, newest first, once known: from the price sync that
    /// follows each catalog load, and from the prices pane. Quick add and scans sell from these.
    public internal(set) var catalogPrices: CatalogPrices
    /// The active price each SKU or barcode (`lookup_key`) names.
    public internal(set) var pricesByCode: [String: Price]
    /// The price sync (every active price, page after page) after a catalog load.
    public internal(set) var priceSync: PagedLoad<Price>
    /// Whether a price sync has completed: a product with no entry in `catalogPrices` then has none.
    public internal(set) var pricesSynced: Bool
    /// Products most recently put in the cart, most recent first: ranking ties go to them.
    public internal(set) var recentIds: [String]
    /// Their indices in `items`, in the same order (kept in step with `items`).
    var recentIndices: [Int]

    public init() {
        items = []
        index = SearchIndex()
        load = PagedLoad()
        isShowingCache = false
        hasFreshData = false
        priceCounts = [:]
        catalogPrices = [:]
        pricesByCode = [:]
        priceSync = PagedLoad()
        pricesSynced = false
        recentIds = []
        recentIndices = []
    }

    /// How many products the ranking remembers as recently used.
    public static let recentLimit = 20

    /// Indices into `items` of the products matching `query`, ranked as the filter ranks them.
    public func ranked(_ query: String) -> [Int] { index.ranked(query, recent: recentIndices) }

    /// How the product at `item` matches `query` (nil: not at all).
    public func tier(ofItem item: Int, for query: String) -> MatchTier? { index.tier(of: item, for: query) }

    /// The product with this id, if the catalog has it.
    public func product(id: String) -> Product? { items.firstIndex(ofId: id).map { items[$0] } }

    /// Number of products received by the running refresh.
    public var loadedCount: Int { load.mode == .append ? items.count : load.incoming.items.count }

    /// "Loading products… N" while a refresh runs.
    public var progress: StatusProgress? {
        load.isLoading ? StatusProgress(label: .loadingProducts, count: loadedCount) : nil
    }

    /// A product's active (sellable) prices, once known: from the price sync that follows each
    /// catalog load (the last one, while the next runs), or from the prices pane, which loads them
    /// all (no entry then means none is active); nil until then.
    public func activePrices(of productId: String) -> [Price]? {
        if let prices = catalogPrices[productId] { return prices }
        return pricesSynced || priceCounts[productId] != nil ? [] : nil
    }

    /// How many active prices a product has, once known (what `activePrices(of:)` would count,
    /// without making the prices: the list asks for every row it draws).
    public func activePriceCount(of productId: String) -> Int? {
        let count = catalogPrices.priceCount(of: productId)
        if count > 0 { return count }
        return pricesSynced || priceCounts[productId] != nil ? 0 : nil
    }
}

/// What a refresh that swaps at the end collects: the products, and their search keys as they come.
public struct IncomingProducts: Hashable, Sendable, PageBuffer {
    var items = CatalogItems()
    var index = SearchIndex()
    public init() {}
}

extension Product: PageItem {
    public typealias Incoming = IncomingProducts
}

/// What the app passes on to the catalog: a product or prices seen elsewhere, a sale, a refresh.
public enum CatalogAction: Hashable, Sendable {
    /// `r` on the products pane: refresh from WooshPay.
    case reloadRequested
    /// A product made with the product form: added, with no prices yet.
    case productCreated(Product)
    /// A product saved or (un)archived here, or made elsewhere (a price created with a new product inline).
    case productReceived(Product)
    /// The prices pane (or quick add) loaded a product's prices (all of them, newest first).
    case pricesKnown(productId: String, [Price])
    /// A price was created for a product whose prices are not on screen.
    case priceAdded(Price)
    /// A product went into the cart: it ranks first among equal matches from now on.
    case productUsed(id: String)
}

/// What the runtime reports to the catalog: the cache read, and the pages of its two loads.
public enum CatalogAnswer: Hashable, Sendable {
    /// The local cache was read (empty when there is none).
    case cacheLoaded(CatalogItems)
    /// A page of products arrived for the request made with `startingAfter`.
    case productsPageLoaded(startingAfter: String?, Result<Page<Product>, APIFailure>)
    /// A page of the price sync arrived for the request made with `startingAfter`.
    case catalogPricesPageLoaded(startingAfter: String?, Result<Page<Price>, APIFailure>)
}

/// How the list changed, for the products pane's filtered rows.
public enum CatalogChange: Hashable, Sendable {
    /// Products were added at the end, from this index (a page, while nothing else was shown).
    case appended(from: Int)
    /// The list was replaced or a product changed in place: rows are found again, the selected product kept.
    case replaced
    /// A new product is at the top: rows are found again, with it selected.
    case inserted(id: String)
    /// Only search keys changed (the prices that a sync brought): a filter in use ranks again.
    case searchKeys
    /// One product's prices (and search keys) changed; the rows stay.
    case prices
}
