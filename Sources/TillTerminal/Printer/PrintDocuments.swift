import Foundation
import TillConfig
import TillCore
import TillView

/// What Till prints, as ESC/POS: the receipt (the lines `t` saves, then a cut) and the payment slip
/// (`Q`: the shop, the total, the session URL as a QR code and in text, then a cut).
public enum PrintDocuments {
    /// The receipt's lines laid out one column per character (the printer prints each as one
    /// byte, a character its page lacks as `?`), at the printer's width.
    public static func receipt(_ session: CheckoutSession, refunds: [RefundJournal.Entry], shopName: String,
                               shopAddress: [String], settings: PrinterSettings, timeZone: TimeZone = .current,
                               language: Language = .english) -> [UInt8] {
        let format = ReceiptFormat(shopName: shopName, shopAddress: shopAddress, width: settings.width, timeZone: timeZone,
                                   columns: { _ in 1 })
        var doc = EscPos(codePage: settings.codePage)
        for line in Receipt.lines(for: session, refunds: refunds, format: format, language: language) { doc.line(line) }
        doc.feed(3)
        doc.cut()
        return doc.bytes
    }

    /// The payment slip of an open session; nil when it has no URL.
    public static func slip(_ session: CheckoutSession, shopName: String, settings: PrinterSettings,
                            timeZone: TimeZone = .current, language: Language = .english) -> [UInt8]? {
        guard let url = session.url, !url.isEmpty else { return nil }
        let width = settings.width.rawValue
        var doc = EscPos(codePage: settings.codePage)
        doc.align(.centre)
        let shop = shopName.trimmingCharacters(in: .whitespacesAndNewlines)
        if !shop.isEmpty {
            doc.bold(true)
            // Double width halves the columns.
            for part in chunks(shop, width / 2).prefix(2) { doc.large(true); doc.line(part); doc.large(false) }
            doc.bold(false)
            doc.line("")
        }
        doc.line(ReceiptPhrase.slipScanToPay.text(language))
        if let total = session.total {
            doc.bold(true)
            doc.large(true)
            doc.line(total.formatted)
            doc.large(false)
            doc.bold(false)
        }
        doc.line("")
        switch settings.qr {
        case .native: doc.nativeQR(url)
        case .raster: doc.rasterQR(url)
        }
        doc.line("")
        doc.align(.left)
        doc.line(ReceiptPhrase.slipOrOpen.text(language))
        for part in chunks(url, width) { doc.line(part) }
        doc.line("")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: session.expiresAt)
        doc.line(ReceiptPhrase.slipValidUntil.text(language, "time", String(format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0,
                                                                               parts.month ?? 0, parts.day ?? 0,
                                                                               parts.hour ?? 0, parts.minute ?? 0)))
        for part in chunks(ReceiptPhrase.session.text(language, "id", session.id), width) { doc.line(part) }
        doc.feed(3)
        doc.cut()
        return doc.bytes
    }

    /// `text` in pieces of at most `width` characters (a URL has no spaces to break at).
    static func chunks(_ text: String, _ width: Int) -> [String] {
        let characters = Array(text)
        guard width > 0, !characters.isEmpty else { return [text] }
        return stride(from: 0, to: characters.count, by: width).map { String(characters[$0..<min($0 + width, characters.count)]) }
    }
}
