import Foundation

/// The checkout pane's feature: the URL form and the creation of the session.
public enum CheckoutFeature {
    /// What checkout needs of the app.
    public enum Delegate: Hashable, Sendable {
        /// Esc: back to the cart.
        case backToCartRequested
        /// The session exists: the cart starts over and the session is watched.
        case sessionCreated(CheckoutSession)
        /// A create interrupted by a crash is being sent again: checkout shows it.
        case resumed
        /// The URLs of the session just made become the account's defaults (nil: that one stays).
        case urlDefaultsKept(successURL: String?, cancelURL: String?)
    }

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Hashable, Sendable {
        /// The cart being checked out.
        public var cart: Cart
        /// Whether real money moves (a y/n question comes first).
        public var isLive: Bool
        /// The defaults in force, and which URLs a made session keeps as the new defaults.
        public var settings: Settings
    }

    public static func reduce(into state: inout CheckoutState, action: CheckoutAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .form(let formAction):
            return reduceForm(into: &state, action: formAction, context: context)

        case .liveCheckoutConfirmed(let freshID):
            return Reduced(submit(&state, freshID: freshID, cart: context.cart))

        case .cartChanged:
            state.idempotencyKey = nil
            return .none
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout CheckoutState, action: CheckoutAnswer,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .sessionCreated(.success(let session)):
            state.form.isSubmitting = false
            state.form.message = nil
            state.form.invalidField = nil
            state.idempotencyKey = nil
            var result = Reduced<Delegate>(status: .info(.checkoutCreated), delegates: [.sessionCreated(session)])
            // URLs typed for a real account are asked once: a session made with them keeps them.
            let settings = context.settings
            func kept(_ field: CheckoutDraft.URLField, _ typed: String, _ current: String) -> String? {
                settings.remembersURLs.contains(field) && !typed.isEmpty && typed != current ? typed : nil
            }
            let success = kept(.success, state.form.trimmed(.successURL), settings.successURL)
            let cancel = kept(.cancel, state.form.trimmed(.cancelURL), settings.cancelURL)
            if success != nil || cancel != nil {
                result.status = .info(.checkoutCreatedURLsKept)
                result.delegates.append(.urlDefaultsKept(successURL: success, cancelURL: cancel))
            }
            return result

        case .sessionCreated(.failure(let failure)):
            // Nothing typed is lost and the key is kept, so Enter retries the very same request.
            state.form.failed(failure)
            return .error(.checkoutFailed(failure))

        case .draftNotSaved(let reason):
            // Nothing went out: the form takes keys again and keeps its key, so Enter (once the
            // store is back) sends this very request, once.
            state.form.isSubmitting = false
            state.form.refuse(.cartNotSaved(reason: reason, inForm: true), at: nil)
            return .error(.cartNotSaved(reason: reason, inForm: false))

        case .restored(let draft, let settings):
            state.form = FormState([
                .successURL: draft.successURL.isEmpty ? settings.successURL : draft.successURL,
                .cancelURL: draft.cancelURL.isEmpty ? settings.cancelURL : draft.cancelURL,
            ])
            state.idempotencyKey = draft.idempotencyKey
            // Till stopped while a create was in flight: send it again with the same key, so it
            // either makes the session or answers with the one already made.
            guard draft.isSent, let key = draft.idempotencyKey, !draft.cart.isEmpty else { return .none }
            let effects = submit(&state, freshID: key, cart: draft.cart)
            guard !effects.isEmpty else { return .none }
            return Reduced(effects, status: .info(.checkoutResumed),
                           delegates: [.resumed])
        }
    }

    /// The URL form: typing, Enter to create, Esc back to the cart.
    private static func reduceForm(into state: inout CheckoutState, action: FormAction,
                                   context: Context) -> Reduced<Delegate> {
        switch action {
        case .edited, .focusMovedNext, .focusMovedPrevious:
            state.form.applyEdit(action, key: &state.idempotencyKey)
            return .none
        case .cancelled:
            return .delegate(.backToCartRequested)
        case .submitted(let freshID):
            guard !state.isSubmitting, validated(&state, cart: context.cart) else { return .none }
            guard context.isLive else { return Reduced(submit(&state, freshID: freshID, cart: context.cart)) }
            // Real money: nothing is sent until the operator has seen LIVE and the total and said yes.
            do {
                guard let total = try context.cart.total() else { return .none }
                return Reduced(question: .liveCheckout(total: total, freshID: freshID))
            } catch {
                state.form.refuse(.amountRefused(error), at: nil)
                return .none
            }
        }
    }

    /// Sends the draft: the kept idempotency key, or `freshID` when there is none yet.
    private static func submit(_ state: inout CheckoutState, freshID: String, cart: Cart) -> [Effect] {
        guard !state.isSubmitting, validated(&state, cart: cart) else { return [] }
        let key = state.form.beginSubmit(key: &state.idempotencyKey, freshID: freshID)
        let draft = state.draft(cart: cart)
        return [.saveDraft(draft), .createCheckoutSession(draft, idempotencyKey: key)]
    }

    /// Whether the draft can be sent; if not, the form says why, at the field concerned.
    private static func validated(_ state: inout CheckoutState, cart: Cart) -> Bool {
        do {
            try state.draft(cart: cart).validate()
            return true
        } catch {
            let field: CheckoutField? = switch error.field {
            case .success: .successURL
            case .cancel: .cancelURL
            case nil: nil
            }
            state.form.refuse(.draftRefused(error), at: field)
            return false
        }
    }
}
