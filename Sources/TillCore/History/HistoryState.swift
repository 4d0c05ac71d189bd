import Foundation

/// The history pane: every checkout session of the account, newest first, with a filter.
public struct HistoryState: Hashable, Sendable {
    /// Every session known, newest first: the pages from WooshPay merged with those made or seen here.
    public internal(set) var sessions: [CheckoutSession]
    /// Indices into `sessions` that pass the filter and the open-only switch, in order.
    public internal(set) var visible: [Int]
    /// Row selected within `visible`.
    public var selection: Int
    /// First row of `visible` on screen.
    public var scrollTop: Int
    /// The pages from WooshPay, each merged in as it arrives.
    public internal(set) var pages: PagedLoad<CheckoutSession>
    /// Whether the list has been asked of WooshPay yet (the pane's first showing asks).
    public var hasRequested: Bool
    /// The filter text: session id, item names or amount.
    public internal(set) var filter: TextFieldValue
    /// Whether keys are going to the filter.
    public var isFilterEditing: Bool
    /// `o`: only sessions still open.
    public var openOnly: Bool

    public init() {
        sessions = []
        visible = []
        selection = 0
        scrollTop = 0
        pages = PagedLoad(.append)
        hasRequested = false
        filter = TextFieldValue()
        isFilterEditing = false
        openOnly = false
    }

    /// The selected session, if any row is shown.
    public var selectedSession: CheckoutSession? {
        visible.indices.contains(selection) ? sessions[visible[selection]] : nil
    }

    /// Whether the pages are loading, or failed to.
    public var load: LoadPhase { pages.phase }

    /// The session on a visible row.
    public func visibleSession(at row: Int) -> CheckoutSession { sessions[visible[row]] }

    /// "Loading sessions… N" while pages arrive.
    public var progress: StatusProgress? {
        load == .loading ? StatusProgress(label: .loadingSessions, count: sessions.count) : nil
    }
}

/// What happened in the history pane.
public enum HistoryAction: Hashable, Sendable {
    /// The pane came on screen: the first time, the list is asked of WooshPay.
    case shown
    /// `r`: load the list again from the newest session.
    case refreshRequested
    case selectionMoved(Movement)
    /// `/`: keys go to the filter.
    case filterStarted
    case filterEdited(TextEdit)
    /// Esc in the filter: emptied and closed.
    case filterCleared
    /// Enter in the filter: it stays, keys go back to the list.
    case filterFinished
    /// `o`: open sessions only, or all again.
    case openOnlyToggled
    /// Enter: show the selected session on the session pane.
    case openRequested
    /// A session created, fetched or polled here: its row is added or brought up to date.
    case sessionRecorded(CheckoutSession)
}

/// What the runtime reports to the history pane: its pages.
public enum HistoryAnswer: Hashable, Sendable {
    /// A page of sessions arrived for the request made with `startingAfter`.
    case pageLoaded(startingAfter: String?, Result<Page<CheckoutSession>, APIFailure>)
}

extension HistoryState {
    /// Brings the first visible row in line with the selection and the list's length at `rows`
    /// rows (see `ListScroll.top`); where nothing changed it changes nothing.
    mutating func keepWindow(rows: Int) {
        scrollTop = ListScroll.top(scrollTop, selection: selection, count: visible.count, rows: rows)
    }
}
