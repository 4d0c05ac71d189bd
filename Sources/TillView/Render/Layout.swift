import TillCore

/// Where each part of the screen goes at a given size, and how many rows each list gets. The app
/// reducer scrolls lists by the same figures (`listRows(_:)`), so what it scrolls is what is drawn.
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
        body = Rect(x: 0, y: Layout.topRows, width: w, height: Layout.bodyRows(size))
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
        listRows(for: state.focus, in: state, screen: size)
    }

    /// Rows each list shows in this state at its screen size: what the app reducer scrolls by.
    @Sendable public static func listRows(_ state: AppState) -> ListRows {
        let screen = state.screen
        return ListRows(products: listRows(screen), prices: listRows(screen), cart: cartRows(screen),
                        history: listRows(screen))
    }

    // The rows of each part, as counts.
    //
    //     row 0        header          ┐ topRows
    //     row 1        pane tabs       │
    //     row 2        rule            ┘
    //     rows 3…h-4   the focused pane (the body)
    //     row h-3      rule            ┐ bottomRows
    //     row h-2      status line     │
    //     row h-1      key hints       ┘

    /// Rows above the body: header, tabs and a rule.
    public static let topRows = 3
    /// Rows below the body: a rule, the status line and the key hints.
    public static let bottomRows = 3
    /// Rows a list pane draws above its list: a title line and column headings.
    public static let listHeaderRows = 2
    /// Rows the cart keeps under its lines: a rule and the total.
    public static let cartFooterRows = 2
    /// The cart's quick-add line, between its title and its column headings.
    public static let quickAddRows = 1

    /// Rows of the body (the focused pane) on this screen.
    public static func bodyRows(_ screen: Size) -> Int {
        max(0, screen.height - topRows - bottomRows)
    }

    /// List rows of the products and prices panes.
    public static func listRows(_ screen: Size) -> Int { listRows(bodyRows: bodyRows(screen)) }

    /// List rows of the products and prices panes in a body of `bodyRows` rows.
    public static func listRows(bodyRows: Int) -> Int { max(1, bodyRows - listHeaderRows) }

    /// List rows of the cart (room is kept under the lines for the total).
    public static func cartRows(_ screen: Size) -> Int { cartRows(bodyRows: bodyRows(screen)) }

    /// List rows of the cart in a body of `bodyRows` rows.
    public static func cartRows(bodyRows: Int) -> Int {
        max(1, bodyRows - listHeaderRows - quickAddRows - cartFooterRows)
    }

    /// Rows the focused pane's list shows: what a page is for PgUp/PgDn and the window the
    /// reducer scrolls (1 for the checkout form, which has no list).
    public static func listRows(for pane: Pane, in state: AppState, screen: Size) -> Int {
        switch pane {
        case .products, .prices: listRows(screen)
        case .cart: cartRows(screen)
        case .checkout: 1
        case .session, .reports: 1
        case .history: listRows(screen)
        }
    }
}
