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
        columns.drawHeadings(.colName, .colPrices, y: body.y + 1, language: language, into: &frame)
        let rows = ListView(count: products.visible.count, selection: products.selection, scrollTop: products.scrollTop)
        rows.drawInPane(body, into: &frame, empty: (emptyMessage(state, keys: keys), emptyStyle(state)),
                        baseStyle: { products.visibleProduct(at: $0, in: state.catalog).active ? [] : .muted }) { frame, index, y, style in
            let product = products.visibleProduct(at: index, in: state.catalog)
            let priceCount = state.catalog.activePriceCount(of: product.id).map { groupedDigits($0) } ?? "—"
            columns.drawRow(product.name, figure: priceCount, active: product.active, created: product.created, id: product.id,
                            y: y, style: style, language: language, into: &frame)
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
