import TillCore

/// The session screen: the watched session in full (id, status, total, expiry countdown, and the
/// payment URL on lines of its own), then recent sessions (from WooshPay and from this run).
enum SessionPane {
    static func draw(_ state: AppState, layout: Layout, into frame: inout Frame) {
        let body = layout.body
        let sessions = state.session
        var y = body.y
        if let session = sessions.openSession {
            drawDetails(session, state: state, body: body, into: &frame)
            // Where TillCore's ScreenLayout puts the list, so its scrolling matches what is drawn.
            y += Layout.sessionDetailRows(session, columns: body.width) + 1
        } else if sessions.history.isEmpty {
            frame.centered(emptyMessage(state), in: body, style: emptyStyle(state))
            return
        }
        drawHistory(state, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y), into: &frame)
    }

    private static func emptyMessage(_ state: AppState) -> String {
        switch state.session.historyLoad {
        case .loading: "Loading recent sessions…"
        case .failed(let failure): "Could not load recent sessions: \(failure.description) Press r to retry."
        case .idle: "No checkout session yet. Fill the cart (3) and press c to check out."
        }
    }

    private static func emptyStyle(_ state: AppState) -> Style {
        if case .failed = state.session.historyLoad { return [.bold, .error] }
        return .muted
    }

    private static func urlLines(_ session: CheckoutSession, width: Int) -> [String] {
        guard let url = session.url, !url.isEmpty else { return [] }
        return wrap(sanitize(url), toWidth: width)
    }

    /// The details take `Layout.sessionDetailRows` rows (the URL may need fewer when it is not ASCII).
    private static func drawDetails(_ session: CheckoutSession, state: AppState, body: Rect,
                                    into frame: inout Frame) {
        var y = body.y
        let x = frame.put(" Checkout session ", x: body.x, y: y, style: .bold)
        frame.text(session.id, x: x, y: y, width: body.maxX - x - 1, style: .bold)
        y += 1

        let labelX = body.x + 3, valueX = body.x + 15, valueWidth = body.maxX - valueX - 1
        func row(_ label: String, _ value: String, style: Style = []) {
            frame.put(label, x: labelX, y: y, style: .muted)
            frame.text(value, x: valueX, y: y, width: valueWidth, style: style)
            y += 1
        }
        var status = session.status.rawValue + " · " + paymentText(session.paymentStatus)
        if state.session.isPolling { status += " · watching" }
        if state.session.isExpiring { status += " · expiring…" }
        row("Status", status, style: statusStyle(session))
        row("Total", session.total?.formatted ?? "—", style: .bold)
        var expiry = formatUTC(session.expiresAt) + " UTC"
        if session.status == .open {
            let left = SessionFeature.secondsLeft(now: state.now, expiresAt: session.expiresAt)
            expiry += left > 0 ? " · in " + formatCountdown(left) : " · due now"
        }
        row("Expires", expiry)
        y += 1

        // The URL goes on rows of its own from column 0, with nothing else on them, so a
        // terminal selection copies exactly the URL.
        let lines = urlLines(session, width: body.width)
        if lines.isEmpty {
            frame.put(" This session has no payment URL.", x: body.x, y: y, style: .muted)
            y += 2
        } else {
            frame.put(" Payment page (y copies it):", x: body.x, y: y, style: .muted)
            y += 1
            for line in lines where y < body.maxY {
                frame.put(line, x: body.x, y: y, style: .underline)
                y += 1
            }
        }
    }

    private static func paymentText(_ status: CheckoutSession.PaymentStatus) -> String {
        switch status {
        case .unpaid: "unpaid"
        case .paid: "paid"
        case .noPaymentRequired: "no payment required"
        }
    }

    private static func statusStyle(_ session: CheckoutSession) -> Style {
        switch (session.status, session.paymentStatus) {
        case (.complete, _): [.bold, .success]
        case (.expired, _): [.bold, .muted]
        case (.open, _): [.bold, .warning]
        }
    }

    private static func drawHistory(_ state: AppState, in area: Rect, into frame: inout Frame) {
        let sessions = state.session
        guard area.height >= 2, !sessions.history.isEmpty else { return }
        var counts = counted(sessions.history.count, "session")
        switch sessions.historyLoad {
        case .loading: counts += " · loading…"
        case .failed: counts += " · load failed"
        case .idle: break
        }
        counts += " "
        let countsWidth = displayWidth(counts)
        frame.text(counts, x: area.maxX - countsWidth, y: area.y, width: countsWidth, style: .muted)
        frame.put(" Recent sessions", x: area.x, y: area.y, style: .bold)
        let list = Rect(x: area.x, y: area.y + Layout.historyHeaderRows, width: area.width,
                        height: area.height - Layout.historyHeaderRows)
        let statusX = area.maxX - 1 - 16 - 2 - 14 - 2 - 16
        let rows = ListView(count: sessions.history.count, selection: sessions.selection, scrollTop: sessions.scrollTop)
        rows.draw(in: list, into: &frame) { frame, index, y, style in
            let session = sessions.history[index]
            frame.text(session.id, x: area.x + 2, y: y, width: statusX - area.x - 4, style: style)
            frame.text(session.status.rawValue + " · " + paymentText(session.paymentStatus), x: statusX, y: y,
                       width: 16, style: style)
            frame.text(session.total?.formatted ?? "—", x: statusX + 18, y: y, width: 14, style: style, align: .right)
            frame.text(formatUTC(session.created), x: statusX + 34, y: y, width: 16, style: style)
        }
    }
}
