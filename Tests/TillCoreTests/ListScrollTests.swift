import Foundation
import Testing
@testable import TillCore

@Suite("Scroll rules and screen layout")
struct ListScrollTests {
    // MARK: The rules as a function

    @Test("The window follows the selection with the least movement", arguments: [
        // (top, selection, count, rows) → top
        (0, 0, 0, 16, 0),       // empty list
        (5, 3, 10, 16, 0),      // fits: always from the top
        (0, 15, 40, 16, 0),     // last visible row: no scroll
        (0, 16, 40, 16, 1),     // one past the bottom edge: one row
        (1, 15, 40, 16, 1),     // moving back up inside the window: no scroll
        (1, 1, 40, 16, 1),      // the top edge itself: no scroll
        (1, 0, 40, 16, 0),      // one past the top edge: one row
        (0, 39, 40, 16, 24),    // jump to the bottom: just enough
        (24, 0, 40, 16, 0),     // jump to the top
        (30, 35, 40, 16, 24),   // never blank rows at the bottom while rows above are hidden
        (-3, 2, 40, 16, 0),     // out-of-range tops are clamped
        (0, 99, 40, 16, 24),    // a selection past the end counts as the last row
        (3, 3, 40, 0, 3),       // no room: one row, the selection's
    ])
    func top(top: Int, selection: Int, count: Int, rows: Int, expected: Int) {
        #expect(ListScroll.top(top, selection: selection, count: count, rows: rows) == expected)
    }

    @Test("Moves: lines scroll at the edges, pages move selection and window together", arguments: [
        // (movement, selection, top) → (selection, top), in 40 rows showing 16
        (Movement.down, 0, 0, 1, 0),
        (.down, 15, 0, 16, 1),
        (.down, 16, 1, 17, 2),
        (.up, 16, 1, 15, 1),
        (.up, 1, 1, 0, 0),
        (.up, 0, 0, 0, 0),
        (.down, 39, 24, 39, 24),
        (.bottom, 3, 0, 39, 24),
        (.top, 30, 20, 0, 0),
        (.pageDown(rows: 16), 0, 0, 16, 16),
        (.pageDown(rows: 16), 5, 0, 21, 16),
        (.pageDown(rows: 16), 16, 16, 32, 24),
        (.pageDown(rows: 16), 32, 24, 39, 24),
        (.pageUp(rows: 16), 39, 24, 23, 8),
        (.pageUp(rows: 16), 23, 8, 7, 0),
        (.pageUp(rows: 16), 7, 0, 0, 0),
        (.pageDown(rows: 0), 0, 0, 1, 1),     // a page is at least one row
    ])
    func move(movement: Movement, selection: Int, top: Int, newSelection: Int, newTop: Int) {
        let moved = ListScroll.move(movement, selection: selection, top: top, count: 40, rows: 16)
        #expect(moved.selection == newSelection)
        #expect(moved.top == newTop)
    }

    // MARK: The reducer keeps the windows

    /// 40 products at 80×24: 16 list rows.
    func forty() -> [Product] { (1...40).map { product("prod_\($0)", "Item \($0)") } }

    @Test func productsScrollAtTheEdgesOnly() {
        var store = Store(loaded(forty()))
        for row in 1...15 {
            store.send(.products(.selectionMoved(.down))) { $0.products.selection = row }
        }
        store.send(.products(.selectionMoved(.down))) {
            $0.products.selection = 16
            $0.products.scrollTop = 1
        }
        store.send(.products(.selectionMoved(.down))) {
            $0.products.selection = 17
            $0.products.scrollTop = 2
        }
        // Back up inside the window: the window stays.
        for row in stride(from: 16, through: 2, by: -1) {
            store.send(.products(.selectionMoved(.up))) { $0.products.selection = row }
        }
        store.send(.products(.selectionMoved(.up))) {
            $0.products.selection = 1
            $0.products.scrollTop = 1
        }
        store.send(.products(.selectionMoved(.up))) {
            $0.products.selection = 0
            $0.products.scrollTop = 0
        }
    }

    @Test func productsPageAndJump() {
        var store = Store(loaded(forty()))
        store.send(.products(.selectionMoved(.pageDown(rows: 16)))) {
            $0.products.selection = 16
            $0.products.scrollTop = 16
        }
        store.send(.products(.selectionMoved(.pageDown(rows: 16)))) {
            $0.products.selection = 32
            $0.products.scrollTop = 24
        }
        store.send(.products(.selectionMoved(.pageDown(rows: 16)))) { $0.products.selection = 39 }
        store.send(.products(.selectionMoved(.pageUp(rows: 16)))) {
            $0.products.selection = 23
            $0.products.scrollTop = 8
        }
        store.send(.products(.selectionMoved(.top))) {
            $0.products.selection = 0
            $0.products.scrollTop = 0
        }
        store.send(.products(.selectionMoved(.bottom))) {
            $0.products.selection = 39
            $0.products.scrollTop = 24
        }
    }

    @Test func filteringResetsTheWindowAndClearingKeepsTheFind() {
        var store = Store(loaded(forty()))
        store.given(.products(.selectionMoved(.bottom)), .products(.filterStarted))
        // "Item 1" matches Item 1 exactly, Item 10…19 by prefix and Item 21 and 31 fuzzily
        // (i-t-e-m-space-1 in order): 13 rows, which fit.
        store.send(.products(.filterEdited(.inserted("Item 1")))) {
            $0.products.filter = TextFieldValue("Item 1")
            $0.products.visible = [0] + Array(9...18) + [20, 30]
            $0.products.selection = 0
            $0.products.scrollTop = 0
        }
        store.send(.products(.selectionMoved(.bottom))) { $0.products.selection = 12 }
        // Clearing keeps "Item 31" selected, scrolled just into view at the bottom of the window.
        store.send(.products(.filterCleared)) {
            $0.products.filter = TextFieldValue()
            $0.products.isFilterEditing = false
            $0.products.visible = Array(0..<40)
            $0.products.selection = 30
            $0.products.scrollTop = 15
        }
        #expect(store.state.products.selectedProduct(in: store.state.catalog)?.name == "Item 31")
    }

    @Test func aReloadKeepsTheSelectedProductInView() {
        var store = Store(loaded(forty()))
        store.given(.products(.selectionMoved(.pageDown(rows: 16))), .products(.selectionMoved(.down)))
        #expect(store.state.products.selection == 17 && store.state.products.scrollTop == 16)
        store.given(.products(.reloadRequested))
        // The fresh list has 20 products; the selected one (Item 18) is now row 2.
        let fresh = Array(forty()[15..<35])
        store.send(.catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: fresh, hasMore: false)))),
                   effects: [.saveCatalogCache(CatalogItems(fresh)), .loadCatalogPricesPage(startingAfter: nil)]) {
            $0.catalog.items = CatalogItems(fresh)
            $0.catalog.index = SearchIndex(fresh)
            $0.products.visible = Array(0..<20)
            $0.products.selection = 2
            $0.products.scrollTop = 2
            $0.catalog.hasFreshData = true
            $0.catalog.load.phase = .idle
            $0.catalog.priceSync.phase = .loading
            $0.status.message = .info(.productsLoaded(count: 20))
        }
        // A list the window no longer fits is clamped so no blank rows show.
        store.given(.products(.selectionMoved(.bottom)), .products(.reloadRequested))
        #expect(store.state.products.scrollTop == 4)
        let shorter = Array(forty()[15..<32])
        store.send(.catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: shorter, hasMore: false)))),
                   effects: [.saveCatalogCache(CatalogItems(shorter)), .loadCatalogPricesPage(startingAfter: nil)]) {
            $0.catalog.items = CatalogItems(shorter)
            $0.catalog.index = SearchIndex(shorter)
            $0.products.visible = Array(0..<17)
            $0.products.selection = 16
            $0.products.scrollTop = 1
            $0.catalog.load.phase = .idle
            $0.catalog.priceSync.phase = .loading
            $0.status.message = .info(.productsLoaded(count: 17))
        }
    }

    @Test func aResizeRefitsEveryWindow() {
        var store = Store(loaded(forty()))
        store.given(.products(.selectionMoved(.bottom)))
        store.send(.screenResized(Size(width: 120, height: 40))) {
            $0.screen = Size(width: 120, height: 40)
            $0.products.scrollTop = 8
        }
        store.send(.products(.selectionMoved(.pageUp(rows: 32)))) {
            $0.products.selection = 7
            $0.products.scrollTop = 0
        }
        store.send(.screenResized(Size(width: 80, height: 24))) { $0.screen = Size(width: 80, height: 24) }
        store.send(.products(.selectionMoved(.bottom))) {
            $0.products.selection = 39
            $0.products.scrollTop = 24
        }
        store.send(.screenResized(Size(width: 80, height: 10))) {
            $0.screen = Size(width: 80, height: 10)
            $0.products.scrollTop = 38       // 2 list rows
        }
    }

    @Test func pricesScroll() {
        var state = loaded([coffee])
        state.focus = .prices
        state.prices.productId = "prod_1"
        state.prices.productName = "Coffee"
        state.prices.prices = (1...20).map { price("price_\($0)", product: "prod_1", Int64(100 * $0)) }
        var store = Store(state)
        store.send(.prices(.selectionMoved(.bottom))) {
            $0.prices.selection = 19
            $0.prices.scrollTop = 4
        }
        store.send(.prices(.selectionMoved(.pageUp(rows: 16)))) {
            $0.prices.selection = 3
            $0.prices.scrollTop = 0
        }
        // A new price goes on top and is selected: the window goes with it.
        store.given(.prices(.selectionMoved(.bottom)))
        let new = price("price_new", product: "prod_1", 999)
        store.send(.prices(.priceCreated(.success(new)))) {
            $0.prices.prices.insert(new, at: 0)
            $0.prices.selection = 0
            $0.prices.scrollTop = 0
            $0.catalog.priceCounts["prod_1"] = 21
            $0.catalog.catalogPrices["prod_1"] = $0.prices.prices
            $0.catalog.priceSync.incoming["prod_1"] = $0.prices.prices
            $0.status.message = .info(.priceCreated(gbp(999)))
        }
    }

    @Test func cartScrollAndRemovingLines() {
        var state = freshState()
        state.focus = .cart
        state.cart.cart = try! Cart(lines: (1...20).map {
            CartLine(item: .oneOff(name: "Line \($0)"), unitAmount: gbp(100), quantity: 1)
        })
        var store = Store(state)
        // The cart shows 13 lines at 80×24 (the quick-add line above, two rows for the total below).
        store.send(.cart(.selectionMoved(.bottom))) {
            $0.cart.selection = 19
            $0.cart.scrollTop = 7
        }
        store.send(.cart(.selectionMoved(.pageUp(rows: 14)))) {
            $0.cart.selection = 5
            $0.cart.scrollTop = 0
        }
        store.given(.cart(.selectionMoved(.bottom)))
        var fewer = store.state.cart.cart
        fewer.remove(at: 19)
        store.send(.cart(.removeRequested), effects: [.saveDraft(CheckoutDraft(cart: fewer, successURL: testSettings.successURL,
                                                                               cancelURL: testSettings.cancelURL))]) {
            $0.cart.cart = fewer
            $0.cart.selection = 18
            $0.cart.scrollTop = 6
            $0.cartHistory.record(.cart(state.cart.cart, what: .remove(name: nil)))
        }
    }

    @Test func historyScrollsLikeEveryOtherList() {
        var store = Store()
        store.given(.paneSelected(.history))
        store.given(.history(.pageLoaded(startingAfter: nil, .success(Page(
            items: (1...20).map { i in var s = session("cs_\(i)", status: .expired); s.created = t0.addingTimeInterval(Double(-i)); return s },
            hasMore: false)))))
        store.send(.history(.selectionMoved(.bottom))) {
            $0.history.selection = 19
            $0.history.scrollTop = 4
        }
        store.send(.history(.selectionMoved(.pageUp(rows: 16)))) {
            $0.history.selection = 3
            $0.history.scrollTop = 0
        }
        store.send(.history(.selectionMoved(.up))) { $0.history.selection = 2 }
    }
}
