import Foundation

/// The products pane's feature: the filter over the catalog, the selection, and the product form.
public enum ProductsFeature {
    /// What the products pane needs of the app.
    public enum Delegate: Hashable, Sendable {
        /// Enter on a product: show its prices.
        case pricesRequested(Product)
        /// A product was saved or (un)archived: the catalog and panes that show it follow.
        case productUpdated(Product)
        /// The product form made a product: the catalog takes it.
        case productCreated(Product)
        /// `r`: the catalog is to be loaded again.
        case reloadRequested
    }

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Hashable, Sendable {
        /// Rows the list shows (for scrolling by pages and windows).
        public var rows: Int
        /// The products the list shows rows of.
        public var catalog: CatalogState
    }

    public static func reduce(into state: inout ProductsState, action: ProductsAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .reloadRequested:
            return .delegate(.reloadRequested)

        case .filterStarted:
            state.isFilterEditing = true
            return .none

        case .filterEdited(let edit):
            guard state.filter.applyChangingText(edit) else { return .none }
            state.visible = context.catalog.ranked(state.filter.text)
            state.selection = 0
            return .none

        case .filterCleared:
            let hadFilter = !state.filter.isEmpty
            state.filter = TextFieldValue()
            state.isFilterEditing = false
            if hadFilter {
                // The product the operator found stays selected in the whole list.
                let found = state.visible.isEmpty ? nil : state.visible[state.selection]
                state.visible = Array(context.catalog.items.indices)
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
            guard let product = state.selectedProduct(in: context.catalog) else { return noSelection }
            state.isFilterEditing = false
            state.form = ProductForm(mode: .edit(id: product.id), fields: FormState(
                [.name: product.name, .description: product.description ?? ""]))
            return .none

        case .archiveToggleRequested:
            guard let product = state.selectedProduct(in: context.catalog) else { return noSelection }
            return Reduced(question: .archiveProduct(id: product.id, name: product.name, archive: product.active))

        case .archiveConfirmed(let id, let archive):
            return Reduced([.updateProduct(id: id, ProductUpdate(active: !archive))])

        case .pricesRequested:
            guard let product = state.selectedProduct(in: context.catalog) else { return noSelection }
            return .delegate(.pricesRequested(product))

        case .form(let formAction):
            return reduceForm(into: &state, action: formAction)

        case .revealRequested(let id):
            state.filter = TextFieldValue()
            state.isFilterEditing = false
            state.visible = Array(context.catalog.items.indices)
            guard let index = context.catalog.items.firstIndex(ofId: id) else { return .error(.productGone) }
            state.selection = index
            return .none

        case .catalogChanged(let change, let selected):
            switch change {
            case .appended(let start):
                if state.filter.isEmpty {
                    state.visible += Array(start..<context.catalog.items.count)
                } else {
                    state.visible = context.catalog.ranked(state.filter.text)
                }
            case .replaced: refilter(&state, in: context.catalog, keeping: selected)
            case .inserted(let id): refilter(&state, in: context.catalog, keeping: id)
            // A filter in use ranks with the new keys; the whole list stays as it is.
            case .searchKeys: if !state.filter.isEmpty { refilter(&state, in: context.catalog, keeping: selected) }
            case .prices: break
            }
            return .none
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout ProductsState, action: ProductsAnswer,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .productCreated(.success(let product)):
            if let form = state.form, form.mode == .create, form.fields.isSubmitting {
                state.form = nil
            }
            return Reduced(status: .info(.productCreated(name: product.name)), delegates: [.productCreated(product)])

        case .productCreated(.failure(let failure)):
            if var form = state.form, form.mode == .create, form.fields.isSubmitting {
                form.fields.failed(failure)
                state.form = form
                return .none
            }
            return .error(.productCreateFailed(failure))

        case .productUpdated(.success(let product)):
            if let form = state.form, form.mode == .edit(id: product.id), form.fields.isSubmitting {
                state.form = nil
                return Reduced(status: .info(.productSaved(name: product.name)), delegates: [.productUpdated(product)])
            }
            return Reduced(status: .info(.productArchiveChanged(name: product.name, archived: !product.active)),
                           delegates: [.productUpdated(product)])

        case .productUpdated(.failure(let failure)):
            if var form = state.form, case .edit = form.mode, form.fields.isSubmitting {
                form.fields.failed(failure, keyed: false)
                state.form = form
                return .none
            }
            return .error(.productUpdateFailed(failure))
        }
    }

    /// The product form (typing, Tab, Enter, Esc).
    private static func reduceForm(into state: inout ProductsState, action: FormAction) -> Reduced<Delegate> {
        let edit: (inout ProductForm) -> Void = { $0.fields.applyEdit(action, key: &$0.idempotencyKey) }
        guard case (var form, let freshID)? = action.submission(of: &state.form, edit: edit) else { return .none }
        guard !form.fields.isSubmitting else { return .none }
        let name = form.fields.trimmed(.name)
        if let problem = ProductDraft.nameProblem(name) {
            form.fields.refuse(.nameProblem(problem), at: .name)
            state.form = form
            return .none
        }
        let description = form.fields.trimmed(.description)
        let effects: [Effect]
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
        state.form = form
        return Reduced(effects)
    }

    private static var noSelection: Reduced<Delegate> { .error(.noProductSelected) }

    /// Recomputes the visible rows from scratch, keeping the product `keep` selected when it is still shown.
    static func refilter(_ state: inout ProductsState, in catalog: CatalogState, keeping keep: String?) {
        state.visible = catalog.ranked(state.filter.text)
        if let keep, let row = state.visible.firstIndex(where: { catalog.items.hasId(keep, at: $0) }) {
            state.selection = row
        } else {
            state.selection = min(state.selection, max(state.visible.count - 1, 0))
        }
    }
}
