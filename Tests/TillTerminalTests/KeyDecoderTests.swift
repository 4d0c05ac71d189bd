import Testing
import TillView
@testable import TillTerminal

@Suite("Key decoding: get_wch results to keys")
struct KeyDecoderTests {
    @Test("curses function keys map to their keys", arguments: [
        (CursesKeyCode.up, Key.up), (CursesKeyCode.down, .down), (CursesKeyCode.left, .left),
        (CursesKeyCode.right, .right), (CursesKeyCode.pageUp, .pageUp), (CursesKeyCode.pageDown, .pageDown),
        (CursesKeyCode.home, .home), (CursesKeyCode.end, .end), (CursesKeyCode.enter, .enter),
        (CursesKeyCode.backspace, .backspace), (CursesKeyCode.delete, .delete), (CursesKeyCode.backTab, .backTab),
    ])
    func functionKeys(code: Int32, key: Key) {
        #expect(KeyDecoder.decode(.functionKey(code)) == .key(key))
    }

    @Test func functionKeysNumberFromOne() {
        #expect(KeyDecoder.decode(.functionKey(CursesKeyCode.function(1))) == .key(.function(1)))
        #expect(KeyDecoder.decode(.functionKey(CursesKeyCode.function(12))) == .key(.function(12)))
    }

    @Test func resizeIsNotAKey() {
        #expect(KeyDecoder.decode(.functionKey(CursesKeyCode.resize)) == .resize)
    }

    @Test func unknownFunctionKeysAndMouseAreDropped() {
        #expect(KeyDecoder.decode(.functionKey(CursesKeyCode.mouse)) == nil)
        #expect(KeyDecoder.decode(.functionKey(0o777)) == nil)
    }

    @Test("control characters", arguments: [
        (UInt32(0x0D), DecodedInput.key(.enter)), (0x0A, .key(.enter)), (0x09, .key(.tab)),
        (0x1B, .key(.escape)), (0x7F, .key(.backspace)), (0x08, .key(.backspace)),
        (0x03, .key(.ctrl("c"))), (0x15, .key(.ctrl("u"))), (0x01, .key(.ctrl("a"))), (0x1A, .key(.ctrl("z"))),
        (0x0C, .repaint),
    ])
    func controls(value: UInt32, expected: DecodedInput) {
        #expect(KeyDecoder.decode(.character(value)) == expected)
    }

    @Test func printableAndUnicodeCharacters() {
        #expect(KeyDecoder.decode(.character(0x6A)) == .key(.char("j")))
        #expect(KeyDecoder.decode(.character(0x4E)) == .key(.char("N")))
        #expect(KeyDecoder.decode(.character(0x20)) == .key(.char(" ")))
        #expect(KeyDecoder.decode(.character(0x6F22)) == .key(.char("漢")))
        #expect(KeyDecoder.decode(.character(0x1F600)) == .key(.char("😀")))
        #expect(KeyDecoder.decode(.character(0xE9)) == .key(.char("é")))
    }

    @Test func nulC1ControlsAndInvalidScalarsAreDropped() {
        #expect(KeyDecoder.decode(.character(0x00)) == nil)
        #expect(KeyDecoder.decode(.character(0x1C)) == nil)
        #expect(KeyDecoder.decode(.character(0x9B)) == nil)
        #expect(KeyDecoder.decode(.character(0xD800)) == nil)
    }
}
