import TillCore

/// The prices pane: the opened product's prices.
enum PricesPane {
    struct Columns {
        let nickname: Int, nicknameWidth: Int
        let amount: Int, status: Int, created: Int
        let id: Int?, idWidth: Int

        static let amountWidth = 20, statusWidth = 8, createdWidth = 16

        init(_ rect: Rect) {
            let wide = rect.width >= 110
            idWidth = wide ? 30 : 0
            let fixed = 2 + (2 + Columns.amountWidth) + (2 + Columns.statusWidth) + (2 + Columns.createdWidth)
                + (wide ? 2 + idWidth : 0) + 1
            nickname = rect.x + 2
            nicknameWidth = max(4, rect.width - fixed)
            amount = nickname + nicknameWidth + 2
            status = amount + Columns.amountWidth + 2
            created = status + Columns.statusWidth + 2
            id = wide ? created + Columns.createdWidth + 2 : nil
        }
    }

    static func draw(_ state: AppState, in body: Rect, into frame: inout Frame) {
        let prices = state.prices
        let title = body.row(0)
        var countText = ""
        switch prices.load {
        case .loading: countText = "loading… "
        case .failed: countText = "load failed "
        case .idle: if prices.productId != nil { countText = counted(prices.prices.count, "price") + " " }
        }
        let countWidth = displayWidth(countText)
        frame.text(countText, x: title.maxX - countWidth, y: title.y, width: countWidth, style: .muted)
        let x = frame.put(" Prices", x: title.x, y: title.y, style: .bold)
        if let name = prices.productName ?? prices.productId {
            frame.text(" of " + name, x: x, y: title.y, width: title.maxX - countWidth - x - 1, style: .bold)
        }

        let columns = Columns(body)
        let heading = body.y + 1
        frame.text("NICKNAME", x: columns.nickname, y: heading, width: columns.nicknameWidth, style: .bold)
        frame.text("AMOUNT", x: columns.amount, y: heading, width: Columns.amountWidth, style: .bold, align: .right)
        frame.text("STATUS", x: columns.status, y: heading, width: Columns.statusWidth, style: .bold)
        frame.text("CREATED (UTC)", x: columns.created, y: heading, width: Columns.createdWidth, style: .bold)
        if let id = columns.id { frame.text("ID", x: id, y: heading, width: columns.idWidth, style: .bold) }

        let list = Rect(x: body.x, y: body.y + ScreenLayout.listHeaderRows, width: body.width,
                        height: ScreenLayout.listRows(bodyRows: body.height))
        guard !prices.prices.isEmpty else {
            frame.centered(emptyMessage(state), in: list, style: emptyStyle(state))
            return
        }
        let count = prices.prices.count
        // The reducer's window; the same rules keep the selection in view at any other size.
        let top = ListScroll.top(prices.scrollTop, selection: prices.selection, count: count, rows: list.height)
        for row in 0..<min(list.height, count - top) {
            let index = top + row
            let price = prices.prices[index]
            let y = list.y + row
            var style: Style = price.active ? [] : .muted
            if index == prices.selection {
                style = [.reverse, .bold]
                frame.clear(list.row(row), style: style)
                frame.put(">", x: body.x, y: y, style: style)
            }
            frame.text(price.nickname ?? "—", x: columns.nickname, y: y, width: columns.nicknameWidth, style: style)
            frame.text(price.money.formatted, x: columns.amount, y: y, width: Columns.amountWidth, style: style,
                       align: .right)
            frame.text(price.active ? "active" : "archived", x: columns.status, y: y,
                       width: Columns.statusWidth, style: style)
            frame.text(formatUTC(price.created), x: columns.created, y: y, width: Columns.createdWidth, style: style)
            if let id = columns.id { frame.text(price.id, x: id, y: y, width: columns.idWidth, style: style) }
        }
    }

    private static func emptyMessage(_ state: AppState) -> String {
        let prices = state.prices
        guard prices.productId != nil else {
            return "No product open. Pick one on the products pane (1) and press Enter, or press N for a new product with its first price."
        }
        switch prices.load {
        case .loading: return "Loading prices…"
        case .failed(let failure): return "Could not load prices: \(failure.description) Press r to retry."
        case .idle: return "This product has no prices yet. Press n to add one."
        }
    }

    private static func emptyStyle(_ state: AppState) -> Style {
        if case .failed = state.prices.load { return [.bold, .error] }
        return .muted
    }
}
