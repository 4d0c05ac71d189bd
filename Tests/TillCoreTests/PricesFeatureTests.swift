import Foundation
import Testing
@testable import TillCore

@Suite("Prices reducer")
struct PricesFeatureTests {
    /// Coffee's prices pane, loading.
    func opened() -> Store {
        var store = Store(loaded([coffee, creme]))
        store.given(.products(.pricesRequested))
        return store
    }

    /// Coffee's prices pane with its two GBP prices and one USD price loaded.
    func withPrices() -> Store {
        var store = opened()
        store.given(.prices(.pricesLoaded(productId: "prod_1", .success([coffeeLarge, coffeeSmall, coffeeUSD]))))
        return store
    }

    @Test func pricesLoad() {
        var store = opened()
        store.send(.prices(.pricesLoaded(productId: "prod_2", .success([coffeeLarge]))))   // another product: stale
        store.send(.prices(.pricesLoaded(productId: "prod_1", .success([coffeeLarge, coffeeSmall])))) {
            $0.prices.prices = [coffeeLarge, coffeeSmall]
            $0.prices.load = .idle
            $0.catalog.priceCounts["prod_1"] = 2
            // The catalog learns them: quick add, scans and search use them.
            $0.catalog.catalogPrices["prod_1"] = [coffeeLarge, coffeeSmall]
            $0.catalog.priceSync.incoming["prod_1"] = [coffeeLarge, coffeeSmall]
            $0.catalog.index = SearchIndex($0.catalog.items, prices: $0.catalog.catalogPrices)
        }
        store.send(.prices(.pricesLoaded(productId: "prod_1", .success([]))))   // not loading any more
        store.send(.prices(.reloadRequested), effects: [.loadPrices(productId: "prod_1")]) { $0.prices.load = .loading }
        store.send(.prices(.reloadRequested), effects: [.cancel(.pricesLoad), .loadPrices(productId: "prod_1")])
        store.send(.prices(.pricesLoaded(productId: "prod_1", .failure(timedOut)))) {
            $0.prices.load = .failed(timedOut)
            $0.status.message = .error(.loadFailed(.prices, timedOut, retry: .pricesReload))
        }
    }

    @Test func withoutAProductThereIsNothingToLoadOrPrice() {
        for action in [PricesAction.reloadRequested, .newPriceRequested] {
            var store = Store()
            store.send(.prices(action)) { $0.status.message = .error(.openProductFirst) }
        }
        var store = Store()
        store.send(.prices(.addToCartRequested)) { $0.status.message = .error(.noPriceSelected) }
    }

    @Test func selectionMoves() {
        var store = withPrices()
        store.send(.prices(.selectionMoved(.bottom))) { $0.prices.selection = 2 }
        store.send(.prices(.selectionMoved(.up))) { $0.prices.selection = 1 }
        #expect(store.state.prices.selectedPrice == coffeeSmall)
    }

    @Test func createAPriceForTheProduct() {
        var store = withPrices()
        let blank = FormState<PriceField>([.currency: "GBP"], focus: .amount)
        store.send(.prices(.newPriceRequested)) {
            $0.prices.form = PriceForm(fields: .existingProduct(id: "prod_1", name: "Coffee", blank))
        }
        func fields(_ body: @escaping (inout FormState<PriceField>) -> Void) -> (inout AppState) -> Void {
            { state in
                guard case .existingProduct(let id, let name, var form) = state.prices.form?.fields else { return }
                body(&form)
                state.prices.form?.fields = .existingProduct(id: id, name: name, form)
            }
        }
        store.send(.prices(.form(.submitted(freshID: "k1"))), fields { $0.refuse(.amountRefused(.empty), at: .amount) })
        store.send(.prices(.form(.edited(.inserted("12.345")))), fields {
            $0[.amount] = TextFieldValue("12.345"); $0.message = nil; $0.invalidField = nil
        })
        store.send(.prices(.form(.submitted(freshID: "k1"))), fields {
            $0.refuse(.amountRefused(.tooManyDecimals(currency: .gbp, given: 3)), at: .amount)
        })
        store.send(.prices(.form(.edited(.deletedBackward))), fields { $0[.amount] = TextFieldValue("12.34"); $0.message = nil; $0.invalidField = nil })
        store.send(.prices(.form(.focusMovedPrevious)), fields { $0.focus = .currency })
        store.send(.prices(.form(.edited(.inserted("X")))), fields { $0[.currency] = TextFieldValue("GBPX") })
        store.send(.prices(.form(.submitted(freshID: "k1"))), fields {
            $0.refuse(.currencyRefused(.unknown("GBPX")), at: .currency)
        })
        store.send(.prices(.form(.edited(.deletedToStart))), fields { $0[.currency] = TextFieldValue().applying(.cursorMovedToStart); $0.message = nil; $0.invalidField = nil })
        store.send(.prices(.form(.edited(.inserted("usd")))), fields { $0[.currency] = TextFieldValue("usd") })
        store.send(.prices(.form(.focusMovedNext)), fields { $0.focus = .amount })
        store.send(.prices(.form(.focusMovedNext)), fields { $0.focus = .nickname })
        store.send(.prices(.form(.edited(.inserted(" Regular ")))), fields { $0[.nickname] = TextFieldValue(" Regular ") })
        let draft = PriceDraft(product: .existing(id: "prod_1"), amount: Money(minorUnits: 1234, currency: .usd), nickname: "Regular")
        store.send(.prices(.form(.submitted(freshID: "k1"))), effects: [.createPrice(draft, idempotencyKey: "k1")]) {
            fields { $0.isSubmitting = true }(&$0)
            $0.prices.form?.idempotencyKey = "k1"
        }
        #expect(store.state.prices.form?.isSubmitting == true)
        store.send(.prices(.form(.submitted(freshID: "k2"))))
        store.send(.prices(.form(.edited(.inserted("!")))))
        store.send(.prices(.priceCreated(.failure(timedOut)))) {
            fields { $0.isSubmitting = false; $0.message = .requestFailed(timedOut, keyed: true) }(&$0)
        }
        #expect(store.state.prices.form?.message == .requestFailed(timedOut, keyed: true))
        store.send(.prices(.form(.submitted(freshID: "k3"))), effects: [.createPrice(draft, idempotencyKey: "k1")]) {
            fields { $0.isSubmitting = true; $0.message = nil }(&$0)
        }
        let created = price("price_9", product: "prod_1", 1234, .usd, nickname: "Regular")
        store.send(.prices(.priceCreated(.success(created)))) {
            $0.prices.form = nil
            $0.prices.prices = [created, coffeeLarge, coffeeSmall, coffeeUSD]
            $0.prices.selection = 0
            $0.catalog.priceCounts["prod_1"] = 4
            $0.catalog.catalogPrices["prod_1"] = [created, coffeeLarge, coffeeSmall, coffeeUSD]
            $0.catalog.priceSync.incoming["prod_1"] = [created, coffeeLarge, coffeeSmall, coffeeUSD]
            $0.catalog.index = SearchIndex($0.catalog.items, prices: $0.catalog.catalogPrices)
            $0.status.message = .info(.priceCreated(Money(minorUnits: 1234, currency: .usd)))
        }
        store.send(.prices(.priceCreated(.failure(badRequest)))) {
            $0.status.message = .error(.priceCreateFailed(badRequest))
        }
        store.given(.prices(.newPriceRequested))
        store.send(.prices(.form(.cancelled))) { $0.prices.form = nil }
    }

    @Test func aSKUOrBarcodeGoesOutAsTheLookupKeyAndBadOnesAreRefusedAtTheField() {
        var store = withPrices()
        store.given(.prices(.newPriceRequested), .prices(.form(.edited(.inserted("1.50")))),
                    .prices(.form(.focusMovedNext)), .prices(.form(.focusMovedNext)))
        store.given(.prices(.form(.edited(.inserted("50 12345")))))
        store.given(.prices(.form(.submitted(freshID: "k1"))))
        guard case .existingProduct(_, _, let refused)? = store.state.prices.form?.fields else {
            Issue.record("no price form")
            return
        }
        #expect(refused.message == .lookupKeyProblem(.spacesOrControls))
        #expect(refused.invalidField == .lookupKey)
        store.given(.prices(.form(.edited(.deletedToStart))), .prices(.form(.edited(.inserted("5012345678900")))))
        let effects = store.given(.prices(.form(.submitted(freshID: "k1"))))
        #expect(effects == [.createPrice(PriceDraft(product: .existing(id: "prod_1"), amount: gbp(150),
                                                    lookupKey: "5012345678900"), idempotencyKey: "k1")])
        #expect(PriceDraft.problem(withLookupKey: String(repeating: "9", count: 201))
                == "A SKU or barcode has at most 200 characters (this one has 201).")
        #expect(PriceDraft.problem(withLookupKey: String(repeating: "9", count: 200)) == nil)
        #expect(PriceDraft.problem(withLookupKey: "50 12") == "A SKU or barcode cannot contain spaces or control characters.")
        // The command line's English follows the typed rules: one refusal, two wordings.
        #expect(ProductDraft.problem(withName: "") == "Enter a product name.")
        #expect(ProductDraft.problem(withName: String(repeating: "a", count: 251))
                == "Names can be at most 250 characters (this one has 251).")
        #expect(ProductDraft.problem(withName: String(repeating: "a", count: 250)) == nil)
    }

    @Test func createAPriceWithANewProductInline() {
        var store = withPrices()
        let blank = FormState<InlinePriceField>([.currency: "GBP"], focus: .productName)
        store.send(.prices(.newPriceWithProductRequested)) { $0.prices.form = PriceForm(fields: .newProduct(blank)) }
        func fields(_ body: @escaping (inout FormState<InlinePriceField>) -> Void) -> (inout AppState) -> Void {
            { state in
                guard case .newProduct(var form) = state.prices.form?.fields else { return }
                body(&form)
                state.prices.form?.fields = .newProduct(form)
            }
        }
        store.send(.prices(.form(.submitted(freshID: "k1"))), fields { $0.refuse(.nameProblem(.empty(.product)), at: .productName) })
        store.send(.prices(.form(.edited(.inserted("Taiwan fengli")))), fields {
            $0[.productName] = TextFieldValue("Taiwan fengli"); $0.message = nil; $0.invalidField = nil
        })
        store.send(.prices(.form(.focusMovedNext)), fields { $0.focus = .productDescription })
        store.send(.prices(.form(.edited(.inserted("Very delicious")))), fields { $0[.productDescription] = TextFieldValue("Very delicious") })
        store.send(.prices(.form(.submitted(freshID: "k1"))), fields { $0.refuse(.amountRefused(.empty), at: .amount) })
        store.send(.prices(.form(.edited(.inserted("0.05")))), fields { $0[.amount] = TextFieldValue("0.05"); $0.message = nil; $0.invalidField = nil })
        let draft = PriceDraft(product: .inline(ProductDraft(name: "Taiwan fengli", description: "Very delicious")), amount: gbp(5))
        store.send(.prices(.form(.submitted(freshID: "k1"))), effects: [.createPrice(draft, idempotencyKey: "k1")]) {
            fields { $0.isSubmitting = true }(&$0)
            $0.prices.form?.idempotencyKey = "k1"
        }
        let created = price("price_7", product: "prod_7", 5)
        let fengli = Product(id: "prod_7", name: "Taiwan fengli", description: "Very delicious", created: t0)
        store.send(.prices(.priceCreated(.success(created)))) {
            $0.catalog.items = [fengli, coffee, creme]
            $0.catalog.index = SearchIndex([fengli, coffee, creme])
            $0.products.visible = [0, 1, 2]
            $0.catalog.priceCounts["prod_7"] = 1
            $0.catalog.catalogPrices["prod_7"] = [created]
            $0.catalog.priceSync.incoming["prod_7"] = [created]
            $0.catalog.index = SearchIndex($0.catalog.items, prices: $0.catalog.catalogPrices)
            $0.prices = PricesState()
            $0.prices.productId = "prod_7"
            $0.prices.productName = "Taiwan fengli"
            $0.prices.prices = [created]
            $0.status.message = .info(.priceCreated(gbp(5)))
        }
    }

    @Test func aPriceForAnotherProductBumpsItsKnownCount() {
        var store = withPrices()
        store.given(.prices(.newPriceWithProductRequested), .prices(.form(.edited(.inserted("X")))), .prices(.form(.focusMovedNext)),
                    .prices(.form(.focusMovedNext)), .prices(.form(.focusMovedNext)), .prices(.form(.edited(.inserted("1")))), .prices(.form(.submitted(freshID: "k"))),
                    .prices(.form(.cancelled)))
        #expect(store.state.prices.form == nil)
        store.state.catalog.priceCounts["prod_2"] = 4
        store.send(.prices(.priceCreated(.success(price("price_8", product: "prod_2", 100))))) {
            $0.catalog.priceCounts["prod_2"] = 5
            $0.catalog.catalogPrices["prod_2"] = [price("price_8", product: "prod_2", 100)]
            $0.catalog.priceSync.incoming["prod_2"] = [price("price_8", product: "prod_2", 100)]
            $0.catalog.index = SearchIndex($0.catalog.items, prices: $0.catalog.catalogPrices)
            $0.status.message = .info(.priceCreated(gbp(100)))
        }
    }

    @Test func enterAddsThePriceToTheCartAndAgainAddsOneMore() {
        var store = withPrices()
        let line = CartLine(price: coffeeLarge, productName: "Coffee")
        let one = try! Cart(lines: [line])
        store.send(.prices(.addToCartRequested),
                   effects: [.saveDraft(CheckoutDraft(cart: one, successURL: testSettings.successURL, cancelURL: testSettings.cancelURL))]) {
            $0.cart.cart = one
            $0.status.message = .info(.addedToCart(name: "Coffee · Large", quantity: 1))
            $0.cartHistory.record(.cart(Cart(), what: .add(name: "Coffee · Large")))
            $0.catalog.recentIds = ["prod_1"]
            $0.catalog.recentIndices = [0]
        }
        let two = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee", quantity: 2)])
        store.send(.prices(.addToCartRequested),
                   effects: [.saveDraft(CheckoutDraft(cart: two, successURL: testSettings.successURL, cancelURL: testSettings.cancelURL))]) {
            $0.cart.cart = two
            $0.status.message = .info(.addedToCart(name: "Coffee · Large", quantity: 2))
            $0.cartHistory.record(.cart(one, what: .add(name: "Coffee · Large")))
        }
        store.send(.prices(.selectionMoved(.bottom))) { $0.prices.selection = 2 }
        store.send(.prices(.addToCartRequested)) {
            $0.status.message = .error(.cartRefused(.currencyMismatch(cart: .gbp, item: .usd)))
        }
    }

    @Test func pricesOfAnArchivedProductCannotBeSold() {
        var store = opened()
        store.given(.prices(.pricesLoaded(productId: "prod_1", .success([coffeeLarge]))))
        var archived = coffee
        archived.active = false
        store.given(.products(.productUpdated(.success(archived))))
        store.state.status = StatusLine()
        store.send(.prices(.addToCartRequested)) {
            $0.status.message = .error(.productArchived(name: "Coffee"))
        }
        #expect(store.state.cart.cart.isEmpty)
    }

    @Test func aRenameShowsInThePricesTitle() {
        var store = withPrices()
        var renamed = coffee
        renamed.name = "Filter coffee"
        #expect(store.given(.products(.productUpdated(.success(renamed)))) == [])
        #expect(store.state.prices.productName == "Filter coffee")
        #expect(store.state.catalog.items.first == renamed)
        // Another product's update leaves the title alone.
        var other = creme
        other.name = "Crème caramel"
        store.given(.products(.productUpdated(.success(other))))
        #expect(store.state.prices.productName == "Filter coffee")
    }

    @Test func archivedPricesCannotBeSold() {
        var store = opened()
        store.given(.prices(.pricesLoaded(productId: "prod_1", .success([price("price_5", product: "prod_1", 1, active: false)]))))
        store.send(.prices(.addToCartRequested)) { $0.status.message = .error(.priceArchived) }
    }
}
