import Foundation

/// The reports pane's feature: the X report of the open shift, loaded page after page in the
/// background (`GET /v1/checkout/sessions/list` filtered by `created`) and added up with the
/// refund journal once every page is in; the Z report (`z`), which saves the shift as closed so
/// the next one starts where it ended; and `x`, which expires the report's open sessions. The
/// arithmetic is `ShiftReport`'s, as `till report` does it.
public enum ReportsFeature {
    /// Sessions asked of WooshPay per page.
    public static let pageSize = 100

    /// Reports ask nothing of other features: the sessions it expires answer through the session
    /// feature, whose updates the app routes back here.
    public enum Delegate: Hashable, Sendable {}

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Hashable, Sendable {
        /// The refund journal (the refunds feature's), for the report's refunds.
        public var journal: RefundJournal
        /// This till's name: its report counts its own sales and refunds (empty: everything).
        public var till: String = ""
    }

    public static func reduce(into state: inout ReportsState, action: ReportsAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .shown:
            return Reduced(state.hasRequested ? [] : startLoad(&state))

        case .reloadRequested:
            return Reduced(startLoad(&state))

        case .closeRequested:
            return closeQuestion(state)

        case .closeConfirmed(let report):
            state.isClosing = true
            return Reduced([.closeShift(report)], status: .info(.savingZReport))

        case .expireAllRequested:
            guard state.pages.phase == .idle, let report = state.report else {
                return .error(.loadingReportFirst)
            }
            guard !report.openSessionIds.isEmpty else { return .info(.noOpenSessionInShift) }
            return Reduced(question: .expireSessions(ids: report.openSessionIds))

        case .expireAllConfirmed(let ids):
            return Reduced(ids.map { .expireSession(id: $0) },
                           status: .info(.expiringSessions(count: ids.count)))

        case .sessionUpdated(let session):
            guard let index = state.sessions.firstIndex(where: { $0.id == session.id }) else { return .none }
            var copy = session
            if copy.lineItems.isEmpty { copy.lineItems = state.sessions[index].lineItems }
            state.sessions[index] = copy
            return recompute(&state, context: context)

        case .journalChanged:
            return recompute(&state, context: context)
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout ReportsState, action: ReportsAnswer,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .pageLoaded(let from, let through, let after, let result):
            // Only the answer awaited lands: the open shift's start, the cursor, and (after the
            // first page) the window's end must all match. A late first page of an earlier load of
            // the same shift would still be a true report of it, to a slightly earlier end.
            guard state.pages.awaits(after), from == state.log.openShiftStart,
                  after == nil || through == state.window?.end else { return .none }
            switch result {
            case .success(let page):
                if after == nil { state.window = ShiftWindow(start: from, end: through) }
                merge(page.items, into: &state)
                if let next = page.nextCursor {
                    state.pages.awaitPage(after: next)
                    return Reduced([.loadReportPage(from: from, through: through, startingAfter: next)])
                }
                _ = state.pages.finish()
                return compute(&state, context: context)
            case .failure(let failure):
                state.pages.fail(failure)
                return .error(.loadFailed(.sessions, failure, retry: .reportsReload))
            }

        case .shiftClosed(.success(let log)):
            state.isClosing = false
            state.log = log
            return Reduced(startLoad(&state),
                           status: .info(.zReportSaved(number: log.closed.last?.number, closedAt: log.openShiftStart)))

        case .shiftClosed(.failure(let failure)):
            state.isClosing = false
            var result = Reduced<Delegate>.error(failure.refusal.map(Message.zReportRefused)
                ?? (failure.storeUnreachable ? .zReportStoreAway(reason: failure.message) : .zReportNotSaved(reason: failure.message)))
            if let current = failure.current, current != state.log {
                // Another close (`till report close`) came first: report the shift open now.
                state.log = current
                result.effects = startLoad(&state)
            }
            return result

        case .restored(let log):
            state.log = log
            // A load of the shift as it was before the log was read reports the wrong window.
            return Reduced(state.hasRequested ? startLoad(&state) : [])
        }
    }

    /// Starts loading the open shift up to now (the runtime's clock), replacing a load in flight.
    /// Nothing of the last report stays: figures are shown only once every page is in.
    private static func startLoad(_ state: inout ReportsState) -> [Effect] {
        let wasLoading = state.pages.start(.append)
        state.hasRequested = true
        state.addUpFailure = nil
        state.window = nil
        state.sessions = []
        state.report = nil
        state.shopReport = nil
        let load = Effect.loadReportPage(from: state.log.openShiftStart, through: nil, startingAfter: nil)
        return wasLoading ? [.cancel(.reportsLoad), load] : [load]
    }

    /// `z`: the y/n question, or why the shift cannot be closed now.
    private static func closeQuestion(_ state: ReportsState) -> Reduced<Delegate> {
        if state.isClosing { return .info(.zReportBeingSaved) }
        if state.load == .loading {
            return .error(.reportStillLoading)
        }
        if state.isFailed {
            return .error(.reportFailedCannotClose)
        }
        guard let report = state.report else { return .error(.noReportLoaded) }
        if let start = report.window.start, report.window.end <= start {
            return .error(.shiftEmpty)
        }
        return Reduced(question: .closeShift(report, number: (state.log.closed.last?.number ?? 0) + 1))
    }

    /// Every page is in: the figures, from the sessions and the refund journal.
    private static func compute(_ state: inout ReportsState, context: Context) -> Reduced<Delegate> {
        guard let window = state.window else { return .none }
        do {
            if context.till.isEmpty {
                state.report = try ShiftReport(window: window, sessions: state.sessions, journal: context.journal)
                state.shopReport = nil
            } else {
                state.report = try ShiftReport(window: window, till: context.till, sessions: state.sessions,
                                               journal: context.journal)
                state.shopReport = try ShiftReport(window: window, sessions: state.sessions, journal: context.journal)
            }
            state.addUpFailure = nil
            return .none
        } catch {
            state.report = nil
            state.shopReport = nil
            state.addUpFailure = error
            return .error(.reportCannotAddUp(error))
        }
    }

    /// A session or the journal changed: a report already in is added up again.
    private static func recompute(_ state: inout ReportsState, context: Context) -> Reduced<Delegate> {
        guard state.pages.phase == .idle, state.report != nil else { return .none }
        return compute(&state, context: context)
    }

    /// Adds a page, newest first, one row per id. A session's status only moves on from open, so
    /// a finished copy already here (expired meanwhile) beats an open listed one.
    static func merge(_ listed: [CheckoutSession], into state: inout ReportsState) {
        for item in listed {
            guard let index = state.sessions.firstIndex(where: { $0.id == item.id }) else {
                state.sessions.append(item)
                continue
            }
            let known = state.sessions[index]
            if !(known.isFinal && !item.isFinal) { state.sessions[index] = item }
        }
    }
}
