import TillCore

extension Confirmation {
    /// Whether the question itself is about real money (then it is all drawn as LIVE).
    var isLiveMoney: Bool {
        switch self {
        case .liveCheckout, .refund(_, live: true): true
        default: false
        }
    }
}

/// The y/n question and the `?` help overlay, drawn over everything else.
enum Overlays {
    static func drawConfirmation(_ question: Confirmation, state: AppState, layout: Layout, into frame: inout Frame) {
        let width = min(layout.size.width - 8, 64)
        let words = Messages(state)
        var lines = wordWrap(sanitize(question.prompt(in: state, words: words)), toWidth: width - 4)
        // A manager's PIN is asked in the question itself.
        if let approval = state.operators.approval {
            lines.append("")
            lines.append(approval.isChecking ? "Manager's PIN: checking…"
                         : "Manager's PIN: " + String(repeating: "•", count: approval.digits.count))
            if let message = approval.message { lines += wordWrap(sanitize(words.text(message)), toWidth: width - 4) }
        }
        // With a live key a warning line leads, unless the question itself is about real money.
        var liveLines = 0..<0
        if question.isLiveMoney {
            liveLines = 0..<lines.count
        } else if state.environment.mode == .live {
            lines.insert("LIVE account: this changes real data.", at: 0)
            liveLines = 0..<1
        }
        let box = layout.body.centered(Size(width: width, height: lines.count + 4))
        frame.clear(Rect(x: box.x - 1, y: box.y, width: box.width + 2, height: box.height))
        frame.box(box, style: [.bold, .warning], title: "Confirm")
        // The question has the keys, so the cursor goes to its first line (over any field).
        frame.placeFocusCursor(at: Point(x: box.x + 2, y: box.y + 2), over: true)
        for (i, line) in lines.enumerated() where box.y + 2 + i < box.maxY - 1 {
            let style: Style = liveLines.contains(i) ? [.bold, .reverse, .error] : .bold
            frame.put(line, x: box.x + 2, y: box.y + 2 + i, style: style)
        }
    }

    /// Every binding in effect beneath the overlay, grouped by scope, in as many columns as fit.
    static func drawHelp(_ state: AppState, keys: BindingTable, layout: Layout, into frame: inout Frame) {
        // The overlay takes every row between the header and the hint bar.
        let box = Rect(x: 1, y: 1, width: layout.size.width - 2, height: layout.size.height - 2)
        frame.clear(Rect(x: 0, y: 1, width: layout.size.width, height: layout.size.height - 2))
        let close = keys.binding("close", in: .help)?.keys.map(\.label).joined(separator: " or ") ?? "?"
        frame.box(box, style: .accent, title: "Keys: " + paneTitle(state.focus) + "  (\(close) closes)")

        let entries = helpLines(state, keys: keys)
        let inner = box.inset(dx: 2, dy: 1)
        frame.placeFocusCursor(at: Point(x: inner.x, y: inner.y), over: true)
        let rows = inner.height
        let columnsNeeded = max(1, (entries.count + rows - 1) / max(1, rows))
        let columns = min(columnsNeeded, max(1, inner.width / 36))
        let columnWidth = inner.width / columns
        let keyWidth = 12
        for (i, entry) in entries.enumerated() {
            let column = i / rows
            guard column < columns else { break }
            let x = inner.x + column * columnWidth
            let y = inner.y + i % rows
            switch entry {
            case .heading(let title):
                frame.text(title, x: x, y: y, width: columnWidth - 1, style: [.bold, .underline])
            case .binding(let keys, let help):
                frame.text(keys, x: x + 1, y: y, width: keyWidth - 1, style: [.bold, .accent])
                frame.text(help, x: x + 2 + keyWidth, y: y, width: columnWidth - keyWidth - 3)
            }
        }
        if columnsNeeded > columns {
            let more = " more keys: docs/keys.md "
            frame.put(more, x: box.maxX - displayWidth(more) - 2, y: box.maxY - 1, style: .accent)
        }
    }

    enum HelpLine: Hashable {
        case heading(String)
        case binding(keys: String, help: String)
    }

    /// The help overlay's lines: a heading per scope, then its bindings.
    static func helpLines(_ state: AppState, keys: BindingTable = .standard) -> [HelpLine] {
        var lines: [HelpLine] = []
        for scope in underlyingScopes(state) {
            // Only what applies here: no "expire" once the session is paid.
            let scoped = keys.bindings(in: scope).filter { $0.isOffered(state) }
            guard !scoped.isEmpty else { continue }
            lines.append(.heading(scope.title))
            for binding in scoped { lines.append(.binding(keys: binding.keyLabel, help: binding.help)) }
        }
        return lines
    }
}
