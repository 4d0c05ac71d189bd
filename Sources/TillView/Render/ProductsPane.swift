import TillCore

/// The products pane: title or filter line, column headings, and the visible rows of the list.
enum ProductsPane {
    /// Column positions for a body width.
    static func layout(_ rect: Rect) -> NamedRowColumns { NamedRowColumns(rect, figureWidth: 6, wideIDWidth: 24) }

    static func draw(_ state: AppState, keys: BindingTable = .standard, in body: Rect, into frame: inout Frame) {
        let products = state.products
        drawTitle(state, in: body.row(0), into: &frame)

        let columns = layout(body)
        let heading = body.y + 1
        frame.text("NAME", x: columns.text, y: heading, width: columns.textWidth, style: .bold)
        frame.text("PRICES", x: columns.figure, y: heading, width: columns.figureWidth, style: .bold, align: .right)
        frame.text("STATUS", x: columns.status, y: heading, width: NamedRowColumns.statusWidth, style: .bold)
        frame.text("CREATED (UTC)", x: columns.created, y: heading, width: NamedRowColumns.createdWidth, style: .bold)
        if let id = columns.id { frame.text("ID", x: id, y: heading, width: columns.idWidth, style: .bold) }

        let list = Rect(x: body.x, y: body.y + Layout.listHeaderRows, width: body.width,
                        height: Layout.listRows(bodyRows: body.height))
        guard !products.visible.isEmpty else {
            frame.centered(emptyMessage(state, keys: keys), in: list, style: emptyStyle(state))
            return
        }
        let rows = ListView(count: products.visible.count, selection: products.selection, scrollTop: products.scrollTop)
        rows.draw(in: list, into: &frame, baseStyle: { products.visibleProduct(at: $0).active ? [] : .muted }) { frame, index, y, style in
            let product = products.visibleProduct(at: index)
            frame.text(product.name, x: columns.text, y: y, width: columns.textWidth, style: style)
            let priceCount = products.activePriceCount(of: product.id).map { groupedDigits($0) } ?? "—"
            frame.text(priceCount, x: columns.figure, y: y, width: columns.figureWidth, style: style, align: .right)
            frame.text(product.active ? "active" : "archived", x: columns.status, y: y,
                       width: NamedRowColumns.statusWidth, style: style)
            frame.text(formatUTC(product.created), x: columns.created, y: y, width: NamedRowColumns.createdWidth, style: style)
            if let id = columns.id { frame.text(product.id, x: id, y: y, width: columns.idWidth, style: style) }
        }
    }

    /// "Products" and the count, or the filter field while filtering.
    private static func drawTitle(_ state: AppState, in row: Rect, into frame: inout Frame) {
        let products = state.products
        var counts = products.filter.isEmpty
            ? counted(products.items.count, "product")
            : "\(groupedDigits(products.visible.count)) of \(groupedDigits(products.items.count))"
        if products.isShowingCache { counts += " (cached)" }
        counts += " "
        let countsWidth = displayWidth(counts)
        frame.text(counts, x: row.maxX - countsWidth, y: row.y, width: countsWidth, style: .muted)

        if products.isFilterEditing || !products.filter.isEmpty {
            let x = frame.put(" Filter: ", x: row.x, y: row.y, style: .bold)
            let field = Rect(x: x, y: row.y, width: max(1, row.maxX - countsWidth - x - 2), height: 1)
            FormView.drawField(products.filter, in: field, focused: products.isFilterEditing && products.form == nil,
                               into: &frame)
        } else {
            frame.put(" Products", x: row.x, y: row.y, style: .bold)
        }
    }

    private static func emptyMessage(_ state: AppState, keys: BindingTable) -> String {
        let products = state.products
        if !products.filter.isEmpty && !products.items.isEmpty {
            return "No product matches \"\(products.filter.text)\". \(keys.keyLabel("clear-filter", in: products.isFilterEditing ? .filter : .products)) clears the filter."
        }
        switch products.load {
        case .loading: return "Loading products…"
        case .failed(let failure): return Messages(state, keys: keys).text(.loadFailed(.products, failure, retry: .productsReload))
        case .idle: return "No products yet. Press \(keys.keyLabel("new-product", in: .products)) to create one, or \(keys.keyLabel("new-price-and-product", in: .prices)) on the prices pane (\(keys.keyLabel("show-prices", in: .panes))) to create a product with its price."
        }
    }

    private static func emptyStyle(_ state: AppState) -> Style {
        if case .failed = state.products.load { return [.bold, .error] }
        return .muted
    }
}
