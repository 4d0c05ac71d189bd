import Foundation

/// The session pane's reducer.
public enum SessionsFeature {
    /// How many recent sessions are asked of WooshPay (one page, newest first).
    public static let historyPageSize = 20

    public static func reduce(into state: inout AppState, action: SessionsAction) -> [Effect] {
        switch action {
        case .selectionMoved(let movement):
            let moved = ListScroll.move(movement, selection: state.sessions.selection, top: state.sessions.scrollTop,
                                        count: state.sessions.history.count,
                                        rows: ScreenLayout.historyRows(state, screen: state.screen))
            state.sessions.selection = moved.selection
            state.sessions.scrollTop = moved.top
            return []

        case .sessionOpened:
            guard let session = state.sessions.selectedSession else {
                state.status.message = .error("No session selected.")
                return []
            }
            // The listed copy may be old: fetch it now, and poll it while it is open.
            return watch(session, in: &state, fetch: true)

        case .refreshRequested:
            var effects = loadHistory(&state)
            if let session = state.sessions.openSession { effects.append(.fetchSession(id: session.id)) }
            return effects

        case .sessionsLoaded(let result):
            guard state.sessions.historyLoad == .loading else { return [] }
            switch result {
            case .success(let page):
                state.sessions.historyLoad = .idle
                merge(page.items, into: &state.sessions)
                // The list may show the watched session finished before the next poll does.
                if state.sessions.isPolling, let open = state.sessions.openSession, open.isFinal {
                    return stopPolling(&state, because: open)
                }
            case .failure(let failure):
                state.sessions.historyLoad = .failed(failure)
                state.status.message = .error("Could not load recent sessions: \(failure.description) Press r to retry.")
            }
            return []

        case .sessionFetched(let id, .success(let session)), .sessionPolled(let id, .success(let session)):
            if case .sessionPolled = action, !(id == state.sessions.openSessionId && state.sessions.isPolling) {
                return []
            }
            record(session, in: &state)
            if id == state.sessions.openSessionId && state.sessions.isPolling {
                if session.isFinal { return stopPolling(&state, because: session) }
                if case .sessionPolled = action {
                    return [.pollSession(id: id, after: state.settings.pollInterval)]
                }
            }
            return []

        case .sessionFetched(_, .failure(let failure)):
            state.status.message = .error("Could not fetch the session: \(failure.description)")
            return []

        case .sessionPolled(let id, .failure(let failure)):
            guard id == state.sessions.openSessionId && state.sessions.isPolling else { return [] }
            // A failed poll is reported and polling goes on: the next one may well succeed.
            state.status.message = .error("Could not check the session: \(failure.description)")
            return [.pollSession(id: id, after: state.settings.pollInterval)]

        case .expireRequested:
            guard let session = openSession(&state) else { return [] }
            guard session.status == .open else {
                state.status.message = .error("Only an open session can be expired; this one is \(session.status.rawValue).")
                return []
            }
            guard !state.sessions.isExpiring else { return [] }
            state.confirmation = .expireSession(id: session.id)
            return []

        case .sessionExpired(let id, .success(let session)):
            state.sessions.isExpiring = false
            record(session, in: &state)
            if id == state.sessions.openSessionId && state.sessions.isPolling && session.isFinal {
                return stopPolling(&state, because: session)
            }
            return []

        case .sessionExpired(_, .failure(let failure)):
            state.sessions.isExpiring = false
            state.status.message = .error("Could not expire the session: \(failure.description)")
            return []

        case .urlCopyRequested:
            guard let session = openSession(&state) else { return [] }
            guard let url = session.url, !url.isEmpty else {
                state.status.message = .error("This session has no URL.")
                return []
            }
            state.status.message = .info("Copied the session URL.")
            return [.copyToClipboard(url)]
        }
    }

    /// Shows a session in full; an open one is polled and its expiry counted down.
    /// `fetch`: ask WooshPay for it now too (a copy from the list may be out of date).
    static func watch(_ session: CheckoutSession, in state: inout AppState, fetch: Bool = false) -> [Effect] {
        var effects: [Effect] = []
        if state.sessions.isPolling {
            effects += [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown))]
        }
        record(session, in: &state)
        state.sessions.openSessionId = session.id
        state.sessions.selection = state.sessions.history.firstIndex { $0.id == session.id } ?? 0
        state.sessions.isExpiring = false
        state.sessions.isPolling = !session.isFinal
        state.focus = .session
        if fetch { effects.append(.fetchSession(id: session.id)) }
        if !session.isFinal {
            effects += [.pollSession(id: session.id, after: state.settings.pollInterval),
                        .scheduleTick(id: .sessionCountdown, at: nextTick(now: state.now, expiresAt: session.expiresAt))]
        }
        return effects + shown(&state)
    }

    /// The pane is on screen: the first time, recent sessions are asked of WooshPay.
    static func shown(_ state: inout AppState) -> [Effect] {
        state.sessions.hasRequestedHistory ? [] : loadHistory(&state)
    }

    /// Asks for the newest page of sessions, replacing a load still in flight.
    private static func loadHistory(_ state: inout AppState) -> [Effect] {
        let wasLoading = state.sessions.historyLoad == .loading
        state.sessions.hasRequestedHistory = true
        state.sessions.historyLoad = .loading
        let load = Effect.loadSessions(limit: historyPageSize)
        return wasLoading ? [.cancel(.sessionsLoad), load] : [load]
    }

    /// Merges a page from WooshPay with the sessions already known, newest first, one row per id.
    /// A session's status only moves on from open, so a finished local copy beats an open listed
    /// one (a poll saw it finish after the list was made); otherwise the listed copy is newer.
    /// Line items the list leaves out are kept from the local copy. The selection stays on its session.
    static func merge(_ listed: [CheckoutSession], into sessions: inout SessionsState) {
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

    /// A countdown tick: the clock moves and the next tick is set while the session is open and unexpired.
    static func tick(now: Date, in state: inout AppState) -> [Effect] {
        state.now = now
        guard state.sessions.isPolling, let session = state.sessions.openSession,
              session.status == .open, now < session.expiresAt else { return [] }
        return [.scheduleTick(id: .sessionCountdown, at: nextTick(now: now, expiresAt: session.expiresAt))]
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

    private static func stopPolling(_ state: inout AppState, because session: CheckoutSession) -> [Effect] {
        state.sessions.isPolling = false
        switch (session.status, session.paymentStatus) {
        case (.complete, .paid): state.status.message = .info("Session \(session.id) is paid.")
        case (.complete, _): state.status.message = .info("Session \(session.id) is complete.")
        default: state.status.message = .info("Session \(session.id) has expired.")
        }
        return [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown))]
    }

    /// Adds a session to the history, or replaces the older copy of it.
    static func record(_ session: CheckoutSession, in state: inout AppState) {
        if let index = state.sessions.history.firstIndex(where: { $0.id == session.id }) {
            state.sessions.history[index] = session
        } else {
            state.sessions.history.insert(session, at: 0)
            // Keep the selection on the row it was on.
            if state.sessions.history.count > 1 { state.sessions.selection += 1 }
        }
    }

    private static func openSession(_ state: inout AppState) -> CheckoutSession? {
        guard let session = state.sessions.openSession else {
            state.status.message = .error("No session is open.")
            return nil
        }
        return session
    }
}
