import Foundation

// The one way the create forms (product, price, checkout) handle typing, a submit and its answer:
// an edit that changes the text drops the idempotency key (a changed request needs a new one), a
// submit mints the key only if none is kept (so a retry re-sends the same key), and a failure is
// shown in the form, saying when a retry is safe.
extension FormState {
    /// Applies typing or Tab; returns whether any field's text changed. Ignored while submitting.
    @discardableResult
    mutating func applyEdit(_ action: FormAction, key: inout String?) -> Bool {
        if case .edited = action {
            guard !isSubmitting else { return false }
            let before = values
            edit(action)
            if values != before {
                key = nil
                return true
            }
            return false
        }
        edit(action)
        return false
    }

    /// Starts sending: clears any message, marks the form busy and returns the idempotency key to
    /// send (the kept one, or `freshID` when none is kept yet).
    mutating func beginSubmit(key: inout String?, freshID: String) -> String {
        let sent = key ?? freshID
        key = sent
        beginSubmit()
        return sent
    }

    /// Starts sending a request that carries no idempotency key (an update).
    mutating func beginSubmit() {
        message = nil
        invalidField = nil
        isSubmitting = true
    }

    /// The request failed: the form takes keys again and says why; `keyed` says whether the
    /// request carried an idempotency key (so a retry cannot make a second object).
    mutating func failed(_ failure: APIFailure, keyed: Bool = true) {
        isSubmitting = false
        refuse(.requestFailed(failure, keyed: keyed), at: nil)
    }
}
