import Foundation

/// The session pane's feature: one checkout session shown in full, polled while open, with an
/// unmistakable outcome once it is paid or expired.
public enum SessionFeature {
    /// What the session pane needs of the app.
    public enum Delegate: Hashable, Sendable {
        /// A session is to be watched: the pane comes on screen.
        case showRequested
        /// A fresher copy of a session: history shows it too.
        case sessionUpdated(CheckoutSession)
        /// `n`: the next sale starts on the products pane.
        case nextSaleRequested
    }

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Hashable, Sendable {
        /// The latest time the runtime reported.
        public var now: Date
        /// How long to wait between polls of an open session.
        public var pollInterval: Duration
        /// Screen-reader mode: the countdown ticks once a minute, never once a second.
        public var screenReader = false

        /// When the countdown next changes: per second, or per minute for a screen reader.
        func nextTick(expiresAt: Date) -> Date {
            screenReader ? SessionFeature.nextMinuteTick(now: now, expiresAt: expiresAt)
                : SessionFeature.nextTick(now: now, expiresAt: expiresAt)
        }
    }

    public static func reduce(into state: inout SessionState, action: SessionAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .watchRequested(let session, let fetch):
            return watch(session, in: &state, context: context, fetch: fetch)

        case .refreshRequested:
            guard let session = state.open else { return noneOpen }
            return Reduced([.fetchSession(id: session.id)])

        case .expireRequested:
            guard let session = state.open else { return noneOpen }
            guard session.status == .open else {
                return .error(.onlyOpenSessionExpires(session.status))
            }
            guard !state.isExpiring else { return .none }
            return Reduced(question: .expireSession(id: session.id))

        case .expireConfirmed(let id):
            state.isExpiring = true
            return Reduced([.expireSession(id: id)])

        case .urlCopyRequested:
            guard let session = state.open else { return noneOpen }
            guard let url = session.url, !url.isEmpty else { return .error(.sessionHasNoURL) }
            return Reduced([.copyToClipboard(url)], status: .info(.sessionURLCopied))

        case .qrToggled:
            guard let session = state.open else { return noneOpen }
            guard let url = session.url, !url.isEmpty else { return .error(.sessionHasNoURLForQR) }
            state.isQRFullScreen.toggle()
            return .none

        case .qrClosed:
            state.isQRFullScreen = false
            return .none

        case .nextSaleRequested:
            var effects: [Effect] = []
            if state.isPolling { effects = [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown))] }
            // The session stays in history; this pane is free for the next one.
            state = SessionState()
            return Reduced(effects, delegates: [.nextSaleRequested])

        case .countdownTicked:
            let now = context.now
            guard state.isPolling, let session = state.open, session.status == .open, now < session.expiresAt else {
                return .none
            }
            return Reduced([.scheduleTick(id: .sessionCountdown, at: context.nextTick(expiresAt: session.expiresAt))])
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout SessionState, action: SessionAnswer,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .sessionFetched(let id, .success(let session)), .sessionPolled(let id, .success(let session)):
            if case .sessionPolled = action, !(id == state.open?.id && state.isPolling) { return .none }
            var result = Reduced<Delegate>(delegates: [.sessionUpdated(session)])
            guard id == state.open?.id else { return result }
            state.open = session
            if state.isPolling {
                if session.isFinal { return result + finished(&state, session, context: context) }
                if case .sessionPolled = action { result.effects = [.pollSession(id: id, after: context.pollInterval)] }
            }
            return result

        case .sessionFetched(_, .failure(let failure)):
            return .error(.sessionFetchFailed(failure))

        case .sessionPolled(let id, .failure(let failure)):
            guard id == state.open?.id && state.isPolling else { return .none }
            // A failed poll is reported and polling goes on: the next one may well succeed.
            return Reduced([.pollSession(id: id, after: context.pollInterval)],
                           status: .error(.sessionCheckFailed(failure)))

        case .sessionExpired(let id, .success(let session)):
            state.isExpiring = false
            let result = Reduced<Delegate>(delegates: [.sessionUpdated(session)])
            guard id == state.open?.id else { return result }
            state.open = session
            if state.isPolling && session.isFinal { return result + finished(&state, session, context: context) }
            return result

        case .sessionExpired(_, .failure(let failure)):
            state.isExpiring = false
            return .error(.sessionExpireFailed(failure))
        }
    }

    /// Shows a session in full; an open one is polled and its expiry counted down.
    private static func watch(_ session: CheckoutSession, in state: inout SessionState, context: Context,
                              fetch: Bool) -> Reduced<Delegate> {
        var effects: [Effect] = []
        if state.isPolling {
            effects += [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown))]
        }
        state = SessionState()
        state.open = session
        state.isPolling = !session.isFinal
        if fetch { effects.append(.fetchSession(id: session.id)) }
        if !session.isFinal {
            effects += [.pollSession(id: session.id, after: context.pollInterval),
                        .scheduleTick(id: .sessionCountdown, at: context.nextTick(expiresAt: session.expiresAt))]
        }
        return Reduced(effects, delegates: [.sessionUpdated(session), .showRequested])
    }

    /// The watched session finished: polling stops, the banner shows with one bell. Only what
    /// WooshPay reports counts; the customer's redirect to the success URL is never taken as proof.
    private static func finished(_ state: inout SessionState, _ session: CheckoutSession,
                                 context: Context) -> Reduced<Delegate> {
        state.isPolling = false
        state.finishedAt = context.now
        let outcome: SessionEnding = switch (session.status, session.paymentStatus) {
        case (.complete, .paid): .paid
        case (.complete, _): .complete
        default: .expired
        }
        // A screen reader hears the status line, not the banner: the outcome word, the amount and
        // the next step lead, the id (the longest part) comes last, where a narrow line cuts it.
        let message = Message.sessionFinished(id: session.id, outcome, total: session.total, spoken: context.screenReader)
        return Reduced([.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown)), .bell], status: .info(message))
    }

    /// When the countdown's whole-second figure next changes: ticks fall on `expiresAt - n` seconds.
    public static func nextTick(now: Date, expiresAt: Date) -> Date {
        let remaining = expiresAt.timeIntervalSince(now)
        guard remaining > 0 else { return now }
        return expiresAt.addingTimeInterval(-(remaining.rounded(.up) - 1))
    }

    /// When the countdown's whole-minute figure (rounded up) next changes, for screen-reader mode.
    public static func nextMinuteTick(now: Date, expiresAt: Date) -> Date {
        let remaining = expiresAt.timeIntervalSince(now)
        guard remaining > 0 else { return now }
        return expiresAt.addingTimeInterval(-((remaining / 60).rounded(.up) - 1) * 60)
    }

    /// Whole seconds left before the session expires (0 once past), as the countdown shows them.
    public static func secondsLeft(now: Date, expiresAt: Date) -> Int {
        max(0, Int(expiresAt.timeIntervalSince(now).rounded(.up)))
    }

    private static var noneOpen: Reduced<Delegate> { .error(.noSessionOpen) }
}
