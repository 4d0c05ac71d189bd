import Foundation
import Testing
import TillCore
@testable import TillView

/// The command palette reads the binding table: what it runs is what the keys send.
@Suite("Command palette")
struct PaletteTests {
    typealias F = Fixtures
    static let context = KeyContext(now: F.now, freshID: "fresh", size: Size(width: 80, height: 24))

    func typed(_ text: String, in state: AppState) -> AppState {
        var state = state
        F.send(&state, .palette(.opened), .palette(.edited(.inserted(text))))
        return state
    }

    @Test("every command from here is listed with its keys and where they work")
    func lists() {
        var state = F.withCart()
        state.focus = .products
        F.send(&state, .palette(.opened))
        let entries = paletteEntries(state, context: Self.context)
        #expect(entries.contains { $0.title == "new product" && $0.keys == "n" && $0.scope == "Products" && $0.actions == [.products(.newProductRequested)] })
        // A command of another pane switches to it first.
        #expect(entries.contains { $0.title == "empty line: check out" && $0.actions == [.paneSelected(.cart), .cart(.checkoutRequested)] })
        #expect(entries.contains { $0.title == "show Reports" && $0.actions == [.paneSelected(.reports)] })
        #expect(!entries.contains { $0.title.hasPrefix("move") || $0.title.contains("palette") })
    }

    @Test("typing ranks the commands, then offers products to go to")
    func ranks() {
        var products = F.withCart()
        products.focus = .products
        let state = typed("check", in: products)
        let entries = paletteEntries(state, context: Self.context)
        #expect(entries.first?.title == "empty line: check out" || entries.first?.title == "check the session now")
        let coffee = paletteEntries(typed("coffee", in: products), context: Self.context)
        let go = coffee.first { $0.scope == "Product" }
        #expect(go?.title == "go to product Coffee beans")
        #expect(go?.actions.first == .paneSelected(.products))
    }

    @Test(": opens it, text edits it, Enter runs the chosen entry, Esc closes")
    func keys() {
        var state = F.loaded(F.products(3))
        #expect(action(for: .char(":"), in: state, context: Self.context) == .palette(.opened))
        F.send(&state, .palette(.opened))
        #expect(action(for: .char("q"), in: state, context: Self.context) == .palette(.edited(.inserted("q"))))
        #expect(action(for: .escape, in: state, context: Self.context) == .palette(.closed))
        F.send(&state, .palette(.edited(.inserted("new product"))))
        #expect(action(for: .enter, in: state, context: Self.context) == .palette(.ran([.products(.newProductRequested)])))
    }

    @Test("running an entry closes the palette and does what its key does")
    func runs() {
        var state = F.loaded(F.products(3))
        F.send(&state, .palette(.opened), .palette(.ran([.paneSelected(.reports)])))
        #expect(!state.palette.isOpen)
        #expect(state.focus == .reports)
    }
}
