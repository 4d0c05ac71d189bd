import TillCore

/// The cart's quick-add line and, under it, the best matches (each with its price) or the
/// chooser of a product's prices. Drawn over the cart's rows, which come back when the line empties.
enum QuickAddLine {
    static func draw(_ state: AppState, keys: BindingTable = .standard, in area: Rect, into frame: inout Frame) {
        guard area.height > 0 else { return }
        let quickAdd = state.quickAdd
        let language = state.settings.language
        let label = ScreenPhrase.quickAddLabel.text(language)
        let x = frame.put(label, x: area.x, y: area.y, style: [.bold, .accent])
        let field = Rect(x: x, y: area.y, width: max(1, area.maxX - x - 1), height: 1)
        let focused = state.cart.oneOffForm == nil && quickAdd.chooser == nil
        FormView.drawField(quickAdd.query, in: field, focused: focused, into: &frame)
        if quickAdd.query.isEmpty {
            frame.text(ScreenPhrase.quickAddPlaceholder.text(language, "key", keys.keyLabel(.checkOut, in: .cart)), x: field.x + 1, y: field.y,
                       width: field.width - 1, style: [.underline, .muted])
        }
        let popup = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1))
        if let chooser = quickAdd.chooser {
            drawChooser(chooser, keys: keys, language: language, in: popup, into: &frame)
        } else if !quickAdd.query.isEmpty {
            drawMatches(state, keys: keys, in: popup, into: &frame)
        }
    }

    /// Up to five matches, the one Enter adds in reverse video.
    private static func drawMatches(_ state: AppState, keys: BindingTable, in area: Rect, into frame: inout Frame) {
        let quickAdd = state.quickAdd
        let language = state.settings.language
        let shown = Array(quickAdd.matches.prefix(min(QuickAddState.shownMatches, max(0, area.height - 1))))
        let width = area.width
        var y = area.y
        if shown.isEmpty {
            frame.clear(Rect(x: area.x, y: y, width: width, height: 1), style: .reverse)
            frame.text(ScreenPhrase.quickAddNoMatch.text(language, "key", keys.keyLabel(.clearLine, in: .cart)), x: area.x, y: y, width: width, style: .reverse)
            return
        }
        let priceWidth = 22
        for (row, index) in shown.enumerated() {
            let product = state.catalog.items[index]
            let style: Style = row == quickAdd.selection ? [.reverse, .bold] : .reverse
            frame.clear(Rect(x: area.x, y: y, width: width, height: 1), style: style)
            frame.text("   " + product.name, x: area.x, y: y, width: max(1, width - priceWidth - 1), style: style)
            frame.text(priceLabel(product.id, in: state.catalog, language) + " ", x: area.x + width - priceWidth, y: y,
                       width: priceWidth, style: style, align: .right)
            y += 1
        }
        let more = quickAdd.matches.count - shown.count
        let keysText = ScreenPhrase.quickAddFooter.text(
            language, "pick", pair(keys.keyLabel(.previousMatch, in: .cart), keys.keyLabel(.nextMatch, in: .cart)),
            "add", keys.keyLabel(.quickAdd, in: .cart))
        let footer = more > 0
            ? keysText + (more == 1 ? ScreenPhrase.moreMatch1 : .moreMatchN).text(language, "count", String(more)) : keysText
        frame.clear(Rect(x: area.x, y: y, width: width, height: 1), style: [.reverse, .dim])
        frame.text(footer, x: area.x, y: y, width: width, style: [.reverse, .dim])
    }

    /// What a match sells at: its one price, how many it has, or that they are not known yet.
    static func priceLabel(_ productId: String, in catalog: CatalogState, _ language: Language = .english) -> String {
        switch catalog.activePrices(of: productId) {
        case .some(let prices) where prices.count == 1: prices[0].money.formatted
        case .some(let prices) where prices.isEmpty: ScreenPhrase.noPrice.text(language)
        case .some(let prices): ScreenPhrase.pricesCount.text(language, "count", String(prices.count))
        case nil: ScreenPhrase.priceOnEnter.text(language)
        }
    }

    /// The product's prices, numbered (a digit adds one at once).
    private static func drawChooser(_ chooser: PriceChooser, keys: BindingTable, language: Language, in area: Rect,
                                    into frame: inout Frame) {
        let width = area.width
        var y = area.y
        let title = ScreenPhrase.chooserTitle.text(language, "name", chooser.product.name)
        frame.clear(Rect(x: area.x, y: y, width: width, height: 1), style: [.reverse, .bold])
        frame.text(title, x: area.x, y: y, width: width, style: [.reverse, .bold])
        y += 1
        let rows = max(0, area.height - 2)
        let top = max(0, min(chooser.selection - rows + 1, chooser.prices.count - rows))
        for index in chooser.prices.indices.dropFirst(top).prefix(rows) {
            let price = chooser.prices[index]
            let style: Style = index == chooser.selection ? [.reverse, .bold] : .reverse
            frame.clear(Rect(x: area.x, y: y, width: width, height: 1), style: style)
            let number = index < 9 ? "\(index + 1)" : " "
            var name = price.nickname ?? ScreenPhrase.chooserPrice.text(language)
            if let code = price.lookupKey { name += " · " + code }
            frame.text("   \(number)  " + name, x: area.x, y: y, width: max(1, width - 22), style: style)
            frame.text(price.money.formatted + " ", x: area.x + width - 22, y: y, width: 22, style: style, align: .right)
            y += 1
        }
        frame.clear(Rect(x: area.x, y: y, width: width, height: 1), style: [.reverse, .dim])
        let footer = ScreenPhrase.chooserFooter.text(
            language, "pick", pair(keys.keyLabel(.moveUp, in: .priceChooser), keys.keyLabel(.moveDown, in: .priceChooser)),
            "add", keys.keyLabel(.addChosen, in: .priceChooser), "cancel", keys.keyLabel(.cancel, in: .priceChooser))
        frame.text(footer, x: area.x, y: y, width: width, style: [.reverse, .dim])
    }

    /// Two keys that move up and down: "↑↓" as the defaults are, "Ctrl-P/Ctrl-N" when remapped.
    private static func pair(_ up: String, _ down: String) -> String {
        up == "↑" && down == "↓" ? "↑↓" : "\(up)/\(down)"
    }
}
