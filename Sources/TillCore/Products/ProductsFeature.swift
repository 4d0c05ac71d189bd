import Foundation

/// The products pane's feature: the catalog, its filter, and the product form.
public enum ProductsFeature {
    /// What the products pane needs of the app.
    public enum Delegate: Hashable, Sendable {
        /// Enter on a product: show its prices.
        case pricesRequested(Product)
        /// A product was saved or (un)archived: panes that show it follow.
        case productUpdated(Product)
    }

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Hashable, Sendable {
        /// Rows the list shows (for scrolling by pages and windows).
        public var rows: Int

    }

    /// Starts a refresh from the first page, keeping what is shown until the new list is complete.
    static func startLoad(_ state: inout ProductsState) -> [Effect] {
        // Nothing shown yet: pages show as they come. Otherwise what is shown stays until the swap.
        let wasLoading = state.productsLoad.start(state.items.isEmpty ? .append : .swap)
        let load = Effect.loadProductsPage(startingAfter: nil)
        // The price sync follows the new list; one running for the old list stops.
        let syncing = state.priceSync.stop()
        return (wasLoading ? [.cancel(.productsLoad), load] : [load]) + (syncing ? [.cancel(.catalogPricesLoad)] : [])
    }

    /// Starts the price sync: every active price, so quick add, search and scans know them.
    static func startPriceSync(_ state: inout ProductsState) -> [Effect] {
        let wasSyncing = state.priceSync.start(.swap)
        // Until this sync ends, a product with no known prices may have some (it is new in the list).
        state.pricesSynced = false
        let load = Effect.loadCatalogPricesPage(startingAfter: nil)
        return wasSyncing ? [.cancel(.catalogPricesLoad), load] : [load]
    }

    public static func reduce(into state: inout ProductsState, action: ProductsAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .reloadRequested:
            return Reduced(startLoad(&state))

        case .filterStarted:
            state.isFilterEditing = true
            return .none

        case .filterEdited(let edit):
            let old = state.filter.text
            guard state.filter.apply(edit), state.filter.text != old else { return .none }
            state.visible = state.index.ranked(state.filter.text, recent: state.recentIndices)
            state.selection = 0
            return .none

        case .filterCleared:
            let hadFilter = !state.filter.isEmpty
            state.filter = TextFieldValue()
            state.isFilterEditing = false
            if hadFilter {
                // The product the operator found stays selected in the whole list.
                let found = state.visible.isEmpty ? nil : state.visible[state.selection]
                state.visible = Array(state.items.indices)
                state.selection = found ?? 0
            }
            return .none

        case .filterFinished:
            state.isFilterEditing = false
            return .none

        case .selectionMoved(let movement):
            ListScroll.apply(movement, selection: &state.selection, top: &state.scrollTop, count: state.visible.count, rows: context.rows)
            return .none

        case .newProductRequested:
            state.isFilterEditing = false
            state.form = ProductForm(mode: .create)
            return .none

        case .editProductRequested:
            guard let product = state.selectedProduct else { return noSelection }
            state.isFilterEditing = false
            state.form = ProductForm(mode: .edit(id: product.id), fields: FormState(
                [.name: product.name, .description: product.description ?? ""]))
            return .none

        case .archiveToggleRequested:
            guard let product = state.selectedProduct else { return noSelection }
            return Reduced(question: .archiveProduct(id: product.id, name: product.name, archive: product.active))

        case .archiveConfirmed(let id, let archive):
            return Reduced([.updateProduct(id: id, ProductUpdate(active: !archive))])

        case .pricesRequested:
            guard let product = state.selectedProduct else { return noSelection }
            return .delegate(.pricesRequested(product))

        case .form(let formAction):
            return reduceForm(into: &state, action: formAction)

        case .productReceived(let product):
            insertOrReplace(product, in: &state)
            return .none

        case .pricesKnown(let productId, let prices):
            state.priceCounts[productId] = prices.count
            let active = prices.filter(\.active)
            setPrices(active, of: productId, in: &state)
            // Fresher than what a sync under way may have fetched of this product.
            if state.priceSync.isLoading { state.priceSync.incoming[productId] = active.isEmpty ? nil : active }
            return .none

        case .priceAdded(let price):
            if let count = state.priceCounts[price.productId] { state.priceCounts[price.productId] = count + 1 }
            if price.active {
                var prices = state.catalogPrices[price.productId] ?? []
                prices.removeAll { $0.id == price.id }
                setPrices([price] + prices, of: price.productId, in: &state)
                // A sync under way has fetched its first page already: keep the price through its swap.
                if state.priceSync.isLoading { state.priceSync.incoming[price.productId] = [price] + (state.priceSync.incoming[price.productId] ?? []) }
            }
            return .none

        case .revealRequested(let id):
            state.filter = TextFieldValue()
            state.isFilterEditing = false
            state.visible = Array(state.items.indices)
            guard let index = state.items.firstIndex(where: { $0.id == id }) else { return .error("That product is no longer in the list.") }
            state.selection = index
            return .none

        case .productUsed(let id):
            state.recentIds.removeAll { $0 == id }
            state.recentIds.insert(id, at: 0)
            if state.recentIds.count > ProductsState.recentLimit { state.recentIds.removeLast() }
            // Only this product moved: find it alone rather than all of them again.
            let others = state.recentIndices.filter { state.items.indices.contains($0) && state.items[$0].id != id }
            let found = state.items.firstIndex { $0.id == id }
            state.recentIndices = (found.map { [$0] } ?? []) + others.prefix(ProductsState.recentLimit - 1)
            return .none
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout ProductsState, action: ProductsAnswer,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .cacheLoaded(let cached):
            guard !state.hasFreshData, state.items.isEmpty, !cached.isEmpty else { return .none }
            state.items = cached
            state.index = SearchIndex(cached, prices: state.catalogPrices)
            state.isShowingCache = true
            state.productsLoad.mode = .swap
            findRecent(&state)
            refilter(&state, keeping: nil)
            return .none

        case .productsPageLoaded(let after, let result):
            guard state.productsLoad.awaits(after) else { return .none }
            switch result {
            case .success(let page):
                receive(page.items, into: &state)
                if let next = page.nextCursor {
                    state.productsLoad.awaitPage(after: next)
                    return Reduced([.loadProductsPage(startingAfter: next)])
                }
                return finishLoad(&state)
            case .failure(let failure):
                state.productsLoad.fail(failure)
                return .error("Could not load products: \(failure.description) Press \(key: .productsReload) to retry.")
            }

        case .productCreated(.success(let product)):
            insertOrReplace(product, in: &state)
            state.priceCounts[product.id] = state.priceCounts[product.id] ?? 0
            if let form = state.form, form.mode == .create, form.fields.isSubmitting {
                state.form = nil
            }
            return .info("Created product \"\(product.name)\".")

        case .productCreated(.failure(let failure)):
            if var form = state.form, form.mode == .create, form.fields.isSubmitting {
                form.fields.failed(failure)
                state.form = form
                return .none
            }
            return .error("Could not create the product: \(failure.description)")

        case .productUpdated(.success(let product)):
            insertOrReplace(product, in: &state)
            if let form = state.form, form.mode == .edit(id: product.id), form.fields.isSubmitting {
                state.form = nil
                return Reduced(status: .info("Saved product \"\(product.name)\"."), delegates: [.productUpdated(product)])
            }
            return Reduced(status: .info("\(product.active ? "Unarchived" : "Archived") product \"\(product.name)\"."),
                           delegates: [.productUpdated(product)])

        case .productUpdated(.failure(let failure)):
            if var form = state.form, case .edit = form.mode, form.fields.isSubmitting {
                form.fields.failed(failure, keyed: false)
                state.form = form
                return .none
            }
            return .error("Could not update the product: \(failure.description)")

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
                let keep = state.selectedProduct?.id
                var index = SearchIndex(state.items, prices: state.catalogPrices)
                index.keepNameOrder(of: state.index)
                state.index = index
                if !state.filter.isEmpty { refilter(&state, keeping: keep) }
                return .none
            case .failure(let failure):
                state.priceSync.fail(failure)
                return .error("Could not load the prices for quick add and scans: \(failure.description) Press \(key: .productsReload) on Products to retry.")
            }
        }
    }

    /// Puts a product's active prices in the catalog: its search key and the codes follow.
    private static func setPrices(_ prices: [Price], of productId: String, in state: inout ProductsState) {
        for old in state.catalogPrices[productId] ?? [] {
            if let code = old.lookupKey, state.pricesByCode[code]?.id == old.id { state.pricesByCode[code] = nil }
        }
        state.catalogPrices[productId] = prices.isEmpty ? nil : prices
        for price in prices.reversed() { if let code = price.lookupKey, !code.isEmpty { state.pricesByCode[code] = price } }
        if let position = state.items.firstIndex(where: { $0.id == productId }) {
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
    static func findRecent(_ state: inout ProductsState) {
        guard !state.recentIds.isEmpty else {
            state.recentIndices = []
            return
        }
        var at: [String: Int] = [:]
        let wanted = Set(state.recentIds)
        for (index, product) in state.items.enumerated() where wanted.contains(product.id) { at[product.id] = index }
        state.recentIndices = state.recentIds.compactMap { at[$0] }
    }

    /// The product form (typing, Tab, Enter, Esc).
    private static func reduceForm(into state: inout ProductsState, action: FormAction) -> Reduced<Delegate> {
        guard var form = state.form else { return .none }
        var effects: [Effect] = []
        switch action {
        case .edited, .focusMovedNext, .focusMovedPrevious:
            form.fields.applyEdit(action, key: &form.idempotencyKey)
        case .cancelled:
            state.form = nil
            return .none
        case .submitted(let freshID):
            guard !form.fields.isSubmitting else { return .none }
            let name = form.fields.trimmed(.name)
            if let problem = ProductDraft.problem(withName: name) {
                form.fields.refuse(problem, at: .name)
                break
            }
            let description = form.fields.trimmed(.description)
            switch form.mode {
            case .create:
                let key = form.fields.beginSubmit(key: &form.idempotencyKey, freshID: freshID)
                let draft = ProductDraft(name: name, description: description.isEmpty ? nil : description)
                effects = [.createProduct(draft, idempotencyKey: key)]
            case .edit(let id):
                // An edit is sent without a key; an empty description is sent as "" so that clearing it reaches WooshPay.
                form.fields.beginSubmit()
                effects = [.updateProduct(id: id, ProductUpdate(name: name, description: description))]
            }
        }
        state.form = form
        return Reduced(effects)
    }

    private static var noSelection: Reduced<Delegate> { .error("No product selected.") }

    /// Adds a page to the list being built.
    private static func receive(_ items: [Product], into state: inout ProductsState) {
        if state.productsLoad.mode == .append {
            let start = state.items.count
            state.items.append(contentsOf: items)
            state.index.append(contentsOf: items)
            state.hasFreshData = true
            let added = Array(start..<state.items.count)
            if state.filter.isEmpty {
                state.visible += added
            } else {
                state.visible = state.index.ranked(state.filter.text, recent: state.recentIndices)
            }
            if !state.recentIds.isEmpty { findRecent(&state) }
        } else {
            state.productsLoad.incoming.items.append(contentsOf: items)
            state.productsLoad.incoming.index.append(contentsOf: items)
        }
    }

    /// The last page arrived: swap in the new list (keeping the selected product) and save it.
    private static func finishLoad(_ state: inout ProductsState) -> Reduced<Delegate> {
        var incoming = state.productsLoad.finish()
        if state.productsLoad.mode == .swap {
            let keep = state.selectedProduct?.id
            state.items = incoming.items
            incoming.index.keepNameOrder(of: state.index)
            state.index = incoming.index
            findRecent(&state)
            refilter(&state, keeping: keep)
        }
        state.productsLoad.mode = .swap
        state.isShowingCache = false
        state.hasFreshData = true
        let count = state.items.count
        return Reduced([.saveCatalogCache(state.items)] + startPriceSync(&state),
                       status: .info("Loaded \(count) product\(count == 1 ? "" : "s")."))
    }

    /// Recomputes the visible rows from scratch, keeping the product `keep` selected when it is still shown.
    static func refilter(_ state: inout ProductsState, keeping keep: String?) {
        state.visible = state.index.ranked(state.filter.text, recent: state.recentIndices)
        if let keep, let row = state.visible.firstIndex(where: { state.items[$0].id == keep }) {
            state.selection = row
        } else {
            state.selection = min(state.selection, max(state.visible.count - 1, 0))
        }
    }

    /// A created or updated product: replaced where it is, or added at the top (newest first).
    /// The selection stays on the product it was on; a new product becomes the selection.
    /// While a refresh collects a new list, the change goes into that list too, so the swap at the
    /// end does not undo it (pages already fetched would not contain it).
    static func insertOrReplace(_ product: Product, in state: inout ProductsState) {
        let collecting = state.productsLoad.isLoading && state.productsLoad.mode == .swap
        if let position = state.items.firstIndex(where: { $0.id == product.id }) {
            let keep = state.selectedProduct?.id
            state.items[position] = product
            state.index.replace(at: position, with: product, prices: state.catalogPrices[product.id] ?? [])
            refilter(&state, keeping: keep)
            // Not yet received: a later page brings it (fetched after this change).
            if collecting, let incoming = state.productsLoad.incoming.items.firstIndex(where: { $0.id == product.id }) {
                state.productsLoad.incoming.items[incoming] = product
                state.productsLoad.incoming.index.replace(at: incoming, with: product)
            }
        } else {
            state.items.insert(product, at: 0)
            state.index.prepend(product, prices: state.catalogPrices[product.id] ?? [])
            findRecent(&state)
            refilter(&state, keeping: product.id)
            // New, so newest: later pages (older products) will not contain it.
            if collecting {
                state.productsLoad.incoming.items.insert(product, at: 0)
                state.productsLoad.incoming.index.prepend(product)
            }
        }
    }
}
