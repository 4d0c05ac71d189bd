import Foundation

/// The app reducer: applies one action to the state and returns the I/O to perform.
/// It routes pane actions to their features and handles what spans panes (focus, help, y/n, ticks).
public func reduce(into state: inout AppState, action: AppAction) -> [Effect] {
    // A y/n question or the help overlay holds the keys; answers from the runtime still land.
    if !action.isFromRuntime {
        if state.confirmation != nil, !action.isConfirmationAnswer { return [] }
        if state.isHelpVisible, action != .helpToggled, action != .quitRequested { return [] }
    }
    let effects = route(action, in: &state)
    // Whatever moved a selection or changed a list's length or the screen, the windows follow.
    ListScroll.settle(&state)
    return effects
}

private func route(_ action: AppAction, in state: inout AppState) -> [Effect] {
    switch action {
    case .started:
        return [.loadCatalogCache] + CatalogFeature.startLoad(&state)

    case .draftRestored(let draft):
        CheckoutFeature.restore(draft, in: &state)
        return []

    case .screenResized(let size):
        state.screen = size
        return []

    case .paneSelected(let pane):
        state.focus = pane
        return pane == .session ? SessionsFeature.shown(&state) : []

    case .helpToggled:
        state.isHelpVisible.toggle()
        return []

    case .quitRequested:
        return [.saveDraft(state.draft), .quit]

    case .form(let formAction):
        switch state.focus {
        case .products: return CatalogFeature.reduceForm(into: &state, action: formAction)
        case .prices: return PricesFeature.reduceForm(into: &state, action: formAction)
        case .cart: return CartFeature.reduceForm(into: &state, action: formAction)
        case .checkout: return CheckoutFeature.reduceForm(into: &state, action: formAction)
        case .session: return []
        }

    case .confirmationAnswered(let yes):
        guard let question = state.confirmation else { return [] }
        state.confirmation = nil
        guard yes else { return [] }
        switch question {
        case .archiveProduct(let id, _, let archive):
            return [.updateProduct(id: id, ProductUpdate(active: !archive))]
        case .removeLastCartLine:
            guard CartFeature.unlocked(&state) else { return [] }
            var cart = state.cart.cart
            cart.removeAll()
            return CartFeature.cartChanged(&state, to: cart)
        case .expireSession(let id):
            state.sessions.isExpiring = true
            return [.expireSession(id: id)]
        case .liveCheckout(_, let freshID):
            return CheckoutFeature.submit(&state, freshID: freshID)
        }

    case .ticked(let id, let now):
        switch id {
        case .sessionCountdown: return SessionsFeature.tick(now: now, in: &state)
        }

    case .catalog(let action): return CatalogFeature.reduce(into: &state, action: action)
    case .prices(let action): return PricesFeature.reduce(into: &state, action: action)
    case .cart(let action): return CartFeature.reduce(into: &state, action: action)
    case .checkout(let action): return CheckoutFeature.reduce(into: &state, action: action)
    case .sessions(let action): return SessionsFeature.reduce(into: &state, action: action)
    }
}

extension AppAction {
    /// Whether the runtime (not the operator) sent this: results, ticks, start-up.
    var isFromRuntime: Bool {
        switch self {
        case .started, .draftRestored, .ticked, .screenResized: true
        case .catalog(.cacheLoaded), .catalog(.productsPageLoaded), .catalog(.productCreated),
             .catalog(.productUpdated): true
        case .prices(.pricesLoaded), .prices(.priceCreated): true
        case .checkout(.sessionCreated): true
        case .sessions(.sessionFetched), .sessions(.sessionPolled), .sessions(.sessionExpired),
             .sessions(.sessionsLoaded): true
        default: false
        }
    }

    var isConfirmationAnswer: Bool {
        if case .confirmationAnswered = self { return true }
        return false
    }
}
