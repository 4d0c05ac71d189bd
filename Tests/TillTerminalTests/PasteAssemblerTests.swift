import Testing
import TillView
@testable import TillTerminal

@Suite("Bracketed paste: one key, never keystrokes")
struct PasteAssemblerTests {
    func feed(_ inputs: [RawInput], into assembler: inout PasteAssembler) -> [DecodedInput] {
        inputs.compactMap { assembler.feed($0) }
    }

    func characters(_ text: String) -> [RawInput] {
        text.unicodeScalars.map { .character($0.value) }
    }

    @Test func aPasteBecomesOneKeyWithItsLineBreaks() {
        var assembler = PasteAssembler()
        let inputs = [RawInput.character(0x61)] + [.functionKey(CursesKeyCode.pasteStart)]
            + characters("Pasted line\nsecond q") + [.functionKey(CursesKeyCode.pasteEnd)] + characters("j")
        #expect(feed(inputs, into: &assembler) == [.key(.char("a")), .key(.paste("Pasted line\nsecond q")), .key(.char("j"))])
        #expect(!assembler.isInPaste)
    }

    @Test func aPasteSplitOverSeveralReadsIsStillOneKey() {
        var assembler = PasteAssembler()
        #expect(feed([.functionKey(CursesKeyCode.pasteStart)] + characters("https://shop"), into: &assembler) == [])
        #expect(assembler.isInPaste)
        #expect(feed(characters(".example/ok\r") + [.functionKey(CursesKeyCode.pasteEnd)], into: &assembler)
                == [.key(.paste("https://shop.example/ok\r"))])
    }

    @Test func keysCursesMatchesInsideAPasteAreDroppedButAResizeIsNot() {
        var assembler = PasteAssembler()
        let inputs: [RawInput] = [.functionKey(CursesKeyCode.pasteStart), .character(0x78), .functionKey(CursesKeyCode.up),
                                  .functionKey(CursesKeyCode.resize), .functionKey(CursesKeyCode.pasteEnd)]
        #expect(feed(inputs, into: &assembler) == [.resize, .key(.paste("x"))])
    }

    @Test func aStrayEndIsIgnoredAndAHugePasteIsCapped() {
        var assembler = PasteAssembler()
        #expect(assembler.feed(.functionKey(CursesKeyCode.pasteEnd)) == nil)
        _ = assembler.feed(.functionKey(CursesKeyCode.pasteStart))
        for _ in 0..<(PasteAssembler.limit + 10) { _ = assembler.feed(.character(0x7A)) }
        guard case .key(.paste(let text))? = assembler.feed(.functionKey(CursesKeyCode.pasteEnd)) else {
            Issue.record("no paste")
            return
        }
        #expect(text.unicodeScalars.count == PasteAssembler.limit)
    }
}
