import Foundation
import TillCore

/// Parked carts on screen: the label prompt of `p` and the list of `P`, drawn over the pane.
enum ParkedOverlay {
    /// The label prompt as a one-field form, when it is open.
    static func labelPrompt(_ state: AppState, keys: BindingTable = .standard) -> FormView.Model? {
        guard let form = state.parked.labelForm else { return nil }
        let cart = state.cart.cart
        let language = state.settings.language
        var what: String
        if !cart.isEmpty {
            var items = ScreenPhrase.items(cart.itemCount, language)
            if let total = try? cart.total() { items += " · " + total.formatted }
            what = ScreenPhrase.parkTheCartItems.text(language, "items", items)
        } else if let session = state.session.open {
            what = ScreenPhrase.parkSession.text(language, "id", session.id)
        } else {
            what = ScreenPhrase.parkTheCart.text(language)
        }
        var model = FormView.model(what, form, busy: nil, words: Messages(state, keys: keys))
        model.note = ScreenPhrase.parkNote.text(language, "label",
                                                 state.parked.defaultLabel(word: ScreenPhrase.ticketWord.text(language)))
        return model
    }

    /// The parked tickets: label, items, total, age, and whether a session waits for payment.
    static func drawList(_ state: AppState, in area: Rect, into frame: inout Frame) {
        let parked = state.parked
        let language = state.settings.language
        let width = min(area.width - 4, 78)
        let rows = min(parked.tickets.count, max(1, area.height - 5))
        let box = area.centered(Size(width: width, height: rows + 5))
        frame.clear(Rect(x: box.x - 1, y: box.y, width: box.width + 2, height: box.height))
        let till = state.environment.till
        // With named tills the list is the shop's: the limit is per till, and a column says whose.
        let showsTills = !till.isEmpty || parked.tickets.contains { $0.till != nil }
        let title = showsTills
            ? ScreenPhrase.parkedTitleShop.text(language, "count", String(parked.tickets.count),
                                                "mine", String(parked.count(parkedBy: till)), "capacity", String(ParkedState.capacity))
            : ScreenPhrase.parkedTitle.text(language, "count", String(parked.tickets.count), "capacity", String(ParkedState.capacity))
        frame.box(box, style: .accent, title: title)

        let inner = box.inset(dx: 1, dy: 1)
        let columns = Columns(inner, tills: showsTills)
        let heading = inner.y + 1
        frame.text(ScreenPhrase.colLabel.text(language), x: columns.label, y: heading, width: columns.labelWidth, style: .bold)
        frame.text(ScreenPhrase.colItems.text(language), x: columns.items, y: heading, width: Columns.itemsWidth, style: .bold, align: .right)
        frame.text(ScreenPhrase.colTotal.text(language), x: columns.total, y: heading, width: Columns.totalWidth, style: .bold, align: .right)
        frame.text(ScreenPhrase.colAge.text(language), x: columns.age, y: heading, width: Columns.ageWidth, style: .bold, align: .right)
        if let tillColumn = columns.till {
            frame.text(ScreenPhrase.colTill.text(language), x: tillColumn, y: heading, width: Columns.tillWidth, style: .bold)
        }

        let list = Rect(x: inner.x, y: heading + 1, width: inner.width, height: rows)
        var view = ListView(count: parked.tickets.count, selection: parked.selection, scrollTop: 0)
        view.takesCursorFromFields = true
        view.draw(in: list, into: &frame) { frame, index, y, style in
            let ticket = parked.tickets[index]
            var x = frame.text(ticket.label, x: columns.label, y: y, width: columns.labelWidth, style: style)
            let sessionMark = ScreenPhrase.sessionMark.text(language)
            if ticket.session != nil, x + max(10, displayWidth(sessionMark)) <= columns.label + columns.labelWidth {
                x = frame.put(sessionMark, x: x, y: y, style: style.union(.dim))
            }
            // A session as listed may come without its lines: no count rather than a wrong 0.
            let unknown = ticket.session.map { $0.lineItems.isEmpty } ?? false
            frame.text(unknown ? "—" : groupedDigits(ticket.itemCount), x: columns.items, y: y, width: Columns.itemsWidth, style: style,
                       align: .right)
            frame.text(ticket.total?.formatted ?? "—", x: columns.total, y: y, width: Columns.totalWidth, style: style,
                       align: .right)
            frame.text(formatAge(state.now.timeIntervalSince(ticket.parkedAt), language), x: columns.age, y: y,
                       width: Columns.ageWidth, style: style, align: .right)
            if let tillColumn = columns.till {
                frame.text(sanitize(ticket.till ?? "-"), x: tillColumn, y: y, width: Columns.tillWidth, style: style)
            }
        }
    }

    /// marker(2) label  items  total  age  [till]  margin(1).
    private struct Columns {
        static let itemsWidth = 5, totalWidth = 16, ageWidth = 8, tillWidth = 12
        let label: Int, labelWidth: Int, items: Int, total: Int, age: Int, till: Int?

        init(_ rect: Rect, tills: Bool) {
            label = rect.x + 2
            let tillSpace = tills ? 2 + Self.tillWidth : 0
            labelWidth = max(4, rect.width - 2 - (2 + Self.itemsWidth) - (2 + Self.totalWidth) - (2 + Self.ageWidth) - tillSpace - 1)
            items = label + labelWidth + 2
            total = items + Self.itemsWidth + 2
            age = total + Self.totalWidth + 2
            till = tills ? age + Self.ageWidth + 2 : nil
        }
    }
}

/// How long ago, coarsely: "now", "12 min", "3 h 05", "2 d".
func formatAge(_ seconds: TimeInterval, _ language: Language = .english) -> String {
    let s = Int64(max(0, seconds))
    if s < 60 { return ScreenPhrase.ageNow.text(language) }
    if s < 3600 { return "\(s / 60) min" }
    if s < 86_400 { return "\(s / 3600) h \(twoDigits(s % 3600 / 60))" }
    return "\(s / 86_400) d"
}
