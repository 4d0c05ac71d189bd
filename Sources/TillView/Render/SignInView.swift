import TillCore

/// The sign-in screen: the shop's name, the operators to choose from and the PIN as dots. It is
/// also what a locked till shows, so nothing of the cart or the session is drawn on it.
enum SignInView {
    static func render(_ state: AppState, screen: SignInScreen, size: Size) -> Frame {
        var frame = Frame(size: size)
        let layout = Layout(size: size)
        guard layout.fits else {
            TooSmall.draw(state, into: &frame)
            return frame
        }
        let header = layout.header
        var x = frame.put(" Till ", x: 0, y: header.y, style: .bold)
        x = frame.put(" ", x: x, y: header.y)
        x = Chrome.drawBadge(state.environment.mode, x: x, y: header.y, into: &frame)
        x = frame.put("  ", x: x, y: header.y)
        if let shop = state.operators.shopName, !shop.isEmpty {
            x = frame.text(shop, x: x, y: header.y, width: min(40, max(0, header.maxX - x)), style: .bold)
            x = frame.put("  ", x: x, y: header.y)
        }
        if !state.environment.till.isEmpty {
            frame.text("till " + state.environment.till, x: x, y: header.y, width: max(0, header.maxX - x), style: .muted)
        }
        frame.rule(layout.topRule)
        frame.rule(layout.bottomRule)

        let roster = state.operators.roster
        let width = min(layout.size.width - 8, 56)
        let listRows = min(roster.count, max(1, layout.body.height - 9))
        let box = layout.body.centered(Size(width: width, height: listRows + 8))
        frame.box(box, style: .accent, title: screen.name == nil ? "Sign in: choose your name" : "Sign in")
        let inner = box.inset(dx: 2, dy: 1)
        // The list scrolls to keep the highlighted name in view.
        let first = max(0, min(screen.selection - listRows + 1, roster.count - listRows))
        for row in 0..<listRows {
            let index = first + row
            guard roster.indices.contains(index) else { break }
            let person = roster[index]
            let selected = index == screen.selection
            let label = (selected ? "› " : "  ") + person.name
            let y = inner.y + row
            if selected { frame.clear(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: .reverse) }
            let used = frame.text(label, x: inner.x, y: y, width: inner.width - 10, style: selected ? [.bold, .reverse] : [])
            _ = used
            frame.text(person.role.rawValue, x: inner.maxX - 8, y: y, width: 8, style: selected ? .reverse : .muted, align: .right)
        }
        let pinY = inner.y + listRows + 1
        if let name = screen.name {
            let dots = screen.isChecking ? "checking…" : String(repeating: "•", count: screen.digits.count)
            let x = frame.text("PIN for \(name): ", x: inner.x, y: pinY, width: inner.width - 14, style: .bold)
            frame.put(dots, x: x, y: pinY, style: .bold)
            frame.placeFocusCursor(at: Point(x: min(x + dots.count, inner.maxX - 1), y: pinY), over: true)
        } else {
            frame.text("Enter, then your PIN (or just type it).", x: inner.x, y: pinY, width: inner.width, style: .muted)
            frame.placeFocusCursor(at: Point(x: inner.x, y: inner.y + screen.selection - first), over: true)
        }
        if let message = screen.message {
            let style: Style = if case .locked = message { .bold } else { [.bold, .error] }
            frame.paragraph(Messages(state).text(message), in: Rect(x: inner.x, y: pinY + 2, width: inner.width, height: 2), style: style)
        }
        Chrome.drawHintItems(OperatorKeys.hints(state), in: layout.hints, into: &frame)
        if !frame.isCursorOnField { frame.isCursorVisible = state.settings.screenReader }
        return frame
    }
}

extension Confirmation {
    /// The question with who will be recorded: "Refund GBP 2.10 of session cs_… · approved by Maria?"
    /// while a manager's PIN is asked, "… · by Sam? (y/n)" for a guarded question a signed-in
    /// operator may answer. Without operators it is the question as it always was.
    func prompt(in state: AppState, words: Messages? = nil) -> String {
        let words = words ?? Messages(state)
        let prompt = words.prompt(self)
        let operators = state.operators
        guard operators.isActive else { return prompt }
        var text = prompt
        if text.hasSuffix(words.yesNo) { text.removeLast(words.yesNo.count) }
        if text.hasSuffix("?") { text.removeLast() }
        if let approval = operators.approval {
            let managers = operators.managers
            let manager = managers.indices.contains(approval.selection) ? managers[approval.selection].name : nil
            return text + words.approvedBy(manager)
        }
        guard let who = operators.current?.name, AppReducer.guardedAction(of: self, in: state) != nil else { return prompt }
        return text + words.answeredBy(who)
    }
}
