import Foundation
import Testing
import TillCore
@testable import TillView

/// The view draws exactly the window the reducer keeps: the first list row is the row at the
/// list's `scrollTop` and the selection bar sits where the reducer says, at every size.
@Suite("lists draw the reducer's window")
struct ScrollWindowTests {
    typealias F = Fixtures

    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 100, height: 31)]

    /// The y of the selection bar (the row starting with ">"), if any.
    func selectionRow(_ frame: Frame) -> Int? {
        (0..<frame.height).first { frame.row($0).hasPrefix(">") }
    }

    /// Sends the resize, then the moves, as the runtime would.
    func at(_ size: Size, _ state: AppState, _ moves: [AppAction]) -> AppState {
        var state = state
        F.send(&state, .screenResized(Size(width: size.width, height: size.height)))
        for move in moves { F.send(&state, move) }
        return state
    }

    @Test(arguments: sizes)
    func products(size: Size) {
        let moves: [AppAction] = [.products(.selectionMoved(.bottom)), .products(.selectionMoved(.pageUp(rows: 5))),
                                  .products(.selectionMoved(.up)), .products(.selectionMoved(.down))]
        let state = at(size, F.loaded(F.products(200)), moves)
        let frame = render(state, size: size)
        let products = state.products
        #expect(products.scrollTop > 0)
        let listY = Layout.topRows + Layout.listHeaderRows
        #expect(selectionRow(frame) == listY + products.selection - products.scrollTop)
        #expect(frame.row(listY).contains(products.visibleProduct(at: products.scrollTop).name))
    }

    @Test(arguments: sizes)
    func cart(size: Size) {
        var state = F.withCart()
        state.cart.cart = try! Cart(lines: (1...60).map {
            CartLine(item: .oneOff(name: "Line \($0)"), unitAmount: Money(minorUnits: 100, currency: .gbp))
        })
        state = at(size, state, [.cart(.selectionMoved(.bottom)), .cart(.selectionMoved(.pageUp(rows: 3)))])
        let frame = render(state, size: size)
        let listY = Layout.topRows + Layout.listHeaderRows
        #expect(state.cart.scrollTop > 0)
        #expect(selectionRow(frame) == listY + state.cart.selection - state.cart.scrollTop)
        #expect(frame.row(listY).contains("Line \(state.cart.scrollTop + 1) "))
    }

    @Test("Session history under an open session, with a URL over one to three rows",
          arguments: sizes, ["https://x.example/pay", String(repeating: "u", count: 150), String(repeating: "w", count: 260)])
    func sessionHistory(size: Size, url: String) {
        let open = F.session(url: url)
        let state = at(size, F.withSession(open, older: F.olderSessions(40)),
                       [.session(.selectionMoved(.bottom)), .session(.selectionMoved(.up))])
        let frame = render(state, size: size)
        let sessions = state.session
        let listY = Layout.topRows + Layout.sessionDetailRows(open, columns: size.width) + 1
            + Layout.historyHeaderRows
        #expect(frame.row(listY - 1).hasPrefix(" Recent sessions"))
        #expect(selectionRow(frame) == listY + sessions.selection - sessions.scrollTop)
        #expect(frame.row(listY).contains(sessions.history[sessions.scrollTop].id))
        // PgUp/PgDn move by the rows the list shows.
        let context = KeyContext(now: F.now, freshID: "f", size: size)
        let rows = Layout.historyRows(state, screen: Size(width: size.width, height: size.height))
        #expect(action(for: .pageDown, in: state, context: context) == .session(.selectionMoved(.pageDown(rows: rows))))
        #expect(frame.row(listY + rows - 1).hasPrefix(">") || frame.row(listY + rows - 1).contains("cs_test_hist"))
        #expect(frame.row(listY + rows).hasPrefix("─"))
    }

    @Test func aFrameOfAnotherSizeStillShowsTheSelection() {
        // Drawn before the resize action lands: the same rules bring the selection into view.
        var state = F.loaded(F.products(200))
        F.send(&state, .screenResized(Size(width: 120, height: 40)), .products(.selectionMoved(.bottom)))
        let frame = render(state, size: Size(width: 80, height: 24))
        #expect(frame.row(20).hasPrefix("> Product 1 "))
    }
}
