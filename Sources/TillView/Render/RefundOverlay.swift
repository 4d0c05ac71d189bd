import TillCore

/// The refund form: amount, lines, reason, with what was paid, what went back, and the session's
/// lines numbered as the Lines field takes them.
enum RefundOverlay {
    /// What went back of a session, for the session pane: nil when nothing was refunded.
    static func summary(_ session: CheckoutSession, in state: AppState) -> String? {
        guard let balance = state.refunds.balance(of: session),
              balance.refunded.minorUnits + balance.pending.minorUnits + balance.unconfirmed.minorUnits > 0 else { return nil }
        var parts: [String] = []
        if balance.refunded.minorUnits > 0 { parts.append(balance.refunded.formatted + " refunded") }
        if balance.pending.minorUnits > 0 { parts.append(balance.pending.formatted + " pending") }
        if balance.unconfirmed.minorUnits > 0 { parts.append(balance.unconfirmed.formatted + " unanswered (R retries)") }
        parts.append(balance.remaining.formatted + " left")
        return parts.joined(separator: " · ")
    }

    /// The history row's status once money went back: "−GBP 1.00 refunded", "−GBP 3.50 pending".
    static func historyStatus(_ session: CheckoutSession, in state: AppState) -> String? {
        guard let balance = state.refunds.balance(of: session) else { return nil }
        let back = balance.refunded.minorUnits + balance.pending.minorUnits + balance.unconfirmed.minorUnits
        guard back > 0 else { return nil }
        let word = balance.pending.minorUnits + balance.unconfirmed.minorUnits > 0 ? "pending" : "refunded"
        return "−" + Money(minorUnits: back, currency: balance.total.currency).formatted + " " + word
    }

    static func model(_ state: AppState, keys: BindingTable = .standard) -> FormView.Model? {
        guard let form = state.refunds.form else { return nil }
        let session = form.session
        var model = FormView.model("Refund session " + session.id, form.fields, busy: nil, words: Messages(state, keys: keys))
        let entries = state.refunds.journal.entries(session: session.id)
        if let balance = state.refunds.balance(of: session) {
            var note = "Paid \(balance.total.formatted)"
            if balance.refunded.minorUnits > 0 { note += " · refunded \(balance.refunded.formatted)" }
            if balance.pending.minorUnits > 0 { note += " · pending \(balance.pending.formatted)" }
            note += " · left \(balance.remaining.formatted). Amount and Lines empty: all that is left. Lines: 1 2x3."
            model.note = note
        }
        let left = RefundLines.refundableUnits(session.lineItems, entries: entries)
        model.list = session.lineItems.enumerated().map { index, line in
            let units = left[RefundLines.key(of: line)] ?? 0
            return "\(index + 1)  \(line.quantity) × \(line.description)  \(line.total.formatted)  (\(units) left)"
        }
        return model
    }
}
