import Foundation
import Testing
@testable import TillCore

@Suite("Catalog reducer")
struct ProductsFeatureTests {
    @Test func startLoadsTheCacheAndTheFirstPage() {
        var store = Store()
        store.send(.started, effects: [.loadCatalogCache, .loadProductsPage(startingAfter: nil)]) {
            $0.catalog.load.phase = .loading
            $0.catalog.load.mode = .append
        }
    }

    @Test func pagesAppearAsTheyArriveWhenNothingIsShown() {
        var store = Store()
        store.given(.started)
        store.send(.catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: [coffee, creme], hasMore: true)))),
                   effects: [.loadProductsPage(startingAfter: "prod_2")]) {
            $0.catalog.items = [coffee, creme]
            $0.catalog.index = SearchIndex([coffee, creme])
            $0.products.visible = [0, 1]
            $0.catalog.hasFreshData = true
            $0.catalog.load.awaitedCursor = "prod_2"
        }
        // A late cache read never replaces data from WooshPay.
        store.send(.catalog(.cacheLoaded([tea])))
        // A page for a cursor nobody asked for is stale: dropped.
        store.send(.catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: [tea], hasMore: false)))))
        store.send(.catalog(.productsPageLoaded(startingAfter: "prod_2", .success(Page(items: [tea], hasMore: false)))),
                   effects: [.saveCatalogCache([coffee, creme, tea]), .loadCatalogPricesPage(startingAfter: nil)]) {
            $0.catalog.items = [coffee, creme, tea]
            $0.catalog.index = SearchIndex([coffee, creme, tea])
            $0.products.visible = [0, 1, 2]
            $0.catalog.load.awaitedCursor = nil
            $0.catalog.load.mode = .swap
            $0.catalog.load.phase = .idle
            $0.catalog.priceSync.phase = .loading
            $0.status.message = .info(.productsLoaded(count: 3))
        }
        // Nothing is loading now: any further page is dropped.
        store.send(.catalog(.productsPageLoaded(startingAfter: "prod_3", .success(Page(items: [tea], hasMore: false)))))
    }

    @Test func theCacheIsShownFirstThenSwappedForTheFreshList() {
        var store = Store()
        store.given(.started)
        let stale = product("prod_2", "Old crème")
        store.send(.catalog(.cacheLoaded([coffee, stale]))) {
            $0.catalog.items = [coffee, stale]
            $0.catalog.index = SearchIndex([coffee, stale])
            $0.products.visible = [0, 1]
            $0.catalog.isShowingCache = true
            $0.catalog.load.mode = .swap
        }
        store.send(.products(.selectionMoved(.down))) { $0.products.selection = 1 }
        store.send(.catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: [tea], hasMore: true)))),
                   effects: [.loadProductsPage(startingAfter: "prod_3")]) {
            $0.catalog.load.incoming.items = [tea]
            $0.catalog.load.incoming.index = SearchIndex([tea])
            $0.catalog.load.awaitedCursor = "prod_3"
        }
        #expect(store.state.catalog.loadedCount == 1)
        store.send(.catalog(.productsPageLoaded(startingAfter: "prod_3", .success(Page(items: [creme, coffee], hasMore: false)))),
                   effects: [.saveCatalogCache([tea, creme, coffee]), .loadCatalogPricesPage(startingAfter: nil)]) {
            $0.catalog.items = [tea, creme, coffee]
            $0.catalog.index = SearchIndex([tea, creme, coffee])
            $0.products.visible = [0, 1, 2]
            $0.products.selection = 1          // still on prod_2
            $0.catalog.load.incoming.items = []
            $0.catalog.load.incoming.index = SearchIndex()
            $0.catalog.load.awaitedCursor = nil
            $0.catalog.isShowingCache = false
            $0.catalog.hasFreshData = true
            $0.catalog.load.phase = .idle
            $0.catalog.priceSync.phase = .loading
            $0.status.message = .info(.productsLoaded(count: 3))
        }
    }

    @Test func changesMadeDuringARefreshSurviveTheSwap() {
        var store = Store()
        store.given(.started, .catalog(.cacheLoaded([coffee, creme])),
                    .catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: [coffee], hasMore: true)))))
        let bagel = product("prod_9", "Bagel")
        var renamedCoffee = coffee
        renamedCoffee.name = "Coffee (large)"
        var renamedCreme = creme
        renamedCreme.name = "Crème"
        store.send(.products(.productCreated(.success(bagel)))) {
            $0.catalog.items = [bagel, coffee, creme]
            $0.catalog.index = SearchIndex([bagel, coffee, creme])
            $0.products.visible = [0, 1, 2]
            $0.catalog.load.incoming.items = [bagel, coffee]
            $0.catalog.load.incoming.index = SearchIndex([bagel, coffee])
            $0.catalog.priceCounts["prod_9"] = 0
            $0.status.message = .info(.productCreated(name: "Bagel"))
        }
        store.given(.products(.productUpdated(.success(renamedCoffee))), .products(.productUpdated(.success(renamedCreme))))
        #expect(store.state.catalog.load.incoming.items == [bagel, renamedCoffee])
        #expect(store.state.catalog.items == [bagel, renamedCoffee, renamedCreme])
        store.given(.catalog(.productsPageLoaded(startingAfter: "prod_1", .success(Page(items: [renamedCreme], hasMore: false)))))
        #expect(store.state.catalog.items == [bagel, renamedCoffee, renamedCreme])
        #expect(store.state.catalog.index == SearchIndex([bagel, renamedCoffee, renamedCreme]))
    }

    @Test func anEmptyCacheChangesNothing() {
        var store = Store()
        store.given(.started)
        store.send(.catalog(.cacheLoaded([])))
    }

    @Test func aFailedPageKeepsWhatIsShownAndSaysSo() {
        var store = Store()
        store.given(.started, .catalog(.cacheLoaded([coffee])),
                    .catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: [tea], hasMore: true)))))
        store.send(.catalog(.productsPageLoaded(startingAfter: "prod_3", .failure(timedOut)))) {
            $0.catalog.load.phase = .failed(timedOut)
            $0.catalog.load.incoming.items = []
            $0.catalog.load.incoming.index = SearchIndex()
            $0.catalog.load.awaitedCursor = nil
            $0.status.message = .error(.loadFailed(.products, timedOut, retry: .productsReload))
        }
        store.send(.products(.reloadRequested), effects: [.loadProductsPage(startingAfter: nil)]) {
            $0.catalog.load.phase = .loading
        }
        // Reloading while a load runs cancels it first.
        store.send(.products(.reloadRequested), effects: [.cancel(.productsLoad), .loadProductsPage(startingAfter: nil)])
    }

    @Test func anEmptyPageWithHasMoreEndsTheLoad() {
        var store = Store()
        store.given(.started)
        store.send(.catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: [], hasMore: true)))),
                   effects: [.saveCatalogCache([]), .loadCatalogPricesPage(startingAfter: nil)]) {
            $0.catalog.load.mode = .swap
            $0.catalog.hasFreshData = true
            $0.catalog.load.phase = .idle
            $0.catalog.priceSync.phase = .loading
            $0.status.message = .info(.productsLoaded(count: 0))
        }
    }

    @Test func filterIsLiveCaseAndDiacriticInsensitiveAndEscClearsIt() {
        var store = Store(loaded([coffee, creme, tea]))
        store.send(.products(.filterStarted)) { $0.products.isFilterEditing = true }
        #expect(store.state.isEditingText)
        store.send(.products(.selectionMoved(.bottom))) { $0.products.selection = 2 }
        store.send(.products(.filterEdited(.inserted("E")))) {
            $0.products.filter = TextFieldValue("E")
            $0.products.visible = [0, 1, 2]      // coFfEE, crème, tEa
            $0.products.selection = 0
        }
        store.send(.products(.filterEdited(.inserted("M")))) {
            $0.products.filter = TextFieldValue("EM")
            $0.products.visible = [1]
        }
        store.send(.products(.filterEdited(.cursorMovedLeft))) { $0.products.filter = TextFieldValue("EM").applying(.cursorMovedLeft) }
        store.send(.products(.filterEdited(.cursorMovedRight))) { $0.products.filter = TextFieldValue("EM") }
        store.send(.products(.filterEdited(.deletedBackward))) {
            $0.products.filter = TextFieldValue("E")
            $0.products.visible = [0, 1, 2]
        }
        store.send(.products(.filterEdited(.deletedBackward))) {
            $0.products.filter = TextFieldValue("")
            $0.products.visible = [0, 1, 2]
        }
        store.send(.products(.filterEdited(.inserted("prod_3")))) {
            $0.products.filter = TextFieldValue("prod_3")
            $0.products.visible = [2]
        }
        store.send(.products(.filterFinished)) { $0.products.isFilterEditing = false }
        #expect(store.state.products.selectedProduct(in: store.state.catalog) == tea)
        // Esc clears the filter and the product found stays selected in the whole list.
        store.send(.products(.filterCleared)) {
            $0.products.filter = TextFieldValue()
            $0.products.visible = [0, 1, 2]
            $0.products.selection = 2
        }
        #expect(store.state.products.selectedProduct(in: store.state.catalog) == tea)
        store.send(.products(.selectionMoved(.top))) { $0.products.selection = 0 }
        store.send(.products(.filterStarted)) { $0.products.isFilterEditing = true }
        store.send(.products(.filterEdited(.inserted("flat white")))) {
            $0.products.filter = TextFieldValue("flat white")
            $0.products.visible = [0]
        }
        store.send(.products(.filterEdited(.inserted("zzz")))) {
            $0.products.filter = TextFieldValue("flat whitezzz")
            $0.products.visible = []
        }
        #expect(store.state.products.selectedProduct(in: store.state.catalog) == nil)
        store.send(.products(.filterCleared)) {
            $0.products.filter = TextFieldValue()
            $0.products.isFilterEditing = false
            $0.products.visible = [0, 1, 2]
        }
        // Esc with no filter does nothing.
        store.send(.products(.filterCleared))
    }

    @Test func selectionMoves() {
        var store = Store(loaded([coffee, creme, tea]))
        store.send(.products(.selectionMoved(.up)))
        store.send(.products(.selectionMoved(.down))) { $0.products.selection = 1 }
        store.send(.products(.selectionMoved(.pageDown(rows: 20)))) { $0.products.selection = 2 }
        store.send(.products(.selectionMoved(.down)))
        store.send(.products(.selectionMoved(.top))) { $0.products.selection = 0 }
        store.send(.products(.selectionMoved(.bottom))) { $0.products.selection = 2 }
        store.send(.products(.selectionMoved(.pageUp(rows: 1)))) { $0.products.selection = 1 }
        #expect(store.state.products.visibleProduct(at: 1, in: store.state.catalog) == creme)
        var empty = Store()
        empty.send(.products(.selectionMoved(.down)))
    }

    @Test func aNameOverTheLimitIsRefusedBeforeAnythingIsSent() {
        var store = Store(loaded([coffee]))
        store.send(.products(.newProductRequested)) { $0.products.form = ProductForm(mode: .create) }
        let long = String(repeating: "W", count: 251)
        store.send(.products(.form(.edited(.inserted(long))))) { $0.products.form?.fields[.name] = TextFieldValue(long) }
        store.send(.products(.form(.submitted(freshID: "key-1")))) {
            $0.products.form?.fields.refuse(.nameProblem(.tooLong(length: 251, maximum: 250)), at: .name)
        }
        store.send(.products(.form(.edited(.deletedBackward)))) {
            $0.products.form?.fields[.name] = TextFieldValue(String(long.dropLast()))
            $0.products.form?.fields.message = nil
            $0.products.form?.fields.invalidField = nil
        }
    }

    @Test func createAProduct() {
        var store = Store(loaded([coffee]))
        store.send(.products(.newProductRequested)) { $0.products.form = ProductForm(mode: .create) }
        #expect(store.state.activeForm == .product(ProductForm(mode: .create)))
        store.send(.products(.form(.submitted(freshID: "key-1")))) {
            $0.products.form?.fields.refuse(.nameProblem(.empty(.product)), at: .name)
        }
        store.send(.products(.form(.edited(.inserted("  Bagel "))))) {
            $0.products.form?.fields[.name] = TextFieldValue("  Bagel ")
            $0.products.form?.fields.message = nil
            $0.products.form?.fields.invalidField = nil
        }
        store.send(.products(.form(.focusMovedNext))) { $0.products.form?.fields.focus = .description }
        store.send(.products(.form(.edited(.inserted("Sesame"))))) { $0.products.form?.fields[.description] = TextFieldValue("Sesame") }
        store.send(.products(.form(.submitted(freshID: "key-1"))),
                   effects: [.createProduct(ProductDraft(name: "Bagel", description: "Sesame"), idempotencyKey: "key-1")]) {
            $0.products.form?.idempotencyKey = "key-1"
            $0.products.form?.fields.isSubmitting = true
        }
        // In flight: Enter and typing do nothing, Tab still moves.
        store.send(.products(.form(.submitted(freshID: "key-2"))))
        store.send(.products(.form(.edited(.inserted("x")))))
        store.send(.products(.form(.focusMovedPrevious))) { $0.products.form?.fields.focus = .name }
        store.send(.products(.productCreated(.failure(timedOut)))) {
            $0.products.form?.fields.isSubmitting = false
            $0.products.form?.fields.message = .requestFailed(timedOut, keyed: true)
        }
        // The retry reuses the key.
        store.send(.products(.form(.submitted(freshID: "key-3"))),
                   effects: [.createProduct(ProductDraft(name: "Bagel", description: "Sesame"), idempotencyKey: "key-1")]) {
            $0.products.form?.fields.isSubmitting = true
            $0.products.form?.fields.message = nil
        }
        let bagel = product("prod_9", "Bagel", description: "Sesame")
        store.send(.products(.productCreated(.success(bagel)))) {
            $0.catalog.items = [bagel, coffee]
            $0.catalog.index = SearchIndex([bagel, coffee])
            $0.products.visible = [0, 1]
            $0.products.selection = 0
            $0.catalog.priceCounts["prod_9"] = 0
            $0.products.form = nil
            $0.status.message = .info(.productCreated(name: "Bagel"))
        }
    }

    @Test func editingTheFormAfterAFailureDropsTheKey() {
        var store = Store(loaded([]))
        store.given(.products(.newProductRequested), .products(.form(.edited(.inserted("Tea")))), .products(.form(.submitted(freshID: "k1"))),
                    .products(.productCreated(.failure(badRequest))))
        #expect(store.state.products.form?.fields.message == .requestFailed(badRequest, keyed: true))
        store.send(.products(.form(.edited(.inserted("s"))))) {
            $0.products.form?.fields[.name] = TextFieldValue("Teas")
            $0.products.form?.fields.message = nil
            $0.products.form?.idempotencyKey = nil
        }
        store.send(.products(.form(.submitted(freshID: "k2"))), effects: [.createProduct(ProductDraft(name: "Teas"), idempotencyKey: "k2")]) {
            $0.products.form?.idempotencyKey = "k2"
            $0.products.form?.fields.isSubmitting = true
        }
        store.send(.products(.form(.cancelled))) { $0.products.form = nil }
        // The answer to a form closed meanwhile is still applied, and said on the status line.
        let teas = product("prod_8", "Teas")
        store.send(.products(.productCreated(.success(teas)))) {
            $0.catalog.items = [teas]
            $0.catalog.index = SearchIndex([teas])
            $0.products.visible = [0]
            $0.catalog.priceCounts["prod_8"] = 0
            $0.status.message = .info(.productCreated(name: "Teas"))
        }
        store.send(.products(.productCreated(.failure(badRequest)))) {
            $0.status.message = .error(.productCreateFailed(badRequest))
        }
    }

    @Test func editAProduct() {
        var store = Store(loaded([coffee, creme]))
        store.send(.products(.selectionMoved(.down))) { $0.products.selection = 1 }
        let fields = FormState<ProductField>([.name: "Crème brûlée", .description: "Dessert"])
        store.send(.products(.editProductRequested)) { $0.products.form = ProductForm(mode: .edit(id: "prod_2"), fields: fields) }
        store.send(.products(.form(.focusMovedNext))) { $0.products.form?.fields.focus = .description }
        store.send(.products(.form(.edited(.deletedToStart)))) { $0.products.form?.fields[.description] = TextFieldValue("") }
        store.send(.products(.form(.submitted(freshID: "unused"))),
                   effects: [.updateProduct(id: "prod_2", ProductUpdate(name: "Crème brûlée", description: ""))]) {
            $0.products.form?.fields.isSubmitting = true
        }
        store.send(.products(.productUpdated(.failure(badRequest)))) {
            $0.products.form?.fields.isSubmitting = false
            $0.products.form?.fields.message = .requestFailed(badRequest, keyed: false)
        }
        store.given(.products(.form(.submitted(freshID: "unused"))))
        // An edit carries no idempotency key: after a timeout the form says it can simply be sent again.
        store.send(.products(.productUpdated(.failure(timedOut)))) {
            $0.products.form?.fields.isSubmitting = false
            $0.products.form?.fields.message = .requestFailed(timedOut, keyed: false)
        }
        store.given(.products(.form(.submitted(freshID: "unused"))))
        let updated = product("prod_2", "Crème brûlée")
        store.send(.products(.productUpdated(.success(updated)))) {
            $0.catalog.items = [coffee, updated]
            $0.catalog.index = SearchIndex([coffee, updated])
            $0.products.form = nil
            $0.status.message = .info(.productSaved(name: "Crème brûlée"))
        }
    }

    @Test func commandsNeedASelection() {
        for action in [ProductsAction.editProductRequested, .archiveToggleRequested, .pricesRequested] {
            var store = Store()
            store.send(.products(action)) { $0.status.message = .error(.noProductSelected) }
        }
    }

    @Test func archiveAndUnarchiveAskFirst() {
        var store = Store(loaded([coffee, tea]))
        store.send(.products(.archiveToggleRequested)) {
            $0.confirmation = .archiveProduct(id: "prod_1", name: "Coffee", archive: true)
        }
        // While the question stands, other keys do nothing.
        store.send(.products(.selectionMoved(.down)))
        store.send(.quitRequested)
        store.send(.confirmationAnswered(false)) { $0.confirmation = nil }
        store.given(.products(.archiveToggleRequested))
        store.send(.confirmationAnswered(true), effects: [.updateProduct(id: "prod_1", ProductUpdate(active: false))]) {
            $0.confirmation = nil
        }
        var archived = coffee
        archived.active = false
        store.send(.products(.productUpdated(.success(archived)))) {
            $0.catalog.items = [archived, tea]
            $0.catalog.index = SearchIndex([archived, tea])
            $0.status.message = .info(.productArchiveChanged(name: "Coffee", archived: true))
        }
        store.send(.products(.productUpdated(.failure(timedOut)))) {
            $0.status.message = .error(.productUpdateFailed(timedOut))
        }
        store.send(.products(.selectionMoved(.down))) { $0.products.selection = 1 }
        store.send(.products(.archiveToggleRequested)) {
            $0.confirmation = .archiveProduct(id: "prod_3", name: "Tea", archive: false)
        }
        store.send(.confirmationAnswered(true), effects: [.updateProduct(id: "prod_3", ProductUpdate(active: true))]) {
            $0.confirmation = nil
        }
        // A stray answer with no question does nothing.
        store.send(.confirmationAnswered(true))
    }

    @Test func anUpdateThatNoLongerMatchesTheFilterLeavesTheList() {
        var store = Store(loaded([coffee, creme]))
        store.given(.products(.filterStarted), .products(.filterEdited(.inserted("co"))), .products(.filterFinished))
        #expect(store.state.products.visible == [0])
        store.given(.products(.editProductRequested), .products(.form(.edited(.deletedToStart))), .products(.form(.edited(.inserted("Espresso")))),
                    .products(.form(.submitted(freshID: "unused"))))
        let renamed = product("prod_1", "Espresso")
        store.send(.products(.productUpdated(.success(renamed)))) {
            $0.catalog.items = [renamed, creme]
            $0.catalog.index = SearchIndex([renamed, creme])
            $0.products.visible = []
            $0.products.form = nil
            $0.status.message = .info(.productSaved(name: "Espresso"))
        }
    }

    @Test func enterOpensThePricesOfTheSelection() {
        var store = Store(loaded([coffee]))
        store.send(.products(.pricesRequested), effects: [.loadPrices(productId: "prod_1")]) {
            $0.focus = .prices
            $0.prices.productId = "prod_1"
            $0.prices.productName = "Coffee"
            $0.prices.load = .loading
        }
        // Opening again while loading cancels the older load.
        store.send(.products(.pricesRequested), effects: [.cancel(.pricesLoad), .loadPrices(productId: "prod_1")])
    }
}
