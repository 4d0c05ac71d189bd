import Foundation

/// The products pane's reducer.
public enum CatalogFeature {
    /// Starts a refresh from the first page, keeping what is shown until the new list is complete.
    static func startLoad(_ state: inout AppState) -> [Effect] {
        let wasLoading = state.catalog.load == .loading
        state.catalog.load = .loading
        state.catalog.awaitedCursor = nil
        state.catalog.incoming = []
        state.catalog.incomingIndex = SearchIndex()
        state.catalog.appendsInPlace = state.catalog.products.isEmpty
        state.status.progress = StatusProgress(label: "Loading products", count: 0)
        let load = Effect.loadProductsPage(startingAfter: nil)
        return wasLoading ? [.cancel(.catalogLoad), load] : [load]
    }

    public static func reduce(into state: inout AppState, action: CatalogAction) -> [Effect] {
        switch action {
        case .cacheLoaded(let cached):
            guard !state.catalog.hasFreshData, state.catalog.products.isEmpty, !cached.isEmpty else { return [] }
            state.catalog.products = cached
            state.catalog.index = SearchIndex(cached)
            state.catalog.isShowingCache = true
            state.catalog.appendsInPlace = false
            refilter(&state.catalog, keeping: nil)
            return []

        case .productsPageLoaded(let after, let result):
            guard state.catalog.load == .loading, after == state.catalog.awaitedCursor else { return [] }
            switch result {
            case .success(let page):
                receive(page.items, into: &state.catalog)
                if let next = page.nextCursor {
                    state.catalog.awaitedCursor = next
                    state.status.progress = StatusProgress(label: "Loading products", count: state.catalog.loadedCount)
                    return [.loadProductsPage(startingAfter: next)]
                }
                return finishLoad(&state)
            case .failure(let failure):
                state.catalog.load = .failed(failure)
                state.catalog.incoming = []
                state.catalog.incomingIndex = SearchIndex()
                state.catalog.awaitedCursor = nil
                state.status.progress = nil
                state.status.message = .error("Could not load products: \(failure.description) Press r to retry.")
                return []
            }

        case .reloadRequested:
            return startLoad(&state)

        case .filterStarted:
            state.catalog.isFilterEditing = true
            return []

        case .filterEdited(let edit):
            let old = state.catalog.filter.text
            guard state.catalog.filter.apply(edit), state.catalog.filter.text != old else { return [] }
            let narrowing = SearchIndex.isNarrowing(from: old, to: state.catalog.filter.text)
            state.catalog.visible = state.catalog.index.matches(
                state.catalog.filter.text, among: narrowing ? state.catalog.visible : nil)
            state.catalog.selection = 0
            return []

        case .filterCleared:
            let hadFilter = !state.catalog.filter.isEmpty
            state.catalog.filter = TextFieldValue()
            state.catalog.isFilterEditing = false
            if hadFilter {
                // The product the operator found stays selected in the whole list.
                let found = state.catalog.visible.isEmpty ? nil : state.catalog.visible[state.catalog.selection]
                state.catalog.visible = Array(state.catalog.products.indices)
                state.catalog.selection = found ?? 0
            }
            return []

        case .filterFinished:
            state.catalog.isFilterEditing = false
            return []

        case .selectionMoved(let movement):
            let moved = ListScroll.move(movement, selection: state.catalog.selection, top: state.catalog.scrollTop,
                                        count: state.catalog.visible.count, rows: ScreenLayout.listRows(state.screen))
            state.catalog.selection = moved.selection
            state.catalog.scrollTop = moved.top
            return []

        case .newProductRequested:
            state.catalog.isFilterEditing = false
            state.catalog.form = ProductForm(mode: .create)
            return []

        case .editProductRequested:
            guard let product = selected(&state) else { return [] }
            state.catalog.isFilterEditing = false
            state.catalog.form = ProductForm(mode: .edit(id: product.id), fields: FormState(
                [.name: product.name, .description: product.description ?? ""]))
            return []

        case .archiveToggleRequested:
            guard let product = selected(&state) else { return [] }
            state.confirmation = .archiveProduct(id: product.id, name: product.name, archive: product.active)
            return []

        case .pricesRequested:
            guard let product = selected(&state) else { return [] }
            return PricesFeature.open(product, in: &state)

        case .productCreated(.success(let product)):
            insertOrReplace(product, in: &state.catalog)
            state.catalog.priceCounts[product.id] = state.catalog.priceCounts[product.id] ?? 0
            if let form = state.catalog.form, form.mode == .create, form.fields.isSubmitting {
                state.catalog.form = nil
            }
            state.status.message = .info("Created product \"\(product.name)\".")
            return []

        case .productCreated(.failure(let failure)):
            if var form = state.catalog.form, form.mode == .create, form.fields.isSubmitting {
                form.fields.isSubmitting = false
                form.fields.refuse(failureText(failure), at: nil)
                state.catalog.form = form
            } else {
                state.status.message = .error("Could not create the product: \(failure.description)")
            }
            return []

        case .productUpdated(.success(let product)):
            insertOrReplace(product, in: &state.catalog)
            // The prices pane's title names the product: keep it in step with a rename.
            if state.prices.productId == product.id { state.prices.productName = product.name }
            if let form = state.catalog.form, form.mode == .edit(id: product.id), form.fields.isSubmitting {
                state.catalog.form = nil
                state.status.message = .info("Saved product \"\(product.name)\".")
            } else {
                state.status.message = .info("\(product.active ? "Unarchived" : "Archived") product \"\(product.name)\".")
            }
            return []

        case .productUpdated(.failure(let failure)):
            if var form = state.catalog.form, case .edit = form.mode, form.fields.isSubmitting {
                form.fields.isSubmitting = false
                form.fields.refuse(failureText(failure, keyed: false), at: nil)
                state.catalog.form = form
            } else {
                state.status.message = .error("Could not update the product: \(failure.description)")
            }
            return []
        }
    }

    /// The product form's reducer (typing, Tab, Enter, Esc).
    static func reduceForm(into state: inout AppState, action: FormAction) -> [Effect] {
        guard var form = state.catalog.form else { return [] }
        var effects: [Effect] = []
        switch action {
        case .edited:
            guard !form.fields.isSubmitting else { return [] }
            let before = form.fields.values
            form.fields.edit(action)
            if form.fields.values != before { form.idempotencyKey = nil }
        case .focusMovedNext, .focusMovedPrevious:
            form.fields.edit(action)
        case .cancelled:
            state.catalog.form = nil
            return []
        case .submitted(let freshID):
            guard !form.fields.isSubmitting else { return [] }
            let name = form.fields.trimmed(.name)
            if let problem = ProductDraft.problem(withName: name) {
                form.fields.refuse(problem, at: .name)
                break
            }
            let description = form.fields.trimmed(.description)
            form.fields.message = nil
            form.fields.invalidField = nil
            form.fields.isSubmitting = true
            switch form.mode {
            case .create:
                let key = form.idempotencyKey ?? freshID
                form.idempotencyKey = key
                let draft = ProductDraft(name: name, description: description.isEmpty ? nil : description)
                effects = [.createProduct(draft, idempotencyKey: key)]
            case .edit(let id):
                // An empty description is sent as "" so that clearing it reaches WooshPay.
                effects = [.updateProduct(id: id, ProductUpdate(name: name, description: description))]
            }
        }
        state.catalog.form = form
        return effects
    }

    /// The selected product, or a status message saying there is none.
    private static func selected(_ state: inout AppState) -> Product? {
        guard let product = state.catalog.selectedProduct else {
            state.status.message = .error("No product selected.")
            return nil
        }
        return product
    }

    /// Adds a page to the list being built.
    private static func receive(_ items: [Product], into catalog: inout CatalogState) {
        if catalog.appendsInPlace {
            let start = catalog.products.count
            catalog.products.append(contentsOf: items)
            catalog.index.append(contentsOf: items)
            catalog.hasFreshData = true
            let added = Array(start..<catalog.products.count)
            catalog.visible += catalog.filter.isEmpty ? added : catalog.index.matches(catalog.filter.text, among: added)
        } else {
            catalog.incoming.append(contentsOf: items)
            catalog.incomingIndex.append(contentsOf: items)
        }
    }

    /// The last page arrived: swap in the new list (keeping the selected product) and save it.
    private static func finishLoad(_ state: inout AppState) -> [Effect] {
        if !state.catalog.appendsInPlace {
            let keep = state.catalog.selectedProduct?.id
            state.catalog.products = state.catalog.incoming
            state.catalog.index = state.catalog.incomingIndex
            refilter(&state.catalog, keeping: keep)
        }
        state.catalog.incoming = []
        state.catalog.incomingIndex = SearchIndex()
        state.catalog.awaitedCursor = nil
        state.catalog.appendsInPlace = false
        state.catalog.isShowingCache = false
        state.catalog.hasFreshData = true
        state.catalog.load = .idle
        state.status.progress = nil
        let count = state.catalog.products.count
        state.status.message = .info("Loaded \(count) product\(count == 1 ? "" : "s").")
        return [.saveCatalogCache(state.catalog.products)]
    }

    /// Recomputes the visible rows from scratch, keeping the product `keep` selected when it is still shown.
    static func refilter(_ catalog: inout CatalogState, keeping keep: String?) {
        catalog.visible = catalog.index.matches(catalog.filter.text)
        if let keep, let row = catalog.visible.firstIndex(where: { catalog.products[$0].id == keep }) {
            catalog.selection = row
        } else {
            catalog.selection = min(catalog.selection, max(catalog.visible.count - 1, 0))
        }
    }

    /// A created or updated product: replaced where it is, or added at the top (newest first).
    /// The selection stays on the product it was on; a new product becomes the selection.
    /// While a refresh collects a new list, the change goes into that list too, so the swap at the
    /// end does not undo it (pages already fetched would not contain it).
    static func insertOrReplace(_ product: Product, in catalog: inout CatalogState) {
        let collecting = catalog.load == .loading && !catalog.appendsInPlace
        if let position = catalog.products.firstIndex(where: { $0.id == product.id }) {
            let keep = catalog.selectedProduct?.id
            catalog.products[position] = product
            catalog.index.replace(at: position, with: product)
            refilter(&catalog, keeping: keep)
            // Not yet received: a later page brings it (fetched after this change).
            if collecting, let incoming = catalog.incoming.firstIndex(where: { $0.id == product.id }) {
                catalog.incoming[incoming] = product
                catalog.incomingIndex.replace(at: incoming, with: product)
            }
        } else {
            catalog.products.insert(product, at: 0)
            catalog.index.prepend(product)
            refilter(&catalog, keeping: product.id)
            // New, so newest: later pages (older products) will not contain it.
            if collecting {
                catalog.incoming.insert(product, at: 0)
                catalog.incomingIndex.prepend(product)
            }
        }
    }
}

/// A failure as an inline form message; when the outcome is unknown, says whether retrying is safe.
/// `keyed`: the request carries an idempotency key, so a retry cannot make a second object.
func failureText(_ failure: APIFailure, keyed: Bool = true) -> String {
    guard failure.outcomeUnknown else { return failure.description }
    if keyed {
        return failure.description + " It may have gone through: press Enter to retry safely (same idempotency key)."
    }
    return failure.description + " It may have gone through: press Enter to send it again."
}
