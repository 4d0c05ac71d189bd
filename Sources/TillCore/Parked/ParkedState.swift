import Foundation

/// Parked carts (open tickets): the list, the label prompt and the list overlay.
public struct ParkedState: Hashable, Sendable {
    /// The shop's tickets (every till's), oldest first.
    public internal(set) var tickets: [ParkedTicket]
    /// The ticket this till is claiming (resume or discard) while the store answers.
    public internal(set) var claiming: String?
    /// The label prompt (`p`), while open: Enter parks, Esc cancels.
    public var labelForm: FormState<ParkLabelField>?
    /// Whether the list overlay (`P`) is shown.
    public var isListShown: Bool
    /// Selected ticket on the list.
    public var selection: Int

    /// The most tickets one till can have parked at once (the shop's list holds every till's).
    public static let capacity = 9
    /// The longest label, in characters.
    public static let maximumLabelLength = 24

    public init(tickets: [ParkedTicket] = []) {
        self.tickets = tickets
        claiming = nil
        labelForm = nil
        isListShown = false
        selection = 0
    }

    /// The word a ticket parked with an empty label is named by, in the till's language: the view's
    /// word, given when the till starts (TillCore builds no words). Stored with the ticket as typed
    /// labels are, so every till shows it as the till that parked it wrote it.
    public var labelWord = ""

    /// The label a ticket gets when the prompt is left empty: `labelWord` and N, N the lowest not in use.
    public var defaultLabel: String { defaultLabel(word: labelWord) }

    /// `word` and the lowest N not in use ("Ticket 3"); the view says it before Enter is pressed.
    public func defaultLabel(word: String) -> String {
        let used = Set(tickets.map(\.label))
        let label = { (n: Int) in word.isEmpty ? String(n) : "\(word) \(n)" }
        var n = 1
        while used.contains(label(n)) { n += 1 }
        return label(n)
    }

    /// The tickets `till` parked (an unnamed till: those that name no till).
    public func count(parkedBy till: String) -> Int {
        tickets.reduce(0) { $0 + (($1.till ?? "") == till ? 1 : 0) }
    }

    /// The selected ticket, if the list has any.
    public var selectedTicket: ParkedTicket? {
        tickets.indices.contains(selection) ? tickets[selection] : nil
    }
}

/// What happened to the parked tickets.
public enum ParkedAction: Hashable, Sendable {
    /// `p` / Ctrl-P: ask for a label, then park the current sale.
    case parkRequested
    /// Typing, Enter (park) or Esc (cancel) in the label prompt. Enter's `freshID` names the ticket.
    case labelForm(FormAction)
    /// `P`: the list shown or hidden.
    case listToggled
    /// Esc on the list.
    case listClosed
    case selectionMoved(Movement)
    /// Enter on the list: the selected ticket becomes the current sale.
    case resumeRequested
    /// `x` on the list: discard the selected ticket (asks y/n first).
    case discardRequested
    /// The operator said yes to discarding.
    case discardConfirmed(id: String)
}

/// What the runtime reports about parked tickets: the store's answers and listings.
public enum ParkedAnswer: Hashable, Sendable {
    /// The saved tickets, put back at start-up.
    case restored([ParkedTicket])
    /// The shop's tickets as the store lists them now (another till parked or took one).
    case shopListed([ParkedTicket])
    /// The store's answer to `.claimParked`.
    case claimAnswered(id: String, purpose: ParkedClaimPurpose, Result<ParkedClaim, StoreFailure>)
    /// The store could not keep a ticket just parked: its sale comes back.
    case parkFailed(ParkedTicket, StoreFailure)
}
