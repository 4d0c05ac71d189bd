import Foundation
import TillCore

/// The session screen: one checkout session in full (id, status, total, created, expiry
/// countdown, line items, the payment URL on rows of its own), and once it has finished, a
/// banner that cannot be missed.
enum SessionPane {
    static func draw(_ state: AppState, keys: BindingTable = .standard, layout: Layout, into frame: inout Frame) {
        let body = layout.body
        let language = state.settings.language
        guard let session = state.session.open else {
            frame.centered(ScreenPhrase.sessionNone.text(language),
                           in: body, style: .muted)
            return
        }
        var area = body
        if let outcome = state.session.outcome {
            let banner = Rect(x: body.x, y: body.y, width: body.width, height: bannerRows)
            // A screen reader's clock moves once a minute, so its banner leaves the time out.
            drawBanner(outcome, session: session, at: state.settings.screenReader ? nil : state.session.finishedAt ?? state.now,
                       nextSaleKey: keys.keyLabel(.nextSale, in: .session), language: language, in: banner, into: &frame)
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
                                   nextSaleKey: String, language: Language, in rect: Rect,
                                   into frame: inout Frame) {
        let style: Style = outcome == .paid ? [.reverse, .bold, .success] : [.reverse, .bold, .error]
        frame.clear(rect, style: style)
        let word = (outcome == .paid ? ScreenPhrase.paid : .expired).text(language)
        let amount = session.total?.formatted ?? ""
        let at = time.map { ScreenPhrase.bannerAt.text(language, "time", formatTimeOfDay($0)) } ?? ""
        let line = ScreenPhrase.bannerLine.text(language, "word", word, "amount", amount, "at", at, "key", nextSaleKey)
        frame.centered(line, in: rect.row(1), style: style)
    }

    private static func drawDetails(_ session: CheckoutSession, state: AppState, keys: BindingTable, in area: Rect,
                                    into frame: inout Frame) {
        var y = area.y
        let language = state.settings.language
        let x = frame.put(ScreenPhrase.checkoutSession.text(language), x: area.x, y: y, style: .bold)
        frame.text(session.id, x: x, y: y, width: area.maxX - x - 1, style: .bold)
        y += 1

        let labelX = area.x + 3, valueX = area.x + 15, valueWidth = area.maxX - valueX - 1
        func row(_ label: String, _ value: String, style: Style = []) {
            guard y < area.maxY else { return }
            frame.put(label, x: labelX, y: y, style: .muted)
            frame.text(value, x: valueX, y: y, width: valueWidth, style: style)
            y += 1
        }
        var status = statusText(session.status, language) + " · " + paymentText(session.paymentStatus, language)
        if state.session.isPolling { status += ScreenPhrase.sessionWatching.text(language) }
        if state.session.isExpiring { status += ScreenPhrase.sessionExpiring.text(language) }
        row(ScreenPhrase.rowStatus.text(language), status, style: statusStyle(session))
        row(ScreenPhrase.rowTotal.text(language), session.total?.formatted ?? "—", style: .bold)
        if let refunds = RefundOverlay.summary(session, in: state) { row(ScreenPhrase.rowRefunds.text(language), refunds, style: .warning) }
        row(ScreenPhrase.rowCreated.text(language), formatUTC(session.created) + " UTC")
        var expiry = formatUTC(session.expiresAt) + " UTC"
        if session.status == .open {
            let left = SessionFeature.secondsLeft(now: state.now, expiresAt: session.expiresAt)
            // Minutes for a screen reader: the line changes once a minute, not every second.
            let countdown = state.settings.screenReader ? formatMinutesLeft(left) : formatCountdown(left)
            expiry += left > 0 ? ScreenPhrase.expiresIn.text(language, "time", countdown) : ScreenPhrase.dueNow.text(language)
        }
        row(ScreenPhrase.rowExpires.text(language), expiry)
        let items = session.lineItems
        if items.isEmpty {
            row(ScreenPhrase.rowItems.text(language), "—", style: .muted)
        } else {
            // The URL and its label keep their rows: items beyond what fits are counted, not cut.
            let room = max(1, area.maxY - y - 2 - urlLines(session, width: area.width).count - 1)
            for (index, item) in items.enumerated() where index < room {
                let last = index == room - 1 && items.count > room
                let text = last ? ScreenPhrase.andMore.text(language, "count", String(items.count - index))
                    : "\(item.quantity) × \(item.description)  \(item.total.formatted)"
                row(index == 0 ? ScreenPhrase.rowItems.text(language) : "", text)
            }
        }
        y += 1

        // The URL goes on rows of its own from the pane's left edge, with nothing else on them,
        // so a terminal selection copies exactly the URL.
        let lines = urlLines(session, width: area.width)
        guard y < area.maxY else { return }
        if lines.isEmpty {
            frame.put(ScreenPhrase.noPaymentURL.text(language), x: area.x, y: y, style: .muted)
        } else {
            frame.put(ScreenPhrase.paymentPage.text(language, "copy", keys.keyLabel(.copyURL, in: .session),
                                                    "qr", keys.keyLabel(.qr, in: .session)), x: area.x, y: y, style: .muted)
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

    static func paymentText(_ status: CheckoutSession.PaymentStatus, _ language: Language = .english) -> String {
        switch status {
        case .unpaid: ScreenPhrase.paymentUnpaid.text(language)
        case .paid: ScreenPhrase.paymentPaid.text(language)
        case .noPaymentRequired: ScreenPhrase.paymentNotRequired.text(language)
        }
    }

    static func statusText(_ status: CheckoutSession.Status, _ language: Language) -> String {
        switch status {
        case .open: ScreenPhrase.statusOpen.text(language)
        case .complete: ScreenPhrase.statusComplete.text(language)
        case .expired: ScreenPhrase.statusExpired.text(language)
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
