import TillCore

/// The cart pane: lines with quantity, unit and line totals, then the cart total.
enum CartPane {
    struct Columns {
        let item: Int, itemWidth: Int
        let quantity: Int, unit: Int, total: Int

        static let quantityWidth = 5, moneyWidth = 18

        init(_ rect: Rect) {
            let fixed = 2 + (2 + Columns.quantityWidth) + 2 * (2 + Columns.moneyWidth) + 1
            item = rect.x + 2
            itemWidth = max(4, rect.width - fixed)
            quantity = item + itemWidth + 2
            unit = quantity + Columns.quantityWidth + 2
            total = unit + Columns.moneyWidth + 2
        }
    }

    static func draw(_ state: AppState, keys: BindingTable = .standard, in body: Rect, into frame: inout Frame) {
        let cart = state.cart.cart
        let language = state.settings.language
        let title = body.row(0)
        frame.put(ScreenPhrase.cartTitle.text(language), x: title.x, y: title.y, style: .bold)
        if !cart.isEmpty {
            let counts = ScreenPhrase.lines(cart.lines.count, language) + " · " + ScreenPhrase.items(cart.itemCount, language) + " "
            let w = displayWidth(counts)
            frame.text(counts, x: title.maxX - w, y: title.y, width: w, style: .muted)
        }

        let addLine = body.y + 1
        let columns = Columns(body)
        let heading = addLine + Layout.quickAddRows
        frame.text(ScreenPhrase.colItem.text(language), x: columns.item, y: heading, width: columns.itemWidth, style: .bold)
        frame.text(ScreenPhrase.colQty.text(language), x: columns.quantity, y: heading, width: Columns.quantityWidth, style: .bold, align: .right)
        frame.text(ScreenPhrase.colUnit.text(language), x: columns.unit, y: heading, width: Columns.moneyWidth, style: .bold, align: .right)
        frame.text(ScreenPhrase.colTotal.text(language), x: columns.total, y: heading, width: Columns.moneyWidth, style: .bold, align: .right)

        let rows = Layout.cartRows(bodyRows: body.height)
        let list = Rect(x: body.x, y: heading + 1, width: body.width, height: rows)
        defer { QuickAddLine.draw(state, keys: keys, in: Rect(x: body.x, y: addLine, width: body.width, height: body.maxY - addLine), into: &frame) }
        guard !cart.isEmpty else {
            frame.centered(ScreenPhrase.cartEmpty.text(language, "add", keys.keyLabel(.quickAdd, in: .cart),
                                                       "oneOff", keys.keyLabel(.oneOff, in: .cart)),
                           in: Rect(x: body.x, y: list.y, width: body.width, height: body.maxY - list.y), style: .muted)
            return
        }
        let lines = ListView(count: cart.lines.count, selection: state.cart.selection, scrollTop: state.cart.scrollTop)
        let shown = lines.draw(in: list, into: &frame) { frame, index, y, style in
            let line = cart.lines[index]
            var x = frame.text(line.name, x: columns.item, y: y, width: columns.itemWidth, style: style)
            let oneOffMark = ScreenPhrase.oneOffMark.text(language)
            if case .oneOff = line.item, x + displayWidth(oneOffMark) <= columns.item + columns.itemWidth {
                x = frame.put(oneOffMark, x: x, y: y, style: style.union(.dim))
            }
            frame.text(String(line.quantity), x: columns.quantity, y: y, width: Columns.quantityWidth, style: style,
                       align: .right)
            frame.text(line.unitAmount.formatted, x: columns.unit, y: y, width: Columns.moneyWidth, style: style,
                       align: .right)
            let subtotal = (try? line.subtotal())?.formatted ?? "—"
            frame.text(subtotal, x: columns.total, y: y, width: Columns.moneyWidth, style: style, align: .right)
        }

        let totalRow = list.y + shown
        frame.fill(Rect(x: columns.total, y: totalRow, width: Columns.moneyWidth, height: 1), with: "─", style: .muted)
        let total = (try? cart.total())??.formatted ?? "—"
        frame.text(ScreenPhrase.total.text(language), x: columns.unit, y: totalRow + 1, width: Columns.moneyWidth, style: .bold, align: .right)
        frame.text(total, x: columns.total, y: totalRow + 1, width: Columns.moneyWidth, style: .bold, align: .right)
    }
}
