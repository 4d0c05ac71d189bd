import Foundation
import Testing
import TillCore
@testable import TillView

/// A catalog of 100,000 products renders the same visible rows as a small one would (its render
/// cost is a row of `Benchmarks/run`, section view).
@Suite("render with 100,000 products")
struct BigCatalogRenderTests {
    static let size = Size(width: 80, height: 24)

    static func bigCatalog() -> AppState {
        Fixtures.loaded(Fixtures.products(100_000))
    }

    @Test func bigCatalogRendersOnlyTheWindow() {
        var state = Self.bigCatalog()
        Fixtures.send(&state, .products(.selectionMoved(.pageDown(rows: 16))), .products(.selectionMoved(.down)))
        let frame = render(state, size: Self.size)
        #expect(frame.text().contains("100,000 products"))
        // A page moves the window with the selection (rows 16...31), then one down stays inside it.
        #expect(frame.row(5).hasPrefix("  Product 99984"))
        #expect(frame.row(6).hasPrefix("> Product 99983"))
        #expect(frame.row(20).hasPrefix("  Product 99969"))
    }
}
