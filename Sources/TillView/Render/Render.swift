import TillCore

/// The whole screen for this state at this size. Pure: the same state and size always give the
/// same frame. Only the visible rows of a list are looked at, so the cost does not grow with
/// the products. `keys` is the binding table in use (keys.toml may remap it): the hint bar and
/// help show its keys.
public func render(_ state: AppState, size: Size, keys: BindingTable = .standard) -> Frame {
    // A till at its sign-in screen (at start, or locked) shows nothing of the sale.
    if let screen = state.operators.signIn { return SignInView.render(state, screen: screen, size: size) }
    // The customer-facing QR code takes the whole screen, at any size it fits; once the sale
    // finishes, the customer sees PAID (or EXPIRED) there instead.
    if state.focus == .session, state.session.isQRFullScreen, let session = state.session.open,
       let outcome = state.session.outcome, let at = state.session.finishedAt {
        return renderFullScreenOutcome(outcome, total: session.total, at: at, shopName: state.environment.shopName,
                                       caption: keys.keyLabel("next-sale", in: .qr) + " next sale · "
                                        + keys.keyLabel("back", in: .qr) + " back",
                                       size: size)
    }
    if state.focus == .session, state.session.isQRFullScreen, let session = state.session.open,
       let url = session.url, !url.isEmpty {
        return renderFullScreenQR(url: url, caption: (session.total?.formatted ?? "Scan to pay") + " · "
                                  + keys.keyLabel("back", in: .qr) + " back",
                                  size: size)
    }
    var frame = Frame(size: size)
    let layout = Layout(size: size)
    guard layout.fits else {
        TooSmall.draw(state, into: &frame)
        return frame
    }
    Chrome.drawHeader(state, layout: layout, into: &frame)
    Chrome.drawTabs(state, layout: layout, into: &frame)
    frame.rule(layout.topRule)
    frame.rule(layout.bottomRule)

    switch state.focus {
    case .products: ProductsPane.draw(state, keys: keys, in: layout.body, into: &frame)
    case .prices: PricesPane.draw(state, keys: keys, in: layout.body, into: &frame)
    case .cart: CartPane.draw(state, keys: keys, in: layout.body, into: &frame)
    case .checkout: CheckoutPane.draw(state, in: layout.body, into: &frame)
    case .session: SessionPane.draw(state, keys: keys, layout: layout, into: &frame)
    case .history: HistoryPane.draw(state, keys: keys, in: layout.body, into: &frame)
    case .reports: ReportsPane.draw(state, keys: keys, in: layout.body, into: &frame)
    }
    if let form = FormView.model(for: state, keys: keys) {
        FormView.drawOverlay(form, in: layout.body, into: &frame)
    }
    if let refund = RefundOverlay.model(state, keys: keys) {
        FormView.drawOverlay(refund, in: layout.body, into: &frame)
    } else if let prompt = ParkedOverlay.labelPrompt(state, keys: keys) {
        FormView.drawOverlay(prompt, in: layout.body, into: &frame)
    } else if state.parked.isListShown {
        ParkedOverlay.drawList(state, in: layout.body, into: &frame)
    }
    if state.palette.isOpen {
        PaletteOverlay.draw(state, keys: keys, in: layout.body, into: &frame)
    }

    Chrome.drawStatus(state, layout: layout, keys: keys, into: &frame)
    if OperatorKeys.holdKeys(state) {
        Chrome.drawHintItems(OperatorKeys.hints(state), in: layout.hints, into: &frame)
    } else {
        Chrome.drawHints(keys.activeBindings(state), in: layout.hints, into: &frame)
    }

    if let question = state.confirmation {
        Overlays.drawConfirmation(question, state: state, layout: layout, into: &frame)
    } else if state.isHelpVisible {
        Overlays.drawHelp(state, keys: keys, layout: layout, into: &frame)
    }
    // With no field or row focused the cursor rests on the status line, where changes are told.
    if frame.cursor == nil { frame.placeFocusCursor(at: Point(x: layout.status.x + 1, y: layout.status.y)) }
    // Outside a field it is drawn only for a screen reader (it is placed either way).
    if !frame.isCursorOnField { frame.isCursorVisible = state.settings.screenReader }
    return frame
}

/// The screen's fixed parts: header, tabs, status line and hint bar.
enum Chrome {
    static func drawHeader(_ state: AppState, layout: Layout, into frame: inout Frame) {
        let row = layout.header
        var x = frame.put(" Till ", x: 0, y: row.y, style: .bold)
        x = frame.put(" ", x: x, y: row.y)
        x = drawBadge(state.environment.mode, x: x, y: row.y, into: &frame)
        x = frame.put("  ", x: x, y: row.y)
        // Which till of the shop this is (several may be open on one screen's worth of SSH sessions).
        if !state.environment.till.isEmpty {
            x = frame.text("till " + state.environment.till, x: x, y: row.y, width: min(40, max(0, row.maxX - x)), style: .bold)
            x = frame.put("  ", x: x, y: row.y)
        }
        // Who is signed in (with operators in the shop).
        if let person = state.operators.current {
            x = frame.text(person.name + (person.isManager ? " (manager)" : ""), x: x, y: row.y,
                           width: min(30, max(0, row.maxX - x)), style: .bold)
            x = frame.put("  ", x: x, y: row.y)
        }
        // While the shop store is unreachable, said here for as long as it lasts (the status line
        // moves on to other news); changes wait in memory until it is back.
        if state.storeAway != nil {
            x = frame.put("STORE UNREACHABLE", x: x, y: row.y, style: [.bold, .error])
            x = frame.put("  ", x: x, y: row.y)
        }

        // The cart summary on the right; the host gets what is left.
        let cart = state.cart.cart
        var parts: [String] = []
        if !state.parked.tickets.isEmpty { parts.append("\(state.parked.tickets.count) parked") }
        if !cart.isEmpty {
            var text = "Cart: " + counted(cart.itemCount, "item")
            if let total = try? cart.total() { text += " · " + total.formatted }
            parts.append(text)
        }
        let summary = parts.isEmpty ? "" : parts.joined(separator: "  ") + " "
        let summaryWidth = displayWidth(summary)
        frame.text(summary, x: row.maxX - summaryWidth, y: row.y, width: summaryWidth, style: .bold)
        let hostWidth = row.maxX - summaryWidth - x - 2
        frame.text(state.environment.apiHost, x: x, y: row.y, width: hostWidth, style: .muted)
    }

    /// SANDBOX / TEST / LIVE; LIVE in reverse video so it cannot be missed.
    @discardableResult
    static func drawBadge(_ mode: EnvironmentInfo.Mode, x: Int, y: Int, into frame: inout Frame) -> Int {
        switch mode {
        case .sandbox: frame.put("SANDBOX", x: x, y: y, style: [.bold, .success])
        case .test: frame.put("TEST", x: x, y: y, style: [.bold, .warning])
        case .live: frame.put(" LIVE ", x: x, y: y, style: [.bold, .reverse, .error])
        }
    }

    static func drawTabs(_ state: AppState, layout: Layout, into frame: inout Frame) {
        let y = layout.tabs.y
        let labels = Pane.allCases.map { pane in
            var label = "\(pane.rawValue) \(paneTitle(pane))"
            if pane == .cart && !state.cart.cart.isEmpty { label += " (\(state.cart.cart.lines.count))" }
            return (pane, label)
        }
        // A column between tabs where they all fit with it; on a narrow screen they touch.
        let width = labels.reduce(1) { $0 + displayWidth($1.1) + 3 }
        let gap = width <= layout.tabs.width ? 1 : 0
        var x = 1
        for (pane, label) in labels {
            if pane == state.focus {
                x = frame.put("[" + label + "]", x: x, y: y, style: [.bold, .reverse], clip: layout.tabs)
            } else {
                x = frame.put(" " + label + " ", x: x, y: y, clip: layout.tabs)
            }
            x += gap
        }
    }

    static func drawStatus(_ state: AppState, layout: Layout, keys: BindingTable, into frame: inout Frame) {
        let row = layout.status
        var progressText = ""
        let words = Messages(state, keys: keys)
        if let progress = state.progress {
            progressText = words.text(progress.label) + "…"
            if let count = progress.count { progressText += " " + groupedDigits(count) }
            progressText += " "
        }
        let progressWidth = min(displayWidth(progressText), row.width / 2)
        if progressWidth > 0 {
            frame.text(progressText, x: row.maxX - progressWidth, y: row.y, width: progressWidth, style: .accent)
        }
        guard let message = state.status.message else { return }
        let width = row.width - progressWidth - 2
        let text = words.text(message.message)
        switch message.kind {
        case .info: frame.text(text, x: 1, y: row.y, width: width)
        case .error: frame.text("! " + text, x: 1, y: row.y, width: width, style: [.bold, .error])
        }
    }

    /// The hint bar: pane keys on the left, help and quit on the right, all from the binding table.
    static func drawHints(_ active: [Binding], in row: Rect, into frame: inout Frame) {
        drawHintItems(hintItems(active), in: row, into: &frame)
    }

    static func drawHintItems(_ items: [HintItem], in row: Rect, into frame: inout Frame) {
        let right = items.filter { $0.global }
        let left = items.filter { !$0.global }
        var rightWidth = 0
        for item in right { rightWidth += displayWidth(item.key) + 1 + displayWidth(item.text) + 2 }
        var x = max(row.minX, row.maxX - rightWidth)
        for item in right { x = drawHint(item, x: x, row: row, into: &frame) }

        let limit = row.maxX - rightWidth
        x = row.minX + 1
        for item in left {
            let w = displayWidth(item.key) + 1 + displayWidth(item.text)
            if x + w > limit { break }
            x = drawHint(item, x: x, row: row, into: &frame)
        }
    }

    private static func drawHint(_ item: HintItem, x: Int, row: Rect, into frame: inout Frame) -> Int {
        var x = frame.put(item.key, x: x, y: row.y, style: [.bold, .accent], clip: row)
        x = frame.put(" " + item.text, x: x, y: row.y, clip: row)
        return x + 2
    }
}

/// One entry of the hint bar.
public struct HintItem: Hashable, Sendable {
    /// The key as written ("Enter", "/", "Ctrl-U").
    public var key: String
    /// What it does, in a word or two.
    public var text: String
    /// Whether it is a global key (help, quit), drawn on the right.
    public var global: Bool
}

/// The hint bar's entries for these bindings: each binding with a hint, under its first key.
public func hintItems(_ active: [Binding]) -> [HintItem] {
    active.compactMap { binding in
        guard let hint = binding.hint, let first = binding.keys.first else { return nil }
        return HintItem(key: first.label, text: hint, global: binding.scope == .panes || binding.scope == .help)
    }
}
