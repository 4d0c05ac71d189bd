import Testing
import TillCore
@testable import TillView

@Suite("frame drawing")
struct FrameTests {
    @Test func blankFrameText() {
        let frame = Frame(size: Size(width: 3, height: 2))
        #expect(frame.text() == "   \n   ")
        #expect(Frame(size: Size(width: 0, height: 0)).text() == "")
        #expect(Frame(size: Size(width: -5, height: 3)).cells.isEmpty)
    }

    @Test func putClipsToRectAndFrame() {
        var frame = Frame(size: Size(width: 6, height: 2))
        let end = frame.put("abcdefgh", x: 1, y: 0, style: .bold, clip: Rect(x: 0, y: 0, width: 4, height: 2))
        #expect(frame.row(0) == " abc  ")
        #expect(end == 4)
        #expect(frame[1, 0].style == .bold)
        frame.put("xyz", x: -1, y: 1)
        #expect(frame.row(1) == "yz    ")
        frame.put("nope", x: 0, y: 5)
        frame.put("nope", x: 0, y: -1)
        #expect(frame.text() == " abc  \nyz    ")
    }

    @Test func wideCharactersTakeTwoCellsAndAppearOnce() {
        var frame = Frame(size: Size(width: 6, height: 1))
        frame.put("漢字!", x: 0, y: 0)
        #expect(frame.row(0) == "漢字! ")
        #expect(frame[0, 0].width == 2)
        #expect(frame[1, 0].isContinuation)
        #expect(frame[4, 0].text == "!")
    }

    @Test func wideCharacterThatDoesNotFitIsNotSplit() {
        var frame = Frame(size: Size(width: 3, height: 1))
        let end = frame.put("a漢字", x: 0, y: 0)
        #expect(frame.row(0) == "a漢")
        #expect(end == 3)
        var narrow = Frame(size: Size(width: 2, height: 1))
        narrow.put("a漢", x: 0, y: 0)
        #expect(narrow.row(0) == "a ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var frame = Frame(size: Size(width: 4, height: 1))
        frame.put("漢字", x: 0, y: 0)
        frame.put("x", x: 1, y: 0)
        #expect(frame.row(0) == " x字")
        frame.put("y", x: 2, y: 0)
        #expect(frame.row(0) == " xy ")
        #expect(frame.cells.allSatisfy { $0.width == 1 })
    }

    @Test func combiningMarksStayWithTheirBase() {
        var frame = Frame(size: Size(width: 5, height: 1))
        frame.put("Cafe\u{301}!", x: 0, y: 0)
        #expect(frame.row(0) == "Cafe\u{301}!")
        #expect(frame[3, 0].text == "e\u{301}")
    }

    @Test func putSanitizesHostileText() {
        var frame = Frame(size: Size(width: 12, height: 1))
        frame.put("\u{1B}[2J\u{9B}x", x: 0, y: 0)
        #expect(frame.row(0) == "␛[2J\u{FFFD}x      ")
        #expect(!frame.text().unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
    }

    @Test func boxDrawsBorderAndTitle() {
        var frame = Frame(size: Size(width: 10, height: 3))
        frame.box(Rect(x: 0, y: 0, width: 10, height: 3), lines: .ascii, title: "Cart")
        #expect(frame.text() == "+ Cart --+\n|        |\n+--------+")
        var uni = Frame(size: Size(width: 4, height: 3))
        uni.box(uni.bounds)
        #expect(uni.text() == "┌──┐\n│  │\n└──┘")
    }

    @Test func fillAndAddStyle() {
        var frame = Frame(size: Size(width: 4, height: 2))
        frame.fill(Rect(x: 1, y: 0, width: 2, height: 2), with: "#", style: .dim)
        #expect(frame.text() == " ## \n ## ")
        frame.addStyle([.reverse, .accent], to: Rect(x: 0, y: 1, width: 4, height: 1))
        #expect(frame[1, 1].style.contains(.reverse))
        #expect(frame[1, 1].style.contains(.dim))
        #expect(frame[1, 1].style.role == .accent)
        #expect(frame[1, 0].style.role == nil)
    }

    @Test func styleRolesAreExclusiveAndMapToMonochrome() {
        var style: Style = [.bold, .error]
        #expect(style.role == .error)
        style.role = .muted
        #expect(style.role == .muted)
        #expect(style.contains(.bold))
        #expect(!style.contains(.error))
        #expect(Style.muted.monochrome == .dim)
        #expect(Style.error.monochrome.contains(.bold))
        #expect(Style.reverse.monochrome == .reverse)
    }

    @Test func keyLabels() {
        #expect(Key.ctrl("u").label == "Ctrl-U")
        #expect(Key.backTab.label == "Shift-Tab")
        #expect(Key.char("N").label == "N")
        #expect(Key.pageDown.label == "PgDn")
    }
}

@Suite("cells")
struct CellTests {
    @Test func textRoundTrips() {
        for text in ["a", " ", "", "漢", "e\u{301}", "😀", "🇬🇧", "👩‍💻", "❤️", "␛"] {
            #expect(Cell(text: text, width: displayWidth(text), style: .bold).text == text)
        }
    }

    @Test func overlongClustersKeepTheirBaseAndWidth() {
        let family = "👨‍👩‍👧‍👦"
        #expect(family.utf8.count > 15)
        // The cell's last guard, should one ever be handed such a cluster.
        let cell = Cell(text: family, width: 2)
        #expect(cell.text == "👨")
        #expect(displayWidth(cell.text) == 2)
        let zalgo = "e" + String(repeating: "\u{301}", count: 10)
        #expect(Cell(text: zalgo, width: 1).text == "e")
    }

    @Test("a cluster no cell holds whole is drawn as a replacement of the same width, never its first scalar",
          arguments: ["👨‍👩‍👧‍👦", "👨‍👩‍👧", "🧑🏽‍🤝‍🧑🏻", "e" + String(repeating: "\u{301}", count: 10)])
    func overlongClustersAreReplacedKeepingTheirWidth(cluster: String) {
        #expect(!Cell.canHold(Character(cluster)))
        let width = displayWidth(cluster)
        var frame = Frame(size: Size(width: 6, height: 1))
        frame.put("a" + cluster + "x", x: 0, y: 0)
        #expect(frame.row(0) == "a\u{FFFD}" + String(repeating: " ", count: width - 1) + "x" + String(repeating: " ", count: 4 - width))
        #expect(displayWidth(frame.row(0)) == 6)
    }

    @Test func clustersThatFitAreDrawnWhole() {
        for cluster in ["👩‍💻", "🏳️‍🌈", "❤️", "🇬🇧", "e\u{301}"] {
            #expect(Cell.canHold(Character(cluster)), "\(cluster)")
            var frame = Frame(size: Size(width: 4, height: 1))
            frame.put(cluster, x: 0, y: 0)
            #expect(frame.row(0).hasPrefix(cluster))
        }
    }

    @Test func equalCellsCompareEqual() {
        #expect(Cell(text: "a", width: 1) == Cell(ascii: 0x61, style: []))
        #expect(Cell(text: "a", width: 1) != Cell(text: "a", width: 1, style: .bold))
        #expect(Cell.blank.text == " ")
    }
}

@Suite struct FrameDiffTextTests {
    @Test func aLineDiffShowsOnlyTheRowsThatDiffer() {
        #expect(lineDiff(expected: "a\nb\nc", actual: "a\nB\nc") == "  1 -|b|\n  1 +|B|")
        #expect(lineDiff(expected: "a", actual: "a\nextra") == "  1 +|extra|")
        #expect(lineDiff(expected: "same", actual: "same") == "")
    }
}
