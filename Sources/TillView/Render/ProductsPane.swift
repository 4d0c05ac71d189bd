import TillCore

/// The products pane: title or filter line, column headings, and the visible rows of the list.
enum ProductsPane {
    /// Column positions for a body width.
    static func layout(_ rect: Rect) -> NamedRowColumns { NamedRowColumns(rect, figureWidth: 6, wideIDWidth: 24) }

    static func draw(_ state: AppState, keys: BindingTable = .standard, in body: Rect, into frame: inout Frame) {
        let products = state.products
        let language = state.settings.language
        drawTitle(state, in: body.row(0), into: &frame)

        let columns = layout(body)
        let heading = body.y + 1
        frame.text(ScreenPhrase.colName.text(language), x: columns.text, y: heading, width: columns.textWidth, style: .bold)
        frame.text(ScreenPhrase.colPrices.text(language), x: columns.figure, y: heading, width: columns.figureWidth, style: .bold, align: .right)
        frame.text(ScreenPhrase.colStatus.text(language), x: columns.status, y: heading, width: NamedRowColumns.statusWidth, style: .bold)
        frame.text(ScreenPhrase.colCreated.text(language), x: columns.created, y: heading, width: NamedRowColumns.createdWidth, style: .bold)
        if let id = columns.id { frame.text(ScreenPhrase.colID.text(language), x: id, y: heading, width: columns.idWidth, style: .bold) }

        let list = Rect(x: body.x, y: body.y + Layout.listHeaderRows, width: body.width,
                        height: Layout.listRows(bodyRows: body.height))
        guard !products.visible.isEmpty else {
            frame.centered(emptyMessage(state, keys: keys), in: list, style: emptyStyle(state))
            return
        }
        let rows = ListView(count: products.visible.count, selection: products.selection, scrollTop: products.scrollTop)
        rows.draw(in: list, into: &frame, baseStyle: { products.visibleProduct(at: $0, in: state.catalog).active ? [] : .muted }) { frame, index, y, style in
            let product = products.visibleProduct(at: index, in: state.catalog)
            frame.text(product.name, x: columns.text, y: y, width: columns.textWidth, style: style)
            let priceCount = state.catalog.activePriceCount(of: product.id).map { groupedDigits($0) } ?? "—"
            frame.text(priceCount, x: columns.figure, y: y, width: columns.figureWidth, style: style, align: .right)
            frame.text((product.active ? ScreenPhrase.active : .archived).text(language), x: columns.status, y: y,
                       width: NamedRowColumns.statusWidth, style: style)
            frame.text(formatUTC(product.created), x: columns.created, y: y, width: NamedRowColumns.createdWidth, style: style)
            if let id = columns.id { frame.text(product.id, x: id, y: y, width: columns.idWidth, style: style) }
        }
    }

    /// "Products" and the count, or the filter field while filtering.
    private static func drawTitle(_ state: AppState, in row: Rect, into frame: inout Frame) {
        let products = state.products
        let language = state.settings.language
        var counts = products.filter.isEmpty
            ? ScreenPhrase.products(state.catalog.items.count, language)
            : ScreenPhrase.filteredCount.text(language, "shown", groupedDigits(products.visible.count),
                                              "total", groupedDigits(state.catalog.items.count))
        if state.catalog.isShowingCache { counts += ScreenPhrase.cached.text(language) }
        counts += " "
        let countsWidth = displayWidth(counts)
        frame.text(counts, x: row.maxX - countsWidth, y: row.y, width: countsWidth, style: .muted)

        if products.isFilterEditing || !products.filter.isEmpty {
            let x = frame.put(ScreenPhrase.filterLabel.text(language), x: row.x, y: row.y, style: .bold)
            let field = Rect(x: x, y: row.y, width: max(1, row.maxX - countsWidth - x - 2), height: 1)
            FormView.drawField(products.filter, in: field, focused: products.isFilterEditing && products.form == nil,
                               into: &frame)
        } else {
            frame.put(ScreenPhrase.productsTitle.text(language), x: row.x, y: row.y, style: .bold)
        }
    }

    private static func emptyMessage(_ state: AppState, keys: BindingTable) -> String {
        let products = state.products
        let language = state.settings.language
        if !products.filter.isEmpty && !state.catalog.items.isEmpty {
            return ScreenPhrase.productsNoMatch.text(language, "filter", products.filter.text,
                                                     "key", keys.keyLabel(.clearFilter, in: products.isFilterEditing ? .filter : .products))
        }
        switch state.catalog.load.phase {
        case .loading: return ScreenPhrase.productsLoading.text(language)
        case .failed(let failure):
            return Messages(state, keys: keys).text(.loadFailed(.products, failure, retry: .productsReload))
        case .idle:
            return ScreenPhrase.productsNone.text(language, "new", keys.keyLabel(.newProduct, in: .products),
                                                  "newWithPrice", keys.keyLabel(.newPriceAndProduct, in: .prices),
                                                  "prices", keys.keyLabel(.showPrices, in: .panes))
        }
    }

    private static func emptyStyle(_ state: AppState) -> Style {
        if case .failed = state.catalog.load.phase { return [.bold, .error] }
        return .muted
    }
}
