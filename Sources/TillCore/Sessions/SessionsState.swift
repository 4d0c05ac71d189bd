import Foundation

/// The session pane: sessions created in this run and the one being watched.
public struct SessionsState: Hashable, Sendable {
    /// Sessions, newest first.
    public var history: [CheckoutSession]
    /// Selected history row.
    public var selection: Int
    /// The session shown in full and polled.
    public var openSessionId: String?
    /// Whether a poll is scheduled.
    public var isPolling: Bool
    /// Whether an expire request is in flight.
    public var isExpiring: Bool

    public init() {
        history = []
        selection = 0
        openSessionId = nil
        isPolling = false
        isExpiring = false
    }

    /// The open session.
    public var openSession: CheckoutSession? { history.first { $0.id == openSessionId } }
}

/// What happened in the session pane.
public enum SessionsAction: Hashable, Sendable {
    case selectionMoved(Movement)
    /// Enter on a history row: watch that session.
    case sessionOpened
    /// `r`: fetch the open session now.
    case refreshRequested
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
}
