import Foundation

/// The app reducer: applies one action to the state and returns the I/O to perform. It hands
/// pane actions to their features, routes what a feature asks for (a status message, a y/n
/// question, a delegate action for another feature), and owns what spans panes: focus, help,
/// the question, the clock and the list windows.
public struct AppReducer: Sendable {
    /// Rows each list shows for a state, from the view layer's layout.
    public let listRows: @Sendable (AppState) -> ListRows

    public init(listRows: @escaping @Sendable (AppState) -> ListRows) {
        self.listRows = listRows
    }

    public func reduce(into state: inout AppState, action: AppAction) -> [Effect] {
        // A y/n question or the help overlay holds the keys; answers from the runtime still land.
        if !action.isFromRuntime {
            if state.confirmation != nil, !action.isConfirmationAnswer { return [] }
            if state.isHelpVisible, action != .helpToggled, action != .quitRequested { return [] }
        }
        let effects = route(action, in: &state)
        // Whatever moved a selection or changed a list's length or the screen, the windows follow:
        // each list keeps its own first visible row in line at the rows it now shows.
        let rows = listRows(state)
        state.products.keepWindow(rows: rows.products)
        state.prices.keepWindow(rows: rows.prices)
        state.cart.keepWindow(rows: rows.cart)
        state.history.keepWindow(rows: rows.history)
        return effects
    }

    private func route(_ action: AppAction, in state: inout AppState) -> [Effect] {
        switch action {
        case .started:
            return [.loadCatalogCache] + ProductsFeature.startLoad(&state.products)

        case .draftRestored(let draft):
            return route(.cart(.restored(draft.cart)), in: &state)
                + route(.checkout(.restored(draft, state.settings)), in: &state)

        case .screenResized(let size):
            state.screen = size
            return []

        case .paneSelected(let pane):
            state.focus = pane
            switch pane {
            case .history: return route(.history(.shown), in: &state)
            case .reports: return route(.reports(.shown), in: &state)
            case .products, .prices, .cart, .checkout, .session: return []
            }

        case .helpToggled:
            state.isHelpVisible.toggle()
            return []

        case .quitRequested:
            return [.saveDraft(state.draft), .quit]

        case .confirmationAnswered(let yes):
            guard let question = state.confirmation else { return [] }
            state.confirmation = nil
            guard yes else { return [] }
            // The answer goes back to the feature that asked.
            switch question {
            case .archiveProduct(let id, _, let archive): return route(.products(.archiveConfirmed(id: id, archive: archive)), in: &state)
            case .removeLastCartLine: return route(.cart(.emptyingConfirmed), in: &state)
            case .expireSession(let id): return route(.session(.expireConfirmed(id: id)), in: &state)
            case .liveCheckout(_, let freshID): return route(.checkout(.liveCheckoutConfirmed(freshID: freshID)), in: &state)
            case .discardParked(let id, _, _): return route(.parked(.discardConfirmed(id: id)), in: &state)
            case .refund(let choice, _): return route(.refunds(.refundConfirmed(choice)), in: &state)
            case .closeShift(let report, _): return route(.reports(.closeConfirmed(report)), in: &state)
            case .expireSessions(let ids): return route(.reports(.expireAllConfirmed(ids: ids)), in: &state)
            }

        case .ticked(let id, let now):
            state.now = now
            switch id {
            case .sessionCountdown: return route(.session(.countdownTicked), in: &state)
            }

        case .products(let action):
            let rows = listRows(state).products
            let result = ProductsFeature.reduce(into: &state.products, action: action, context: .init(rows: rows))
            return apply(result, to: &state) { delegate, state in
                switch delegate {
                case .pricesRequested(let product):
                    state.focus = .prices
                    return route(.prices(.opened(product)), in: &state)
                case .productUpdated(let product):
                    return route(.prices(.productUpdated(product)), in: &state)
                }
            }

        case .prices(let action):
            let products = state.products
            let context = PricesFeature.Context(
                rows: listRows(state).prices, defaultCurrency: state.settings.defaultCurrency,
                archivedProductName: { id in products.items.first { $0.id == id && !$0.active }?.name })
            let result = PricesFeature.reduce(into: &state.prices, action: action, context: context)
            return apply(result, to: &state) { delegate, state in
                switch delegate {
                case .addToCart(let line): route(.cart(.lineAdded(line)), in: &state)
                case .productCreated(let product): route(.products(.productReceived(product)), in: &state)
                case .pricesCounted(let id, let count): route(.products(.priceCountReported(productId: id, count: count)), in: &state)
                case .priceAdded(let id): route(.products(.priceAdded(productId: id)), in: &state)
                }
            }

        case .cart(let action):
            let context = CartFeature.Context(rows: listRows(state).cart, defaultCurrency: state.settings.defaultCurrency,
                                              isLocked: state.checkout.isSubmitting)
            let result = CartFeature.reduce(into: &state.cart, action: action, context: context)
            return apply(result, to: &state) { delegate, state in
                switch delegate {
                case .changed:
                    // A changed cart is a changed request: checkout drops its key, and the draft is saved.
                    return route(.checkout(.cartChanged), in: &state) + [.saveDraft(state.draft)]
                case .checkoutRequested:
                    state.focus = .checkout
                    return []
                }
            }

        case .checkout(let action):
            let context = CheckoutFeature.Context(cart: state.cart.cart, isLive: state.environment.isLive,
                                                  settings: state.settings)
            let result = CheckoutFeature.reduce(into: &state.checkout, action: action, context: context)
            return apply(result, to: &state) { delegate, state in
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

        case .session(let action):
            let context = SessionFeature.Context(now: state.now, pollInterval: state.settings.pollInterval,
                                                 screenReader: state.settings.screenReader)
            let result = SessionFeature.reduce(into: &state.session, action: action, context: context)
            return apply(result, to: &state) { delegate, state in
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

        case .history(let action):
            let result = HistoryFeature.reduce(into: &state.history, action: action,
                                               context: .init(rows: listRows(state).history))
            return apply(result, to: &state) { delegate, state in
                switch delegate {
                case .openRequested(let session):
                    return route(.session(.watchRequested(session, fetch: true)), in: &state)
                }
            }

        case .refunds(let action):
            let context = RefundsFeature.Context(now: state.now, isLive: state.environment.isLive,
                                                 pollInterval: state.settings.pollInterval)
            let journal = state.refunds.journal
            let result = RefundsFeature.reduce(into: &state.refunds, action: action, context: context)
            let effects = apply(result, to: &state) { delegate, _ in switch delegate {} }
            // The report's refunds come from the journal: a change there is a change in its figures.
            guard state.refunds.journal != journal else { return effects }
            return effects + route(.reports(.journalChanged), in: &state)

        case .reports(let action):
            let result = ReportsFeature.reduce(into: &state.reports, action: action,
                                               context: .init(journal: state.refunds.journal))
            return apply(result, to: &state) { delegate, _ in switch delegate {} }

        case .receiptRequested(let session):
            guard session.status == .complete, session.paymentStatus == .paid else {
                state.status.message = .error("A receipt is for a paid session; this one is \(session.status.rawValue) · \(session.paymentStatus.rawValue).")
                return []
            }
            state.status.message = .info("Saving the receipt of session \(session.id)…")
            return [.saveReceipt(session, refunds: state.refunds.journal.entries(session: session.id))]

        case .receiptFinished(.success(let delivery)):
            state.status.message = .info("Receipt saved to \(delivery.path)" + (delivery.command.map { " and sent to \($0)." } ?? "."))
            return []

        case .receiptFinished(.failure(let failure)):
            state.status.message = .error("Receipt: \(failure.message)" + (failure.savedPath.map { " (saved to \($0))" } ?? ""))
            return []

        case .parked(let action):
            let open = state.session.open.flatMap { $0.isFinal ? nil : $0 }
            let context = ParkedFeature.Context(cart: state.cart.cart, openSession: open,
                                                isCheckoutBusy: state.checkout.isSubmitting, now: state.now)
            let result = ParkedFeature.reduce(into: &state.parked, action: action, context: context)
            return apply(result, to: &state) { delegate, state in
                switch delegate {
                case .cartParked:
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

    /// Takes a feature's result: its status message and question, then its delegates in order.
    private func apply<Delegate>(_ result: Reduced<Delegate>, to state: inout AppState,
                                 _ handle: (Delegate, inout AppState) -> [Effect]) -> [Effect] {
        if let status = result.status { state.status.message = status }
        if let question = result.question { state.confirmation = question }
        var effects = result.effects
        for delegate in result.delegates { effects += handle(delegate, &state) }
        return effects
    }
}

extension AppAction {
    var isConfirmationAnswer: Bool {
        if case .confirmationAnswered = self { return true }
        return false
    }
}
