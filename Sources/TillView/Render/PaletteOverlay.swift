import TillCore

/// The command palette over the focused pane: the typed text, then the commands (and products)
/// it finds, each with its keys and where they work.
enum PaletteOverlay {
    static func draw(_ state: AppState, keys: BindingTable, in area: Rect, into frame: inout Frame) {
        // The size of the screen at hand: entries run PgUp/PgDn by it.
        let entries = paletteEntries(state, context: KeyContext(now: state.now, freshID: "", size: state.screen), keys: keys)
        let width = min(area.width - 4, 90)
        let rows = max(1, min(12, area.height - 5))
        let box = area.centered(Size(width: width, height: rows + 4))
        frame.clear(Rect(x: area.x, y: box.y, width: area.width, height: box.height))
        frame.box(box, style: .accent, title: ScreenPhrase.paletteTitle.text(state.settings.language, "count", String(entries.count)))
        let inner = box.inset(dx: 1, dy: 1)
        let x = frame.put(" : ", x: inner.x, y: inner.y, style: [.bold, .accent])
        FormView.drawField(state.palette.query, in: Rect(x: x, y: inner.y, width: max(1, inner.maxX - x - 1), height: 1),
                           focused: true, into: &frame)
        let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: rows)
        guard !entries.isEmpty else {
            frame.text(ScreenPhrase.paletteNoMatch.text(state.settings.language, "key", keys.keyLabel(.close, in: .palette)), x: list.x, y: list.y, width: list.width, style: .muted)
            return
        }
        let keysWidth = 14, scopeWidth = 22
        let titleWidth = max(4, list.width - keysWidth - scopeWidth - 6)
        let view = ListView(count: entries.count, selection: state.palette.selection,
                            scrollTop: max(0, state.palette.selection - rows + 1))
        view.draw(in: list, into: &frame) { frame, index, y, style in
            let entry = entries[index]
            frame.text(entry.title, x: list.x + 2, y: y, width: titleWidth, style: style)
            frame.text(entry.keys, x: list.x + 3 + titleWidth, y: y, width: keysWidth, style: style.union(.bold))
            frame.text(entry.scope, x: list.x + 4 + titleWidth + keysWidth, y: y, width: scopeWidth, style: style.union(.dim))
        }
    }
}
