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
        let wasLoading = state.load == .loading
        state.load = .loading
        state.awaitedCursor = nil
        state.incoming = []
        state.incomingIndex = SearchIndex()
        state.appendsInPlace = state.items.isEmpty
        let load = Effect.loadProductsPage(startingAfter: nil)
        return wasLoading ? [.cancel(.productsLoad), load] : [load]
    }

    public static func reduce(into state: inout ProductsState, action: ProductsAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .cacheLoaded(let cached):
            guard !state.hasFreshData, state.items.isEmpty, !cached.isEmpty else { return .none }
            state.items = cached
            state.index = SearchIndex(cached)
            state.isShowingCache = true
            state.appendsInPlace = false
            refilter(&state, keeping: nil)
            return .none

        case .productsPageLoaded(let after, let result):
            guard state.load == .loading, after == state.awaitedCursor else { return .none }
            switch result {
            case .success(let page):
                receive(page.items, into: &state)
                if let next = page.nextCursor {
                    state.awaitedCursor = next
                    return Reduced([.loadProductsPage(startingAfter: next)])
                }
                return finishLoad(&state)
            case .failure(let failure):
                state.load = .failed(failure)
                state.incoming = []
                state.incomingIndex = SearchIndex()
                state.awaitedCursor = nil
                return .error("Could not load products: \(failure.description) Press r to retry.")
            }

        case .reloadRequested:
            return Reduced(startLoad(&state))

        case .filterStarted:
            state.isFilterEditing = true
            return .none

        case .filterEdited(let edit):
            let old = state.filter.text
            guard state.filter.apply(edit), state.filter.text != old else { return .none }
            let narrowing = SearchIndex.isNarrowing(from: old, to: state.filter.text)
            state.visible = state.index.matches(state.filter.text, among: narrowing ? state.visible : nil)
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

        case .form(let formAction):
            return reduceForm(into: &state, action: formAction)

        case .productReceived(let product):
            insertOrReplace(product, in: &state)
            return .none

        case .priceCountReported(let productId, let count):
            state.priceCounts[productId] = count
            return .none

        case .priceAdded(let productId):
            if let count = state.priceCounts[productId] { state.priceCounts[productId] = count + 1 }
            return .none
        }
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
        if state.appendsInPlace {
            let start = state.items.count
            state.items.append(contentsOf: items)
            state.index.append(contentsOf: items)
            state.hasFreshData = true
            let added = Array(start..<state.items.count)
            state.visible += state.filter.isEmpty ? added : state.index.matches(state.filter.text, among: added)
        } else {
            state.incoming.append(contentsOf: items)
            state.incomingIndex.append(contentsOf: items)
        }
    }

    /// The last page arrived: swap in the new list (keeping the selected product) and save it.
    private static func finishLoad(_ state: inout ProductsState) -> Reduced<Delegate> {
        if !state.appendsInPlace {
            let keep = state.selectedProduct?.id
            state.items = state.incoming
            state.index = state.incomingIndex
            refilter(&state, keeping: keep)
        }
        state.incoming = []
        state.incomingIndex = SearchIndex()
        state.awaitedCursor = nil
        state.appendsInPlace = false
        state.isShowingCache = false
        state.hasFreshData = true
        state.load = .idle
        let count = state.items.count
        return Reduced([.saveCatalogCache(state.items)], status: .info("Loaded \(count) product\(count == 1 ? "" : "s")."))
    }

    /// Recomputes the visible rows from scratch, keeping the product `keep` selected when it is still shown.
    static func refilter(_ state: inout ProductsState, keeping keep: String?) {
        state.visible = state.index.matches(state.filter.text)
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
        let collecting = state.load == .loading && !state.appendsInPlace
        if let position = state.items.firstIndex(where: { $0.id == product.id }) {
            let keep = state.selectedProduct?.id
            state.items[position] = product
            state.index.replace(at: position, with: product)
            refilter(&state, keeping: keep)
            // Not yet received: a later page brings it (fetched after this change).
            if collecting, let incoming = state.incoming.firstIndex(where: { $0.id == product.id }) {
                state.incoming[incoming] = product
                state.incomingIndex.replace(at: incoming, with: product)
            }
        } else {
            state.items.insert(product, at: 0)
            state.index.prepend(product)
            refilter(&state, keeping: product.id)
            // New, so newest: later pages (older products) will not contain it.
            if collecting {
                state.incoming.insert(product, at: 0)
                state.incomingIndex.prepend(product)
            }
        }
    }
}
