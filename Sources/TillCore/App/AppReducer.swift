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
        // The sign-in screen holds every key: digits there are a PIN, never a scan or a pane.
        if state.operators.signIn != nil, !action.isFromRuntime, !action.passesSignIn { return [] }
        // A y/n question or the help overlay holds the keys; answers from the runtime still land.
        if !action.isFromRuntime {
            if state.confirmation != nil, !action.isConfirmationAnswer { return [] }
            if state.isHelpVisible, action != .helpToggled, action != .quitRequested { return [] }
            // The offer to make a product for an unknown code lasts until the next key.
            if state.quickAdd.unknownCode != nil, action != .quickAdd(.createFromCodeRequested) {
                state.quickAdd.unknownCode = nil
            }
        }
        var effects = stampOperator(route(action, in: &state), in: state)
        // Each key of a signed-in operator starts `lock_after` again.
        if !action.isFromRuntime, state.operators.current != nil, let after = state.operators.lockAfter {
            effects.append(.idleLock(after: after))
        }
        // The customer display follows the till: whatever changed what the customer should see
        // is published once, after the action's own effects.
        if state.settings.publishesCustomerDisplay {
            let shown = CustomerDisplay(state)
            if shown != state.customerDisplay {
                state.customerDisplay = shown
                effects.append(.showCustomer(shown))
            }
            // A till that quits leaves its display idle, not on a sale nobody is serving (the
            // writer's line is drained at quit, so this is stored before the process ends).
            if effects.contains(.quit) {
                let idle = CustomerDisplay(shopName: state.environment.shopName, screen: .idle)
                effects.removeAll { if case .showCustomer = $0 { true } else { false } }
                effects.insert(.showCustomer(idle), at: effects.firstIndex(of: .quit) ?? effects.endIndex)
                state.customerDisplay = idle
            }
        }
        // Whatever moved a selection or changed a list's length or the screen, the windows follow:
        // each list keeps its own first visible row in line at the rows it now shows.
        let rows = listRows(state)
        state.products.keepWindow(rows: rows.products)
        state.prices.keepWindow(rows: rows.prices)
        state.cart.keepWindow(rows: rows.cart)
        state.history.keepWindow(rows: rows.history)
        return effects
    }

    func route(_ action: AppAction, in state: inout AppState) -> [Effect] {
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
            case .reports:
                // With operators, the pane shows the last entries of the audit trail too.
                let audit: [Effect] = state.operators.isActive ? [.loadAudit(limit: OperatorsState.auditShown)] : []
                return route(.reports(.shown), in: &state) + audit
            case .products, .prices, .cart, .checkout, .session: return []
            }

        case .helpToggled:
            state.isHelpVisible.toggle()
            return []

        case .quitRequested:
            // Writes wait for an unreachable store in memory only: quitting drops them, so ask.
            if state.storeAway != nil {
                state.confirmation = .quitWithStoreAway
                return []
            }
            return [.saveDraft(state.draft), .quit]

        case .confirmationAnswered(let yes):
            guard let question = state.confirmation else { return [] }
            // A question that needs a manager is answered by a manager's PIN, not by y.
            if yes, state.operators.approval != nil { return [] }
            state.operators.approval = nil
            state.confirmation = nil
            guard yes else { return [] }
            let audit = auditNote(for: question, in: state).map { [Effect.audit($0)] } ?? []
            // The answer goes back to the feature that asked.
            let effects: [Effect]
            switch question {
            case .archiveProduct(let id, _, let archive): effects = route(.products(.archiveConfirmed(id: id, archive: archive)), in: &state)
            case .removeLastCartLine: effects = route(.cart(.emptyingConfirmed), in: &state)
            case .expireSession(let id): effects = route(.session(.expireConfirmed(id: id)), in: &state)
            case .liveCheckout(_, let freshID): effects = route(.checkout(.liveCheckoutConfirmed(freshID: freshID)), in: &state)
            case .discardParked(let id, _, _): effects = route(.parked(.discardConfirmed(id: id)), in: &state)
            case .refund(let choice, _): effects = route(.refunds(.refundConfirmed(choice)), in: &state)
            case .closeShift(let report, _): effects = route(.reports(.closeConfirmed(report)), in: &state)
            case .expireSessions(let ids): effects = route(.reports(.expireAllConfirmed(ids: ids)), in: &state)
            case .quitWithStoreAway: effects = [.saveDraft(state.draft), .quit]
            }
            return effects + audit

        case .operators(let action):
            return operators(action, in: &state)

        case .palette(let action):
            return palette(action, in: &state)

        case .undoRequested:
            return undo(in: &state)

        case .redoRequested:
            return redo(in: &state)

        case .ticked(let id, let now):
            state.now = now
            switch id {
            case .sessionCountdown: return route(.session(.countdownTicked), in: &state)
            case .idleLock: return route(.operators(.lockRequested(idle: true)), in: &state)
            }

        case .products(let action):
            let rows = listRows(state).products
            let result = ProductsFeature.reduce(into: &state.products, action: action, context: .init(rows: rows))
            // The quick-add matches point into the list: a changed list is searched again.
            let catalogChange: [Effect] = action.changesCatalog && !state.quickAdd.query.isEmpty
                ? route(.quickAdd(.catalogChanged), in: &state) : []
            return catalogChange + apply(result, to: &state) { delegate, state in
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
                case .addToCart(let line):
                    addToCart(line, productId: state.prices.productId, in: &state)
                case .productCreated(let product): route(.products(.productReceived(product)), in: &state)
                case .pricesLoaded(let id, let prices): route(.products(.pricesKnown(productId: id, prices)), in: &state)
                case .priceAdded(let price): route(.products(.priceAdded(price)), in: &state)
                }
            }

        case .cart(let action):
            let context = CartFeature.Context(rows: listRows(state).cart, defaultCurrency: state.settings.defaultCurrency,
                                              isLocked: state.checkout.isSubmitting)
            let before = state.cart.cart
            let result = CartFeature.reduce(into: &state.cart, action: action, context: context)
            return apply(result, to: &state) { delegate, state in
                switch delegate {
                case .changed:
                    if let step = Self.undoStep(for: action, before: before) { state.cartHistory.record(step) }
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
                                                 pollInterval: state.settings.pollInterval, till: state.environment.till,
                                                 operatorName: state.operators.current?.name,
                                                 approvedBy: state.operators.approvedBy)
            let journal = state.refunds.journal
            let result = RefundsFeature.reduce(into: &state.refunds, action: action, context: context)
            let effects = apply(result, to: &state) { delegate, _ in switch delegate {} }
            // The report's refunds come from the journal: a change there is a change in its figures.
            guard state.refunds.journal != journal else { return effects }
            return effects + route(.reports(.journalChanged), in: &state)

        case .quickAdd(let action):
            let context = QuickAddFeature.Context(products: state.products, isCartLocked: state.checkout.isSubmitting)
            let result = QuickAddFeature.reduce(into: &state.quickAdd, action: action, context: context)
            return apply(result, to: &state) { delegate, state in
                switch delegate {
                case .add(let line, let productId):
                    return addToCart(line, productId: productId, in: &state)
                case .createFromCode(let code):
                    state.focus = .prices
                    return route(.prices(.newPriceForCodeRequested(code)), in: &state)
                case .pricesKnown(let productId, let prices):
                    return route(.products(.pricesKnown(productId: productId, prices)), in: &state)
                }
            }

        case .reports(let action):
            let result = ReportsFeature.reduce(into: &state.reports, action: action,
                                               context: .init(journal: state.refunds.journal, till: state.environment.till))
            let audit: [Effect] = action == .reloadRequested && state.operators.isActive
                ? [.loadAudit(limit: OperatorsState.auditShown)] : []
            return apply(result, to: &state) { delegate, _ in switch delegate {} } + audit

        case .receiptRequested(let session):
            guard session.status == .complete, session.paymentStatus == .paid else {
                state.status.message = .error(.receiptNeedsPaidSession(session.status, session.paymentStatus))
                return []
            }
            state.status.message = .info(.savingReceipt(sessionId: session.id))
            return [.saveReceipt(session, refunds: state.refunds.journal.entries(session: session.id))]

        case .slipRequested(let session):
            guard session.status == .open, let url = session.url, !url.isEmpty else {
                state.status.message = .error(.slipNeedsOpenSession(session.status))
                return []
            }
            state.status.message = .info(.printingSlip(sessionId: session.id))
            return [.printSlip(session)]

        case .slipFinished(.success(let delivery)):
            state.status.message = .info(.slipPrinted(on: delivery.command ?? delivery.path))
            return []

        case .slipFinished(.failure(let failure)):
            state.status.message = .error(.slipNotPrinted(reason: failure.message))
            return []

        case .storeWriteFailed(let what, let reason):
            state.status.message = .error(.storeWriteFailed(what: what, reason: reason))
            return []

        case .storeUnreachable(let reason):
            state.storeAway = reason
            let waiting: StoreAwayWork = state.checkout.isSubmitting ? .checkout
                : !state.refunds.sending.isEmpty ? .refund : .selling
            state.status.message = .error(.storeUnreachable(reason: reason, waiting))
            return []

        case .storeReachable(let saved):
            state.storeAway = nil
            state.status.message = .info(.storeReachable(saved: saved))
            return []

        case .storeOpened(let notes, let problems):
            if let problem = problems.first {
                state.status.message = .error(.storeOpenProblem(problem, more: problems.count - 1))
            } else if !notes.isEmpty {
                state.status.message = .info(.movedIntoStore(notes: notes))
            }
            return []

        case .receiptFinished(.success(let delivery)):
            state.status.message = .info(.receiptSaved(path: delivery.path, sentTo: delivery.command))
            return []

        case .receiptFinished(.failure(let failure)):
            state.status.message = .error(.receiptFailed(reason: failure.message, savedPath: failure.savedPath))
            return []

        case .parked(let action):
            let open = state.session.open.flatMap { $0.isFinal ? nil : $0 }
            let context = ParkedFeature.Context(cart: state.cart.cart, openSession: open,
                                                isCheckoutBusy: state.checkout.isSubmitting, now: state.now,
                                                till: state.environment.till)
            let result = ParkedFeature.reduce(into: &state.parked, action: action, context: context)
            return apply(result, to: &state) { delegate, state in
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

    /// What undo takes back after a cart action changed the cart (nil: not the operator's change).
    static func undoStep(for action: CartAction, before: Cart) -> CartHistory.Step? {
        switch action {
        case .lineAdded(let line): .cart(before, what: .add(name: line.name))
        case .quantityIncreased, .quantityDecreased: .cart(before, what: .quantityChange)
        case .removeRequested, .emptyingConfirmed: .cart(before, what: .remove(name: before.lines.count == 1 ? before.lines[0].name : nil))
        case .oneOffForm: .cart(before, what: .addOneOff)
        case .checkedOut: .barrier(.checkoutCannotBeUndone)
        // Parking records its own step; undo and resume put back a cart themselves.
        case .replaced, .restored, .selectionMoved, .oneOffItemRequested, .checkoutRequested: nil
        }
    }

    private func palette(_ action: PaletteAction, in state: inout AppState) -> [Effect] {
        switch action {
        case .opened:
            state.palette = PaletteState()
            state.palette.isOpen = true
            return []
        case .edited(let edit):
            guard state.palette.query.apply(edit) else { return [] }
            state.palette.selection = 0
            return []
        case .moved(let movement, let count):
            state.palette.selection = movement.apply(to: state.palette.selection, count: count)
            return []
        case .closed:
            state.palette = PaletteState()
            return []
        case .ran(let actions):
            state.palette = PaletteState()
            return actions.flatMap { reduce(into: &state, action: $0) }
        }
    }

    private func undo(in state: inout AppState) -> [Effect] {
        guard let step = state.cartHistory.undo.last else {
            state.status.message = .info(.nothingToUndo)
            return []
        }
        guard !state.checkout.isSubmitting else {
            state.status.message = .error(.checkoutLocked)
            return []
        }
        switch step {
        case .barrier(let what):
            state.status.message = .error(what)
            return []
        case .cart(let cart, let what):
            state.cartHistory.undo.removeLast()
            state.cartHistory.redo.append(.cart(state.cart.cart, what: what))
            let effects = route(.cart(.replaced(cart)), in: &state)
            state.status.message = .info(.undid(what))
            return effects
        case .parked(let cart, let label):
            guard let index = state.parked.tickets.lastIndex(where: { $0.content == .cart(cart) }) else {
                state.cartHistory.undo.removeLast()
                state.status.message = .error(.undoParkTicketGone(label: label))
                return []
            }
            guard state.cart.cart.isEmpty else {
                state.status.message = .error(.undoParkNeedsEmptyCart(label: label))
                return []
            }
            state.cartHistory.undo.removeLast()
            state.parked.selection = index
            let effects = route(.parked(.resumeRequested), in: &state)
            state.status.message = .info(.undidPark(label: label))
            return effects
        }
    }

    private func redo(in state: inout AppState) -> [Effect] {
        guard case .cart(let cart, let what)? = state.cartHistory.redo.last else {
            state.status.message = .info(.nothingToRedo)
            return []
        }
        guard !state.checkout.isSubmitting else {
            state.status.message = .error(.checkoutLocked)
            return []
        }
        state.cartHistory.redo.removeLast()
        state.cartHistory.undo.append(.cart(state.cart.cart, what: what))
        let effects = route(.cart(.replaced(cart)), in: &state)
        state.status.message = .info(.redid(what))
        return effects
    }

    /// A line for the cart from the prices pane, quick add or a scan; the product counts as
    /// recently used once the cart took it.
    private func addToCart(_ line: CartLine, productId: String?, in state: inout AppState) -> [Effect] {
        let before = state.cart.cart
        let effects = route(.cart(.lineAdded(line)), in: &state)
        guard state.cart.cart != before, let productId else { return effects }
        return effects + route(.products(.productUsed(id: productId)), in: &state)
    }

    /// Takes a feature's result: its status message and question, then its delegates in order.
    func apply<Delegate>(_ result: Reduced<Delegate>, to state: inout AppState,
                                 _ handle: (Delegate, inout AppState) -> [Effect]) -> [Effect] {
        if let status = result.status { state.status.message = status }
        if let question = result.question { ask(question, in: &state) }
        var effects = result.effects
        for delegate in result.delegates { effects += handle(delegate, &state) }
        return effects
    }
}

extension ProductsAction {
    /// Whether the product list or its search keys may have changed.
    var changesCatalog: Bool {
        switch self {
        case .cacheLoaded, .productsPageLoaded, .productCreated, .productUpdated, .productReceived, .pricesKnown,
             .priceAdded, .catalogPricesPageLoaded: true
        case .reloadRequested, .filterStarted, .filterEdited, .filterCleared, .filterFinished, .selectionMoved,
             .newProductRequested, .editProductRequested, .archiveToggleRequested, .pricesRequested, .form,
             .archiveConfirmed, .productUsed, .revealRequested: false
        }
    }
}

extension AppAction {
    var isConfirmationAnswer: Bool {
        switch self {
        // A manager's name and PIN at an approval, and a lock, answer a question too.
        case .confirmationAnswered, .operators: true
        default: false
        }
    }

    /// What the sign-in screen lets through: its own keys and quitting.
    var passesSignIn: Bool {
        switch self {
        case .operators, .quitRequested, .screenResized: true
        default: false
        }
    }
}
