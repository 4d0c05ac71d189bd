import TillCore

// Drawing helpers shared by the panes.

enum Alignment { case left, right }

extension Frame {
    /// Draws text cut with "…" to `width` columns, left- or right-aligned in that width.
    @discardableResult
    mutating func text(_ string: String, x: Int, y: Int, width: Int, style: Style = [],
                       align: Alignment = .left) -> Int {
        guard width > 0 else { return x }
        let clip = Rect(x: x, y: y, width: width, height: 1)
        let string = redactingSecretKeys(in: string)
        if let count = asciiPrintableCount(string), count <= width {
            // The common case: plain ASCII that fits, drawn without sanitizing or measuring again.
            let start = align == .right ? x + width - count : x
            return putASCII(string, x: start, y: y, style: style, area: clip.intersection(bounds))
        }
        let clean = sanitize(string)
        let cut = truncate(clean, toWidth: width)
        let start = align == .right ? x + width - displayWidth(cut) : x
        return put(cut, x: start, y: y, style: style, clip: clip)
    }

    /// A pane's counts at the right of its title row, muted, with " · loading…" or " · load failed"
    /// after them; returns the columns they take.
    mutating func titleCounts(_ counts: String, loading: Bool, failed: Bool, language: Language, in row: Rect) -> Int {
        let text = counts + (loading ? ScreenPhrase.titleLoading.text(language)
                             : failed ? ScreenPhrase.titleLoadFailed.text(language) : "") + " "
        let width = displayWidth(text)
        self.text(text, x: row.maxX - width, y: row.y, width: width, style: .muted)
        return width
    }

    /// A horizontal line across `rect`'s first row.
    mutating func rule(_ rect: Rect, style: Style = .muted) {
        fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: min(1, rect.height)), with: "─", style: style)
    }

    /// Lines of text centred in `rect` (wrapped at spaces), for empty states and messages.
    mutating func centered(_ message: String, in rect: Rect, style: Style = []) {
        // Keep two columns clear at each side when there is room, so text never touches the edge.
        let rect = rect.width > 20 ? rect.inset(dx: 2, dy: 0) : rect
        guard !rect.isEmpty else { return }
        let lines = wordWrap(sanitize(message), toWidth: rect.width)
        let shown = lines.prefix(rect.height)
        var y = rect.y + max(0, (rect.height - shown.count) / 2)
        for line in shown {
            let w = displayWidth(line)
            put(line, x: rect.x + max(0, (rect.width - w) / 2), y: y, style: style, clip: rect)
            y += 1
        }
    }

    /// Lines of text wrapped at spaces from the top left of `rect`; returns the rows used.
    @discardableResult
    mutating func paragraph(_ message: String, in rect: Rect, style: Style = [], maxLines: Int = .max) -> Int {
        guard !rect.isEmpty else { return 0 }
        var lines = wordWrap(sanitize(message), toWidth: rect.width)
        let limit = min(rect.height, maxLines)
        if lines.count > limit {
            lines = Array(lines.prefix(limit))
            lines[limit - 1] = truncate(lines[limit - 1] + " …", toWidth: rect.width)
        }
        for (i, line) in lines.enumerated() {
            put(line, x: rect.x, y: rect.y + i, style: style, clip: rect)
        }
        return lines.count
    }

    /// Blanks `rect` in `style` (for overlays and the selection bar).
    mutating func clear(_ rect: Rect, style: Style = []) {
        fill(rect, with: " ", style: style)
    }
}
