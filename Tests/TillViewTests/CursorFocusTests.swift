import Foundation
import Testing
import TillCore
@testable import TillView

/// The terminal cursor sits on what has the keys, so screen readers and braille displays follow
/// it: the focused field, else the selected row, else the status line.
@Suite("accessibility: where the cursor sits")
struct CursorFocusTests {
    typealias F = Fixtures
    static let size = Size(width: 80, height: 24)

    @Test func theCursorFollowsTheSelectedRowHiddenUnlessForAScreenReader() throws {
        var state = F.loaded(F.products(30))
        F.send(&state, .products(.selectionMoved(.down)), .products(.selectionMoved(.down)))
        let frame = render(state, size: Self.size)
        let cursor = try #require(frame.cursor)
        #expect(frame.row(cursor.y).hasPrefix(">"), "the selected row starts with its marker")
        #expect(cursor.x == 0)
        #expect(frame.row(cursor.y).contains(state.products.visibleProduct(at: 2, in: state.catalog).name))
        #expect(!frame.isCursorVisible)

        F.send(&state, .products(.selectionMoved(.down)))
        #expect(render(state, size: Self.size).cursor == Point(x: 0, y: cursor.y + 1))

        state.settings.screenReader = true
        let spoken = render(state, size: Self.size)
        #expect(spoken.cursor == Point(x: 0, y: cursor.y + 1))
        #expect(spoken.isCursorVisible)
    }

    @Test func aFieldKeepsTheCursorOverTheListBeneath() throws {
        var filter = F.loaded(F.products(30))
        F.send(&filter, .products(.filterStarted))
        let frame = render(filter, size: Self.size)
        let cursor = try #require(frame.cursor)
        #expect(frame.isCursorVisible)
        #expect(frame.row(cursor.y).contains("Filter:"))
        #expect(!frame.row(cursor.y).hasPrefix(">"))
    }

    @Test func everyListPutsTheCursorOnItsSelectedRow() throws {
        var history = F.withSession(older: F.olderSessions(3))
        F.send(&history, .paneSelected(.history), .history(.selectionMoved(.down)))
        var parked = F.withCart()
        F.send(&parked, .parked(.parkRequested), .parked(.labelForm(.submitted(freshID: "t1"))), .parked(.listToggled))
        // (On the cart the quick-add line is the focused field: the cursor is there.)
        #expect(render(F.withCart(), size: Self.size).cursor?.y == Layout.topRows + 1)
        for (name, state) in [("prices", F.withPrices()), ("history", history), ("parked", parked)] {
            let frame = render(state, size: Self.size)
            let cursor = try #require(frame.cursor, "\(name)")
            let row = frame.row(cursor.y)
            let marker = row.index(row.startIndex, offsetBy: cursor.x)
            #expect(row[marker...].hasPrefix(">"), "\(name): \(row)")
        }
    }

    @Test func aQuestionTakesTheCursorAndOtherwiseItRestsOnTheStatusLine() throws {
        var confirm = F.loaded(F.products(3))
        F.send(&confirm, .products(.archiveToggleRequested))
        let asked = render(confirm, size: Self.size)
        let cursor = try #require(asked.cursor)
        #expect(asked.row(cursor.y).contains("?"), "the question's line: \(asked.row(cursor.y))")

        // The session pane has no list: the cursor waits on the status line, where changes are told.
        let session = render(F.withSession(), size: Self.size)
        #expect(session.cursor == Point(x: 1, y: Layout(size: Self.size).status.y))
    }

    @Test func theSessionFramesForAScreenReader() {
        var state = F.withSession()
        state.settings.screenReader = true
        for size in standardSizes {
            expectFrame(render(state, size: size), "session-screen-reader.\(size.width)x\(size.height)")
            expectFrame(render(inSpanish(state), size: size), "es/session-screen-reader.\(size.width)x\(size.height)")
        }
        var paid = F.withSession()
        paid.settings.screenReader = true
        F.send(&paid, .session(.sessionPolled(id: paid.session.open!.id,
                                              .success(F.session(status: .complete, payment: .paid)))))
        expectFrame(render(paid, size: Self.size), "session-paid-screen-reader.80x24")
        expectFrame(render(inSpanish(paid), size: Self.size), "es/session-paid-screen-reader.80x24")
    }
}
