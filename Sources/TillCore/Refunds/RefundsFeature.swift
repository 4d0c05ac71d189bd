import Foundation

/// Money back on a paid session: the form (everything left, an amount, or chosen lines; a
/// reason), a y/n that states the amount, then the journal entry saved with its idempotency key
/// before the request goes out, so a retry after a crash or a lost answer cannot refund twice.
/// Pending refunds are refreshed until they settle.
public enum RefundsFeature {
    /// Refunds ask nothing of other features: the panes read the journal to show what went back.
    public enum Delegate: Hashable, Sendable {}

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Hashable, Sendable {
        public var now: Date
        /// Whether real money moves (the y/n says LIVE).
        public var isLive: Bool
        /// How long to wait between checks of a pending refund.
        public var pollInterval: Duration
        /// This till's name, kept on each refund it makes (for its X and Z reports).
        public var till: String
        /// Who is signed in, and the manager whose PIN approved the refund: kept on the entry and
        /// sent as `metadata.operator` / `metadata.approved_by`.
        public var operatorName: String? = nil
        public var approvedBy: String? = nil
    }

    public static func reduce(into state: inout RefundsState, action: RefundsAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .refundRequested(let session):
            return request(session, in: &state)

        case .form(let formAction):
            return reduceForm(into: &state, action: formAction, context: context)

        case .refundConfirmed(let choice):
            let entry = RefundJournal.Entry(
                idempotencyKey: choice.idempotencyKey, sessionId: choice.sessionId,
                paymentIntentId: choice.paymentIntentId, amount: choice.amount, reason: choice.reason,
                lines: choice.lines, state: .sent, created: context.now, till: context.till.isEmpty ? nil : context.till,
                operatorName: context.operatorName, approvedBy: context.approvedBy)
            do { try state.journal.begin(entry) } catch { return .error(.refundRefused(error)) }
            state.form = nil
            state.sending.insert(entry.idempotencyKey)
            // The entry is on disk before the request leaves (the runtime runs them in this order).
            return Reduced([.recordRefund(.begin(entry)), .createRefund(entry)],
                           status: .info(.refunding(entry.amount, sessionId: entry.sessionId)))
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout RefundsState, action: RefundsAnswer,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .refundAnswered(let key, .success(let refund)):
            state.sending.remove(key)
            state.journal.record(refund, key: key, at: context.now)
            var effects: [Effect] = [.recordRefund(.record(refund, idempotencyKey: key, at: context.now))]
            if !refund.status.isSettled {
                state.watching.insert(refund.id)
                effects.append(.fetchRefund(id: refund.id, after: context.pollInterval))
            }
            return Reduced(effects, status: statusMessage(refund))

        case .journalNotSaved(let entry, let reason):
            // Nothing was sent: the entry goes, and the same refund (same key) is asked again.
            state.sending.remove(entry.idempotencyKey)
            state.journal.withdraw(key: entry.idempotencyKey)
            let choice = RefundChoice(sessionId: entry.sessionId, paymentIntentId: entry.paymentIntentId, amount: entry.amount,
                                      reason: entry.reason, lines: entry.lines, idempotencyKey: entry.idempotencyKey)
            return Reduced(status: .error(.refundNotSaved(reason: reason)),
                           question: .refund(choice, live: context.isLive))

        case .refundAnswered(let key, .failure(let failure)):
            state.sending.remove(key)
            guard !failure.outcomeUnknown else {
                // Kept as sent: it may have gone through, and a retry with its key cannot repeat it.
                return .error(.refundOutcomeUnknown(failure))
            }
            state.journal.fail(key: key, message: failure.description, at: context.now)
            return Reduced([.recordRefund(.fail(idempotencyKey: key, message: failure.description, at: context.now))],
                           status: .error(.refundRefusedByAPI(failure)))

        case .refundFetched(let id, .success(let refund)):
            guard state.watching.contains(id) else { return .none }
            state.journal.refresh(refund, at: context.now)
            let effects: [Effect] = [.recordRefund(.refresh(refund, at: context.now))]
            guard refund.status.isSettled else {
                return Reduced(effects + [.fetchRefund(id: id, after: context.pollInterval)])
            }
            state.watching.remove(id)
            return Reduced(effects, status: statusMessage(refund))

        case .refundFetched(let id, .failure(let failure)):
            guard state.watching.contains(id) else { return .none }
            // Checked again later: the next check may well succeed.
            return Reduced([.fetchRefund(id: id, after: context.pollInterval)],
                           status: .error(.refundCheckFailed(id: id, failure)))

        case .restored(let journal):
            state.journal = journal
            var effects: [Effect] = []
            let unanswered = journal.entries.filter { $0.state == .sent && !state.sending.contains($0.idempotencyKey) }
            for entry in unanswered {
                state.sending.insert(entry.idempotencyKey)
                effects.append(.createRefund(entry))
            }
            for entry in journal.entries {
                guard case .recorded(let id, let status) = entry.state, !status.isSettled, !state.watching.contains(id) else { continue }
                state.watching.insert(id)
                effects.append(.fetchRefund(id: id, after: .zero))
            }
            guard !unanswered.isEmpty else { return Reduced(effects) }
            return Reduced(effects, status: .info(.resendingRefunds(count: unanswered.count)))
        }
    }

    /// `R`: the form for a paid session; an unanswered refund of it is sent again instead.
    private static func request(_ session: CheckoutSession, in state: inout RefundsState) -> Reduced<Delegate> {
        guard session.status == .complete, session.paymentStatus == .paid else {
            return .error(.onlyPaidSessionRefunds(session.status, session.paymentStatus))
        }
        guard session.paymentIntentId?.isEmpty == false else {
            return .error(.sessionHasNoPaymentIntent(sessionId: session.id))
        }
        let entries = state.journal.entries(session: session.id)
        if entries.contains(where: { state.sending.contains($0.idempotencyKey) }) {
            return .error(.refundBeingSent(sessionId: session.id))
        }
        if let unanswered = entries.first(where: { $0.state == .sent }) {
            state.sending.insert(unanswered.idempotencyKey)
            return Reduced([.createRefund(unanswered)], status: .info(.resendingRefund(unanswered.amount)))
        }
        guard let balance = state.balance(of: session) else {
            return .error(.sessionHasNoTotal(sessionId: session.id))
        }
        guard balance.remaining.minorUnits > 0 else { return .error(.refundRefused(.nothingLeft(total: balance.total))) }
        state.form = RefundForm(session: session)
        return .none
    }

    /// The form: typing, Tab, Esc; Enter checks the choice and asks y/n with the amount.
    private static func reduceForm(into state: inout RefundsState, action: FormAction,
                                   context: Context) -> Reduced<Delegate> {
        guard case (var form, let freshID)? = action.submission(of: &state.form, edit: { $0.fields.edit(action) }) else {
            return .none
        }
        do throws(FieldError<RefundField>) {
            let choice = try choose(form, journal: state.journal, key: freshID)
            return Reduced(question: .refund(choice, live: context.isLive))
        } catch {
            form.fields.refuse(error.message, at: error.field)
            state.form = form
            return .none
        }
    }

    /// Reads the form into a refund: lines (each unit at most once) or an amount (none: all that
    /// is left), never more than is left, with an optional reason.
    static func choose(_ form: RefundForm, journal: RefundJournal, key: String) throws(FieldError<RefundField>) -> RefundChoice {
        let session = form.session
        guard let total = session.total, let intent = session.paymentIntentId else {
            throw FieldError(.sessionNotRefundable, nil)
        }
        let entries = journal.entries(session: session.id)
        let balance: RefundBalance
        do { balance = try journal.balance(session: session.id, total: total) } catch { throw FieldError(.refundRefused(error), nil) }

        var lines: [String: Int]? = nil
        var amount: Money? = nil
        let linesText = form.fields.trimmed(.lines)
        if !linesText.isEmpty {
            let selection = try parseLines(linesText, session: session, entries: entries)
            do {
                amount = try RefundLines.amount(for: selection, of: session.lineItems, currency: total.currency, entries: entries)
            } catch { throw FieldError(.refundRefused(error), .lines) }
            lines = selection
        }
        let amountText = form.fields.trimmed(.amount)
        if !amountText.isEmpty {
            let typed: Money
            do { typed = try Money(parsing: amountText, currency: total.currency) } catch { throw FieldError(.amountRefused(error), .amount) }
            if let fromLines = amount, fromLines != typed {
                throw FieldError(.linesComeTo(fromLines), .amount)
            }
            amount = typed
        }
        let refund = amount ?? balance.remaining
        do { try balance.check(refund) } catch { throw FieldError(.refundRefused(error), amountText.isEmpty && lines != nil ? .lines : .amount) }
        let reason = try parseReason(form.fields.trimmed(.reason))
        return RefundChoice(sessionId: session.id, paymentIntentId: intent, amount: refund, reason: reason,
                            lines: lines, idempotencyKey: key)
    }

    /// "1", "2x3", "1 2×2, 3": line numbers as the form lists them (from 1), each with the units to
    /// refund (all that are left when no count is given). Returns line key → units.
    static func parseLines(_ text: String, session: CheckoutSession,
                           entries: [RefundJournal.Entry]) throws(FieldError<RefundField>) -> [String: Int] {
        let left = RefundLines.refundableUnits(session.lineItems, entries: entries)
        var selection: [String: Int] = [:]
        let tokens = text.split { $0 == "," || $0 == " " || $0 == ";" }
        for token in tokens {
            let parts = token.split(separator: /[x×X*]/, maxSplits: 1, omittingEmptySubsequences: false)
            guard let number = Int(parts[0]), parts.count <= 2 else {
                throw FieldError(.refundLinesUnreadable, .lines)
            }
            guard session.lineItems.indices.contains(number - 1) else {
                throw FieldError(.noSuchSessionLine(number: number, lines: session.lineItems.count), .lines)
            }
            let key = RefundLines.key(of: session.lineItems[number - 1])
            let units: Int
            if parts.count == 2 {
                guard let count = Int(parts[1]), count > 0 else {
                    throw FieldError(.refundUnitsNotWhole(line: number), .lines)
                }
                units = count
            } else {
                units = left[key] ?? 0
                guard units > 0 else { throw FieldError(.lineFullyRefunded(line: number), .lines) }
            }
            selection[key, default: 0] += units
        }
        guard !selection.isEmpty else { throw FieldError(.refundRefused(.noLines), .lines) }
        return selection
    }

    /// Empty, or the start of a reason's word in English or Spanish: duplicate/duplicado,
    /// fraudulent/fraudulento, requested_by_customer/customer/solicitado_por_el_cliente/cliente
    /// (the refund form is typed in either language, whatever the hint's language).
    static func parseReason(_ text: String) throws(FieldError<RefundField>) -> Refund.Reason? {
        let typed = text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
            .replacingOccurrences(of: " ", with: "_")
        guard !typed.isEmpty else { return nil }
        let matches = Set(reasonWords.filter { $0.word.hasPrefix(typed) }.map(\.reason))
        guard matches.count == 1, let reason = matches.first else {
            throw FieldError(.refundReasonUnknown, .reason)
        }
        return reason
    }

    /// The words a reason may be typed as (input, in both languages; not shown).
    static let reasonWords: [(word: String, reason: Refund.Reason)] = [
        ("duplicate", .duplicate), ("duplicado", .duplicate),
        ("fraudulent", .fraudulent), ("fraudulento", .fraudulent),
        ("requested_by_customer", .requestedByCustomer), ("customer", .requestedByCustomer),
        ("solicitado_por_el_cliente", .requestedByCustomer), ("cliente", .requestedByCustomer),
        ("a_peticion_del_cliente", .requestedByCustomer),
    ]

    private static func statusMessage(_ refund: Refund) -> StatusMessage {
        switch refund.status {
        case .succeeded: .info(.refunded(refund.amount, id: refund.id))
        case .pending, .requiresAction: .info(.refundPending(refund.amount, id: refund.id))
        case .failed: .error(.refundFailed(refund.amount, id: refund.id, reason: refund.failureReason))
        case .canceled: .error(.refundCanceled(refund.amount, id: refund.id))
        }
    }
}
