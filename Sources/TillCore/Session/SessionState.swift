import Foundation

/// The session pane: the one checkout session on show, watched until it is paid or expires.
public struct SessionState: Hashable, Sendable {
    /// The session shown in full (and polled while open).
    public var open: CheckoutSession?
    /// Whether a poll is scheduled.
    public var isPolling = false
    /// Whether an expire request is in flight.
    public var isExpiring = false
    /// Whether the QR code fills the screen (`f`), for the customer to scan.
    public var isQRFullScreen = false
    /// When Till saw the shown session finish (paid or expired): the time on the banner.
    public var finishedAt: Date?

    public init() {}

    /// How the sale ended, once it has: what the banner says.
    public var outcome: SessionOutcome? {
        guard let open, finishedAt != nil else { return nil }
        switch (open.status, open.paymentStatus) {
        case (.complete, .paid), (.complete, .noPaymentRequired): return .paid
        case (.expired, _): return .expired
        case (.complete, .unpaid), (.open, _): return nil
        }
    }
}

/// How a watched sale ended.
public enum SessionOutcome: Hashable, Sendable {
    case paid, expired
}

/// What happened in the session pane.
public enum SessionAction: Hashable, Sendable {
    /// `r`: fetch the shown session now.
    case refreshRequested
    /// `x`: expire the shown session (asks y/n first).
    case expireRequested
    /// The operator said yes to expiring the session.
    case expireConfirmed(id: String)
    /// `y`: copy the shown session's URL.
    case urlCopyRequested
    /// `f`: the QR code full screen, or back.
    case qrToggled
    /// Esc on the full-screen QR code.
    case qrClosed
    /// `n`: on to the next customer.
    case nextSaleRequested
    /// A session to show and watch: just created at checkout, or opened from history (`fetch`:
    /// the copy may be old, so it is fetched now too).
    case watchRequested(CheckoutSession, fetch: Bool)
    /// The countdown's tick: the clock in the context moved on.
    case countdownTicked
}

/// What the runtime reports to the session pane: answers to its requests.
public enum SessionAnswer: Hashable, Sendable {
    /// Answer to `fetchSession`.
    case sessionFetched(id: String, Result<CheckoutSession, APIFailure>)
    /// Answer to `pollSession`.
    case sessionPolled(id: String, Result<CheckoutSession, APIFailure>)
    /// Answer to `expireSession`.
    case sessionExpired(id: String, Result<CheckoutSession, APIFailure>)
}
