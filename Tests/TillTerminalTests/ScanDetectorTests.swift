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
        #expect(InputDecoder().awaitsRestOfScan(raw(text)), "\(text.debugDescription)")
    }

    @Test("typing never waits: one key, letters alone, a whole scan, other keys in the read", arguments: [
        "", "2", "j", "jj", "latte", "a 12", "/1234", "96385074\r", "1\u{1B}", "12+",
    ])
    func doesNotWait(text: String) {
        #expect(!InputDecoder().awaitsRestOfScan(raw(text)), "\(text.debugDescription)")
    }

    @Test("the next read joins when it goes on with the code; an Enter alone only after two bursts")
    func continues() {
        #expect(ScanDetector.continues(with: raw("78900\r"), joins: 0))
        #expect(ScanDetector.continues(with: raw("9"), joins: 0))
        // "3.20" pasted into a field, then the person's Enter: the Enter stays an Enter.
        #expect(!ScanDetector.continues(with: raw("\r"), joins: 0))
        #expect(!ScanDetector.continues(with: [.functionKey(CursesKeyCode.enter)], joins: 0))
        #expect(ScanDetector.continues(with: raw("\r"), joins: 1))
        #expect(ScanDetector.continues(with: [.functionKey(CursesKeyCode.enter)], joins: 2))
        #expect(!ScanDetector.continues(with: raw("\t"), joins: 1))
        #expect(!ScanDetector.continues(with: raw(" 12"), joins: 0))
        #expect(!ScanDetector.continues(with: [], joins: 1))
    }

    @Test("a scan split across reads and joined is one scan; inside a paste nothing waits")
    func joined() {
        var decoder = InputDecoder()
        #expect(decoder.decode(raw("50123456") + raw("78900\r")) == [.key(.scan("5012345678900"))])
        _ = decoder.decode([.functionKey(CursesKeyCode.pasteStart)])
        #expect(!decoder.awaitsRestOfScan(raw("50123456")))
    }
}
