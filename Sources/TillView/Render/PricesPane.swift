import TillCore

/// The prices pane: the opened product's prices.
enum PricesPane {
    /// Column positions for a body width.
    static func layout(_ rect: Rect) -> NamedRowColumns { NamedRowColumns(rect, figureWidth: 20, wideIDWidth: 30) }

    static func draw(_ state: AppState, keys: BindingTable = .standard, in body: Rect, into frame: inout Frame) {
        let prices = state.prices
        let language = state.settings.language
        let title = body.row(0)
        var countText = ""
        switch prices.load {
        case .loading: countText = ScreenPhrase.pricesLoading.text(language)
        case .failed: countText = ScreenPhrase.pricesLoadFailed.text(language)
        case .idle: if prices.productId != nil { countText = ScreenPhrase.prices(prices.prices.count, language) + " " }
        }
        let countWidth = displayWidth(countText)
        frame.text(countText, x: title.maxX - countWidth, y: title.y, width: countWidth, style: .muted)
        let x = frame.put(ScreenPhrase.pricesTitle.text(language), x: title.x, y: title.y, style: .bold)
        if let name = prices.productName ?? prices.productId {
            frame.text(ScreenPhrase.pricesOf.text(language, "name", name), x: x, y: title.y, width: title.maxX - countWidth - x - 1, style: .bold)
        }

        let columns = layout(body)
        let heading = body.y + 1
        frame.text(ScreenPhrase.colNicknameSKU.text(language), x: columns.text, y: heading, width: columns.textWidth, style: .bold)
        frame.text(ScreenPhrase.colAmount.text(language), x: columns.figure, y: heading, width: columns.figureWidth, style: .bold, align: .right)
        frame.text(ScreenPhrase.colStatus.text(language), x: columns.status, y: heading, width: NamedRowColumns.statusWidth, style: .bold)
        frame.text(ScreenPhrase.colCreated.text(language), x: columns.created, y: heading, width: NamedRowColumns.createdWidth, style: .bold)
        if let id = columns.id { frame.text(ScreenPhrase.colID.text(language), x: id, y: heading, width: columns.idWidth, style: .bold) }

        let list = Rect(x: body.x, y: body.y + Layout.listHeaderRows, width: body.width,
                        height: Layout.listRows(bodyRows: body.height))
        guard !prices.prices.isEmpty else {
            frame.centered(emptyMessage(state, keys: keys), in: list, style: emptyStyle(state))
            return
        }
        let rows = ListView(count: prices.prices.count, selection: prices.selection, scrollTop: prices.scrollTop)
        rows.draw(in: list, into: &frame, baseStyle: { prices.prices[$0].active ? [] : .muted }) { frame, index, y, style in
            let price = prices.prices[index]
            let label = [price.nickname, price.lookupKey].compactMap { $0 }.joined(separator: " · ")
            frame.text(label.isEmpty ? "—" : label, x: columns.text, y: y, width: columns.textWidth, style: style)
            frame.text(price.money.formatted, x: columns.figure, y: y, width: columns.figureWidth, style: style,
                       align: .right)
            frame.text((price.active ? ScreenPhrase.active : .archived).text(language), x: columns.status, y: y,
                       width: NamedRowColumns.statusWidth, style: style)
            frame.text(formatUTC(price.created), x: columns.created, y: y, width: NamedRowColumns.createdWidth, style: style)
            if let id = columns.id { frame.text(price.id, x: id, y: y, width: columns.idWidth, style: style) }
        }
    }

    private static func emptyMessage(_ state: AppState, keys: BindingTable) -> String {
        let prices = state.prices
        let language = state.settings.language
        guard prices.productId != nil else {
            return ScreenPhrase.pricesNoProduct.text(language, "products", keys.keyLabel(.showProducts, in: .panes),
                                                     "open", keys.keyLabel(.openPrices, in: .products),
                                                     "newWithPrice", keys.keyLabel(.newPriceAndProduct, in: .prices))
        }
        switch prices.load {
        case .loading: return ScreenPhrase.pricesLoadingMessage.text(language)
        case .failed(let failure):
            return Messages(state, keys: keys).text(.loadFailed(.prices, failure, retry: .pricesReload))
        case .idle: return ScreenPhrase.pricesNone.text(language, "key", keys.keyLabel(.newPrice, in: .prices))
        }
    }

    private static func emptyStyle(_ state: AppState) -> Style {
        if case .failed = state.prices.load { return [.bold, .error] }
        return .muted
    }
}
