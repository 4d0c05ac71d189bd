import Foundation
import TillCore

/// The session screen: one checkout session in full (id, status, total, created, expiry
/// countdown, line items, the payment URL on rows of its own), and once it has finished, a
/// banner that cannot be missed.
enum SessionPane {
    static func draw(_ state: AppState, keys: BindingTable = .standard, layout: Layout, into frame: inout Frame) {
        let body = layout.body
        guard let session = state.session.open else {
            frame.centered("No session on show. Check out a cart (3, then c), or open one from history (6).",
                           in: body, style: .muted)
            return
        }
        var area = body
        if let outcome = state.session.outcome {
            let banner = Rect(x: body.x, y: body.y, width: body.width, height: bannerRows)
            // A screen reader's clock moves once a minute, so its banner leaves the time out.
            drawBanner(outcome, session: session, at: state.settings.screenReader ? nil : state.session.finishedAt ?? state.now,
                       nextSaleKey: keys.keyLabel("next-sale", in: .session), in: banner, into: &frame)
            area = Rect(x: body.x, y: banner.maxY + 1, width: body.width, height: body.maxY - banner.maxY - 1)
        }
        // Beside the details whenever it fits whole, so the screen can be turned to the customer.
        if let url = session.url, !url.isEmpty, area.width >= minimumDetailsWidth + 20,
           case .fits(let block) = QRBlock.fitting(url, in: Size(width: area.width - minimumDetailsWidth - 2, height: area.height)) {
            let origin = Point(x: area.maxX - block.size.width - 1, y: area.y + (area.height - block.size.height) / 2)
            frame.draw(block, at: origin)
            area = Rect(x: area.x, y: area.y, width: origin.x - area.x - 1, height: area.height)
        }
        drawDetails(session, state: state, keys: keys, in: area, into: &frame)
    }

    /// Columns the details keep when the QR code stands beside them.
    static let minimumDetailsWidth = 60

    /// Rows of the PAID / EXPIRED banner.
    static let bannerRows = 3

    /// Reverse video over several rows, the amount and the time: seen from across the counter.
    private static func drawBanner(_ outcome: SessionOutcome, session: CheckoutSession, at time: Date?,
                                   nextSaleKey: String, in rect: Rect,
                                   into frame: inout Frame) {
        let style: Style = outcome == .paid ? [.reverse, .bold, .success] : [.reverse, .bold, .error]
        frame.clear(rect, style: style)
        let word = outcome == .paid ? "PAID" : "EXPIRED"
        let amount = session.total?.formatted ?? ""
        let at = time.map { "   at \(formatTimeOfDay($0)) UTC" } ?? ""
        let line = "\(word)   \(amount)\(at)   ·   \(nextSaleKey) next sale"
        frame.centered(line, in: rect.row(1), style: style)
    }

    private static func drawDetails(_ session: CheckoutSession, state: AppState, keys: BindingTable, in area: Rect,
                                    into frame: inout Frame) {
        var y = area.y
        let x = frame.put(" Checkout session ", x: area.x, y: y, style: .bold)
        frame.text(session.id, x: x, y: y, width: area.maxX - x - 1, style: .bold)
        y += 1

        let labelX = area.x + 3, valueX = area.x + 15, valueWidth = area.maxX - valueX - 1
        func row(_ label: String, _ value: String, style: Style = []) {
            guard y < area.maxY else { return }
            frame.put(label, x: labelX, y: y, style: .muted)
            frame.text(value, x: valueX, y: y, width: valueWidth, style: style)
            y += 1
        }
        var status = session.status.rawValue + " · " + paymentText(session.paymentStatus)
        if state.session.isPolling { status += " · watching" }
        if state.session.isExpiring { status += " · expiring…" }
        row("Status", status, style: statusStyle(session))
        row("Total", session.total?.formatted ?? "—", style: .bold)
        if let refunds = RefundOverlay.summary(session, in: state) { row("Refunds", refunds, style: .warning) }
        row("Created", formatUTC(session.created) + " UTC")
        var expiry = formatUTC(session.expiresAt) + " UTC"
        if session.status == .open {
            let left = SessionFeature.secondsLeft(now: state.now, expiresAt: session.expiresAt)
            // Minutes for a screen reader: the line changes once a minute, not every second.
            let countdown = state.settings.screenReader ? formatMinutesLeft(left) : formatCountdown(left)
            expiry += left > 0 ? " · in " + countdown : " · due now"
        }
        row("Expires", expiry)
        let items = session.lineItems
        if items.isEmpty {
            row("Items", "—", style: .muted)
        } else {
            // The URL and its label keep their rows: items beyond what fits are counted, not cut.
            let room = max(1, area.maxY - y - 2 - urlLines(session, width: area.width).count - 1)
            for (index, item) in items.enumerated() where index < room {
                let last = index == room - 1 && items.count > room
                let text = last ? "… and \(items.count - index) more" : "\(item.quantity) × \(item.description)  \(item.total.formatted)"
                row(index == 0 ? "Items" : "", text)
            }
        }
        y += 1

        // The URL goes on rows of its own from the pane's left edge, with nothing else on them,
        // so a terminal selection copies exactly the URL.
        let lines = urlLines(session, width: area.width)
        guard y < area.maxY else { return }
        if lines.isEmpty {
            frame.put(" This session has no payment URL.", x: area.x, y: y, style: .muted)
        } else {
            frame.put(" Payment page (\(keys.keyLabel("copy-url", in: .session)) copies it, "
                      + "\(keys.keyLabel("qr", in: .session)) shows it as a QR code):", x: area.x, y: y, style: .muted)
            y += 1
            for line in lines where y < area.maxY {
                frame.put(line, x: area.x, y: y, style: .underline)
                y += 1
            }
        }
    }

    private static func urlLines(_ session: CheckoutSession, width: Int) -> [String] {
        guard let url = session.url, !url.isEmpty else { return [] }
        return wrap(sanitize(url), toWidth: width)
    }

    static func paymentText(_ status: CheckoutSession.PaymentStatus) -> String {
        switch status {
        case .unpaid: "unpaid"
        case .paid: "paid"
        case .noPaymentRequired: "no payment required"
        }
    }

    static func statusStyle(_ session: CheckoutSession) -> Style {
        switch (session.status, session.paymentStatus) {
        case (.complete, _): [.bold, .success]
        case (.expired, _): [.bold, .muted]
        case (.open, _): [.bold, .warning]
        }
    }
}
