import Foundation

/// The scroll rules every list follows, with `top` the first visible row (as good TUIs do):
/// moving within the window does not scroll, moving past an edge scrolls just enough to show the
/// selection, a page moves the selection and the window together, and the window never leaves
/// blank rows at the bottom while rows above it are hidden.
public enum ListScroll {
    /// The first visible row that shows `selection` with the least movement from `top`, clamped
    /// so the window is full whenever the list has enough rows.
    public static func top(_ top: Int, selection: Int, count: Int, rows: Int) -> Int {
        let rows = max(1, rows)
        guard count > rows else { return 0 }
        let selection = min(max(selection, 0), count - 1)
        var top = min(max(top, 0), count - rows)
        if selection < top { top = selection }
        if selection >= top + rows { top = selection - rows + 1 }
        return top
    }

    /// The selection and first visible row after `movement` in a list of `count` rows showing `rows`.
    /// A page moves both by the page, so the selection keeps its place on screen.
    public static func move(_ movement: Movement, selection: Int, top: Int, count: Int,
                            rows: Int) -> (selection: Int, top: Int) {
        let newSelection = movement.apply(to: selection, count: count)
        var newTop = top
        switch movement {
        case .pageUp(let page): newTop = top - max(1, page)
        case .pageDown(let page): newTop = top + max(1, page)
        case .up, .down, .top, .bottom: break
        }
        return (newSelection, ListScroll.top(newTop, selection: newSelection, count: count, rows: rows))
    }

    /// Brings every list's first visible row in line with its selection, length and window at the
    /// current screen size. Run after every action, so filtering, reloading, removing lines and
    /// resizing all clamp the windows; where nothing changed it changes nothing.
    static func settle(_ state: inout AppState) {
        let screen = state.screen
        let listRows = ScreenLayout.listRows(screen)
        state.catalog.scrollTop = top(state.catalog.scrollTop, selection: state.catalog.selection,
                                      count: state.catalog.visible.count, rows: listRows)
        state.prices.scrollTop = top(state.prices.scrollTop, selection: state.prices.selection,
                                     count: state.prices.prices.count, rows: listRows)
        state.cart.scrollTop = top(state.cart.scrollTop, selection: state.cart.selection,
                                   count: state.cart.cart.lines.count, rows: ScreenLayout.cartRows(screen))
        let sessions = state.sessions.history.count
        // The history's rows depend on the open session's URL: measured only when it can matter.
        state.sessions.scrollTop = sessions < 2 ? 0 : top(state.sessions.scrollTop, selection: state.sessions.selection,
                                                          count: sessions, rows: ScreenLayout.historyRows(state, screen: screen))
    }
}
