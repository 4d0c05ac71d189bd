import Foundation

/// The checkout pane's reducer.
public enum CheckoutFeature {
    public static func reduce(into state: inout AppState, action: CheckoutAction) -> [Effect] {
        switch action {
        case .sessionCreated(.success(let session)):
            state.checkout.form.isSubmitting = false
            state.checkout.form.message = nil
            state.checkout.form.invalidField = nil
            state.checkout.idempotencyKey = nil
            state.cart.cart.removeAll()
            state.cart.selection = 0
            state.status.progress = nil
            state.status.message = .info("Checkout session created.")
            state.focus = .session
            return [.saveDraft(state.draft)] + SessionsFeature.watch(session, in: &state)

        case .sessionCreated(.failure(let failure)):
            // Nothing typed is lost and the key is kept, so Enter retries the very same request.
            state.checkout.form.isSubmitting = false
            state.checkout.form.refuse(failureText(failure), at: nil)
            state.status.progress = nil
            state.status.message = .error("Checkout failed: \(failure.description)")
            return []
        }
    }

    /// The checkout form's reducer: URL typing, Enter to create, Esc back to the cart.
    static func reduceForm(into state: inout AppState, action: FormAction) -> [Effect] {
        switch action {
        case .edited:
            guard !state.checkout.isSubmitting else { return [] }
            let before = state.checkout.form.values
            state.checkout.form.edit(action)
            if state.checkout.form.values != before { state.checkout.idempotencyKey = nil }
            return []
        case .focusMovedNext, .focusMovedPrevious:
            state.checkout.form.edit(action)
            return []
        case .cancelled:
            state.focus = .cart
            return []
        case .submitted(let freshID):
            guard !state.checkout.isSubmitting, validated(&state) else { return [] }
            guard state.environment.isLive else { return submit(&state, freshID: freshID) }
            // Real money: nothing is sent until the operator has seen LIVE and the total and said yes.
            let total: Money
            do {
                guard let sum = try state.cart.cart.total() else { return [] }
                total = sum
            } catch {
                state.checkout.form.refuse(error.description, at: nil)
                return []
            }
            state.confirmation = .liveCheckout(total: total, freshID: freshID)
            return []
        }
    }

    /// Sends the draft: the kept idempotency key, or `freshID` when there is none yet.
    /// Sandbox and test keys come here on Enter; a live key after the y/n question says yes.
    static func submit(_ state: inout AppState, freshID: String) -> [Effect] {
        guard !state.checkout.isSubmitting, validated(&state) else { return [] }
        let key = state.checkout.idempotencyKey ?? freshID
        state.checkout.idempotencyKey = key
        state.checkout.form.message = nil
        state.checkout.form.invalidField = nil
        state.checkout.form.isSubmitting = true
        state.status.progress = StatusProgress(label: "Creating checkout session")
        let draft = state.draft
        return [.saveDraft(draft), .createCheckoutSession(draft, idempotencyKey: key)]
    }

    /// Whether the draft can be sent; if not, the form says why, at the field concerned.
    private static func validated(_ state: inout AppState) -> Bool {
        do {
            try state.draft.validate()
            return true
        } catch {
            let field: CheckoutField? = switch error.field {
            case .success: .successURL
            case .cancel: .cancelURL
            case nil: nil
            }
            state.checkout.form.refuse(error.description, at: field)
            return false
        }
    }

    /// Puts a restored draft back: its cart, its URLs (defaults when empty) and its idempotency key.
    static func restore(_ draft: CheckoutDraft, in state: inout AppState) {
        state.cart.cart = draft.cart
        state.cart.selection = 0
        state.checkout.form = FormState([
            .successURL: draft.successURL.isEmpty ? state.settings.successURL : draft.successURL,
            .cancelURL: draft.cancelURL.isEmpty ? state.settings.cancelURL : draft.cancelURL,
        ])
        state.checkout.idempotencyKey = draft.idempotencyKey
    }
}
