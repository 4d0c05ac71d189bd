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
        columns.drawHeadings(.colNicknameSKU, .colAmount, y: body.y + 1, language: language, into: &frame)
        let rows = ListView(count: prices.prices.count, selection: prices.selection, scrollTop: prices.scrollTop)
        rows.drawInPane(body, into: &frame, empty: (emptyMessage(state, keys: keys), emptyStyle(state)),
                        baseStyle: { prices.prices[$0].active ? [] : .muted }) { frame, index, y, style in
            let price = prices.prices[index]
            let label = [price.nickname, price.lookupKey].compactMap { $0 }.joined(separator: " · ")
            columns.drawRow(label.isEmpty ? "—" : label, figure: price.money.formatted, active: price.active,
                            created: price.created, id: price.id, y: y, style: style, language: language, into: &frame)
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
