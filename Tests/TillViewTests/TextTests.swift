import Testing
@testable import TillView

@Suite("display width, sanitize, truncate")
struct TextTests {
    @Test func asciiIsOneColumnEach() {
        #expect(displayWidth("Coffee") == 6)
        #expect(displayWidth("") == 0)
    }

    @Test func wideAndEmojiTakeTwo() {
        #expect(displayWidth("漢字") == 4)
        #expect(displayWidth("ｶ") == 1)        // halfwidth katakana
        #expect(displayWidth("Ａ") == 2)        // fullwidth Latin
        #expect(displayWidth("😀") == 2)
        #expect(displayWidth("한국어") == 6)
        #expect(displayWidth("🇬🇧") == 2)       // flag: two regional indicators, one cluster
        #expect(displayWidth("👩‍💻") == 2)       // ZWJ sequence
        #expect(displayWidth("❤️") == 2)        // text heart + VS16
        #expect(displayWidth("❤") == 1)
    }

    @Test func combiningMarksTakeNothing() {
        #expect(displayWidth("e\u{301}") == 1)
        #expect(displayWidth("Cafe\u{301}") == 4)
        #expect(displayWidth("\u{200B}") == 0)
        #expect(displayWidth("a\u{FE0F}") == 1 || displayWidth("a\u{FE0F}") == 2)
        #expect(displayWidth("\u{301}") == 0)
    }

    @Test func sanitizeMakesControlsVisible() {
        #expect(sanitize("\u{1B}[2J") == "␛[2J")
        #expect(sanitize("\u{1B}]0;pwn\u{07}") == "␛]0;pwn␇")
        #expect(sanitize("a\u{9B}b") == "a\u{FFFD}b")
        #expect(sanitize("a\u{7F}") == "a␡")
        #expect(sanitize("line1\nline2\tend\r") == "line1␊line2␉end␍")
        #expect(sanitize("\u{202E}evil") == "\u{FFFD}evil")
        #expect(sanitize("plain ascii") == "plain ascii")
        #expect(sanitize("漢字 é") == "漢字 é")
    }

    @Test func sanitizedTextHasNoControls() {
        let hostile = (0..<0xA0).map { String(UnicodeScalar(UInt8($0))) }.joined() + "\u{2028}\u{2066}"
        let clean = sanitize(hostile)
        for scalar in clean.unicodeScalars {
            #expect(!(scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)))
        }
    }

    @Test func truncateByColumnsWithEllipsis() {
        #expect(truncate("Coffee beans", toWidth: 20) == "Coffee beans")
        #expect(truncate("Coffee beans", toWidth: 7) == "Coffee…")
        #expect(truncate("Coffee", toWidth: 6) == "Coffee")
        #expect(truncate("Coffee", toWidth: 1) == "…")
        #expect(truncate("Coffee", toWidth: 0) == "")
        // 漢字漢字 is 8 columns; in 5 columns only 漢字 (4) + … fit.
        #expect(truncate("漢字漢字", toWidth: 5) == "漢字…")
        // In 4 columns: 漢 (2) + … (1) = 3; the next wide char is never split.
        #expect(truncate("漢字漢字", toWidth: 4) == "漢…")
        #expect(truncate("Cafe\u{301} au lait", toWidth: 5) == "Cafe\u{301}…")
        #expect(displayWidth(truncate("😀😀😀", toWidth: 4)) <= 4)
    }

    @Test func truncateNeverExceedsWidth() {
        let samples = ["漢字テスト", "😀a😀b", "e\u{301}e\u{301}e\u{301}", "plain text here", "🇬🇧🇫🇷🇩🇪"]
        for sample in samples {
            for width in 0...12 {
                #expect(displayWidth(truncate(sample, toWidth: width)) <= width)
                #expect(displayWidth(fit(sample, toWidth: width)) == width)
            }
        }
    }

    @Test func wrapKeepsEveryCharacter() {
        let url = "http://127.0.0.1:54321/c/pay/cs_test_a1B2c3D4e5F6g7H8i9J0"
        let lines = wrap(url, toWidth: 20)
        #expect(lines.joined() == url)
        #expect(lines.allSatisfy { displayWidth($0) <= 20 })
        #expect(lines.count == 3)
        #expect(wrap("漢字漢字", toWidth: 3) == ["漢", "字", "漢", "字"])
    }
}
