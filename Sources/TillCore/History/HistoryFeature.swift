import Foundation

/// The history pane's feature: every session, paged in the background, filtered as you type.
public enum HistoryFeature {
    /// Sessions asked of WooshPay per page.
    public static let pageSize = 100

    /// What the history pane needs of the app.
    public enum Delegate: Hashable, Sendable {
        /// Enter on a row: show this session on the session pane.
        case openRequested(CheckoutSession)
    }

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Hashable, Sendable {
        /// Rows the list shows.
        public var rows: Int
    }

    public static func reduce(into state: inout HistoryState, action: HistoryAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .shown:
            return Reduced(state.hasRequested ? [] : startLoad(&state))

        case .refreshRequested:
            return Reduced(startLoad(&state))

        case .selectionMoved(let movement):
            ListScroll.apply(movement, selection: &state.selection, top: &state.scrollTop,
                             count: state.visible.count, rows: context.rows)
            return .none

        case .filterStarted:
            state.isFilterEditing = true
            return .none

        case .filterEdited(let edit):
            guard state.filter.applyChangingText(edit) else { return .none }
            refilter(&state, keeping: nil)
            state.selection = 0
            return .none

        case .filterCleared:
            let keep = state.selectedSession?.id
            state.filter = TextFieldValue()
            state.isFilterEditing = false
            refilter(&state, keeping: keep)
            return .none

        case .filterFinished:
            state.isFilterEditing = false
            return .none

        case .openOnlyToggled:
            state.openOnly.toggle()
            refilter(&state, keeping: state.selectedSession?.id)
            return .info(state.openOnly ? .showingOpenSessionsOnly : .showingEverySession)

        case .openRequested:
            guard let session = state.selectedSession else { return .error(.noSessionSelected) }
            return .delegate(.openRequested(session))

        case .sessionRecorded(let session):
            record(session, in: &state)
            return .none
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout HistoryState, action: HistoryAnswer,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .pageLoaded(let after, let result):
            guard state.pages.awaits(after) else { return .none }
            switch result {
            case .success(let page):
                merge(page.items, into: &state)
                if let next = page.nextCursor {
                    state.pages.awaitPage(after: next)
                    return Reduced([.loadSessionsPage(startingAfter: next)])
                }
                _ = state.pages.finish()
                return .none
            case .failure(let failure):
                state.pages.fail(failure)
                return .error(.loadFailed(.sessions, failure, retry: .historyReload))
            }
        }
    }

    /// Starts loading from the newest session, replacing a load in flight. What is shown stays,
    /// and each page is merged in as it arrives.
    private static func startLoad(_ state: inout HistoryState) -> [Effect] {
        let wasLoading = state.pages.start(.append)
        state.hasRequested = true
        let load = Effect.loadSessionsPage(startingAfter: nil)
        return wasLoading ? [.cancel(.historyLoad), load] : [load]
    }

    /// Whether a session passes the filter (id, item names, amount, the till that made it; case
    /// and accents ignored) and the open-only switch.
    public static func matches(_ session: CheckoutSession, filter: String, openOnly: Bool) -> Bool {
        if openOnly && session.status != .open { return false }
        let needle = filter.trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return true }
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        var haystacks = [session.id] + session.lineItems.map(\.description)
        if let till = session.metadata["till"] { haystacks.append(till) }
        // Who sold it (`metadata.operator`), with operators in the shop.
        if let person = session.metadata["operator"] { haystacks.append(person) }
        if let total = session.total { haystacks += [total.formatted, total.amountText, total.plainText] }
        return haystacks.contains { $0.range(of: needle, options: options) != nil }
    }

    private static func refilter(_ state: inout HistoryState, keeping keep: String?) {
        let filter = state.filter.text, openOnly = state.openOnly
        state.visible = state.sessions.indices.filter { matches(state.sessions[$0], filter: filter, openOnly: openOnly) }
        if let keep, let row = state.visible.firstIndex(where: { state.sessions[$0].id == keep }) {
            state.selection = row
        } else {
            state.selection = min(state.selection, max(state.visible.count - 1, 0))
        }
    }

    /// Merges sessions from WooshPay with those known, newest first, one row per id. A session's
    /// status only moves on from open, so a finished local copy beats an open listed one (a poll
    /// saw it finish after the list was made); otherwise the listed copy is newer. Line items the
    /// list leaves out are kept from the local copy. The selection stays on its session.
    static func merge(_ listed: [CheckoutSession], into state: inout HistoryState) {
        let keep = state.selectedSession?.id
        var byId = Dictionary(state.sessions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for item in listed {
            var copy = item
            if let known = byId[item.id] {
                if known.isFinal && !item.isFinal { copy = known }
                if copy.lineItems.isEmpty { copy.lineItems = known.lineItems }
            }
            byId[item.id] = copy
        }
        state.sessions = byId.values.sorted { $0.created != $1.created ? $0.created > $1.created : $0.id > $1.id }
        refilter(&state, keeping: keep)
    }

    /// A session seen here (created, fetched, polled): its row is replaced, or added.
    static func record(_ session: CheckoutSession, in state: inout HistoryState) {
        var copy = session
        if let index = state.sessions.firstIndex(where: { $0.id == session.id }) {
            if copy.lineItems.isEmpty { copy.lineItems = state.sessions[index].lineItems }
            let keep = state.selectedSession?.id
            state.sessions[index] = copy
            refilter(&state, keeping: keep)
        } else {
            merge([copy], into: &state)
        }
    }
}
