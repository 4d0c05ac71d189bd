import TillCore

/// The reports pane: the open shift's X report (its window, per currency the sessions paid,
/// expired and still open, the refunds and the net), then its open sessions.
enum ReportsPane {
    static func draw(_ state: AppState, keys: BindingTable = .standard, in body: Rect, into frame: inout Frame) {
        let reports = state.reports
        drawTitle(reports, till: state.environment.till, in: body.row(0), into: &frame)
        drawWindow(reports, in: body.row(1), into: &frame)

        let rest = Rect(x: body.x, y: body.y + 3, width: body.width, height: max(0, body.height - 3))
        guard let report = reports.report else {
            switch reports.load {
            case .failed(let message):
                // A load that failed says how to retry in the operator's language, as the other panes do.
                let retry: Message = if case .notLoaded(let subject, let failure) = message {
                    .loadFailed(subject, failure, retry: .reportsReload)
                } else { message }
                let words = Messages(state, keys: keys)
                frame.centered(words.text(retry) + (retry == message ? words.retryHint(.reportsReload) : ""), in: rest, style: [.bold, .error])
            case .loading:
                frame.centered("Loading sessions… " + groupedDigits(reports.sessions.count), in: rest, style: .muted)
            case .idle:
                frame.centered("Press \(keys.keyLabel("reload", in: .reports)) to load the report of the open shift.", in: rest, style: .muted)
            }
            return
        }
        var figuresArea = rest
        if let shop = reports.shopReport, rest.height > 1 {
            // A named till's figures are its own; the shop's total for the same window is above them.
            drawShopTotal(shop, in: rest.row(0), into: &frame)
            figuresArea = Rect(x: rest.x, y: rest.y + 2, width: rest.width, height: max(0, rest.height - 2))
        }
        guard !report.figures.isEmpty || !report.sessionsWithoutTotal.isEmpty else {
            frame.centered(reports.shopReport == nil ? "No sessions or refunds in this shift yet."
                           : "No sessions or refunds of this till in this shift yet.", in: figuresArea, style: .muted)
            return
        }
        var y = drawFigures(report, in: figuresArea, into: &frame)
        if !report.sessionsWithoutTotal.isEmpty, y < figuresArea.maxY {
            frame.text("No total, counted nowhere: " + report.sessionsWithoutTotal.joined(separator: ", "),
                       x: figuresArea.x + 2, y: y, width: figuresArea.width - 3, style: .warning)
            y += 1
        }
        // With operators: who sold and refunded what, and the newest lines of the audit trail.
        if state.operators.isActive {
            y = drawOperators(state, in: Rect(x: figuresArea.x, y: y + 1, width: figuresArea.width,
                                              height: max(0, figuresArea.maxY - y - 1)), into: &frame)
        }
        drawOpenSessions(reports.openSessions, in: Rect(x: figuresArea.x, y: y + 1, width: figuresArea.width,
                                                        height: max(0, figuresArea.maxY - y - 1)), into: &frame)
    }

    /// "BY OPERATOR" (sessions paid, total, refunds; this till's, like the figures) and "AUDIT"
    /// (the newest entries); returns the row after them.
    private static func drawOperators(_ state: AppState, in rect: Rect, into frame: inout Frame) -> Int {
        let reports = state.reports
        guard let window = reports.window, rect.height >= 2 else { return rect.y - 1 }
        let till = state.environment.till
        let sessions = till.isEmpty ? reports.sessions : reports.sessions.filter { $0.metadata["till"] == till }
        let journal = till.isEmpty ? state.refunds.journal
            : RefundJournal(entries: state.refunds.journal.entries.filter { $0.till == till })
        let rows = (try? OperatorReport(window: window, sessions: sessions, journal: journal).rows) ?? []
        let nameX = rect.x + 2, nameWidth = 16
        var y = rect.y
        if !rows.isEmpty {
            frame.text("BY OPERATOR", x: nameX, y: y, width: nameWidth, style: .bold)
            frame.text("PAID", x: nameX + nameWidth + 1, y: y, width: 5, style: .bold, align: .right)
            frame.text("TOTAL", x: nameX + nameWidth + 7, y: y, width: 14, style: .bold, align: .right)
            frame.text("REFUNDS", x: nameX + nameWidth + 22, y: y, width: 8, style: .bold, align: .right)
            frame.text("REFUNDED", x: nameX + nameWidth + 31, y: y, width: 14, style: .bold, align: .right)
            y += 1
            for row in rows where y < rect.maxY {
                frame.text(row.operatorName, x: nameX, y: y, width: nameWidth)
                frame.text(groupedDigits(row.paid.count), x: nameX + nameWidth + 1, y: y, width: 5, align: .right)
                frame.text(row.money(row.paid).formatted, x: nameX + nameWidth + 7, y: y, width: 14, align: .right)
                frame.text(groupedDigits(row.refunds.count), x: nameX + nameWidth + 22, y: y, width: 8, align: .right)
                frame.text(row.money(row.refunds).formatted, x: nameX + nameWidth + 31, y: y, width: 14, align: .right)
                y += 1
            }
            y += 1
        }
        let audit = state.operators.recentAudit
        guard !audit.isEmpty, y + 1 < rect.maxY else { return y - 1 }
        frame.text("AUDIT (newest last; till audit has all)", x: nameX, y: y, width: rect.width - 3, style: .bold)
        y += 1
        for entry in audit.suffix(max(0, rect.maxY - y)) {
            var text = formatUTC(entry.time) + "  " + (entry.operatorName ?? "-") + "  " + entry.action.rawValue
            if let object = entry.objectId { text += " " + object }
            if let amount = entry.amount { text += " " + amount.formatted }
            if let approver = entry.approvedBy { text += " · approved by " + approver }
            frame.text(text, x: nameX, y: y, width: rect.width - 3)
            y += 1
        }
        return y
    }

    /// "Shop (all tills): 5 paid · net GBP 22.49 …", per currency, on one line.
    private static func drawShopTotal(_ shop: ShiftReport, in row: Rect, into frame: inout Frame) {
        let parts = shop.figures.map { figures in
            "\(groupedDigits(figures.paid.count)) paid · net \(figures.netMoney.formatted)"
        }
        let text = " Shop (all tills): " + (parts.isEmpty ? "nothing yet" : parts.joined(separator: "; "))
        frame.text(text, x: row.x, y: row.y, width: row.width - 1, style: .bold)
    }

    /// "Reports · X report (open shift)" and how many shifts are closed.
    private static func drawTitle(_ reports: ReportsState, till: String, in row: Rect, into frame: inout Frame) {
        var counts = counted(reports.log.closed.count, "Z report") + " saved"
        if reports.isClosing { counts += " · closing…" }
        let failed = if case .failed = reports.load { true } else { false }
        let countsWidth = frame.titleCounts(counts, loading: reports.load == .loading, failed: failed, in: row)
        let title = till.isEmpty ? " X report · open shift" : " X report · till \(till) · open shift"
        frame.text(title, x: row.x, y: row.y, width: row.width - countsWidth - 1, style: .bold)
    }

    /// "From … (end of Z report #2) to … (not included)".
    private static func drawWindow(_ reports: ReportsState, in row: Rect, into frame: inout Frame) {
        var text = " From "
        if let start = reports.log.openShiftStart {
            text += formatUTC(start) + " UTC"
            if let last = reports.log.closed.last { text += " (end of Z report #\(last.number))" }
        } else {
            text += "the start of the data"
        }
        text += " to " + (reports.window.map { formatUTC($0.end) + " UTC" } ?? "now")
        // The end is exclusive: said where there is room for it.
        if reports.window != nil, displayWidth(text + " (not included)") <= row.width - 1 { text += " (not included)" }
        frame.text(text, x: row.x, y: row.y, width: row.width - 1)
    }

    /// label(14) then per currency: count(4) amount(12), two columns apart.
    private static let labelWidth = 14, countWidth = 4, amountWidth = 12, gap = 2
    private static var currencyWidth: Int { countWidth + 1 + amountWidth }

    /// The figures table, one column per currency (as many as fit); returns the row after it.
    private static func drawFigures(_ report: ShiftReport, in rect: Rect, into frame: inout Frame) -> Int {
        let labelX = rect.x + 2
        let fit = max(1, (rect.width - 2 - labelWidth - 1) / (currencyWidth + gap))
        let shown = report.figures.prefix(fit)
        func columnX(_ index: Int) -> Int { labelX + labelWidth + index * (currencyWidth + gap) }

        var y = rect.y
        for (index, figures) in shown.enumerated() {
            let x = columnX(index)
            frame.text("#", x: x, y: y, width: countWidth, style: .bold, align: .right)
            frame.text(figures.currency.code, x: x + countWidth + 1, y: y, width: amountWidth, style: .bold, align: .right)
        }
        if report.figures.count > shown.count {
            let more = " +\(report.figures.count - shown.count) more (till report) "
            frame.text(more, x: rect.maxX - displayWidth(more), y: y, width: displayWidth(more), style: .muted)
        }
        y += 1

        let unconfirmed = report.figures.contains { $0.unconfirmedRefunds.count > 0 }
        var rows: [(String, KeyPath<ShiftReport.Figures, ShiftReport.Tally>)] = [
            ("Paid", \.paid), ("Expired", \.expired), ("Still open", \.open),
            ("Refunds", \.refunds), ("  pending", \.pendingRefunds),
        ]
        if unconfirmed { rows.append(("Unconfirmed", \.unconfirmedRefunds)) }
        for (label, figure) in rows where y < rect.maxY {
            frame.text(label, x: labelX, y: y, width: labelWidth, style: .muted)
            for (index, figures) in shown.enumerated() {
                let tally = figures[keyPath: figure]
                let x = columnX(index)
                frame.text(groupedDigits(tally.count), x: x, y: y, width: countWidth, align: .right)
                frame.text(figures.money(tally).amountText, x: x + countWidth + 1, y: y, width: amountWidth, align: .right)
            }
            y += 1
        }
        guard y < rect.maxY else { return y }
        frame.text("Net", x: labelX, y: y, width: labelWidth, style: .bold)
        for (index, figures) in shown.enumerated() {
            frame.text(figures.netMoney.amountText, x: columnX(index) + countWidth + 1, y: y, width: amountWidth,
                       style: .bold, align: .right)
        }
        y += 1
        if unconfirmed, y < rect.maxY {
            frame.text("Unconfirmed refunds are not taken off the net: R on the session sends them again.",
                       x: labelX, y: y, width: rect.width - 3, style: .warning)
            y += 1
        }
        return y
    }

    /// "STILL OPEN (n)" and the sessions: id, total, created; as many as fit, then how many more.
    private static func drawOpenSessions(_ sessions: [CheckoutSession], in rect: Rect, into frame: inout Frame) {
        guard !sessions.isEmpty, rect.height >= 2 else { return }
        let idX = rect.x + 2, idWidth = 30, totalWidth = 14, createdWidth = 16
        let totalX = idX + idWidth + 2, createdX = totalX + totalWidth + 2
        frame.text("STILL OPEN (\(groupedDigits(sessions.count)))", x: idX, y: rect.y, width: idWidth, style: .bold)
        frame.text("TOTAL", x: totalX, y: rect.y, width: totalWidth, style: .bold, align: .right)
        frame.text("CREATED (UTC)", x: createdX, y: rect.y, width: createdWidth, style: .bold)
        let rows = rect.height - 1
        let fits = sessions.count <= rows
        for (offset, session) in sessions.prefix(fits ? rows : rows - 1).enumerated() {
            let y = rect.y + 1 + offset
            frame.text(session.id, x: idX, y: y, width: idWidth)
            frame.text(session.total?.formatted ?? "—", x: totalX, y: y, width: totalWidth, align: .right)
            frame.text(formatUTC(session.created), x: createdX, y: y, width: createdWidth)
        }
        if !fits {
            frame.text("… and \(groupedDigits(sessions.count - rows + 1)) more (x expires them all)", x: idX,
                       y: rect.maxY - 1, width: rect.width - 3, style: .muted)
        }
    }
}
