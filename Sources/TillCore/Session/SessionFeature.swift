import Foundation

/// The session pane's feature: the session being watched and recent sessions.
public enum SessionFeature {
    /// How many recent sessions are asked of WooshPay (one page, newest first).
    public static let historyPageSize = 20

    /// What the session pane needs of the app.
    public enum Delegate: Hashable, Sendable {
        /// A session is to be watched: the pane comes on screen.
        case showRequested
    }

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Hashable, Sendable {
        /// Rows the history list shows.
        public var rows: Int
        /// The latest time the runtime reported.
        public var now: Date
        /// How long to wait between polls of an open session.
        public var pollInterval: Duration
    }

    public static func reduce(into state: inout SessionState, action: SessionAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .selectionMoved(let movement):
            ListScroll.apply(movement, selection: &state.selection, top: &state.scrollTop, count: state.history.count, rows: context.rows)
            return .none

        case .sessionOpened:
            guard let session = state.selectedSession else { return .error("No session selected.") }
            // The listed copy may be old: fetch it now, and poll it while it is open.
            return watch(session, in: &state, context: context, fetch: true)

        case .watchRequested(let session):
            return watch(session, in: &state, context: context)

        case .shown:
            return Reduced(state.hasRequestedHistory ? [] : loadHistory(&state))

        case .refreshRequested:
            var effects = loadHistory(&state)
            if let session = state.openSession { effects.append(.fetchSession(id: session.id)) }
            return Reduced(effects)

        case .sessionsLoaded(let result):
            guard state.historyLoad == .loading else { return .none }
            switch result {
            case .success(let page):
                state.historyLoad = .idle
                merge(page.items, into: &state)
                // The list may show the watched session finished before the next poll does.
                if state.isPolling, let open = state.openSession, open.isFinal {
                    return stopPolling(&state, because: open)
                }
                return .none
            case .failure(let failure):
                state.historyLoad = .failed(failure)
                return .error("Could not load recent sessions: \(failure.description) Press r to retry.")
            }

        case .sessionFetched(let id, .success(let session)), .sessionPolled(let id, .success(let session)):
            if case .sessionPolled = action, !(id == state.openSessionId && state.isPolling) {
                return .none
            }
            record(session, in: &state)
            if id == state.openSessionId && state.isPolling {
                if session.isFinal { return stopPolling(&state, because: session) }
                if case .sessionPolled = action {
                    return Reduced([.pollSession(id: id, after: context.pollInterval)])
                }
            }
            return .none

        case .sessionFetched(_, .failure(let failure)):
            return .error("Could not fetch the session: \(failure.description)")

        case .sessionPolled(let id, .failure(let failure)):
            guard id == state.openSessionId && state.isPolling else { return .none }
            // A failed poll is reported and polling goes on: the next one may well succeed.
            return Reduced([.pollSession(id: id, after: context.pollInterval)],
                           status: .error("Could not check the session: \(failure.description)"))

        case .expireRequested:
            guard let session = state.openSession else { return noneOpen }
            guard session.status == .open else {
                return .error("Only an open session can be expired; this one is \(session.status.rawValue).")
            }
            guard !state.isExpiring else { return .none }
            return Reduced(question: .expireSession(id: session.id))

        case .expireConfirmed(let id):
            state.isExpiring = true
            return Reduced([.expireSession(id: id)])

        case .sessionExpired(let id, .success(let session)):
            state.isExpiring = false
            record(session, in: &state)
            if id == state.openSessionId && state.isPolling && session.isFinal {
                return stopPolling(&state, because: session)
            }
            return .none

        case .sessionExpired(_, .failure(let failure)):
            state.isExpiring = false
            return .error("Could not expire the session: \(failure.description)")

        case .urlCopyRequested:
            guard let session = state.openSession else { return noneOpen }
            guard let url = session.url, !url.isEmpty else { return .error("This session has no URL.") }
            return Reduced([.copyToClipboard(url)], status: .info("Copied the session URL."))

        case .countdownTicked:
            let now = context.now
            guard state.isPolling, let session = state.openSession,
                  session.status == .open, now < session.expiresAt else { return .none }
            return Reduced([.scheduleTick(id: .sessionCountdown, at: nextTick(now: now, expiresAt: session.expiresAt))])
        }
    }

    /// Shows a session in full; an open one is polled and its expiry counted down.
    /// `fetch`: ask WooshPay for it now too (a copy from the list may be out of date).
    private static func watch(_ session: CheckoutSession, in state: inout SessionState, context: Context,
                              fetch: Bool = false) -> Reduced<Delegate> {
        var effects: [Effect] = []
        if state.isPolling {
            effects += [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown))]
        }
        record(session, in: &state)
        state.openSessionId = session.id
        state.selection = state.history.firstIndex { $0.id == session.id } ?? 0
        state.isExpiring = false
        state.isPolling = !session.isFinal
        if fetch { effects.append(.fetchSession(id: session.id)) }
        if !session.isFinal {
            effects += [.pollSession(id: session.id, after: context.pollInterval),
                        .scheduleTick(id: .sessionCountdown, at: nextTick(now: context.now, expiresAt: session.expiresAt))]
        }
        return Reduced(effects, delegates: [.showRequested])
    }

    /// Asks for the newest page of sessions, replacing a load still in flight.
    private static func loadHistory(_ state: inout SessionState) -> [Effect] {
        let wasLoading = state.historyLoad == .loading
        state.hasRequestedHistory = true
        state.historyLoad = .loading
        let load = Effect.loadSessions(limit: historyPageSize)
        return wasLoading ? [.cancel(.sessionsLoad), load] : [load]
    }

    /// Merges a page from WooshPay with the sessions already known, newest first, one row per id.
    /// A session's status only moves on from open, so a finished local copy beats an open listed
    /// one (a poll saw it finish after the list was made); otherwise the listed copy is newer.
    /// Line items the list leaves out are kept from the local copy. The selection stays on its session.
    static func merge(_ listed: [CheckoutSession], into sessions: inout SessionState) {
        let selectedId = sessions.selectedSession?.id
        var local = Dictionary(sessions.history.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var merged: [CheckoutSession] = []
        var seen = Set<String>()
        for item in listed where seen.insert(item.id).inserted {
            var copy = item
            if let known = local.removeValue(forKey: item.id) {
                if known.isFinal && !item.isFinal { copy = known }
                if copy.lineItems.isEmpty { copy.lineItems = known.lineItems }
            }
            merged.append(copy)
        }
        // Sessions known here but not in the page (opened from older history, or made after the list).
        let kept = sessions.history.filter { local[$0.id] != nil && seen.insert($0.id).inserted }
        let all = kept + merged
        sessions.history = all.indices.sorted { a, b in
            all[a].created != all[b].created ? all[a].created > all[b].created : a < b
        }.map { all[$0] }
        sessions.selection = selectedId.flatMap { id in sessions.history.firstIndex { $0.id == id } } ?? 0
    }

    /// When the countdown's whole-second figure next changes: ticks fall on `expiresAt - n` seconds.
    public static func nextTick(now: Date, expiresAt: Date) -> Date {
        let remaining = expiresAt.timeIntervalSince(now)
        guard remaining > 0 else { return now }
        return expiresAt.addingTimeInterval(-(remaining.rounded(.up) - 1))
    }

    /// Whole seconds left before the session expires (0 once past), as the countdown shows them.
    public static func secondsLeft(now: Date, expiresAt: Date) -> Int {
        max(0, Int(expiresAt.timeIntervalSince(now).rounded(.up)))
    }

    private static func stopPolling(_ state: inout SessionState, because session: CheckoutSession) -> Reduced<Delegate> {
        state.isPolling = false
        let message = switch (session.status, session.paymentStatus) {
        case (.complete, .paid): "Session \(session.id) is paid."
        case (.complete, _): "Session \(session.id) is complete."
        default: "Session \(session.id) has expired."
        }
        return Reduced([.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown))], status: .info(message))
    }

    /// Adds a session to the history, or replaces the older copy of it.
    static func record(_ session: CheckoutSession, in state: inout SessionState) {
        if let index = state.history.firstIndex(where: { $0.id == session.id }) {
            state.history[index] = session
        } else {
            state.history.insert(session, at: 0)
            // Keep the selection on the row it was on.
            if state.history.count > 1 { state.selection += 1 }
        }
    }

    private static var noneOpen: Reduced<Delegate> { .error("No session is open.") }
}
