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

    /// Moves a list's selection and first visible row in place.
    public static func apply(_ movement: Movement, selection: inout Int, top: inout Int, count: Int, rows: Int) {
        (selection, top) = move(movement, selection: selection, top: top, count: count, rows: rows)
    }
}

/// How many rows each list shows on screen. The view layer, which owns the screen's geometry,
/// works them out for a state (`Layout.listRows` in TillView); TillCore knows no header or footer rows.
public struct ListRows: Hashable, Sendable {
    public var products: Int
    public var prices: Int
    public var cart: Int
    /// The history pane's list.
    public var history: Int

    public init(products: Int, prices: Int, cart: Int, history: Int) {
        self.products = products
        self.prices = prices
        self.cart = cart
        self.history = history
    }
}
