import TillCore

/// The checkout form: success and cancel URLs, the summary and total, and progress.
enum CheckoutPane {
    static func draw(_ state: AppState, in body: Rect, into frame: inout Frame) {
        let checkout = state.checkout
        frame.put(" Checkout", x: body.x, y: body.y, style: .bold)
        if state.environment.mode == .live {
            let warning = " LIVE: this creates a real checkout session "
            let w = displayWidth(warning)
            frame.put(warning, x: body.maxX - w - 1, y: body.y, style: [.bold, .reverse, .error])
        }

        var y = body.y + 2
        let words = Messages(state)
        let fields = FormView.fields(checkout.form, words: words).map { field -> FormView.FieldModel in
            var field = field
            if checkout.isSubmitting { field.focused = false }
            return field
        }
        FormView.drawFields(fields, x: body.x + 1, y: &y, width: body.width - 3, into: &frame)

        y += 1
        let text = Rect(x: body.x + 3, y: y, width: body.width - 6, height: 3)
        if checkout.isSubmitting {
            y += frame.paragraph("Creating the checkout session… Keys still work: Esc goes back to the cart while it carries on.",
                                 in: text, style: .accent, maxLines: 3) + 1
        } else if let message = checkout.form.message {
            y += frame.paragraph(words.text(message), in: text, style: [.bold, .error], maxLines: 3) + 1
        } else {
            y += 2
        }

        // The summary stays narrow on wide screens so amounts sit near their names.
        drawSummary(state, in: Rect(x: body.x, y: y, width: min(body.width, 80), height: body.maxY - y), into: &frame)
    }

    /// The cart lines (as many as fit) and the total.
    private static func drawSummary(_ state: AppState, in area: Rect, into frame: inout Frame) {
        guard area.height >= 2 else { return }
        let cart = state.cart.cart
        frame.put(" Summary", x: area.x, y: area.y, style: .bold)
        guard !cart.isEmpty else {
            frame.put("   The cart is empty: add items on the cart pane (3) first.", x: area.x, y: area.y + 1, style: .muted)
            return
        }
        let moneyWidth = 18
        let moneyX = area.maxX - moneyWidth - 2
        let nameX = area.x + 3
        let lineRows = area.height - 3
        var y = area.y + 1
        for (index, line) in cart.lines.enumerated() {
            if index == lineRows - 1 && cart.lines.count > lineRows {
                frame.put("… and \(cart.lines.count - index) more lines", x: nameX, y: y, style: .muted)
                y += 1
                break
            }
            if index >= lineRows { break }
            let label = "\(line.quantity) × \(line.name)"
            frame.text(label, x: nameX, y: y, width: moneyX - nameX - 2)
            frame.text((try? line.subtotal())?.formatted ?? "—", x: moneyX, y: y, width: moneyWidth, align: .right)
            y += 1
        }
        frame.fill(Rect(x: moneyX, y: y, width: moneyWidth, height: 1), with: "─", style: .muted)
        let total = (try? cart.total())??.formatted ?? "—"
        frame.text("Total", x: nameX, y: y + 1, width: 10, style: .bold)
        frame.text(total, x: moneyX, y: y + 1, width: moneyWidth, style: .bold, align: .right)
    }
}
