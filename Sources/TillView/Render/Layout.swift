import TillCore

/// Where each part of the screen goes at a given size. The row counts come from TillCore's
/// `ScreenLayout`, which the reducer scrolls lists by, so what it scrolls is what is drawn.
///
///     row 0        header: Till, environment, API host, cart summary
///     row 1        pane tabs
///     row 2        rule
///     rows 3…h-4   the focused pane (the body)
///     row h-3      rule
///     row h-2      status line
///     row h-1      key hints
public struct Layout: Hashable, Sendable {
    /// The smallest screen Till draws its panes on; below it a message asks for more room.
    public static let minimumSize = Size(width: 80, height: 24)

    public let size: Size
    /// Row 0: Till, the environment badge, the API host, the cart summary.
    public let header: Rect
    /// Row 1: the pane tabs.
    public let tabs: Rect
    /// Row 2: a rule.
    public let topRule: Rect
    /// The focused pane's rows.
    public let body: Rect
    /// The rule above the status line.
    public let bottomRule: Rect
    /// The status line: last message, background progress.
    public let status: Rect
    /// The key-hint bar, the last row.
    public let hints: Rect

    public init(size: Size) {
        self.size = size
        let w = max(0, size.width), h = max(0, size.height)
        header = Rect(x: 0, y: 0, width: w, height: 1)
        tabs = Rect(x: 0, y: 1, width: w, height: 1)
        topRule = Rect(x: 0, y: 2, width: w, height: 1)
        body = Rect(x: 0, y: ScreenLayout.topRows, width: w, height: ScreenLayout.bodyRows(ScreenSize(size)))
        bottomRule = Rect(x: 0, y: h - 3, width: w, height: 1)
        status = Rect(x: 0, y: h - 2, width: w, height: 1)
        hints = Rect(x: 0, y: h - 1, width: w, height: 1)
    }

    /// Whether the screen is big enough for the panes.
    public var fits: Bool {
        size.width >= Layout.minimumSize.width && size.height >= Layout.minimumSize.height
    }

    /// Rows a page of the focused list moves by (for PgUp/PgDn) at this terminal size.
    public static func listRows(for state: AppState, size: Size) -> Int {
        ScreenLayout.listRows(for: state.focus, in: state, screen: ScreenSize(size))
    }
}

extension ScreenSize {
    /// The size in cells of a view `Size`.
    init(_ size: Size) { self.init(columns: max(0, size.width), rows: max(0, size.height)) }
}
