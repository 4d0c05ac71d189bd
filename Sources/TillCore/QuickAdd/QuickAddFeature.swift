import Foundation

/// Quick add and scans: text on the cart pane finds products as the products filter does
/// (ranked, `SearchIndex.ranked`), Enter sells the best match's price; a scanned code sells the
/// price whose `lookup_key` it is, from any list pane. Lines reach the cart through the app.
public enum QuickAddFeature {
    public enum Delegate: Hashable, Sendable {
        /// Put this line in the cart (a price of `productId`).
        case add(CartLine, productId: String)
        /// `n` on an unknown code: the new-product-and-price form, with the code as its SKU.
        case createFromCode(String)
        /// Prices fetched for quick add: the catalog learns them.
        case pricesKnown(productId: String, [Price])
    }

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Sendable {
        /// The catalog: products, their search index, known prices and codes.
        public var catalog: CatalogState
        /// Whether a checkout session is being created (the cart takes nothing then).
        public var isCartLocked: Bool
    }

    public static func reduce(into state: inout QuickAddState, action: QuickAddAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .edited(let edit):
            guard state.query.applyChangingText(edit) else { return .none }
            search(&state, catalog: context.catalog)
            return .none

        case .cleared:
            state.query = TextFieldValue()
            state.matches = []
            state.selection = 0
            return .none

        case .matchMoved(let movement):
            let shown = min(state.matches.count, QuickAddState.shownMatches)
            state.selection = movement.apply(to: state.selection, count: shown)
            return .none

        case .catalogChanged:
            guard !state.query.isEmpty else { return .none }
            // The prices a chooser was opened with are themselves news to the catalog: a chooser
            // for a product still on sale stays open through the search they cause.
            let chooser = state.chooser
            search(&state, catalog: context.catalog)
            if let chooser, context.catalog.product(id: chooser.product.id)?.active == true { state.chooser = chooser }
            return .none

        case .submitted:
            guard !state.query.isEmpty else { return .none }
            let code = state.query.text.trimmingCharacters(in: .whitespaces)
            // A SKU or barcode typed in full sells that very price.
            if let price = context.catalog.pricesByCode[code], let product = context.catalog.product(id: price.productId) {
                return sell(price, of: product, state: &state, context: context)
            }
            guard state.matches.indices.contains(state.selection) else {
                return .error(.nothingMatches(query: state.query.text))
            }
            let product = context.catalog.items[state.matches[state.selection]]
            if let prices = context.catalog.activePrices(of: product.id) {
                return offer(prices, of: product, state: &state, context: context)
            }
            state.awaitedProduct = product.id
            return Reduced([.loadQuickAddPrices(productId: product.id)], status: .info(.fetchingPrices(productName: product.name)))

        case .chooserMoved(let movement):
            guard var chooser = state.chooser else { return .none }
            chooser.selection = movement.apply(to: chooser.selection, count: chooser.prices.count)
            state.chooser = chooser
            return .none

        case .chooserPicked(let number):
            guard let chooser = state.chooser else { return .none }
            let index = number.map { $0 - 1 } ?? chooser.selection
            guard chooser.prices.indices.contains(index) else { return .none }
            state.chooser = nil
            return sell(chooser.prices[index], of: chooser.product, state: &state, context: context)

        case .chooserClosed:
            state.chooser = nil
            return .none

        case .scanned(let code):
            state.unknownCode = nil
            if let kind = Barcode.misread(code) {
                return Reduced([.bell], status: .error(.misreadBarcode(kind: kind, code: code)))
            }
            if let price = context.catalog.pricesByCode[code], let product = context.catalog.product(id: price.productId) {
                return sell(price, of: product, state: &state, context: context, clearsLine: false)
            }
            // Not in the catalog as Till knows it (a price made elsewhere, or the sync not done): ask.
            state.lookups.append(code)
            return Reduced([.findPrice(code: code)], status: .info(.lookingUpCode(code)))

        case .createFromCodeRequested:
            guard let code = state.unknownCode else { return .none }
            state.unknownCode = nil
            return .delegate(.createFromCode(code))

        case .unknownCodeDismissed:
            state.unknownCode = nil
            return .none
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout QuickAddState, action: QuickAddAnswer,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .pricesLoaded(let productId, let result):
            guard state.awaitedProduct == productId else { return .none }
            state.awaitedProduct = nil
            switch result {
            case .success(let prices):
                let active = prices.filter(\.active)
                guard let product = context.catalog.product(id: productId) else { return .delegate(.pricesKnown(productId: productId, prices)) }
                var result = offer(active, of: product, state: &state, context: context)
                result.delegates.insert(.pricesKnown(productId: productId, prices), at: 0)
                return result
            case .failure(let failure):
                return .error(.pricesFetchFailed(failure))
            }

        case .codeLookedUp(let code, let result):
            guard let position = state.lookups.firstIndex(of: code) else { return .none }
            state.lookups.remove(at: position)
            switch result {
            case .success(let match?):
                var result = sell(match.price, of: match.product, state: &state, context: context, clearsLine: false)
                result.delegates.insert(.pricesKnown(productId: match.product.id, [match.price]), at: 0)
                return result
            case .success(nil):
                state.unknownCode = code
                return Reduced([.bell], status: .error(.unknownCode(code)))
            case .failure(let failure):
                return .error(.codeLookupFailed(code: code, failure))
            }
        }
    }

    /// Runs the query over the catalog; only active products are offered.
    private static func search(_ state: inout QuickAddState, catalog: CatalogState) {
        state.selection = 0
        state.chooser = nil
        guard !state.query.isEmpty else {
            state.matches = []
            return
        }
        let ranked = catalog.ranked(state.query.text)
        let index = catalog.index
        state.matches = ranked.filter { index.isActive($0) }
    }

    /// One price: sold. Several: the chooser. None: said so.
    private static func offer(_ prices: [Price], of product: Product, state: inout QuickAddState,
                              context: Context) -> Reduced<Delegate> {
        switch prices.count {
        case 0:
            return .error(.productHasNoPrice(name: product.name))
        case 1:
            return sell(prices[0], of: product, state: &state, context: context)
        default:
            state.chooser = PriceChooser(product: product, prices: prices, selection: 0)
            return .none
        }
    }

    /// The cart line for a price; the line empties for the next item.
    private static func sell(_ price: Price, of product: Product, state: inout QuickAddState, context: Context,
                             clearsLine: Bool = true) -> Reduced<Delegate> {
        guard !context.isCartLocked else {
            return .error(.checkoutLocked)
        }
        guard product.active else {
            return .error(.productArchived(name: product.name))
        }
        if clearsLine {
            state.query = TextFieldValue()
            state.matches = []
            state.selection = 0
        }
        return .delegate(.add(CartLine(price: price, productName: product.name), productId: product.id))
    }
}
