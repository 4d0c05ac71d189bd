import TillCore

/// The history pane: every checkout session, newest first, with its filter and open-only switch.
enum HistoryPane {
    static func draw(_ state: AppState, keys: BindingTable = .standard, in body: Rect, into frame: inout Frame) {
        let history = state.history
        let language = state.settings.language
        drawTitle(state, in: body.row(0), into: &frame)

        // Sales made by named tills carry `metadata[till]`: then a column says which.
        // With operators, the column says who sold it (`metadata[operator]`), else the till.
        let byOperator = history.sessions.contains { $0.metadata["operator"] != nil }
        let columns = Columns(body, tills: byOperator || history.sessions.contains { $0.metadata["till"] != nil })
        let heading = body.y + 1
        frame.text(ScreenPhrase.colCreated.text(language), x: columns.created, y: heading, width: Columns.createdWidth, style: .bold)
        frame.text(ScreenPhrase.colTotal.text(language), x: columns.total, y: heading, width: Columns.totalWidth, style: .bold, align: .right)
        frame.text(ScreenPhrase.colStatus.text(language), x: columns.status, y: heading, width: Columns.statusWidth, style: .bold)
        frame.text(ScreenPhrase.colItems.text(language), x: columns.items, y: heading, width: Columns.itemsWidth, style: .bold, align: .right)
        frame.text(ScreenPhrase.colFirstItem.text(language), x: columns.first, y: heading, width: columns.firstWidth, style: .bold)
        if let id = columns.id { frame.text(ScreenPhrase.colID.text(language), x: id, y: heading, width: Columns.idWidth, style: .bold) }
        if let till = columns.till {
            frame.text((byOperator ? ScreenPhrase.colSoldBy : .colTill).text(language), x: till, y: heading, width: Columns.tillWidth, style: .bold)
        }

        let rows = ListView(count: history.visible.count, selection: history.selection, scrollTop: history.scrollTop)
        rows.drawInPane(body, into: &frame, empty: (emptyMessage(state, keys: keys), emptyStyle(state)),
                        baseStyle: { history.visibleSession(at: $0).status == .expired ? .muted : [] }) { frame, index, y, style in
            let session = history.visibleSession(at: index)
            frame.text(formatUTC(session.created), x: columns.created, y: y, width: Columns.createdWidth, style: style)
            frame.text(session.total?.formatted ?? "—", x: columns.total, y: y, width: Columns.totalWidth, style: style,
                       align: .right)
            let status = RefundOverlay.historyStatus(session, in: state)
                ?? SessionPane.statusText(session.status, language) + " · " + SessionPane.paymentText(session.paymentStatus, language)
            frame.text(status, x: columns.status,
                       y: y, width: Columns.statusWidth, style: style)
            let count = session.lineItems.reduce(0) { $0 + $1.quantity }
            frame.text(session.lineItems.isEmpty ? "—" : groupedDigits(count), x: columns.items, y: y,
                       width: Columns.itemsWidth, style: style, align: .right)
            frame.text(session.lineItems.first?.description ?? "—", x: columns.first, y: y, width: columns.firstWidth,
                       style: style)
            if let id = columns.id { frame.text(session.id, x: id, y: y, width: Columns.idWidth, style: style) }
            if let till = columns.till {
                let who = byOperator ? session.metadata["operator"] ?? session.metadata["till"] : session.metadata["till"]
                frame.text(who ?? "—", x: till, y: y, width: Columns.tillWidth, style: style)
            }
        }
    }

    /// marker(2) created  total  status  items  first item  [id on wide screens]  [till]  margin(1).
    private struct Columns {
        static let createdWidth = 16, totalWidth = 14, statusWidth = 20, itemsWidth = 5, idWidth = 30, tillWidth = 8
        /// The till column is shown only where the first item keeps at least this much (not at 80 columns).
        static let firstItemKept = 12
        let created: Int, total: Int, status: Int, items: Int, first: Int, firstWidth: Int, id: Int?, till: Int?

        init(_ rect: Rect, tills: Bool) {
            let wide = rect.width >= 120
            created = rect.x + 2
            total = created + Self.createdWidth + 2
            status = total + Self.totalWidth + 2
            items = status + Self.statusWidth + 2
            first = items + Self.itemsWidth + 2
            let room = rect.maxX - first - 1 - (wide ? Self.idWidth + 2 : 0)
            let showsTill = tills && room - (Self.tillWidth + 2) >= Self.firstItemKept
            firstWidth = max(4, room - (showsTill ? Self.tillWidth + 2 : 0))
            id = wide ? first + firstWidth + 2 : nil
            till = showsTill ? (id.map { $0 + Self.idWidth + 2 } ?? first + firstWidth + 2) : nil
        }
    }

    /// "History" (or the filter field) and the counts.
    private static func drawTitle(_ state: AppState, in row: Rect, into frame: inout Frame) {
        let history = state.history
        let language = state.settings.language
        var counts = history.visible.count == history.sessions.count
            ? ScreenPhrase.sessions(history.sessions.count, language)
            : ScreenPhrase.filteredCount.text(language, "shown", groupedDigits(history.visible.count),
                                              "total", groupedDigits(history.sessions.count))
        if history.openOnly { counts += ScreenPhrase.openOnlySuffix.text(language) }
        let failed = if case .failed = history.load { true } else { false }
        let countsWidth = frame.titleCounts(counts, loading: history.load == .loading, failed: failed, language: language, in: row)
        if history.isFilterEditing || !history.filter.isEmpty {
            let x = frame.put(ScreenPhrase.filterLabel.text(language), x: row.x, y: row.y, style: .bold)
            let field = Rect(x: x, y: row.y, width: max(1, row.maxX - countsWidth - x - 2), height: 1)
            FormView.drawField(history.filter, in: field, focused: history.isFilterEditing, into: &frame)
        } else {
            frame.put(ScreenPhrase.historyTitle.text(language), x: row.x, y: row.y, style: .bold)
        }
    }

    private static func emptyMessage(_ state: AppState, keys: BindingTable) -> String {
        let history = state.history
        let language = state.settings.language
        if !history.sessions.isEmpty {
            return history.openOnly
                ? ScreenPhrase.historyNoOpenMatch.text(language, "key", keys.keyLabel(.openOnly, in: .history))
                : ScreenPhrase.historyNoMatch.text(language, "filter", history.filter.text,
                                                   "key", keys.keyLabel(.clearFilter, in: history.isFilterEditing ? .historyFilter : .history))
        }
        switch history.load {
        case .loading: return ScreenPhrase.historyLoading.text(language)
        case .failed(let failure):
            return Messages(state, keys: keys).text(.loadFailed(.sessions, failure, retry: .historyReload))
        case .idle:
            return ScreenPhrase.historyNone.text(language, "cart", keys.keyLabel(.showCart, in: .panes),
                                                 "checkout", keys.keyLabel(.checkOut, in: .cart))
        }
    }

    private static func emptyStyle(_ state: AppState) -> Style {
        if case .failed = state.history.load { return [.bold, .error] }
        return .muted
    }
}
