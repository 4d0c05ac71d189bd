import Testing
import TillView
@testable import TillTerminal

/// Scans told from typing by what arrives in one read.
@Suite("Barcode scans in the input")
struct ScanDetectorTests {
    func decode(_ text: String) -> [DecodedInput] {
        var decoder = InputDecoder()
        return decoder.decode(text.unicodeScalars.map { .character($0.value) })
    }

    @Test("a code and Enter in one read is one scan (CR, LF or CR LF)", arguments: ["\r", "\n", "\r\n"])
    func scan(ending: String) {
        #expect(decode("4006381333931" + ending) == [.key(.scan("4006381333931"))])
        #expect(decode("SKU-0042" + ending) == [.key(.scan("SKU-0042"))])
    }

    @Test("two scans in one read are two scans; keys after a scan stay keys")
    func several() {
        #expect(decode("96385074\r036000291452\r") == [.key(.scan("96385074")), .key(.scan("036000291452"))])
        #expect(decode("96385074\r2") == [.key(.scan("96385074")), .key(.char("2"))])
    }

    @Test("typing is not a scan: one key, a short run, no digit, no Enter, or keys before the code", arguments: [
        "2", "2\r", "12\r", "jjjj\r", "4006381333931", "latte\r", "a 1234\r", "/1234\r",
    ])
    func notScans(text: String) {
        #expect(!decode(text).contains { if case .key(.scan) = $0 { true } else { false } }, "\(text.debugDescription)")
    }

    @Test("pane digits typed one to a read still switch panes")
    func digitsAlone() {
        #expect(decode("2") == [.key(.char("2"))])
        #expect(decode("3") == [.key(.char("3"))])
    }

    @Test("keypad Enter ends a scan too")
    func keypadEnter() {
        var decoder = InputDecoder()
        let batch: [RawInput] = "12345678".unicodeScalars.map { .character($0.value) } + [.functionKey(CursesKeyCode.enter)]
        #expect(decoder.decode(batch) == [.key(.scan("12345678"))])
    }

    func raw(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }

    @Test("a read that may be a scan cut short waits for the rest", arguments: [
        "50123456", "40", "SKU-00", "4006381333931", "96385074\r0360",
    ])
    func mayContinue(text: String) {
        #expect(InputDecoder().pendingScan(raw(text)) != nil, "\(text.debugDescription)")
    }

    @Test("typing never waits: one key, letters alone, a whole scan, other keys in the read", arguments: [
        "", "2", "j", "jj", "latte", "a 12", "/1234", "96385074\r", "1\u{1B}", "12+",
    ])
    func doesNotWait(text: String) {
        #expect(InputDecoder().pendingScan(raw(text)) == nil, "\(text.debugDescription)")
    }

    @Test("the next read joins when it goes on with the code; an Enter alone after two bursts or a barcode of digits")
    func continues() {
        let part = raw("501234")[...]
        #expect(ScanDetector.continues(with: raw("78900\r"), pending: part, joins: 0))
        #expect(ScanDetector.continues(with: raw("9"), pending: part, joins: 0))
        // A barcode of digits cut just before its Enter.
        #expect(ScanDetector.continues(with: raw("\r"), pending: raw("5012345678900")[...], joins: 0))
        #expect(ScanDetector.continues(with: [.functionKey(CursesKeyCode.enter)], pending: raw("96385074")[...], joins: 0))
        // Other text, or too short, then the person's Enter: the Enter stays an Enter.
        #expect(!ScanDetector.continues(with: raw("\r"), pending: raw("3.20")[...], joins: 0))
        #expect(!ScanDetector.continues(with: raw("\r"), pending: raw("cola2")[...], joins: 0))
        #expect(!ScanDetector.continues(with: raw("\r"), pending: raw("123")[...], joins: 0))
        #expect(ScanDetector.continues(with: raw("\r"), pending: raw("SKU-42")[...], joins: 1))
        #expect(!ScanDetector.continues(with: raw("\t"), pending: part, joins: 1))
        #expect(!ScanDetector.continues(with: raw(" 12"), pending: part, joins: 0))
        #expect(!ScanDetector.continues(with: [], pending: part, joins: 1))
        #expect(InputDecoder().pendingScan(raw("96385074\r0360")) == raw("0360")[...])
    }

    @Test("a scan split across reads and joined is one scan; inside a paste nothing waits")
    func joined() {
        var decoder = InputDecoder()
        #expect(decoder.decode(raw("50123456") + raw("78900\r")) == [.key(.scan("5012345678900"))])
        _ = decoder.decode([.functionKey(CursesKeyCode.pasteStart)])
        #expect(decoder.pendingScan(raw("50123456")) == nil)
    }
}
