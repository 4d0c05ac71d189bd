import Foundation

// Each pane's feature as the app reducer runs it: the context the feature reads, and where each
// of its delegates goes. One function per feature, for what the operator did and what the
// runtime answered alike (`reduce` is the feature's reducer for either).
extension AppReducer {
    typealias Reduce<State, Context, Delegate: Hashable & Sendable> = (inout State, Context) -> Reduced<Delegate>

    /// Runs a feature's reducer on its part of the state with `context`, then applies what it
    /// returned; `handle` routes each of its delegates.
    func run<State, Context, Delegate>(_ reduce: Reduce<State, Context, Delegate>,
                                       on child: WritableKeyPath<AppState, State>, _ context: Context,
                                       in state: inout AppState,
                                       _ handle: (Delegate, inout AppState) -> [Effect]) -> [Effect] {
        apply(reduce(&state[keyPath: child], context), to: &state, handle)
    }

    func catalog(in state: inout AppState, _ reduce: (inout CatalogState) -> Reduced<CatalogFeature.Delegate>) -> [Effect] {
        // The product the list has selected, found before the list changes under it.
        let selected = state.products.selectedProduct(in: state.catalog)?.id
        let result = reduce(&state.catalog)
        return apply(result, to: &state) { delegate, state in
            switch delegate {
            case .changed(let change):
                // The quick-add matches point into the list: a changed list is searched again.
                let research: [Effect] = state.quickAdd.query.isEmpty ? [] : route(.quickAdd(.catalogChanged), in: &state)
                return research + route(.products(.catalogChanged(change, selected: selected)), in: &state)
            }
        }
    }

    func products(in state: inout AppState,
                  _ reduce: Reduce<ProductsState, ProductsFeature.Context, ProductsFeature.Delegate>) -> [Effect] {
        let context = ProductsFeature.Context(rows: listRows(state).products, catalog: state.catalog)
        return run(reduce, on: \.products, context, in: &state) { delegate, state in
            switch delegate {
            case .pricesRequested(let product):
                state.focus = .prices
                return route(.prices(.opened(product)), in: &state)
            case .productUpdated(let product):
                return route(.catalog(.productReceived(product)), in: &state)
                    + route(.prices(.productUpdated(product)), in: &state)
            case .productCreated(let product):
                return route(.catalog(.productCreated(product)), in: &state)
            case .reloadRequested:
                return route(.catalog(.reloadRequested), in: &state)
            }
        }
    }

    func prices(in state: inout AppState,
                _ reduce: Reduce<PricesState, PricesFeature.Context, PricesFeature.Delegate>) -> [Effect] {
        let products = state.catalog.items
        let context = PricesFeature.Context(
            rows: listRows(state).prices, defaultCurrency: state.settings.defaultCurrency,
            archivedProductName: { id in products.firstIndex(ofId: id).flatMap { products.isActive(at: $0) ? nil : products[$0].name } })
        return run(reduce, on: \.prices, context, in: &state) { delegate, state in
            switch delegate {
            case .addToCart(let line):
                addToCart(line, productId: state.prices.productId, in: &state)
            case .productCreated(let product): route(.catalog(.productReceived(product)), in: &state)
            case .pricesLoaded(let id, let prices): route(.catalog(.pricesKnown(productId: id, prices)), in: &state)
            case .priceAdded(let price): route(.catalog(.priceAdded(price)), in: &state)
            }
        }
    }

    /// `undoing`: the operator's cart action, whose change undo can take back (nil: none).
    func cart(in state: inout AppState, undoing action: CartAction?,
              _ reduce: Reduce<CartState, CartFeature.Context, CartFeature.Delegate>) -> [Effect] {
        let context = CartFeature.Context(rows: listRows(state).cart, defaultCurrency: state.settings.defaultCurrency,
                                          isLocked: state.checkout.isSubmitting)
        let before = state.cart.cart
        return run(reduce, on: \.cart, context, in: &state) { delegate, state in
            switch delegate {
            case .changed:
                if let action, let step = Self.undoStep(for: action, before: before) { state.cartHistory.record(step) }
                // A changed cart is a changed request: checkout drops its key, and the draft is saved.
                return route(.checkout(.cartChanged), in: &state) + [.saveDraft(state.draft)]
            case .checkoutRequested:
                state.focus = .checkout
                return []
            }
        }
    }

    func checkout(in state: inout AppState,
                  _ reduce: Reduce<CheckoutState, CheckoutFeature.Context, CheckoutFeature.Delegate>) -> [Effect] {
        let context = CheckoutFeature.Context(cart: state.cart.cart, isLive: state.environment.isLive,
                                              settings: state.settings)
        return run(reduce, on: \.checkout, context, in: &state) { delegate, state in
            switch delegate {
            case .backToCartRequested:
                state.focus = .cart
                return []
            case .resumed:
                state.focus = .checkout
                return []
            case .sessionCreated(let session):
                state.focus = .session
                return route(.cart(.checkedOut), in: &state) + route(.session(.watchRequested(session, fetch: false)), in: &state)
            case .urlDefaultsKept(let success, let cancel):
                if let success { state.settings.successURL = success }
                if let cancel { state.settings.cancelURL = cancel }
                return [.saveURLDefaults(successURL: success, cancelURL: cancel)]
            }
        }
    }

    func session(in state: inout AppState,
                 _ reduce: Reduce<SessionState, SessionFeature.Context, SessionFeature.Delegate>) -> [Effect] {
        let context = SessionFeature.Context(now: state.now, pollInterval: state.settings.pollInterval,
                                             screenReader: state.settings.screenReader)
        return run(reduce, on: \.session, context, in: &state) { delegate, state in
            switch delegate {
            case .showRequested:
                state.focus = .session
                return []
            case .sessionUpdated(let session):
                return route(.history(.sessionRecorded(session)), in: &state)
                    + route(.reports(.sessionUpdated(session)), in: &state)
            case .nextSaleRequested:
                // The cart was emptied when the session was made; the next sale starts at the products.
                state.focus = .products
                return route(.products(.filterCleared), in: &state)
            }
        }
    }

    func history(in state: inout AppState,
                 _ reduce: Reduce<HistoryState, HistoryFeature.Context, HistoryFeature.Delegate>) -> [Effect] {
        let context = HistoryFeature.Context(rows: listRows(state).history)
        return run(reduce, on: \.history, context, in: &state) { delegate, state in
            switch delegate {
            case .openRequested(let session):
                return route(.session(.watchRequested(session, fetch: true)), in: &state)
            }
        }
    }

    func refunds(in state: inout AppState,
                 _ reduce: Reduce<RefundsState, RefundsFeature.Context, RefundsFeature.Delegate>) -> [Effect] {
        let context = RefundsFeature.Context(now: state.now, isLive: state.environment.isLive,
                                             pollInterval: state.settings.pollInterval, till: state.environment.till,
                                             operatorName: state.operators.current?.name,
                                             approvedBy: state.operators.approvedBy)
        let journal = state.refunds.journal
        let effects = run(reduce, on: \.refunds, context, in: &state) { delegate, _ in switch delegate {} }
        // The report's refunds come from the journal: a change there is a change in its figures.
        guard state.refunds.journal != journal else { return effects }
        return effects + route(.reports(.journalChanged), in: &state)
    }

    func quickAdd(in state: inout AppState,
                  _ reduce: Reduce<QuickAddState, QuickAddFeature.Context, QuickAddFeature.Delegate>) -> [Effect] {
        let context = QuickAddFeature.Context(catalog: state.catalog, isCartLocked: state.checkout.isSubmitting)
        return run(reduce, on: \.quickAdd, context, in: &state) { delegate, state in
            switch delegate {
            case .add(let line, let productId):
                return addToCart(line, productId: productId, in: &state)
            case .createFromCode(let code):
                state.focus = .prices
                return route(.prices(.newPriceForCodeRequested(code)), in: &state)
            case .pricesKnown(let productId, let prices):
                return route(.catalog(.pricesKnown(productId: productId, prices)), in: &state)
            }
        }
    }

    func reports(in state: inout AppState,
                 _ reduce: Reduce<ReportsState, ReportsFeature.Context, ReportsFeature.Delegate>) -> [Effect] {
        let context = ReportsFeature.Context(journal: state.refunds.journal, till: state.environment.till)
        return run(reduce, on: \.reports, context, in: &state) { delegate, _ in switch delegate {} }
    }

    func parked(in state: inout AppState,
                _ reduce: Reduce<ParkedState, ParkedFeature.Context, ParkedFeature.Delegate>) -> [Effect] {
        let open = state.session.open.flatMap { $0.isFinal ? nil : $0 }
        let context = ParkedFeature.Context(cart: state.cart.cart, openSession: open,
                                            isCheckoutBusy: state.checkout.isSubmitting, now: state.now,
                                            till: state.environment.till)
        return run(reduce, on: \.parked, context, in: &state) { delegate, state in
            switch delegate {
            case .cartParked:
                let label = state.parked.tickets.last { $0.content == .cart(state.cart.cart) }?.label
                state.cartHistory.record(.parked(state.cart.cart, label: label))
                // The next customer starts where a new sale does: an empty cart, the products pane.
                state.focus = .products
                return route(.cart(.replaced(Cart())), in: &state) + route(.products(.filterCleared), in: &state)
            case .sessionParked:
                return route(.session(.nextSaleRequested), in: &state)
            case .cartResumed(let cart):
                state.focus = .cart
                return route(.cart(.replaced(cart)), in: &state)
            case .sessionResumed(let session):
                return route(.session(.watchRequested(session, fetch: true)), in: &state)
            }
        }
    }
}
