import TillCore

/// The products pane: title or filter line, column headings, and the visible rows of the list.
enum ProductsPane {
    /// Column positions for a body width.
    struct Columns {
        let name: Int, nameWidth: Int
        let prices: Int, status: Int, created: Int
        let id: Int?, idWidth: Int

        static let pricesWidth = 6, statusWidth = 8, createdWidth = 16

        init(_ rect: Rect) {
            // marker(2) name  prices  status  created  [id]  margin(1)
            let wide = rect.width >= 110
            idWidth = wide ? 24 : 0
            let fixed = 2 + (2 + Columns.pricesWidth) + (2 + Columns.statusWidth) + (2 + Columns.createdWidth)
                + (wide ? 2 + idWidth : 0) + 1
            name = rect.x + 2
            nameWidth = max(4, rect.width - fixed)
            prices = name + nameWidth + 2
            status = prices + Columns.pricesWidth + 2
            created = status + Columns.statusWidth + 2
            id = wide ? created + Columns.createdWidth + 2 : nil
        }
    }

    static func draw(_ state: AppState, in body: Rect, into frame: inout Frame) {
        let catalog = state.catalog
        drawTitle(state, in: body.row(0), into: &frame)

        let columns = Columns(body)
        let heading = body.y + 1
        frame.text("NAME", x: columns.name, y: heading, width: columns.nameWidth, style: .bold)
        frame.text("PRICES", x: columns.prices, y: heading, width: Columns.pricesWidth, style: .bold, align: .right)
        frame.text("STATUS", x: columns.status, y: heading, width: Columns.statusWidth, style: .bold)
        frame.text("CREATED (UTC)", x: columns.created, y: heading, width: Columns.createdWidth, style: .bold)
        if let id = columns.id { frame.text("ID", x: id, y: heading, width: columns.idWidth, style: .bold) }

        let list = Rect(x: body.x, y: body.y + ScreenLayout.listHeaderRows, width: body.width,
                        height: ScreenLayout.listRows(bodyRows: body.height))
        guard !catalog.visible.isEmpty else {
            frame.centered(emptyMessage(state), in: list, style: emptyStyle(state))
            return
        }
        let count = catalog.visible.count
        // The reducer's window; the same rules keep the selection in view at any other size.
        let top = ListScroll.top(catalog.scrollTop, selection: catalog.selection, count: count, rows: list.height)
        for row in 0..<min(list.height, count - top) {
            let index = top + row
            let product = catalog.visibleProduct(at: index)
            let y = list.y + row
            let selected = index == catalog.selection
            var style: Style = product.active ? [] : .muted
            if selected {
                style = [.reverse, .bold]
                frame.clear(list.row(row), style: style)
                frame.put(">", x: body.x, y: y, style: style)
            }
            frame.text(product.name, x: columns.name, y: y, width: columns.nameWidth, style: style)
            let priceCount = catalog.priceCounts[product.id].map { grouped($0) } ?? "—"
            frame.text(priceCount, x: columns.prices, y: y, width: Columns.pricesWidth, style: style, align: .right)
            frame.text(product.active ? "active" : "archived", x: columns.status, y: y,
                       width: Columns.statusWidth, style: style)
            frame.text(formatUTC(product.created), x: columns.created, y: y, width: Columns.createdWidth, style: style)
            if let id = columns.id { frame.text(product.id, x: id, y: y, width: columns.idWidth, style: style) }
        }
    }

    /// "Products" and the count, or the filter field while filtering.
    private static func drawTitle(_ state: AppState, in row: Rect, into frame: inout Frame) {
        let catalog = state.catalog
        var counts = catalog.filter.isEmpty
            ? counted(catalog.products.count, "product")
            : "\(grouped(catalog.visible.count)) of \(grouped(catalog.products.count))"
        if catalog.isShowingCache { counts += " (cached)" }
        counts += " "
        let countsWidth = displayWidth(counts)
        frame.text(counts, x: row.maxX - countsWidth, y: row.y, width: countsWidth, style: .muted)

        if catalog.isFilterEditing || !catalog.filter.isEmpty {
            let x = frame.put(" Filter: ", x: row.x, y: row.y, style: .bold)
            let field = Rect(x: x, y: row.y, width: max(1, row.maxX - countsWidth - x - 2), height: 1)
            FormView.drawField(catalog.filter, in: field, focused: catalog.isFilterEditing && catalog.form == nil,
                               into: &frame)
        } else {
            frame.put(" Products", x: row.x, y: row.y, style: .bold)
        }
    }

    private static func emptyMessage(_ state: AppState) -> String {
        let catalog = state.catalog
        if !catalog.filter.isEmpty && !catalog.products.isEmpty {
            return "No product matches \"\(catalog.filter.text)\". Esc clears the filter."
        }
        switch catalog.load {
        case .loading: return "Loading products…"
        case .failed(let failure): return "Could not load products: \(failure.description) Press r to retry."
        case .idle: return "No products yet. Press n to create one, or N on the prices pane (2) to create a product with its price."
        }
    }

    private static func emptyStyle(_ state: AppState) -> Style {
        if case .failed = state.catalog.load { return [.bold, .error] }
        return .muted
    }
}
