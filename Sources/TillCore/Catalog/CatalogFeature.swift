import Foundation

/// The catalog's feature: the products load (cache first, then WooshPay page after page), the
/// price sync that follows it, and what the rest of Till learns of products and prices.
public enum CatalogFeature {
    /// What the catalog tells the app.
    public enum Delegate: Hashable, Sendable {
        /// The list or its search keys changed: quick add searches again, the products pane's rows follow.
        case changed(CatalogChange)
    }

    /// Starts a refresh from the first page, keeping what is shown until the new list is complete.
    static func startLoad(_ state: inout CatalogState) -> [Effect] {
        // Nothing shown yet: pages show as they come. Otherwise what is shown stays until the swap.
        let wasLoading = state.load.start(state.items.isEmpty ? .append : .swap)
        let load = Effect.loadProductsPage(startingAfter: nil)
        // The price sync follows the new list; one running for the old list stops.
        let syncing = state.priceSync.stop()
        return (wasLoading ? [.cancel(.productsLoad), load] : [load]) + (syncing ? [.cancel(.catalogPricesLoad)] : [])
    }

    /// Starts the price sync: every active price, so quick add, search and scans know them.
    static func startPriceSync(_ state: inout CatalogState) -> [Effect] {
        let wasSyncing = state.priceSync.start(.swap)
        // Until this sync ends, a product with no known prices may have some (it is new in the list).
        state.pricesSynced = false
        let load = Effect.loadCatalogPricesPage(startingAfter: nil)
        return wasSyncing ? [.cancel(.catalogPricesLoad), load] : [load]
    }

    public static func reduce(into state: inout CatalogState, action: CatalogAction) -> Reduced<Delegate> {
        switch action {
        case .reloadRequested:
            return Reduced(startLoad(&state))

        case .productCreated(let product):
            let change = insertOrReplace(product, in: &state)
            state.priceCounts[product.id] = state.priceCounts[product.id] ?? 0
            return .delegate(.changed(change))

        case .productReceived(let product):
            return .delegate(.changed(insertOrReplace(product, in: &state)))

        case .pricesKnown(let productId, let prices):
            state.priceCounts[productId] = prices.count
            let active = prices.filter(\.active)
            setPrices(active, of: productId, in: &state)
            // Fresher than what a sync under way may have fetched of this product.
            if state.priceSync.isLoading { state.priceSync.incoming[productId] = active.isEmpty ? nil : active }
            return .delegate(.changed(.prices))

        case .priceAdded(let price):
            if let count = state.priceCounts[price.productId] { state.priceCounts[price.productId] = count + 1 }
            if price.active {
                var prices = state.catalogPrices[price.productId] ?? []
                prices.removeAll { $0.id == price.id }
                setPrices([price] + prices, of: price.productId, in: &state)
                // A sync under way has fetched its first page already: keep the price through its swap.
                if state.priceSync.isLoading { state.priceSync.incoming[price.productId] = [price] + (state.priceSync.incoming[price.productId] ?? []) }
            }
            return .delegate(.changed(.prices))

        case .productUsed(let id):
            state.recentIds.removeAll { $0 == id }
            state.recentIds.insert(id, at: 0)
            if state.recentIds.count > CatalogState.recentLimit { state.recentIds.removeLast() }
            // Only this product moved: find it alone rather than all of them again.
            let others = state.recentIndices.filter { state.items.indices.contains($0) && !state.items.hasId(id, at: $0) }
            let found = state.items.firstIndex(ofId: id)
            state.recentIndices = (found.map { [$0] } ?? []) + others.prefix(CatalogState.recentLimit - 1)
            return .none
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout CatalogState, action: CatalogAnswer) -> Reduced<Delegate> {
        switch action {
        case .cacheLoaded(let cached):
            guard !state.hasFreshData, state.items.isEmpty, !cached.isEmpty else { return .none }
            state.items = cached
            state.index = SearchIndex(cached, prices: state.catalogPrices)
            state.isShowingCache = true
            state.load.mode = .swap
            findRecent(&state)
            return .delegate(.changed(.replaced))

        case .productsPageLoaded(let after, let result):
            guard state.load.awaits(after) else { return .none }
            switch result {
            case .success(let page):
                let change = receive(page.items, into: &state)
                if let next = page.nextCursor {
                    state.load.awaitPage(after: next)
                    return Reduced([.loadProductsPage(startingAfter: next)], delegates: change.map { [.changed($0)] } ?? [])
                }
                return finishLoad(&state, after: change)
            case .failure(let failure):
                state.load.fail(failure)
                return .error(.loadFailed(.products, failure, retry: .productsReload))
            }

        case .catalogPricesPageLoaded(let after, let result):
            guard state.priceSync.awaits(after) else { return .none }
            switch result {
            case .success(let page):
                for price in page.items where price.active {
                    guard !state.priceSync.incoming.contains(priceId: price.id, of: price.productId) else { continue }
                    state.priceSync.incoming.append(price)
                }
                if let next = page.nextCursor {
                    state.priceSync.awaitPage(after: next)
                    return Reduced([.loadCatalogPricesPage(startingAfter: next)])
                }
                state.catalogPrices = state.priceSync.finish()
                state.catalogPrices.shrinkToFit()
                state.pricesSynced = true
                state.pricesByCode = codes(of: state.catalogPrices)
                var index = SearchIndex(state.items, prices: state.catalogPrices)
                index.keepNameOrder(of: state.index)
                state.index = index
                return .delegate(.changed(.searchKeys))
            case .failure(let failure):
                state.priceSync.fail(failure)
                return .error(.catalogPricesLoadFailed(failure))
            }
        }
    }

    /// Puts a product's active prices in the catalog: its search key and the codes follow.
    private static func setPrices(_ prices: [Price], of productId: String, in state: inout CatalogState) {
        for old in state.catalogPrices[productId] ?? [] {
            if let code = old.lookupKey, state.pricesByCode[code]?.id == old.id { state.pricesByCode[code] = nil }
        }
        state.catalogPrices[productId] = prices.isEmpty ? nil : prices
        for price in prices.reversed() { if let code = price.lookupKey, !code.isEmpty { state.pricesByCode[code] = price } }
        if let position = state.items.firstIndex(ofId: productId) {
            state.index.replace(at: position, with: state.items[position], prices: prices)
        }
    }

    /// The code → price table of a catalog (the newest price wins a code two prices share).
    static func codes(of catalog: CatalogPrices) -> [String: Price] {
        var codes: [String: Price] = [:]
        for price in catalog.pricesWithLookupKeys() {
            guard let code = price.lookupKey, !code.isEmpty else { continue }
            if let other = codes[code], other.created > price.created { continue }
            codes[code] = price
        }
        return codes
    }

    /// Finds the recently used products in `items` again (after the list changed).
    static func findRecent(_ state: inout CatalogState) {
        guard !state.recentIds.isEmpty else {
            state.recentIndices = []
            return
        }
        // At most `recentLimit` ids, each found by comparing bytes (no product made).
        state.recentIndices = state.recentIds.compactMap { state.items.firstIndex(ofId: $0) }
    }

    /// Adds a page to the list being built; what changed in the list shown (nil: nothing yet).
    private static func receive(_ items: [Product], into state: inout CatalogState) -> CatalogChange? {
        guard state.load.mode == .append else {
            state.load.incoming.items.append(contentsOf: items)
            state.load.incoming.index.append(contentsOf: items)
            return nil
        }
        let start = state.items.count
        state.items.append(contentsOf: items)
        state.index.append(contentsOf: items)
        state.hasFreshData = true
        if !state.recentIds.isEmpty { findRecent(&state) }
        return .appended(from: start)
    }

    /// The last page arrived: swap in the new list and save it; the price sync follows.
    private static func finishLoad(_ state: inout CatalogState, after change: CatalogChange?) -> Reduced<Delegate> {
        var incoming = state.load.finish()
        var change = change
        if state.load.mode == .swap {
            // The list shown goes, its two buffers with it: nothing of it stays between the new one's.
            state.items = incoming.items
            incoming.index.keepNameOrder(of: state.index)
            state.index = incoming.index
            findRecent(&state)
            change = .replaced
        }
        state.items.shrinkToFit()
        state.index.shrinkToFit()
        state.load.mode = .swap
        state.isShowingCache = false
        state.hasFreshData = true
        let count = state.items.count
        return Reduced([.saveCatalogCache(state.items)] + startPriceSync(&state),
                       status: .info(.productsLoaded(count: count)),
                       delegates: change.map { [.changed($0)] } ?? [])
    }

    /// A created or updated product: replaced where it is, or added at the top (newest first).
    /// While a refresh collects a new list, the change goes into that list too, so the swap at the
    /// end does not undo it (pages already fetched would not contain it).
    static func insertOrReplace(_ product: Product, in state: inout CatalogState) -> CatalogChange {
        let collecting = state.load.isLoading && state.load.mode == .swap
        if let position = state.items.firstIndex(ofId: product.id) {
            state.items[position] = product
            state.index.replace(at: position, with: product, prices: state.catalogPrices[product.id] ?? [])
            // Not yet received: a later page brings it (fetched after this change).
            if collecting, let incoming = state.load.incoming.items.firstIndex(ofId: product.id) {
                state.load.incoming.items[incoming] = product
                state.load.incoming.index.replace(at: incoming, with: product)
            }
            return .replaced
        }
        state.items.insert(product, at: 0)
        state.index.prepend(product, prices: state.catalogPrices[product.id] ?? [])
        findRecent(&state)
        // New, so newest: later pages (older products) will not contain it.
        if collecting {
            state.load.incoming.items.insert(product, at: 0)
            state.load.incoming.index.prepend(product)
        }
        return .inserted(id: product.id)
    }
}
