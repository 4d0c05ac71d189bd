import TillCore

/// A whole screen as a row-major grid of cells, plus where the terminal cursor should be.
public struct Frame: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major: the cell at column x, row y is `cells[y * width + x]`.
    public private(set) var cells: [Cell]
    /// Where the terminal cursor sits: the focused field's insertion point, else the start of the
    /// selected row, else the status line, so screen readers and braille displays follow what
    /// has the keys. Nil leaves it where curses likes (a screen with nothing focused).
    public var cursor: Point?
    /// Whether the cursor is drawn: always on a field; on a row or the status line only in
    /// screen-reader mode (it is still moved there, hidden, for tools that track its position).
    public var isCursorVisible: Bool
    /// Whether `cursor` is a field's insertion point, which a list's row must not take over.
    var isCursorOnField: Bool

    /// A blank frame; negative sizes count as 0.
    public init(size: Size) {
        width = max(0, size.width)
        height = max(0, size.height)
        cells = Array(repeating: .blank, count: width * height)
        cursor = nil
        isCursorVisible = false
        isCursorOnField = false
    }

    /// Put the cursor at a text field's insertion point (shown).
    mutating func placeFieldCursor(at point: Point) {
        cursor = point
        isCursorVisible = true
        isCursorOnField = true
    }

    /// Put the cursor (hidden) at the start of what has the keys (a selected row, a question),
    /// unless a field already holds it; `over` takes it from a field too (an overlay above the form).
    mutating func placeFocusCursor(at point: Point, over: Bool = false) {
        guard over || !isCursorOnField || cursor == nil else { return }
        cursor = point
        isCursorVisible = false
        isCursorOnField = false
    }

    public var size: Size { Size(width: width, height: height) }
    /// The whole frame as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column x, row y (which must be inside the frame).
    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// One row as text: each grapheme once (a wide character's right half adds nothing),
    /// trailing spaces kept so frames compare exactly.
    public func row(_ y: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * 2)
        appendRow(y, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// All rows joined by "\n" (no final newline).
    public func text() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity((width * 2 + 1) * height)
        for y in 0..<height {
            if y > 0 { bytes.append(0x0A) }
            appendRow(y, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func appendRow(_ y: Int, to bytes: inout [UInt8]) {
        let start = y * width
        for i in start..<start + width { cells[i].appendUTF8(to: &bytes) }
    }

    // MARK: Drawing

    /// Draws `string` (sanitized first) from column x on row y, clipped to `clip` and the frame,
    /// by grapheme cluster and display width. Returns the column after the last one drawn.
    @discardableResult
    public mutating func put(_ string: String, x: Int, y: Int, style: Style = [], clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.minY, y < area.maxY, x < area.maxX else { return x }
        // A key is printable ASCII, so it is redacted before the ASCII fast path.
        let string = redactingSecretKeys(in: string)
        if asciiPrintableCount(string) != nil {
            return putASCII(string, x: x, y: y, style: style, area: area)
        }
        let text = sanitize(string)
        var column = x
        var lastDrawn: Int? = nil
        for character in text {
            let w = displayWidth(character)
            if w == 0 {
                // A lone combining mark or zero-width character: attach it to the cell before.
                if let lastDrawn { cells[lastDrawn].text.append(character) }
                continue
            }
            if column + w > area.maxX { break }
            if column < area.minX {
                // A wide character cut by the left edge shows as a space in its visible half.
                if column + w > area.minX { setNarrow(" ", x: area.minX, y: y, style: style) }
                column += w
                continue
            }
            if !Cell.canHold(character) {
                // A cluster no cell can hold whole (a ZWJ family emoji): "�" and spaces over
                // the same columns, never the partial glyph its first scalar would draw.
                for offset in 0..<w { setNarrow(offset == 0 ? "\u{FFFD}" : " ", x: column + offset, y: y, style: style) }
            } else if w == 2 {
                setWide(String(character), x: column, y: y, style: style)
            } else {
                setNarrow(String(character), x: column, y: y, style: style)
            }
            lastDrawn = y * width + column
            column += w
        }
        return column
    }

    /// Draws printable ASCII (the caller has checked): one byte, one cell.
    mutating func putASCII(_ string: String, x: Int, y: Int, style: Style, area: Rect) -> Int {
        guard y >= area.minY, y < area.maxY else { return x }
        var column = x
        for byte in string.utf8 {
            if column >= area.maxX { break }
            if column >= area.minX { setCell(Cell(ascii: byte, style: style), x: column, y: y) }
            column += 1
        }
        return column
    }

    /// Fills `rect` (clipped to the frame) with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = []) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let text = sanitize(String(character))
        let w = displayWidth(text)
        let narrow = Cell(text: w == 1 ? text : " ", width: 1, style: style)
        for y in area.minY..<area.maxY {
            var x = area.minX
            while x < area.maxX {
                if w == 2 && x + 1 < area.maxX {
                    setWide(text, x: x, y: y, style: style)
                    x += 2
                } else {
                    setCell(narrow, x: x, y: y)
                    x += 1
                }
            }
        }
    }

    /// Adds `style` to every cell of `rect` (e.g. a reverse-video selection bar), keeping the text.
    public mutating func addStyle(_ style: Style, to rect: Rect) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.minY..<area.maxY {
            for x in area.minX..<area.maxX {
                var s = cells[y * width + x].style
                let role = style.role
                s.formUnion(style.attributes)
                if let role { s.role = role }
                cells[y * width + x].style = s
            }
        }
    }

    /// Line characters for boxes.
    public enum Lines: Sendable {
        /// + - |
        case ascii
        /// ┌ ─ ┐ │ └ ┘
        case unicode
    }

    /// Draws a border around `rect` (clipped to the frame), with an optional title in the top edge.
    public mutating func box(_ rect: Rect, style: Style = [], lines: Lines = .unicode, title: String? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let (h, v, tl, tr, bl, br): (String, String, String, String, String, String) = switch lines {
        case .ascii: ("-", "|", "+", "+", "+", "+")
        case .unicode: ("─", "│", "┌", "┐", "└", "┘")
        }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.minX + 1..<right {
            putCell(h, x: x, y: rect.minY, style: style)
            putCell(h, x: x, y: bottom, style: style)
        }
        for y in rect.minY + 1..<bottom {
            putCell(v, x: rect.minX, y: y, style: style)
            putCell(v, x: right, y: y, style: style)
        }
        putCell(tl, x: rect.minX, y: rect.minY, style: style)
        putCell(tr, x: right, y: rect.minY, style: style)
        putCell(bl, x: rect.minX, y: bottom, style: style)
        putCell(br, x: right, y: bottom, style: style)
        if let title, rect.width > 4 {
            let text = truncate(" " + title + " ", toWidth: rect.width - 2)
            put(text, x: rect.minX + 1, y: rect.minY, style: style.union(.bold),
                clip: Rect(x: rect.minX + 1, y: rect.minY, width: rect.width - 2, height: 1))
        }
    }

    /// Writes prepared one-column cells from column x on row y, which the caller has checked
    /// fit the frame: for a drawing redrawn on every frame, such as a QR code.
    mutating func setCells(_ row: [Cell], x: Int, y: Int) {
        for (i, cell) in row.enumerated() { setCell(cell, x: x + i, y: y) }
    }

    // MARK: Cells

    private mutating func putCell(_ text: String, x: Int, y: Int, style: Style) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        setNarrow(text, x: x, y: y, style: style)
    }

    /// Writes a one-column grapheme, first breaking any wide character it overlaps.
    private mutating func setNarrow(_ text: String, x: Int, y: Int, style: Style) {
        setCell(Cell(text: text, width: 1, style: style), x: x, y: y)
    }

    /// Writes a one-column cell, first breaking any wide character it overlaps.
    @inline(__always)
    private mutating func setCell(_ cell: Cell, x: Int, y: Int) {
        let i = y * width + x
        if cells[i].width != 1 { breakWide(at: i, x: x) }
        cells[i] = cell
    }

    /// Writes a two-column grapheme at x and its right half at x + 1 (the caller checks it fits).
    private mutating func setWide(_ text: String, x: Int, y: Int, style: Style) {
        let i = y * width + x
        breakWide(at: i, x: x)
        breakWide(at: i + 1, x: x + 1)
        cells[i] = Cell(text: text, width: 2, style: style)
        cells[i + 1] = Cell(text: "", width: 0, style: style)
    }

    /// If cell i is half of a wide character, blanks the other half so no half-character remains.
    private mutating func breakWide(at i: Int, x: Int) {
        let cell = cells[i]
        if cell.width == 0, x > 0 {
            cells[i - 1] = Cell(text: " ", width: 1, style: cells[i - 1].style)
        } else if cell.width == 2, x + 1 < width {
            cells[i + 1] = Cell(text: " ", width: 1, style: cell.style)
        }
    }
}
