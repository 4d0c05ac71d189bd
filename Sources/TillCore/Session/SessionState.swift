import Foundation

/// The session pane: recent sessions (from WooshPay and from this run) and the one being watched.
public struct SessionState: Hashable, Sendable {
    /// Sessions, newest first: the latest page from WooshPay merged with those created or opened here.
    public var history: [CheckoutSession]
    /// Selected history row.
    public var selection: Int
    /// First history row on screen (kept by the reducer's scroll rules, see `ListScroll`).
    public var scrollTop: Int
    /// The session shown in full and polled.
    public var openSessionId: String?
    /// Whether a poll is scheduled.
    public var isPolling: Bool
    /// Whether an expire request is in flight.
    public var isExpiring: Bool
    /// Whether recent sessions have been asked of WooshPay yet (the pane's first showing asks).
    public var hasRequestedHistory: Bool
    /// Whether recent sessions are loading, or failed to.
    public var historyLoad: LoadPhase

    public init() {
        history = []
        selection = 0
        scrollTop = 0
        openSessionId = nil
        isPolling = false
        isExpiring = false
        hasRequestedHistory = false
        historyLoad = .idle
    }

    /// The open session.
    public var openSession: CheckoutSession? { history.first { $0.id == openSessionId } }

    /// The selected history row's session.
    public var selectedSession: CheckoutSession? { history.indices.contains(selection) ? history[selection] : nil }
}

/// What happened in the session pane.
public enum SessionAction: Hashable, Sendable {
    case selectionMoved(Movement)
    /// Enter on a history row: fetch that session and watch it (polled while open).
    case sessionOpened
    /// `r`: reload recent sessions and fetch the open session now.
    case refreshRequested
    /// Answer to `loadSessions`: the newest sessions on WooshPay.
    case sessionsLoaded(Result<Page<CheckoutSession>, APIFailure>)
    /// Answer to `fetchSession`.
    case sessionFetched(id: String, Result<CheckoutSession, APIFailure>)
    /// Answer to `pollSession`.
    case sessionPolled(id: String, Result<CheckoutSession, APIFailure>)
    /// `x`: expire the open session (asks y/n first).
    case expireRequested
    /// Answer to `expireSession`.
    case sessionExpired(id: String, Result<CheckoutSession, APIFailure>)
    /// `y`: copy the open session's URL.
    case urlCopyRequested
    /// A session to show in full and watch (just created at checkout).
    case watchRequested(CheckoutSession)
    /// The pane came on screen.
    case shown
    /// The countdown's tick: the clock in the context moved on.
    case countdownTicked
    /// The operator said yes to expiring the session.
    case expireConfirmed(id: String)
}
