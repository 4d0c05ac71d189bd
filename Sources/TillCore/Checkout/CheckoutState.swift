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

    /// The checkout draft as it stands: this cart, the form's URLs and the kept idempotency key.
    public func draft(cart: Cart) -> CheckoutDraft {
        CheckoutDraft(cart: cart, successURL: form.trimmed(.successURL), cancelURL: form.trimmed(.cancelURL),
                      idempotencyKey: idempotencyKey, isSent: isSubmitting)
    }

    /// "Creating checkout session…" while the create is in flight.
    public var progress: StatusProgress? {
        isSubmitting ? StatusProgress(label: .creatingCheckoutSession) : nil
    }
}

/// What happened in the checkout pane.
public enum CheckoutAction: Hashable, Sendable {
    /// Typing, Tab, Enter or Esc in the URL form.
    case form(FormAction)
    /// The operator said yes to the LIVE question; `freshID` came with the Enter that asked it.
    case liveCheckoutConfirmed(freshID: String)
    /// The cart changed: a changed request needs a new idempotency key.
    case cartChanged
}

/// What the runtime reports to checkout: answers to its requests and what start-up read.
public enum CheckoutAnswer: Hashable, Sendable {
    /// Answer to `createCheckoutSession`.
    case sessionCreated(Result<CheckoutSession, APIFailure>)
    /// The saved draft, put back at start-up: its URLs (the defaults when empty) and its key.
    case restored(CheckoutDraft, Settings)
    /// The draft (with its idempotency key) could not be stored, so the create was not sent.
    case draftNotSaved(reason: String)
}
