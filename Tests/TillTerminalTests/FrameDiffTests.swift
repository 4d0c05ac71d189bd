import Testing
import TillCore
@testable import TillView
@testable import TillTerminal

@Suite("Frame diff: only changed cells reach curses")
struct FrameDiffTests {
    func frame(_ rows: [String], width: Int = 10, styles: [(Int, Int, Style)] = []) -> Frame {
        var frame = Frame(size: Size(width: width, height: rows.count))
        for (y, text) in rows.enumerated() { frame.put(text, x: 0, y: y) }
        for (x, y, style) in styles { frame.addStyle(style, to: Rect(x: x, y: y, width: 1, height: 1)) }
        return frame
    }

    @Test func firstFrameWritesEveryCell() {
        let new = frame(["ab", "cd"], width: 3)
        let writes = FrameDiff.writes(from: nil, to: new)
        #expect(writes.count == 6)
        #expect(writes.map(\.column) == [0, 1, 2, 0, 1, 2])
        #expect(writes.map(\.row) == [0, 0, 0, 1, 1, 1])
    }

    @Test func identicalFramesWriteNothing() {
        let a = frame(["hello", "world"])
        #expect(FrameDiff.writes(from: a, to: a).isEmpty)
    }

    @Test func onlyTheChangedCellIsWritten() {
        let a = frame(["hello", "world"])
        let b = frame(["hello", "wOrld"])
        #expect(FrameDiff.writes(from: a, to: b) == [CellWrite(row: 1, column: 1, cell: Cell(text: "O", width: 1))])
    }

    @Test func aStyleChangeAloneIsAChange() {
        let a = frame(["abc"])
        let b = frame(["abc"], styles: [(1, 0, .reverse)])
        let writes = FrameDiff.writes(from: a, to: b)
        #expect(writes.count == 1)
        #expect(writes.first?.column == 1)
        #expect(writes.first?.cell.style == .reverse)
    }

    @Test func aMovedBarRewritesOnlyTheTwoRows() {
        var a = frame(["one", "two", "three"])
        a.addStyle(.reverse, to: Rect(x: 0, y: 0, width: 10, height: 1))
        var b = frame(["one", "two", "three"])
        b.addStyle(.reverse, to: Rect(x: 0, y: 1, width: 10, height: 1))
        let rows = Set(FrameDiff.writes(from: a, to: b).map(\.row))
        #expect(rows == [0, 1])
        #expect(FrameDiff.writes(from: a, to: b).count == 20)
    }

    @Test func wideCharactersAreWrittenByTheirLeftHalfOnly() {
        let a = frame(["ab"])
        let b = frame(["漢"])
        let writes = FrameDiff.writes(from: a, to: b)
        #expect(writes == [CellWrite(row: 0, column: 0, cell: Cell(text: "漢", width: 2))])
    }

    @Test func replacingAWideCharacterWithNarrowOnesWritesBoth() {
        let a = frame(["漢x"])
        let b = frame(["abx"])
        #expect(FrameDiff.writes(from: a, to: b).map(\.column) == [0, 1])
    }

    @Test func aChangedRightHalfRewritesItsLeftHalf() {
        // Same wide glyph, but the right half's style changed: the left half carries the write.
        let a = frame(["漢"])
        var b = a
        b.addStyle(.bold, to: Rect(x: 1, y: 0, width: 1, height: 1))
        let writes = FrameDiff.writes(from: a, to: b)
        #expect(writes.map(\.column) == [0])
        #expect(writes.first?.cell.text == "漢")
    }

    @Test func aSizeChangeRewritesEverything() {
        let a = frame(["abc"], width: 3)
        let b = frame(["abc", "def"], width: 4)
        #expect(FrameDiff.writes(from: a, to: b).count == 8)
    }

    @Test func emptyFramesWriteNothing() {
        #expect(FrameDiff.writes(from: nil, to: Frame(size: Size(width: 0, height: 0))).isEmpty)
    }
}
