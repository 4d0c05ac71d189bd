import Testing
@testable import WooshPay

@Suite struct TOMLTests {
    @Test func readsCommentsStringsIntegersBooleansAndSections() throws {
        let text = """
        # a comment
        name = "Till \\"POS\\"\\n\\u00E9" # trailing comment
        literal = 'C:\\path'
        count = -1_000
        on = true

        [extra]
        off = false
        """
        let document = try TOMLDocument(parsing: text)
        #expect(document["name"] == .string("Till \"POS\"\né"))
        #expect(document["literal"] == .string("C:\\path"))
        #expect(document["count"] == .integer(-1000))
        #expect(document["on"] == .boolean(true))
        #expect(document["extra.off"] == .boolean(false))
        #expect(document.keys == ["name", "literal", "count", "on", "extra.off"])
    }

    @Test(arguments: [
        ("a = \"open", 1, "unterminated"),
        ("\n\nkey value", 3, "expected '='"),
        ("a = 1\na = 2", 2, "already set on line 1"),
        ("a = 1.5", 1, "whole decimal"),
        ("a = \"x\" junk", 1, "after the value"),
        ("a = yes", 1, "expected a string"),
        ("a.b = 1", 1, "dotted keys"),
        ("[[x]]", 1, "arrays of tables"),
        ("a = \"\\q\"", 1, "unknown escape"),
        ("a = 007", 1, "leading zeros"),
        ("a = \"\"\"x\"\"\"", 1, "multi-line"),
    ])
    func rejectsWithTheLine(text: String, line: Int, fragment: String) {
        #expect {
            try TOMLDocument(parsing: text)
        } throws: { error in
            guard let error = error as? TOMLDocument.ParseError else { return false }
            return error.line == line && error.message.contains(fragment)
        }
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let document = try TOMLDocument(parsing: "\u{FEFF}a = \"x\"\r\nb = 2\r\n")
        #expect(document["a"] == .string("x"))
        #expect(document["b"] == .integer(2))
    }

    @Test func writingThenReadingGivesTheSameValues() throws {
        var document = TOMLDocument()
        document["secret"] = .string("quote \" backslash \\ tab \t newline \n bell \u{07} 漢")
        document["n"] = .integer(42)
        document["s.flag"] = .boolean(true)
        let reread = try TOMLDocument(parsing: document.text(header: "header\nsecond"))
        #expect(reread["secret"] == document["secret"])
        #expect(reread["n"] == .integer(42))
        #expect(reread["s.flag"] == .boolean(true))
    }
}
