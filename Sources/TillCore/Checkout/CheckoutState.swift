import Foundation

/// The checkout pane: the URL form, the summary (the cart) and the submission.
public struct CheckoutState: Hashable, Sendable {
    /// Success and cancel URLs.
    public var form: FormState<CheckoutField>
    /// Minted on the first confirm, reused on every retry, dropped once a session exists
    /// or when the cart or URLs change (a changed request needs a new key).
    public var idempotencyKey: String?

    public init(settings: Settings) {
        form = FormState([.successURL: settings.successURL, .cancelURL: settings.cancelURL])
        idempotencyKey = nil
    }

    /// Whether the create request is in flight.
    public var isSubmitting: Bool { form.isSubmitting }
}

/// What happened in the checkout pane (typing and Enter arrive as `AppAction.form`).
public enum CheckoutAction: Hashable, Sendable {
    /// Answer to `createCheckoutSession`.
    case sessionCreated(Result<CheckoutSession, APIFailure>)
}
