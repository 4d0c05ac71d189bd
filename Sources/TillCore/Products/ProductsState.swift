import Foundation

/// The products pane: the products, its filter and selection, and the product form.
public struct ProductsState: Hashable, Sendable {
    /// Every product shown, newest first (the cache until a refresh completes).
    public internal(set) var items: [Product]
    /// Folded search keys, parallel to `items`.
    var index: SearchIndex
    /// Indices into `items` that match the filter, in order.
    public internal(set) var visible: [Int]
    /// Row selected within `visible`.
    public var selection: Int
    /// First row of `visible` on screen (kept by the reducer's scroll rules, see `ListScroll`).
    public var scrollTop: Int
    /// The filter text (applied live).
    public internal(set) var filter: TextFieldValue
    /// Whether keys are going to the filter field.
    public var isFilterEditing: Bool
    /// The products load (a refresh from WooshPay, page after page).
    public internal(set) var productsLoad: PagedLoad<Product>
    /// Whether `items` came from the local cache and has not yet been replaced by a fresh load.
    public var isShowingCache: Bool
    /// Whether `items` holds data from WooshPay (so a late cache read must not replace it).
    var hasFreshData: Bool
    /// How many prices each product has, archived ones included, once the prices pane has loaded
    /// them (or the product was made here). The list shows `activePrices(of:)`.
    public var priceCounts: [String: Int]
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
    /// The create/edit form, when open.
    public var form: ProductForm?

    public init() {
        items = []
        index = SearchIndex()
        visible = []
        selection = 0
        scrollTop = 0
        filter = TextFieldValue()
        isFilterEditing = false
        productsLoad = PagedLoad()
        isShowingCache = false
        hasFreshData = false
        priceCounts = [:]
        catalogPrices = [:]
        pricesByCode = [:]
        priceSync = PagedLoad()
        pricesSynced = false
        recentIds = []
        recentIndices = []
        form = nil
    }

    /// How many products the ranking remembers as recently used.
    public static let recentLimit = 20

    /// The selected product, if the visible list is not empty.
    public var selectedProduct: Product? {
        visible.indices.contains(selection) ? items[visible[selection]] : nil
    }

    /// Indices into `items` of the products matching `query`, ranked as the filter ranks them.
    public func ranked(_ query: String) -> [Int] { index.ranked(query, recent: recentIndices) }

    /// How the product at `item` matches `query` (nil: not at all).
    public func tier(ofItem item: Int, for query: String) -> MatchTier? { index.tier(of: item, for: query) }

    /// The product on a visible row.
    public func visibleProduct(at row: Int) -> Product { items[visible[row]] }

    /// Whether a refresh is running or failed.
    public var load: LoadPhase { productsLoad.phase }

    /// Number of products received by the running refresh.
    public var loadedCount: Int { productsLoad.mode == .append ? items.count : productsLoad.incoming.items.count }

    /// "Loading products… N" while a refresh runs.
    public var progress: StatusProgress? {
        load == .loading ? StatusProgress(label: "Loading products", count: loadedCount) : nil
    }
}

/// What a refresh that swaps at the end collects: the products, and their search keys as they come.
public struct IncomingProducts: Hashable, Sendable, PageBuffer {
    var items: [Product] = []
    var index = SearchIndex()
    public init() {}
}

extension Product: PageItem {
    public typealias Incoming = IncomingProducts
}

/// The product form: create a new product, or edit one.
public struct ProductForm: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case create
        case edit(id: String)
    }

    public var mode: Mode
    public var fields: FormState<ProductField>
    /// Minted on the first submit of a create; kept for retries until the form is edited or closed.
    public var idempotencyKey: String?

    public init(mode: Mode, fields: FormState<ProductField> = FormState(), idempotencyKey: String? = nil) {
        self.mode = mode
        self.fields = fields
        self.idempotencyKey = idempotencyKey
    }
}

/// What happened in the products pane.
public enum ProductsAction: Hashable, Sendable {
    /// `r`: refresh from WooshPay.
    case reloadRequested
    /// `/`: keys go to the filter.
    case filterStarted
    /// The filter text was edited.
    case filterEdited(TextEdit)
    /// Esc in the filter: filter emptied and closed.
    case filterCleared
    /// Enter in the filter: the filter stays, keys go back to the list.
    case filterFinished
    /// The selection moved.
    case selectionMoved(Movement)
    /// `n`.
    case newProductRequested
    /// `e`.
    case editProductRequested
    /// `a`: archive or unarchive the selection (asks y/n first).
    case archiveToggleRequested
    /// Enter: show the selection's prices.
    case pricesRequested
    /// Something happened in the product form.
    case form(FormAction)
    /// The operator said yes to archiving (or unarchiving) a product.
    case archiveConfirmed(id: String, archive: Bool)
    /// A product made elsewhere (a price created with a new product inline).
    case productReceived(Product)
    /// The prices pane loaded a product's prices (all of them, newest first).
    case pricesKnown(productId: String, [Price])
    /// A price was created for a product whose prices are not on screen.
    case priceAdded(Price)
    /// A product went into the cart: it ranks first among equal matches from now on.
    case productUsed(id: String)
    /// "Go to product" from the palette: the whole list, with this product selected.
    case revealRequested(id: String)
}

/// What the runtime reports to the products pane: the cache read, pages, answers to its requests.
public enum ProductsAnswer: Hashable, Sendable {
    /// The local cache was read (empty when there is none).
    case cacheLoaded([Product])
    /// A page of products arrived for the request made with `startingAfter`.
    case productsPageLoaded(startingAfter: String?, Result<Page<Product>, APIFailure>)
    /// Answer to `createProduct`.
    case productCreated(Result<Product, APIFailure>)
    /// Answer to `updateProduct`.
    case productUpdated(Result<Product, APIFailure>)
    /// A page of the price sync arrived for the request made with `startingAfter`.
    case catalogPricesPageLoaded(startingAfter: String?, Result<Page<Price>, APIFailure>)
}

extension ProductsAction {
    /// Whether the product list or its search keys may have changed (every `ProductsAnswer` may).
    var changesCatalog: Bool {
        switch self {
        case .productReceived, .pricesKnown, .priceAdded: true
        case .reloadRequested, .filterStarted, .filterEdited, .filterCleared, .filterFinished, .selectionMoved,
             .newProductRequested, .editProductRequested, .archiveToggleRequested, .pricesRequested, .form,
             .archiveConfirmed, .productUsed, .revealRequested: false
        }
    }
}

extension ProductsState {
    /// Brings the first visible row in line with the selection and the list's length at `rows`
    /// rows (see `ListScroll.top`); where nothing changed it changes nothing.
    mutating func keepWindow(rows: Int) {
        scrollTop = ListScroll.top(scrollTop, selection: selection, count: visible.count, rows: rows)
    }
}

extension ProductsState {
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
