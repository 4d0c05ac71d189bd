import Foundation
import TillCore

/// The customer-facing end of a sale: PAID (or EXPIRED) across the screen in large letters, the
/// amount, the time, the shop's name and "Thank you", centred and nothing else. The till shows it
/// in place of the full-screen QR code once the session finishes (with `caption`: the keys); the
/// customer display shows it without. Lines that do not fit are dropped from the least needed
/// (the big letters become one bold word first), never the outcome itself.
public func renderFullScreenOutcome(_ outcome: SessionOutcome, total: Money?, at: Date, shopName: String,
                                    caption: String?, size: Size, timeZone: TimeZone = .current,
                                    language: Language = .english) -> Frame {
    var frame = Frame(size: size)
    guard !frame.bounds.isEmpty else { return frame }
    let word = (outcome == .paid ? DisplayPhrase.paidWord : .expiredWord).text(language)
    let style: Style = outcome == .paid ? [.bold, .success] : [.bold, .warning]
    let shop = sanitize(shopName).trimmingCharacters(in: .whitespaces)
    let time = OutcomeText.time(at, timeZone: timeZone)
    let detail = (outcome == .paid ? DisplayPhrase.paidAt : .expiredAt).text(language, "time", time)
    let farewell = (outcome == .paid ? DisplayPhrase.thankYou : .askAtCounter).text(language)

    var lines: [(text: String, style: Style)] = []
    let useBig = BigLetters.lines(word).first.map { displayWidth($0) <= frame.width } ?? false
    func build(big: Bool, blanks: Bool) -> [(String, Style)] {
        var out: [(String, Style)] = []
        if !shop.isEmpty { out.append((shop, .bold)); if blanks { out.append(("", [])) } }
        if big { out += BigLetters.lines(word).map { ($0, style) } } else { out.append((word, style)) }
        if blanks { out.append(("", [])) }
        if let total { out.append((total.formatted, .bold)) }
        out.append((detail, []))
        out.append((farewell, []))
        return out
    }
    let room = frame.height - (caption == nil ? 0 : 1)
    for (bigLetters, blanks) in [(useBig, true), (useBig, false), (false, true), (false, false)] {
        let candidate = build(big: bigLetters, blanks: blanks)
        if candidate.count <= room { lines = candidate.map { (text: $0.0, style: $0.1) }; break }
    }
    if lines.isEmpty {
        // A tiny screen: the word first, then what fits.
        lines = Array(build(big: false, blanks: false).drop(while: { $0.0 != word }).prefix(max(1, room))).map { (text: $0.0, style: $0.1) }
    }
    let top = max(0, (room - lines.count) / 2)
    for (i, line) in lines.enumerated() {
        let text = truncate(line.text, toWidth: frame.width)
        frame.put(text, x: max(0, (frame.width - displayWidth(text)) / 2), y: top + i, style: line.style)
    }
    if let caption, frame.height > 1 {
        let text = truncate(sanitize(caption), toWidth: frame.width)
        frame.put(text, x: max(0, (frame.width - displayWidth(text)) / 2), y: frame.height - 1, style: .muted)
    }
    return frame
}

enum OutcomeText {
    /// "14:05" in the shop's time zone.
    static func time(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}

/// Five-row block letters for the outcome words (only the letters they use).
enum BigLetters {
    static let glyphs: [Character: [String]] = [
        "P": ["████ ", "█   █", "████ ", "█    ", "█    "],
        "A": [" ███ ", "█   █", "█████", "█   █", "█   █"],
        "I": ["███", " █ ", " █ ", " █ ", "███"],
        "D": ["████ ", "█   █", "█   █", "█   █", "████ "],
        "E": ["█████", "█    ", "████ ", "█    ", "█████"],
        "X": ["█   █", " █ █ ", "  █  ", " █ █ ", "█   █"],
        "R": ["████ ", "█   █", "████ ", "█  █ ", "█   █"],
        // PAGADO, CADUCADO.
        "G": [" ████", "█    ", "█  ██", "█   █", " ████"],
        "O": [" ███ ", "█   █", "█   █", "█   █", " ███ "],
        "C": [" ████", "█    ", "█    ", "█    ", " ████"],
        "U": ["█   █", "█   █", "█   █", "█   █", " ███ "],
    ]

    /// The word in five rows, a column between letters; empty when a letter has no glyph.
    static func lines(_ word: String) -> [String] {
        let letters = word.compactMap { glyphs[$0] }
        guard letters.count == word.count, !letters.isEmpty else { return [] }
        return (0..<5).map { row in letters.map { $0[row] }.joined(separator: " ") }
    }
}
