import Foundation

/// The products pane: its filter and the rows it leaves, the selection, and the product form.
/// The products themselves are the catalog's (`CatalogState`); `visible` indexes its `items`.
public struct ProductsState: Hashable, Sendable {
    /// Indices into the catalog's `items` that match the filter, in order.
    public internal(set) var visible: [Int]
    /// Row selected within `visible`.
    public var selection: Int
    /// First row of `visible` on screen (kept by the reducer's scroll rules, see `ListScroll`).
    public var scrollTop: Int
    /// The filter text (applied live).
    public internal(set) var filter: TextFieldValue
    /// Whether keys are going to the filter field.
    public var isFilterEditing: Bool
    /// The create/edit form, when open.
    public var form: ProductForm?

    public init() {
        visible = []
        selection = 0
        scrollTop = 0
        filter = TextFieldValue()
        isFilterEditing = false
        form = nil
    }

    /// The selected product, if the visible list is not empty.
    public func selectedProduct(in catalog: CatalogState) -> Product? {
        visible.indices.contains(selection) ? catalog.items[visible[selection]] : nil
    }

    /// The product on a visible row.
    public func visibleProduct(at row: Int, in catalog: CatalogState) -> Product { catalog.items[visible[row]] }
}

/// The product form: create a new product, or edit one.
public struct ProductForm: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case create
        case edit(id: String)
    }

    public var mode: Mode
    public var fields: FormState<ProductField> = FormState()
    /// Minted on the first submit of a create; kept for retries until the form is edited or closed.
    public var idempotencyKey: String?
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
    /// "Go to product" from the palette: the whole list, with this product selected.
    case revealRequested(id: String)
    /// The catalog changed under the list (`selected`: the product selected before): rows follow.
    case catalogChanged(CatalogChange, selected: String?)
}

/// What the runtime reports to the products pane: answers to the product form.
public enum ProductsAnswer: Hashable, Sendable {
    /// Answer to `createProduct`.
    case productCreated(Result<Product, APIFailure>)
    /// Answer to `updateProduct`.
    case productUpdated(Result<Product, APIFailure>)
}

extension ProductsState {
    /// Brings the first visible row in line with the selection and the list's length at `rows`
    /// rows (see `ListScroll.top`); where nothing changed it changes nothing.
    mutating func keepWindow(rows: Int) {
        scrollTop = ListScroll.top(scrollTop, selection: selection, count: visible.count, rows: rows)
    }
}
