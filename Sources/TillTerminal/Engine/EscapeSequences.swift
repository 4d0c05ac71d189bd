import TillView

/// Decodes escape sequences that curses handed over byte by byte because the terminfo entry does
/// not name them: inside tmux with `TERM=xterm-256color` Home and End arrive as `ESC [ 1 ~` and
/// `ESC [ 4 ~`, which this terminfo spells `ESC O H` and `ESC O F`. Read one byte at a time they
/// would be Esc (cancelling an open form and losing its text), then `[`, `1` (a pane switch) and
/// `~`. Known sequences become their keys whatever `TERM` says; an unknown one does nothing.
///
/// Curses waits `ESCDELAY` after an Esc for the rest of a sequence, so a sequence it did not
/// match arrives within one batch of reads; an Esc that is last in its batch is the Esc key.
/// Pure, so it is tested without a terminal.
public struct InputDecoder: Sendable {
    private var paste = PasteAssembler()

    public init() {}

    /// The inputs after `batch`'s whole scans when they may be a scan cut short, so the reader
    /// should wait a moment for the rest before decoding them.
    public func pendingScan(_ batch: [RawInput]) -> ArraySlice<RawInput>? {
        guard !paste.isInPaste else { return nil }
        var index = 0
        while let (_, next) = ScanDetector.scan(in: batch, from: index) { index = next }
        return ScanDetector.mayContinue(batch, from: index) ? batch[index...] : nil
    }

    /// The keys one batch of get_wch results means, in order.
    public mutating func decode(_ batch: [RawInput]) -> [DecodedInput] {
        var out: [DecodedInput] = []
        var index = 0
        // A read that starts with a scanned code (one or several, each ended by Enter).
        while !paste.isInPaste, let (code, next) = ScanDetector.scan(in: batch, from: index) {
            out.append(.key(.scan(code)))
            index = next
        }
        while index < batch.count {
            if !paste.isInPaste, batch[index] == .character(0x1B), index + 1 < batch.count,
               case .character(let introducer) = batch[index + 1],
               introducer == 0x5B || introducer == 0x4F {  // "[" (CSI) or "O" (SS3)
                let (sequence, next) = introducer == 0x5B
                    ? Self.controlSequence(batch, from: index + 2)
                    : Self.singleShift(batch, from: index + 2)
                index = next
                switch sequence {
                case .key(let key): out.append(.key(key))
                case .pasteBracket(let code): if let decoded = paste.feed(.functionKey(code)) { out.append(decoded) }
                case .nothing: break
                }
                continue
            }
            // Inside a paste only the raw end bracket (ESC [ 2 0 1 ~) is a sequence; the rest is text.
            if paste.isInPaste, index + 5 < batch.count,
               Array(batch[index...(index + 5)]) == "\u{1B}[201~".unicodeScalars.map({ RawInput.character($0.value) }) {
                if let decoded = paste.feed(.functionKey(CursesKeyCode.pasteEnd)) { out.append(decoded) }
                index += 6
                continue
            }
            if let decoded = paste.feed(batch[index]) { out.append(decoded) }
            index += 1
        }
        return out
    }

    enum Sequence: Equatable {
        case key(Key)
        /// ESC[200~ / ESC[201~ that curses did not report itself.
        case pasteBracket(Int32)
        case nothing
    }

    /// `ESC [` parameters (0x30–0x3F), intermediates (0x20–0x2F) and one final byte (0x40–0x7E),
    /// from `start` (just after the `[`). Returns the meaning and the index after the sequence; an
    /// unfinished or interrupted sequence means nothing and ends where it was cut.
    static func controlSequence(_ batch: [RawInput], from start: Int) -> (Sequence, Int) {
        var index = start
        // The Linux console's F1–F5: ESC [ [ A … E.
        if index < batch.count, batch[index] == .character(0x5B) {
            guard index + 1 < batch.count, case .character(let final) = batch[index + 1] else { return (.nothing, index + 1) }
            if (0x41...0x45).contains(final) { return (.key(.function(Int(final - 0x40))), index + 2) }
            return (.nothing, index + 2)
        }
        var parameters = ""
        while index < batch.count, case .character(let value) = batch[index], (0x20...0x3F).contains(value) {
            parameters.unicodeScalars.append(Unicode.Scalar(UInt8(value)))
            index += 1
        }
        guard index < batch.count, case .character(let final) = batch[index], (0x40...0x7E).contains(final) else {
            return (.nothing, index)
        }
        return (meaning(parameters: parameters, final: UInt8(final)), index + 1)
    }

    /// `ESC O` and one byte (the application-mode cursor, Home/End, F1–F4 and keypad keys).
    static func singleShift(_ batch: [RawInput], from index: Int) -> (Sequence, Int) {
        guard index < batch.count, case .character(let value) = batch[index], (0x20...0x7E).contains(value) else {
            return (.nothing, index)
        }
        let final = UInt8(value)
        if let key = cursorKey(final) { return (.key(key), index + 1) }
        switch final {
        case UInt8(ascii: "M"): return (.key(.enter), index + 1)
        // Keypad in application mode: p…y are 0…9, j…o are * + , - . /, X is =.
        case UInt8(ascii: "p")...UInt8(ascii: "y"): return (.key(.char(Character(Unicode.Scalar(final - 0x40)))), index + 1)
        case UInt8(ascii: "j")...UInt8(ascii: "o"): return (.key(.char(Character(Unicode.Scalar(final - 0x40)))), index + 1)
        case UInt8(ascii: "X"): return (.key(.char("=")), index + 1)
        default: return (.nothing, index + 1)
        }
    }

    /// Arrows, Home/End and F1–F4 by their final letter (in CSI and SS3 forms).
    static func cursorKey(_ final: UInt8) -> Key? {
        switch final {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "P"): .function(1)
        case UInt8(ascii: "Q"): .function(2)
        case UInt8(ascii: "R"): .function(3)
        case UInt8(ascii: "S"): .function(4)
        default: nil
        }
    }

    /// A whole CSI sequence. Modified keys (`ESC [ 1 ; 5 C`, Ctrl-Right) and everything unknown mean nothing.
    static func meaning(parameters: String, final: UInt8) -> Sequence {
        if final == UInt8(ascii: "~") {
            switch parameters {
            case "1", "7": return .key(.home)
            case "4", "8": return .key(.end)
            case "3": return .key(.delete)
            case "5": return .key(.pageUp)
            case "6": return .key(.pageDown)
            case "11", "12", "13", "14", "15": return .key(.function(Int(parameters)! - 10))
            case "17", "18", "19", "20", "21": return .key(.function(Int(parameters)! - 11))
            case "23", "24": return .key(.function(Int(parameters)! - 12))
            case "200": return .pasteBracket(CursesKeyCode.pasteStart)
            case "201": return .pasteBracket(CursesKeyCode.pasteEnd)
            default: return .nothing  // 2~ Insert has no binding; others are unknown
            }
        }
        if final == UInt8(ascii: "Z") && parameters.isEmpty { return .key(.backTab) }  // CBT: Shift-Tab
        guard parameters.isEmpty || parameters == "1", let key = cursorKey(final) else { return .nothing }
        return .key(key)
    }
}
