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
        #expect(frame.row(listY).contains(products.visibleProduct(at: products.scrollTop, in: state.catalog).name))
    }

    @Test(arguments: sizes)
    func cart(size: Size) {
        var state = F.withCart()
        state.cart.cart = try! Cart(lines: (1...60).map {
            CartLine(item: .oneOff(name: "Line \($0)"), unitAmount: Money(minorUnits: 100, currency: .gbp))
        })
        state = at(size, state, [.cart(.selectionMoved(.bottom)), .cart(.selectionMoved(.pageUp(rows: 3)))])
        let frame = render(state, size: size)
        let listY = Layout.topRows + Layout.listHeaderRows + Layout.quickAddRows
        #expect(state.cart.scrollTop > 0)
        #expect(selectionRow(frame) == listY + state.cart.selection - state.cart.scrollTop)
        #expect(frame.row(listY).contains("Line \(state.cart.scrollTop + 1) "))
    }

    @Test("History list windows like every other list", arguments: sizes)
    func sessionHistory(size: Size) {
        var base = F.withSession(older: F.olderSessions(40))
        F.send(&base, .paneSelected(.history))
        let state = at(size, base, [.history(.selectionMoved(.bottom)), .history(.selectionMoved(.up))])
        let frame = render(state, size: size)
        let history = state.history
        let listY = Layout.topRows + Layout.listHeaderRows
        #expect(frame.row(listY - 2).hasPrefix(" History"))
        #expect(selectionRow(frame) == listY + history.selection - history.scrollTop)
        #expect(frame.row(listY).contains(formatUTC(history.visibleSession(at: history.scrollTop).created)))
        // PgUp/PgDn move by the rows the list shows.
        let context = KeyContext(now: F.now, freshID: "f", size: size)
        let rows = Layout.listRows(size)
        #expect(action(for: .pageDown, in: state, context: context) == .history(.selectionMoved(.pageDown(rows: rows))))
        #expect(!frame.row(listY + rows - 1).trimmingCharacters(in: .whitespaces).isEmpty)
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
