import Foundation

/// Refunds in the TUI: the journal (Till's own list of every refund it asked for), the refund
/// form while it is open, and what is in flight.
public struct RefundsState: Hashable, Sendable {
    /// Every refund asked for on this account, as saved (see `RefundJournal`).
    public internal(set) var journal: RefundJournal
    /// The refund form, while open (`R` on a paid session).
    public var form: RefundForm?
    /// Idempotency keys whose create is being sent now.
    public internal(set) var sending: Set<String>
    /// Refund ids being refreshed while pending.
    public internal(set) var watching: Set<String>

    public init(journal: RefundJournal = RefundJournal()) {
        self.journal = journal
        form = nil
        sending = []
        watching = []
    }

    /// What has gone back of a session and what is left, by the journal.
    public func balance(of session: CheckoutSession) -> RefundBalance? {
        guard let total = session.total else { return nil }
        return try? journal.balance(session: session.id, total: total)
    }
}

/// The refund form of one paid session: how much (everything left, an amount, or chosen lines),
/// and why.
public struct RefundForm: Hashable, Sendable {
    public var session: CheckoutSession
    public var fields: FormState<RefundField>

    public init(session: CheckoutSession) {
        self.session = session
        fields = FormState()
    }
}

/// Fields of the refund form.
public enum RefundField: String, FormField {
    case amount, lines, reason
}

/// A refund the operator has chosen, waiting for the y/n.
public struct RefundChoice: Hashable, Sendable {
    public var sessionId: String
    public var paymentIntentId: String
    public var amount: Money
    public var reason: Refund.Reason?
    /// Price id (or line id) → units, when chosen by lines.
    public var lines: [String: Int]?
    /// The idempotency key the refund will carry (minted by the Enter that chose it).
    public var idempotencyKey: String
}

/// What happened to refunds.
public enum RefundsAction: Hashable, Sendable {
    /// `R` on a paid session (history or session pane): the form, or a retry of an unanswered one.
    case refundRequested(CheckoutSession)
    /// Typing, Tab, Enter (choose, then y/n) or Esc in the refund form. Enter's id is the key.
    case form(FormAction)
    /// The operator said yes: the entry is saved, then sent.
    case refundConfirmed(RefundChoice)
}

/// What the runtime reports about refunds: answers to its requests and what start-up read.
public enum RefundsAnswer: Hashable, Sendable {
    /// Answer to `createRefund`.
    case refundAnswered(idempotencyKey: String, Result<Refund, APIFailure>)
    /// Answer to `fetchRefund` (a pending refund refreshed).
    case refundFetched(id: String, Result<Refund, APIFailure>)
    /// The saved journal, read at start-up: unanswered refunds are sent again with their keys,
    /// pending ones are watched.
    case restored(RefundJournal)
    /// The entry could not be saved in the journal, so its refund was not sent.
    case journalNotSaved(RefundJournal.Entry, reason: String)
}

/// How the journal changes, as the runtime applies it to the file (under its lock, so a `till
/// refunds` command running at the same time is not overwritten).
public enum RefundJournalChange: Hashable, Sendable {
    case begin(RefundJournal.Entry)
    case record(Refund, idempotencyKey: String, at: Date)
    case refresh(Refund, at: Date)
    case fail(idempotencyKey: String, message: String, at: Date)

    /// The change applied to a journal.
    public func apply(to journal: inout RefundJournal) throws(RefundError) {
        switch self {
        case .begin(let entry): try journal.begin(entry)
        case .record(let refund, let key, let time): journal.record(refund, key: key, at: time)
        case .refresh(let refund, let time): journal.refresh(refund, at: time)
        case .fail(let key, let message, let time): journal.fail(key: key, message: message, at: time)
        }
    }
}
