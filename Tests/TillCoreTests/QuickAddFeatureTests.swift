import Foundation
import Testing
@testable import TillCore

/// Quick add and scans through the app reducer: exact state and effects.
@Suite("Quick add and scans")
struct QuickAddFeatureTests {
    static let latte = product("prod_l", "Latte")
    static let flat = product("prod_f", "Flat white")
    static let muffin = product("prod_m", "Blueberry muffin")
    static let latteRegular = price("price_l", product: "prod_l", 320)
    static let flatRegular = price("price_f", product: "prod_f", 340)
    static let muffinSmall = price("price_ms", product: "prod_m", 250, nickname: "Small")
    static let muffinLarge = price("price_ml", product: "prod_m", 390, nickname: "Large")
    static var cola: Price {
        var cola = price("price_c", product: "prod_c", 150, nickname: "Can")
        cola.lookupKey = "5000112548167"
        return cola
    }

    /// Products loaded and their prices synced, on the cart pane.
    static func synced() -> AppState {
        var store = Store(loaded([latte, flat, muffin, product("prod_c", "Cola")]))
        store.given(.catalog(.catalogPricesPageLoaded(startingAfter: nil, .success(Page(
            items: [latteRegular, flatRegular, muffinLarge, muffinSmall, cola], hasMore: false)))),
            .paneSelected(.cart))
        store.state.status = StatusLine()
        return store.state
    }

    @Test("the price sync follows a catalog load and fills the catalog's prices and codes")
    func priceSync() {
        var store = Store(loaded([Self.latte]))
        #expect(store.state.catalog.priceSync.isLoading)
        let page = Page(items: [Self.latteRegular], hasMore: true)
        store.send(.catalog(.catalogPricesPageLoaded(startingAfter: nil, .success(page))),
                   effects: [.loadCatalogPricesPage(startingAfter: "price_l")]) {
            $0.catalog.priceSync.incoming = ["prod_l": [Self.latteRegular]]
            $0.catalog.priceSync.awaitedCursor = "price_l"
        }
        #expect(store.state.catalog.activePrices(of: "prod_l") == nil)   // the list shows "—" until the sync ends
        store.send(.catalog(.catalogPricesPageLoaded(startingAfter: "price_l", .success(Page(items: [Self.cola], hasMore: false))))) {
            $0.catalog.catalogPrices = ["prod_l": [Self.latteRegular], "prod_c": [Self.cola]]
            $0.catalog.pricesByCode = ["5000112548167": Self.cola]
            $0.catalog.priceSync.incoming = [:]
            $0.catalog.priceSync.awaitedCursor = nil
            $0.catalog.priceSync.phase = .idle
            $0.catalog.pricesSynced = true
            $0.catalog.index = SearchIndex([Self.latte], prices: $0.catalog.catalogPrices)
        }
        // The products list counts every product's active prices from the sync, none included.
        #expect(store.state.catalog.activePrices(of: "prod_l")?.count == 1)
        #expect(store.state.catalog.activePrices(of: "prod_none")?.count == 0)
    }

    @Test("a refresh's price sync makes a product new in the list unknown until it ends; known ones keep their prices")
    func resync() {
        var store = Store(Self.synced())
        #expect(store.state.catalog.activePrices(of: "prod_new") == [])
        let tea = product("prod_new", "Tea")
        let fresh = [Self.latte, Self.flat, Self.muffin, product("prod_c", "Cola"), tea]
        store.given(.products(.reloadRequested), .catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: fresh, hasMore: false)))))
        #expect(store.state.catalog.priceSync.isLoading && !store.state.catalog.pricesSynced)
        // Tea may have prices: "—" in the list, fetched on Enter; Latte's are known from the last sync.
        #expect(store.state.catalog.activePrices(of: "prod_new") == nil)
        #expect(store.state.catalog.activePrices(of: "prod_new") == nil)
        #expect(store.state.catalog.activePrices(of: "prod_l")?.count == 1)
        #expect(store.state.catalog.activePrices(of: "prod_m") == [Self.muffinLarge, Self.muffinSmall])
        store.given(.catalog(.catalogPricesPageLoaded(startingAfter: nil, .success(Page(items: [Self.latteRegular], hasMore: false)))))
        #expect(store.state.catalog.activePrices(of: "prod_new")?.count == 0)
        #expect(store.state.catalog.activePrices(of: "prod_m")?.count == 0)
    }

    @Test("typing ranks the matches; Enter adds the best one's only price and empties the line")
    func typeAndEnter() {
        var store = Store(Self.synced())
        store.send(.quickAdd(.edited(.inserted("la")))) {
            $0.quickAdd.query = TextFieldValue("la")
            // Latte by prefix; then by name those holding "la": Blueberry muffin (its price "Large"),
            // Cola, Flat white.
            $0.quickAdd.matches = [0, 2, 3, 1]
        }
        store.send(.quickAdd(.submitted), effects: [.saveDraft(draftWith([CartLine(price: Self.latteRegular, productName: "Latte")]))]) {
            $0.quickAdd.query = TextFieldValue()
            $0.quickAdd.matches = []
            $0.cart.cart = try! Cart(lines: [CartLine(price: Self.latteRegular, productName: "Latte")])
            $0.status.message = .info(.addedToCart(name: "Latte", quantity: 1))
            $0.cartHistory.record(.cart(Cart(), what: .add(name: "Latte")))
            $0.catalog.recentIds = ["prod_l"]
            $0.catalog.recentIndices = [0]
        }
    }

    @Test("↓ picks the next match; a product with several prices opens the chooser, a digit adds one")
    func chooser() {
        var store = Store(Self.synced())
        store.given(.quickAdd(.edited(.inserted("muf"))))
        store.send(.quickAdd(.submitted)) {
            $0.quickAdd.chooser = PriceChooser(product: Self.muffin, prices: [Self.muffinLarge, Self.muffinSmall], selection: 0)
        }
        store.send(.quickAdd(.chooserPicked(2)),
                   effects: [.saveDraft(draftWith([CartLine(price: Self.muffinSmall, productName: "Blueberry muffin")]))]) {
            $0.quickAdd.chooser = nil
            $0.quickAdd.query = TextFieldValue()
            $0.quickAdd.matches = []
            $0.cart.cart = try! Cart(lines: [CartLine(price: Self.muffinSmall, productName: "Blueberry muffin")])
            $0.status.message = .info(.addedToCart(name: "Blueberry muffin · Small", quantity: 1))
            $0.cartHistory.record(.cart(Cart(), what: .add(name: "Blueberry muffin · Small")))
            $0.catalog.recentIds = ["prod_m"]
            $0.catalog.recentIndices = [2]
        }
    }

    @Test("Enter before the prices are known, and there are several: the chooser opens and stays open")
    func pricesFetchedThenChosen() {
        var store = Store(loaded([Self.muffin]))
        store.given(.paneSelected(.cart), .quickAdd(.edited(.inserted("muf"))), .quickAdd(.submitted))
        #expect(store.state.quickAdd.awaitedProduct == "prod_m")
        store.given(.quickAdd(.pricesLoaded(productId: "prod_m", .success([Self.muffinLarge, Self.muffinSmall]))))
        #expect(store.state.quickAdd.chooser == PriceChooser(product: Self.muffin, prices: [Self.muffinLarge, Self.muffinSmall], selection: 0))
        #expect(store.state.quickAdd.query == TextFieldValue("muf"))
        // Archived meanwhile: the chooser goes with the next change of the catalog.
        var archived = Self.muffin
        archived.active = false
        store.given(.products(.productUpdated(.success(archived))))
        #expect(store.state.quickAdd.chooser == nil)
    }

    @Test("Enter before the prices are known fetches them, then adds")
    func pricesFetched() {
        var store = Store(loaded([Self.latte]))
        store.given(.paneSelected(.cart), .quickAdd(.edited(.inserted("latte"))))
        store.state.status = StatusLine()
        store.send(.quickAdd(.submitted), effects: [.loadQuickAddPrices(productId: "prod_l")]) {
            $0.quickAdd.awaitedProduct = "prod_l"
            $0.status.message = .info(.fetchingPrices(productName: "Latte"))
        }
        let line = CartLine(price: Self.latteRegular, productName: "Latte")
        store.send(.quickAdd(.pricesLoaded(productId: "prod_l", .success([Self.latteRegular]))),
                   effects: [.saveDraft(draftWith([line]))]) {
            $0.quickAdd.awaitedProduct = nil
            $0.quickAdd.query = TextFieldValue()
            $0.quickAdd.matches = []
            $0.catalog.priceCounts["prod_l"] = 1
            $0.catalog.catalogPrices["prod_l"] = [Self.latteRegular]
            $0.catalog.priceSync.incoming["prod_l"] = [Self.latteRegular]
            $0.catalog.index = SearchIndex([Self.latte], prices: ["prod_l": [Self.latteRegular]])
            $0.cart.cart = try! Cart(lines: [line])
            $0.status.message = .info(.addedToCart(name: "Latte", quantity: 1))
            $0.cartHistory.record(.cart(Cart(), what: .add(name: "Latte")))
            $0.catalog.recentIds = ["prod_l"]
            $0.catalog.recentIndices = [0]
        }
    }

    @Test("a scan of a known code adds its price on any pane, without switching")
    func scanKnown() {
        var state = Self.synced()
        state.focus = .prices
        var store = Store(state)
        let line = CartLine(price: Self.cola, productName: "Cola")
        store.send(.quickAdd(.scanned("5000112548167")), effects: [.saveDraft(draftWith([line]))]) {
            $0.cart.cart = try! Cart(lines: [line])
            $0.status.message = .info(.addedToCart(name: "Cola · Can", quantity: 1))
            $0.cartHistory.record(.cart(Cart(), what: .add(name: "Cola · Can")))
            $0.catalog.recentIds = ["prod_c"]
            $0.catalog.recentIndices = [3]
        }
        #expect(store.state.focus == .prices)
    }

    @Test("a misread barcode rings once, says so and adds nothing")
    func scanMisread() {
        var store = Store(Self.synced())
        store.send(.quickAdd(.scanned("5000112548168")), effects: [.bell]) {
            $0.status.message = .error(.misreadBarcode(kind: .ean13, code: "5000112548168"))
        }
    }

    @Test("an unknown code is looked up; none found offers n, which opens the price form with the code")
    func scanUnknown() {
        var store = Store(Self.synced())
        store.send(.quickAdd(.scanned("4006381333931")), effects: [.findPrice(code: "4006381333931")]) {
            $0.quickAdd.lookups = ["4006381333931"]
            $0.status.message = .info(.lookingUpCode("4006381333931"))
        }
        store.send(.quickAdd(.codeLookedUp(code: "4006381333931", .success(nil))), effects: [.bell]) {
            $0.quickAdd.lookups = []
            $0.quickAdd.unknownCode = "4006381333931"
            $0.status.message = .error(.unknownCode("4006381333931"))
        }
        store.send(.quickAdd(.createFromCodeRequested)) {
            $0.quickAdd.unknownCode = nil
            $0.focus = .prices
            $0.prices.form = PriceForm(fields: .newProduct(FormState(
                [.currency: "GBP", .lookupKey: "4006381333931"], focus: .productName)), addsToCart: true)
            $0.status.message = .info(.newProductForCode(code: "4006381333931"))
        }
    }

    @Test("any other key after an unknown code withdraws the offer")
    func offerWithdrawn() {
        var store = Store(Self.synced())
        store.given(.quickAdd(.scanned("4006381333931")), .quickAdd(.codeLookedUp(code: "4006381333931", .success(nil))))
        store.send(.paneSelected(.products)) {
            $0.quickAdd.unknownCode = nil
            $0.focus = .products
        }
    }

    @Test("a code found by WooshPay is added and joins the catalog")
    func scanFoundRemotely() {
        var store = Store(loaded([Self.latte]))
        store.given(.quickAdd(.scanned("SKU-77")))
        store.state.status = StatusLine()
        var sku = Self.latteRegular
        sku.lookupKey = "SKU-77"
        let line = CartLine(price: sku, productName: "Latte")
        store.send(.quickAdd(.codeLookedUp(code: "SKU-77", .success(PriceMatch(price: sku, product: Self.latte)))),
                   effects: [.saveDraft(draftWith([line]))]) {
            $0.quickAdd.lookups = []
            $0.catalog.priceCounts["prod_l"] = 1
            $0.catalog.catalogPrices["prod_l"] = [sku]
            $0.catalog.priceSync.incoming["prod_l"] = [sku]
            $0.catalog.pricesByCode["SKU-77"] = sku
            $0.catalog.index = SearchIndex([Self.latte], prices: ["prod_l": [sku]])
            $0.cart.cart = try! Cart(lines: [line])
            $0.status.message = .info(.addedToCart(name: "Latte", quantity: 1))
            $0.cartHistory.record(.cart(Cart(), what: .add(name: "Latte")))
            $0.catalog.recentIds = ["prod_l"]
            $0.catalog.recentIndices = [0]
        }
    }

    @Test("nothing goes into a cart whose checkout is being created")
    func locked() {
        var state = Self.synced()
        state.checkout.form.isSubmitting = true
        var store = Store(state)
        store.send(.quickAdd(.scanned("5000112548167"))) {
            $0.status.message = .error(.checkoutLocked)
        }
    }

    /// The draft saved after a cart change: these lines, the URLs as set up, no key.
    func draftWith(_ lines: [CartLine]) -> CheckoutDraft {
        var state = Self.synced()
        state.cart.cart = try! Cart(lines: lines)
        return state.draft
    }
}
