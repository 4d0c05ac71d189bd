import Foundation
import Testing
@testable import TillCore

@Suite("Catalog reducer")
struct CatalogReducerTests {
    @Test func startLoadsTheCacheAndTheFirstPage() {
        var store = Store()
        store.send(.started, effects: [.loadCatalogCache, .loadProductsPage(startingAfter: nil)]) {
            $0.catalog.load = .loading
            $0.catalog.appendsInPlace = true
            $0.status.progress = StatusProgress(label: "Loading products", count: 0)
        }
    }

    @Test func pagesAppearAsTheyArriveWhenNothingIsShown() {
        var store = Store()
        store.given(.started)
        store.send(.catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: [coffee, creme], hasMore: true)))),
                   effects: [.loadProductsPage(startingAfter: "prod_2")]) {
            $0.catalog.products = [coffee, creme]
            $0.catalog.index = SearchIndex([coffee, creme])
            $0.catalog.visible = [0, 1]
            $0.catalog.hasFreshData = true
            $0.catalog.awaitedCursor = "prod_2"
            $0.status.progress = StatusProgress(label: "Loading products", count: 2)
        }
        // A late cache read never replaces data from WooshPay.
        store.send(.catalog(.cacheLoaded([tea])))
        // A page for a cursor nobody asked for is stale: dropped.
        store.send(.catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: [tea], hasMore: false)))))
        store.send(.catalog(.productsPageLoaded(startingAfter: "prod_2", .success(Page(items: [tea], hasMore: false)))),
                   effects: [.saveCatalogCache([coffee, creme, tea])]) {
            $0.catalog.products = [coffee, creme, tea]
            $0.catalog.index = SearchIndex([coffee, creme, tea])
            $0.catalog.visible = [0, 1, 2]
            $0.catalog.awaitedCursor = nil
            $0.catalog.appendsInPlace = false
            $0.catalog.load = .idle
            $0.status.progress = nil
            $0.status.message = .info("Loaded 3 products.")
        }
        // Nothing is loading now: any further page is dropped.
        store.send(.catalog(.productsPageLoaded(startingAfter: "prod_3", .success(Page(items: [tea], hasMore: false)))))
    }

    @Test func theCacheIsShownFirstThenSwappedForTheFreshList() {
        var store = Store()
        store.given(.started)
        let stale = product("prod_2", "Old crème")
        store.send(.catalog(.cacheLoaded([coffee, stale]))) {
            $0.catalog.products = [coffee, stale]
            $0.catalog.index = SearchIndex([coffee, stale])
            $0.catalog.visible = [0, 1]
            $0.catalog.isShowingCache = true
            $0.catalog.appendsInPlace = false
        }
        store.send(.catalog(.selectionMoved(.down))) { $0.catalog.selection = 1 }
        store.send(.catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: [tea], hasMore: true)))),
                   effects: [.loadProductsPage(startingAfter: "prod_3")]) {
            $0.catalog.incoming = [tea]
            $0.catalog.incomingIndex = SearchIndex([tea])
            $0.catalog.awaitedCursor = "prod_3"
            $0.status.progress = StatusProgress(label: "Loading products", count: 1)
        }
        #expect(store.state.catalog.loadedCount == 1)
        store.send(.catalog(.productsPageLoaded(startingAfter: "prod_3", .success(Page(items: [creme, coffee], hasMore: false)))),
                   effects: [.saveCatalogCache([tea, creme, coffee])]) {
            $0.catalog.products = [tea, creme, coffee]
            $0.catalog.index = SearchIndex([tea, creme, coffee])
            $0.catalog.visible = [0, 1, 2]
            $0.catalog.selection = 1          // still on prod_2
            $0.catalog.incoming = []
            $0.catalog.incomingIndex = SearchIndex()
            $0.catalog.awaitedCursor = nil
            $0.catalog.isShowingCache = false
            $0.catalog.hasFreshData = true
            $0.catalog.load = .idle
            $0.status.progress = nil
            $0.status.message = .info("Loaded 3 products.")
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
        store.send(.catalog(.productCreated(.success(bagel)))) {
            $0.catalog.products = [bagel, coffee, creme]
            $0.catalog.index = SearchIndex([bagel, coffee, creme])
            $0.catalog.visible = [0, 1, 2]
            $0.catalog.incoming = [bagel, coffee]
            $0.catalog.incomingIndex = SearchIndex([bagel, coffee])
            $0.catalog.priceCounts["prod_9"] = 0
            $0.status.message = .info("Created product \"Bagel\".")
        }
        store.given(.catalog(.productUpdated(.success(renamedCoffee))), .catalog(.productUpdated(.success(renamedCreme))))
        #expect(store.state.catalog.incoming == [bagel, renamedCoffee])
        #expect(store.state.catalog.products == [bagel, renamedCoffee, renamedCreme])
        store.given(.catalog(.productsPageLoaded(startingAfter: "prod_1", .success(Page(items: [renamedCreme], hasMore: false)))))
        #expect(store.state.catalog.products == [bagel, renamedCoffee, renamedCreme])
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
            $0.catalog.load = .failed(timedOut)
            $0.catalog.incoming = []
            $0.catalog.incomingIndex = SearchIndex()
            $0.catalog.awaitedCursor = nil
            $0.status.progress = nil
            $0.status.message = .error("Could not load products: WooshPay did not answer in time: no answer after 30 s. Press r to retry.")
        }
        store.send(.catalog(.reloadRequested), effects: [.loadProductsPage(startingAfter: nil)]) {
            $0.catalog.load = .loading
            $0.status.progress = StatusProgress(label: "Loading products", count: 0)
        }
        // Reloading while a load runs cancels it first.
        store.send(.catalog(.reloadRequested), effects: [.cancel(.catalogLoad), .loadProductsPage(startingAfter: nil)])
    }

    @Test func anEmptyPageWithHasMoreEndsTheLoad() {
        var store = Store()
        store.given(.started)
        store.send(.catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: [], hasMore: true)))),
                   effects: [.saveCatalogCache([])]) {
            $0.catalog.appendsInPlace = false
            $0.catalog.hasFreshData = true
            $0.catalog.load = .idle
            $0.status.progress = nil
            $0.status.message = .info("Loaded 0 products.")
        }
    }

    @Test func filterIsLiveCaseAndDiacriticInsensitiveAndEscClearsIt() {
        var store = Store(loaded([coffee, creme, tea]))
        store.send(.catalog(.filterStarted)) { $0.catalog.isFilterEditing = true }
        #expect(store.state.isEditingText)
        store.send(.catalog(.selectionMoved(.bottom))) { $0.catalog.selection = 2 }
        store.send(.catalog(.filterEdited(.inserted("E")))) {
            $0.catalog.filter = TextFieldValue("E")
            $0.catalog.visible = [0, 1, 2]      // coFfEE, crème, tEa
            $0.catalog.selection = 0
        }
        store.send(.catalog(.filterEdited(.inserted("M")))) {
            $0.catalog.filter = TextFieldValue("EM")
            $0.catalog.visible = [1]
        }
        store.send(.catalog(.filterEdited(.cursorMovedLeft))) { $0.catalog.filter = TextFieldValue("EM").applying(.cursorMovedLeft) }
        store.send(.catalog(.filterEdited(.cursorMovedRight))) { $0.catalog.filter = TextFieldValue("EM") }
        store.send(.catalog(.filterEdited(.deletedBackward))) {
            $0.catalog.filter = TextFieldValue("E")
            $0.catalog.visible = [0, 1, 2]
        }
        store.send(.catalog(.filterEdited(.deletedBackward))) {
            $0.catalog.filter = TextFieldValue("")
            $0.catalog.visible = [0, 1, 2]
        }
        store.send(.catalog(.filterEdited(.inserted("prod_3")))) {
            $0.catalog.filter = TextFieldValue("prod_3")
            $0.catalog.visible = [2]
        }
        store.send(.catalog(.filterFinished)) { $0.catalog.isFilterEditing = false }
        #expect(store.state.catalog.selectedProduct == tea)
        // Esc clears the filter and the product found stays selected in the whole list.
        store.send(.catalog(.filterCleared)) {
            $0.catalog.filter = TextFieldValue()
            $0.catalog.visible = [0, 1, 2]
            $0.catalog.selection = 2
        }
        #expect(store.state.catalog.selectedProduct == tea)
        store.send(.catalog(.selectionMoved(.top))) { $0.catalog.selection = 0 }
        store.send(.catalog(.filterStarted)) { $0.catalog.isFilterEditing = true }
        store.send(.catalog(.filterEdited(.inserted("flat white")))) {
            $0.catalog.filter = TextFieldValue("flat white")
            $0.catalog.visible = [0]
        }
        store.send(.catalog(.filterEdited(.inserted("zzz")))) {
            $0.catalog.filter = TextFieldValue("flat whitezzz")
            $0.catalog.visible = []
        }
        #expect(store.state.catalog.selectedProduct == nil)
        store.send(.catalog(.filterCleared)) {
            $0.catalog.filter = TextFieldValue()
            $0.catalog.isFilterEditing = false
            $0.catalog.visible = [0, 1, 2]
        }
        // Esc with no filter does nothing.
        store.send(.catalog(.filterCleared))
    }

    @Test func selectionMoves() {
        var store = Store(loaded([coffee, creme, tea]))
        store.send(.catalog(.selectionMoved(.up)))
        store.send(.catalog(.selectionMoved(.down))) { $0.catalog.selection = 1 }
        store.send(.catalog(.selectionMoved(.pageDown(rows: 20)))) { $0.catalog.selection = 2 }
        store.send(.catalog(.selectionMoved(.down)))
        store.send(.catalog(.selectionMoved(.top))) { $0.catalog.selection = 0 }
        store.send(.catalog(.selectionMoved(.bottom))) { $0.catalog.selection = 2 }
        store.send(.catalog(.selectionMoved(.pageUp(rows: 1)))) { $0.catalog.selection = 1 }
        #expect(store.state.catalog.visibleProduct(at: 1) == creme)
        var empty = Store()
        empty.send(.catalog(.selectionMoved(.down)))
    }

    @Test func aNameOverTheLimitIsRefusedBeforeAnythingIsSent() {
        var store = Store(loaded([coffee]))
        store.send(.catalog(.newProductRequested)) { $0.catalog.form = ProductForm(mode: .create) }
        let long = String(repeating: "W", count: 251)
        store.send(.form(.edited(.inserted(long)))) { $0.catalog.form?.fields[.name] = TextFieldValue(long) }
        store.send(.form(.submitted(freshID: "key-1"))) {
            $0.catalog.form?.fields.refuse("Names can be at most 250 characters (this one has 251).", at: .name)
        }
        store.send(.form(.edited(.deletedBackward))) {
            $0.catalog.form?.fields[.name] = TextFieldValue(String(long.dropLast()))
            $0.catalog.form?.fields.message = nil
            $0.catalog.form?.fields.invalidField = nil
        }
    }

    @Test func createAProduct() {
        var store = Store(loaded([coffee]))
        store.send(.catalog(.newProductRequested)) { $0.catalog.form = ProductForm(mode: .create) }
        #expect(store.state.activeForm == .product(ProductForm(mode: .create)))
        store.send(.form(.submitted(freshID: "key-1"))) {
            $0.catalog.form?.fields.refuse("Enter a product name.", at: .name)
        }
        store.send(.form(.edited(.inserted("  Bagel ")))) {
            $0.catalog.form?.fields[.name] = TextFieldValue("  Bagel ")
            $0.catalog.form?.fields.message = nil
            $0.catalog.form?.fields.invalidField = nil
        }
        store.send(.form(.focusMovedNext)) { $0.catalog.form?.fields.focus = .description }
        store.send(.form(.edited(.inserted("Sesame")))) { $0.catalog.form?.fields[.description] = TextFieldValue("Sesame") }
        store.send(.form(.submitted(freshID: "key-1")),
                   effects: [.createProduct(ProductDraft(name: "Bagel", description: "Sesame"), idempotencyKey: "key-1")]) {
            $0.catalog.form?.idempotencyKey = "key-1"
            $0.catalog.form?.fields.isSubmitting = true
        }
        // In flight: Enter and typing do nothing, Tab still moves.
        store.send(.form(.submitted(freshID: "key-2")))
        store.send(.form(.edited(.inserted("x"))))
        store.send(.form(.focusMovedPrevious)) { $0.catalog.form?.fields.focus = .name }
        store.send(.catalog(.productCreated(.failure(timedOut)))) {
            $0.catalog.form?.fields.isSubmitting = false
            $0.catalog.form?.fields.message = "WooshPay did not answer in time: no answer after 30 s. It may have gone through: press Enter to retry safely (same idempotency key)."
        }
        // The retry reuses the key.
        store.send(.form(.submitted(freshID: "key-3")),
                   effects: [.createProduct(ProductDraft(name: "Bagel", description: "Sesame"), idempotencyKey: "key-1")]) {
            $0.catalog.form?.fields.isSubmitting = true
            $0.catalog.form?.fields.message = nil
        }
        let bagel = product("prod_9", "Bagel", description: "Sesame")
        store.send(.catalog(.productCreated(.success(bagel)))) {
            $0.catalog.products = [bagel, coffee]
            $0.catalog.index = SearchIndex([bagel, coffee])
            $0.catalog.visible = [0, 1]
            $0.catalog.selection = 0
            $0.catalog.priceCounts["prod_9"] = 0
            $0.catalog.form = nil
            $0.status.message = .info("Created product \"Bagel\".")
        }
    }

    @Test func editingTheFormAfterAFailureDropsTheKey() {
        var store = Store(loaded([]))
        store.given(.catalog(.newProductRequested), .form(.edited(.inserted("Tea"))), .form(.submitted(freshID: "k1")),
                    .catalog(.productCreated(.failure(badRequest))))
        #expect(store.state.catalog.form?.fields.message == "Missing name. (field name, invalid_request_error, parameter_missing, HTTP 400)")
        store.send(.form(.edited(.inserted("s")))) {
            $0.catalog.form?.fields[.name] = TextFieldValue("Teas")
            $0.catalog.form?.fields.message = nil
            $0.catalog.form?.idempotencyKey = nil
        }
        store.send(.form(.submitted(freshID: "k2")), effects: [.createProduct(ProductDraft(name: "Teas"), idempotencyKey: "k2")]) {
            $0.catalog.form?.idempotencyKey = "k2"
            $0.catalog.form?.fields.isSubmitting = true
        }
        store.send(.form(.cancelled)) { $0.catalog.form = nil }
        // The answer to a form closed meanwhile is still applied, and said on the status line.
        let teas = product("prod_8", "Teas")
        store.send(.catalog(.productCreated(.success(teas)))) {
            $0.catalog.products = [teas]
            $0.catalog.index = SearchIndex([teas])
            $0.catalog.visible = [0]
            $0.catalog.priceCounts["prod_8"] = 0
            $0.status.message = .info("Created product \"Teas\".")
        }
        store.send(.catalog(.productCreated(.failure(badRequest)))) {
            $0.status.message = .error("Could not create the product: Missing name. (field name, invalid_request_error, parameter_missing, HTTP 400)")
        }
    }

    @Test func editAProduct() {
        var store = Store(loaded([coffee, creme]))
        store.send(.catalog(.selectionMoved(.down))) { $0.catalog.selection = 1 }
        let fields = FormState<ProductField>([.name: "Crème brûlée", .description: "Dessert"])
        store.send(.catalog(.editProductRequested)) { $0.catalog.form = ProductForm(mode: .edit(id: "prod_2"), fields: fields) }
        store.send(.form(.focusMovedNext)) { $0.catalog.form?.fields.focus = .description }
        store.send(.form(.edited(.deletedToStart))) { $0.catalog.form?.fields[.description] = TextFieldValue("") }
        store.send(.form(.submitted(freshID: "unused")),
                   effects: [.updateProduct(id: "prod_2", ProductUpdate(name: "Crème brûlée", description: ""))]) {
            $0.catalog.form?.fields.isSubmitting = true
        }
        store.send(.catalog(.productUpdated(.failure(badRequest)))) {
            $0.catalog.form?.fields.isSubmitting = false
            $0.catalog.form?.fields.message = badRequest.description
        }
        store.given(.form(.submitted(freshID: "unused")))
        // An edit carries no idempotency key: after a timeout the form says it can simply be sent again.
        store.send(.catalog(.productUpdated(.failure(timedOut)))) {
            $0.catalog.form?.fields.isSubmitting = false
            $0.catalog.form?.fields.message = "WooshPay did not answer in time: no answer after 30 s. It may have gone through: press Enter to send it again."
        }
        store.given(.form(.submitted(freshID: "unused")))
        let updated = product("prod_2", "Crème brûlée")
        store.send(.catalog(.productUpdated(.success(updated)))) {
            $0.catalog.products = [coffee, updated]
            $0.catalog.index = SearchIndex([coffee, updated])
            $0.catalog.form = nil
            $0.status.message = .info("Saved product \"Crème brûlée\".")
        }
    }

    @Test func commandsNeedASelection() {
        for action in [CatalogAction.editProductRequested, .archiveToggleRequested, .pricesRequested] {
            var store = Store()
            store.send(.catalog(action)) { $0.status.message = .error("No product selected.") }
        }
    }

    @Test func archiveAndUnarchiveAskFirst() {
        var store = Store(loaded([coffee, tea]))
        store.send(.catalog(.archiveToggleRequested)) {
            $0.confirmation = .archiveProduct(id: "prod_1", name: "Coffee", archive: true)
        }
        #expect(store.state.confirmation?.prompt == "Archive \"Coffee\"? (y/n)")
        // While the question stands, other keys do nothing.
        store.send(.catalog(.selectionMoved(.down)))
        store.send(.quitRequested)
        store.send(.confirmationAnswered(false)) { $0.confirmation = nil }
        store.given(.catalog(.archiveToggleRequested))
        store.send(.confirmationAnswered(true), effects: [.updateProduct(id: "prod_1", ProductUpdate(active: false))]) {
            $0.confirmation = nil
        }
        var archived = coffee
        archived.active = false
        store.send(.catalog(.productUpdated(.success(archived)))) {
            $0.catalog.products = [archived, tea]
            $0.catalog.index = SearchIndex([archived, tea])
            $0.status.message = .info("Archived product \"Coffee\".")
        }
        store.send(.catalog(.productUpdated(.failure(timedOut)))) {
            $0.status.message = .error("Could not update the product: \(timedOut.description)")
        }
        store.send(.catalog(.selectionMoved(.down))) { $0.catalog.selection = 1 }
        store.send(.catalog(.archiveToggleRequested)) {
            $0.confirmation = .archiveProduct(id: "prod_3", name: "Tea", archive: false)
        }
        #expect(store.state.confirmation?.prompt == "Unarchive \"Tea\"? (y/n)")
        store.send(.confirmationAnswered(true), effects: [.updateProduct(id: "prod_3", ProductUpdate(active: true))]) {
            $0.confirmation = nil
        }
        // A stray answer with no question does nothing.
        store.send(.confirmationAnswered(true))
    }

    @Test func anUpdateThatNoLongerMatchesTheFilterLeavesTheList() {
        var store = Store(loaded([coffee, creme]))
        store.given(.catalog(.filterStarted), .catalog(.filterEdited(.inserted("co"))), .catalog(.filterFinished))
        #expect(store.state.catalog.visible == [0])
        store.given(.catalog(.editProductRequested), .form(.edited(.deletedToStart)), .form(.edited(.inserted("Espresso"))),
                    .form(.submitted(freshID: "unused")))
        let renamed = product("prod_1", "Espresso")
        store.send(.catalog(.productUpdated(.success(renamed)))) {
            $0.catalog.products = [renamed, creme]
            $0.catalog.index = SearchIndex([renamed, creme])
            $0.catalog.visible = []
            $0.catalog.form = nil
            $0.status.message = .info("Saved product \"Espresso\".")
        }
    }

    @Test func enterOpensThePricesOfTheSelection() {
        var store = Store(loaded([coffee]))
        store.send(.catalog(.pricesRequested), effects: [.loadPrices(productId: "prod_1")]) {
            $0.focus = .prices
            $0.prices.productId = "prod_1"
            $0.prices.productName = "Coffee"
            $0.prices.load = .loading
        }
        // Opening again while loading cancels the older load.
        store.send(.catalog(.pricesRequested), effects: [.cancel(.pricesLoad), .loadPrices(productId: "prod_1")])
    }
}
