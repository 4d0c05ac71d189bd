import Foundation
import Testing
import TillView
@testable import TillTerminal

/// The bytes of `text` as get_wch hands them over when curses does not know a sequence.
private func raw(_ text: String) -> [RawInput] {
    text.unicodeScalars.map { .character($0.value) }
}

@Suite("Escape sequences curses did not decode")
struct InputDecoderTests {
    func decode(_ text: String) -> [DecodedInput] {
        var decoder = InputDecoder()
        return decoder.decode(raw(text))
    }

    @Test("alternative Home, End, Delete, PgUp/PgDn and F1-F4 sequences, whatever TERM says", arguments: [
        ("\u{1B}[1~", Key.home), ("\u{1B}[4~", .end), ("\u{1B}[7~", .home), ("\u{1B}[8~", .end),
        ("\u{1B}OH", .home), ("\u{1B}OF", .end), ("\u{1B}[H", .home), ("\u{1B}[F", .end),
        ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
        ("\u{1B}OP", .function(1)), ("\u{1B}OQ", .function(2)), ("\u{1B}OR", .function(3)), ("\u{1B}OS", .function(4)),
        ("\u{1B}[11~", .function(1)), ("\u{1B}[14~", .function(4)), ("\u{1B}[15~", .function(5)),
        ("\u{1B}[17~", .function(6)), ("\u{1B}[24~", .function(12)), ("\u{1B}[[A", .function(1)), ("\u{1B}[[E", .function(5)),
        ("\u{1B}[Z", .backTab), ("\u{1B}[A", .up), ("\u{1B}OB", .down), ("\u{1B}[C", .right), ("\u{1B}OD", .left), ("\u{1B}OM", .enter),
    ])
    func knownSequences(sequence: String, key: Key) {
        #expect(decode(sequence) == [.key(key)])
        // Between typed letters, as in a form: the letters stay letters.
        #expect(decode("a" + sequence + "b") == [.key(.char("a")), .key(key), .key(.char("b"))])
    }

    @Test("unknown or modified sequences do nothing (never Esc plus keys)", arguments: [
        "\u{1B}[2~", "\u{1B}[99~", "\u{1B}[1;5C", "\u{1B}[1;2H", "\u{1B}[?1h", "\u{1B}[Y9", "\u{1B}Oz", "\u{1B}[", "\u{1B}O",
        "\u{1B}[12;34;56", "\u{1B}[[Z",
    ])
    func unknownSequences(sequence: String) {
        let keys = decode(sequence)
        #expect(!keys.contains(.key(.escape)), "\(sequence.debugDescription) gave \(keys)")
        #expect(!keys.contains(.key(.char("1"))) && !keys.contains(.key(.char("["))))
        // "\u{1B}[Y9": ESC [ Y is a whole (unknown) sequence, so only the 9 after it is typed.
        if sequence == "\u{1B}[Y9" { #expect(keys == [.key(.char("9"))]) } else { #expect(keys.isEmpty) }
    }

    @Test func aLoneEscIsTheEscKeyAndAltLettersStayAsTheyWere() {
        #expect(decode("\u{1B}") == [.key(.escape)])
        #expect(decode("\u{1B}x") == [.key(.escape), .key(.char("x"))])
        #expect(decode("ab\u{1B}") == [.key(.char("a")), .key(.char("b")), .key(.escape)])
    }

    @Test func keypadKeysInApplicationModeTypeTheirCharacters() {
        #expect(decode("\u{1B}Op\u{1B}Oy\u{1B}On\u{1B}Ok\u{1B}Om") == (["0", "9", ".", "+", "-"] as [Character]).map { DecodedInput.key(.char($0)) })
    }

    @Test func cursesFunctionKeysStillDecode() {
        var decoder = InputDecoder()
        #expect(decoder.decode([.functionKey(CursesKeyCode.home), .character(0x61)]) == [.key(.home), .key(.char("a"))])
    }

    @Test func pastesKeepEscapesAsTextAndRawPasteBracketsWork() {
        var decoder = InputDecoder()
        let pasted = decoder.decode([.functionKey(CursesKeyCode.pasteStart)] + raw("a\u{1B}[1~b") + [.functionKey(CursesKeyCode.pasteEnd)])
        #expect(pasted == [.key(.paste("a\u{1B}[1~b"))])
        // A terminal whose brackets curses did not pick up.
        var other = InputDecoder()
        #expect(other.decode(raw("\u{1B}[200~hi\nthere\u{1B}[201~")) == [.key(.paste("hi\nthere"))])
    }
}

@Suite("End to end: escape sequences in a real terminal", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct EscapeSequenceEndToEndTests {
    @Test("Home and End inside a form under TERM=xterm-256color move the cursor and never cancel the form")
    func homeAndEndInAFormUnderXterm256() async throws {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        try await onThread {
            // tmux sends Home as ESC [ 1 ~; this terminfo entry says ESC O H.
            try tmux.start(command: "TERM=xterm-256color " + home.command, width: 80, height: 24, environment: home.environment)
            try tmux.waitFor(text: "No products yet")
            try tmux.send("n")
            try tmux.waitFor(text: "New product")
            try tmux.send("Green tea", literal: true)
            try tmux.send("Home")
            try tmux.send("X", literal: true)
            try tmux.send("End")
            try tmux.send("!", literal: true)
            let screen = try tmux.waitFor(text: "XGreen tea!")
            #expect(screen.contains("New product"))
            // Raw alternative sequences straight into the pane, and an unknown one.
            try tmux.send("\u{1B}[7~", literal: true)
            try tmux.send("<", literal: true)
            try tmux.send("\u{1B}[8~", literal: true)
            try tmux.send("\u{1B}[1;5D", literal: true)
            try tmux.send(">", literal: true)
            try tmux.waitFor(text: "<XGreen tea!>")
            try tmux.send("Enter")
            try tmux.waitFor(text: "Created product \"<XGreen tea!>\"")
        }
    }
}
