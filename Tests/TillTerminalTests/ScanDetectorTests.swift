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
}
