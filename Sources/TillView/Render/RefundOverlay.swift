import TillCore

/// The refund form: amount, lines, reason, with what was paid, what went back, and the session's
/// lines numbered as the Lines field takes them.
enum RefundOverlay {
    /// What went back of a session, for the session pane: nil when nothing was refunded.
    static func summary(_ session: CheckoutSession, in state: AppState) -> String? {
        guard let balance = state.refunds.balance(of: session),
              balance.refunded.minorUnits + balance.pending.minorUnits + balance.unconfirmed.minorUnits > 0 else { return nil }
        let language = state.settings.language
        var parts: [String] = []
        if balance.refunded.minorUnits > 0 { parts.append(ScreenPhrase.refundedAmount.text(language, "amount", balance.refunded.formatted)) }
        if balance.pending.minorUnits > 0 { parts.append(ScreenPhrase.pendingAmount.text(language, "amount", balance.pending.formatted)) }
        if balance.unconfirmed.minorUnits > 0 {
            parts.append(ScreenPhrase.unansweredAmount.text(language, "amount", balance.unconfirmed.formatted, "key", "R"))
        }
        parts.append(ScreenPhrase.leftAmount.text(language, "amount", balance.remaining.formatted))
        return parts.joined(separator: " · ")
    }

    /// The history row's status once money went back: "−GBP 1.00 refunded", "−GBP 3.50 pending".
    static func historyStatus(_ session: CheckoutSession, in state: AppState) -> String? {
        guard let balance = state.refunds.balance(of: session) else { return nil }
        let back = balance.refunded.minorUnits + balance.pending.minorUnits + balance.unconfirmed.minorUnits
        guard back > 0 else { return nil }
        let phrase = balance.pending.minorUnits + balance.unconfirmed.minorUnits > 0 ? ScreenPhrase.historyPending : .historyRefunded
        return phrase.text(state.settings.language, "amount", "−" + Money(minorUnits: back, currency: balance.total.currency).formatted)
    }

    static func model(_ state: AppState, keys: BindingTable = .standard) -> FormView.Model? {
        guard let form = state.refunds.form else { return nil }
        let session = form.session
        let language = state.settings.language
        var model = FormView.model(ScreenPhrase.refundTitle.text(language, "id", session.id), form.fields, busy: nil,
                                   words: Messages(state, keys: keys))
        let entries = state.refunds.journal.entries(session: session.id)
        if let balance = state.refunds.balance(of: session) {
            var note = ScreenPhrase.refundNotePaid.text(language, "amount", balance.total.formatted)
            if balance.refunded.minorUnits > 0 { note += ScreenPhrase.refundNoteRefunded.text(language, "amount", balance.refunded.formatted) }
            if balance.pending.minorUnits > 0 { note += ScreenPhrase.refundNotePending.text(language, "amount", balance.pending.formatted) }
            note += ScreenPhrase.refundNoteLeft.text(language, "amount", balance.remaining.formatted)
            model.note = note
        }
        let left = RefundLines.refundableUnits(session.lineItems, entries: entries)
        model.list = session.lineItems.enumerated().map { index, line in
            let units = left[RefundLines.key(of: line)] ?? 0
            return ScreenPhrase.refundLine.text(language, "number", String(index + 1), "quantity", String(line.quantity),
                                                "description", line.description, "total", line.total.formatted,
                                                "units", String(units))
        }
        return model
    }
}
