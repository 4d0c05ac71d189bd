import Foundation
import TillCore

/// The customer display (`till display`): one till's `CustomerDisplay` record at any size from
/// 40×12 up. Idle shows the shop's name; a sale in progress its lines (the newest at the bottom)
/// and the running total; an open session its QR code full screen under the same rules as the
/// till's (never clipped: the size it needs instead); PAID and EXPIRED as on the till, for
/// `CustomerDisplay.outcomeShownFor` seconds. Nothing of the operator's screen is drawn.
/// - Parameters:
///   - display: the record; nil while the till has written none.
///   - till: the till followed (named only while there is nothing to show).
///   - shownFor: how long this record has been on show, by the display's clock.
public func renderCustomerDisplay(_ display: CustomerDisplay?, till: String, shownFor: TimeInterval, size: Size,
                                  timeZone: TimeZone = .current, cache: QRMatrixCache = .shared,
                                  language: Language = .english) -> Frame {
    var frame = Frame(size: size)
    guard !frame.bounds.isEmpty else { return frame }
    guard let display else {
        frame.centered(DisplayPhrase.waitingForTill.text(language, "till", till), in: frame.bounds, style: .muted)
        return frame
    }
    let shop = sanitize(display.shopName).trimmingCharacters(in: .whitespaces)
    switch display.screen(shownFor: shownFor) {
    case .idle:
        let welcome = shop.isEmpty ? DisplayPhrase.welcome.text(language) : shop
        let top = max(0, frame.height / 2 - 1)
        CustomerDisplayDrawing.centre(welcome, y: top, style: .bold, into: &frame)
        if !shop.isEmpty, frame.height > top + 2 { CustomerDisplayDrawing.centre(DisplayPhrase.welcome.text(language), y: top + 2, style: .muted, into: &frame) }
    case .cart(let lines, let total):
        CustomerDisplayDrawing.drawCart(lines, total: total, shop: shop, language: language, into: &frame)
    case .pay(let url, let total):
        return renderFullScreenQR(url: url, caption: (total?.formatted ?? "") + (total == nil ? "" : " · ")
                                    + DisplayPhrase.scanToPay.text(language),
                                  size: size, cache: cache, language: language)
    case .paid(let total, let at):
        return renderFullScreenOutcome(.paid, total: total, at: at, shopName: shop, caption: nil, size: size, timeZone: timeZone,
                                       language: language)
    case .expired(let total, let at):
        return renderFullScreenOutcome(.expired, total: total, at: at, shopName: shop, caption: nil, size: size, timeZone: timeZone,
                                       language: language)
    }
    return frame
}

enum CustomerDisplayDrawing {
    static func centre(_ text: String, y: Int, style: Style = [], into frame: inout Frame) {
        let line = truncate(sanitize(text), toWidth: frame.width)
        frame.put(line, x: max(0, (frame.width - displayWidth(line)) / 2), y: y, style: style)
    }

    /// The shop's name on top, the lines (newest last; "… N more" when they do not all fit), a
    /// rule and the total in bold at the bottom.
    static func drawCart(_ lines: [CustomerDisplay.Line], total: Money?, shop: String, language: Language,
                         into frame: inout Frame) {
        let width = frame.width
        let margin = width >= 60 ? 2 : 1
        let inner = width - 2 * margin
        var y = 0
        if !shop.isEmpty, frame.height >= 8 {
            centre(shop, y: 0, style: .bold, into: &frame)
            frame.rule(Rect(x: 0, y: 1, width: width, height: 1))
            y = 2
        }
        let totalRow = frame.height - 1
        let ruleRow = totalRow - 1
        let rows = max(0, ruleRow - y)
        var shown = lines
        var hidden = 0
        if lines.count > rows {
            hidden = lines.count - (rows - 1)
            shown = Array(lines.suffix(max(0, rows - 1)))
        }
        if hidden > 0, rows > 0 {
            frame.put(DisplayPhrase.moreAbove.text(language, "count", String(hidden)), x: margin, y: y, style: .muted)
            y += 1
        }
        for line in shown {
            let amount = line.amount?.formatted ?? "—"
            let amountWidth = displayWidth(amount)
            let label = line.quantity == 1 ? line.name : "\(line.quantity) × \(line.name)"
            frame.text(label, x: margin, y: y, width: max(0, inner - amountWidth - 1))
            frame.put(amount, x: margin + inner - amountWidth, y: y)
            y += 1
        }
        frame.rule(Rect(x: 0, y: ruleRow, width: width, height: 1))
        let totalText = total?.formatted ?? "—"
        let items = lines.reduce(0) { $0 + $1.quantity }
        frame.put((items == 1 ? DisplayPhrase.totalItems1 : .totalItemsN).text(language, "count", String(items)), x: margin, y: totalRow, style: .bold)
        frame.put(totalText, x: margin + inner - displayWidth(totalText), y: totalRow, style: .bold)
    }
}
