import TillCore

/// The one way a list pane draws its rows: the window that keeps the selection in view (from the
/// reducer's first row, with the same rules at any other size), the selected row in reverse
/// across the width with a `>` marker, and each row's own text drawn by the pane.
struct ListView {
    /// Number of rows in the list.
    var count: Int
    var selection: Int
    /// The reducer's first visible row.
    var scrollTop: Int
    /// An overlay's list (parked carts) takes the cursor from the form beneath it.
    var takesCursorFromFields = false

    /// Draws the rows that fit in `area` and returns how many were drawn. `baseStyle` styles a row
    /// that is not selected (archived items are muted); `drawRow` writes row `index` at `y`.
    @discardableResult
    func draw(in area: Rect, into frame: inout Frame, baseStyle: (Int) -> Style = { _ in [] },
              _ drawRow: (inout Frame, _ index: Int, _ y: Int, _ style: Style) -> Void) -> Int {
        let top = ListScroll.top(scrollTop, selection: selection, count: count, rows: area.height)
        let shown = max(0, min(area.height, count - top))
        for row in 0..<shown {
            let index = top + row
            let y = area.y + row
            var style = baseStyle(index)
            if index == selection {
                style = [.reverse, .bold]
                frame.clear(area.row(row), style: style)
                frame.put(">", x: area.x, y: y, style: style)
                // The terminal cursor goes to the selected row: screen readers follow it.
                frame.placeFocusCursor(at: Point(x: area.x, y: y), over: takesCursorFromFields)
            }
            drawRow(&frame, index, y, style)
        }
        return shown
    }

    /// The rows of a list pane whose `body` starts with its title and headings rows; an empty list
    /// shows `empty` (its message and style: why it is empty or what to do) centred there instead.
    func drawInPane(_ body: Rect, into frame: inout Frame, empty: @autoclosure () -> (String, Style),
                    baseStyle: (Int) -> Style, _ drawRow: (inout Frame, _ index: Int, _ y: Int, _ style: Style) -> Void) {
        let list = Rect(x: body.x, y: body.y + Layout.listHeaderRows, width: body.width,
                        height: Layout.listRows(bodyRows: body.height))
        guard count > 0 else {
            let (message, style) = empty()
            frame.centered(message, in: list, style: style)
            return
        }
        draw(in: list, into: &frame, baseStyle: baseStyle, drawRow)
    }
}
