import Foundation
import Testing
@testable import TillCore

/// Each feature driven alone, on its own state: what it changes and what it asks of the app.
@Suite("Features alone") struct FeatureScopeTests {
    // MARK: Products

    @Test func productsAskTheAppToOpenPricesAndToConfirmArchiving() {
        let app = loaded([coffee, creme])
        var state = app.products
        let context = ProductsFeature.Context(rows: 16, catalog: app.catalog)
        expectFeature(&state, { ProductsFeature.reduce(into: &$0, action: .pricesRequested, context: context) },
                      returns: .delegate(.pricesRequested(coffee)))
        expectFeature(&state, { ProductsFeature.reduce(into: &$0, action: .archiveToggleRequested, context: context) },
                      returns: Reduced(question: .archiveProduct(id: "prod_1", name: "Coffee", archive: true)))
        expectFeature(&state, { ProductsFeature.reduce(into: &$0, action: .archiveConfirmed(id: "prod_1", archive: true), context: context) },
                      returns: Reduced([.updateProduct(id: "prod_1", ProductUpdate(active: false))]))
        var archived = coffee
        archived.active = false
        expectFeature(&state, { ProductsFeature.reduce(into: &$0, action: .productUpdated(.success(archived)), context: context) },
                      returns: Reduced(status: .info(.productArchiveChanged(name: "Coffee", archived: true)), delegates: [.productUpdated(archived)]))
    }

    // MARK: Catalog

    @Test func theCatalogCountsPricesReportedByThePricesPane() {
        var state = loaded([coffee]).catalog
        let archived = price("price_0", product: "prod_1", 100, active: false)
        // Counted once the prices are known; only active prices join the catalog (and its search).
        expectFeature(&state, { CatalogFeature.reduce(into: &$0, action: .priceAdded(archived)) }, returns: .delegate(.changed(.prices)))
        expectFeature(&state, { CatalogFeature.reduce(into: &$0, action: .pricesKnown(productId: "prod_1", [coffeeLarge, archived])) },
                      returns: .delegate(.changed(.prices))) {
            $0.priceCounts["prod_1"] = 2
            $0.catalogPrices["prod_1"] = [coffeeLarge]
            $0.priceSync.incoming["prod_1"] = [coffeeLarge]
            $0.index = SearchIndex([coffee], prices: ["prod_1": [coffeeLarge]])
        }
        expectFeature(&state, { CatalogFeature.reduce(into: &$0, action: .priceAdded(coffeeSmall)) },
                      returns: .delegate(.changed(.prices))) {
            $0.priceCounts["prod_1"] = 3
            $0.catalogPrices["prod_1"] = [coffeeSmall, coffeeLarge]
            $0.index = SearchIndex([coffee], prices: ["prod_1": [coffeeSmall, coffeeLarge]])
            // The price sync that followed the load is still running: the price is kept through its swap.
            $0.priceSync.incoming["prod_1"] = [coffeeSmall, coffeeLarge]
        }
    }

    @Test func theCatalogLoadsPageAfterPageAndSaysHowTheListChanged() {
        var state = CatalogState()
        #expect(CatalogFeature.startLoad(&state) == [.loadProductsPage(startingAfter: nil)])
        expectFeature(&state, { CatalogFeature.reduce(into: &$0, action: .productsPageLoaded(startingAfter: nil, .success(Page(items: [coffee], hasMore: true)))) },
                      returns: Reduced([.loadProductsPage(startingAfter: "prod_1")], delegates: [.changed(.appended(from: 0))])) {
            $0.items = [coffee]
            $0.index = SearchIndex([coffee])
            $0.hasFreshData = true
            $0.load.awaitedCursor = "prod_1"
        }
        expectFeature(&state, { CatalogFeature.reduce(into: &$0, action: .productsPageLoaded(startingAfter: "prod_1", .success(Page(items: [creme], hasMore: false)))) },
                      returns: Reduced([.saveCatalogCache([coffee, creme]), .loadCatalogPricesPage(startingAfter: nil)],
                                       status: .info(.productsLoaded(count: 2)), delegates: [.changed(.appended(from: 1))])) {
            $0.items = [coffee, creme]
            $0.index = SearchIndex([coffee, creme])
            $0.load.awaitedCursor = nil
            $0.load.phase = .idle
            $0.load.mode = .swap
            $0.priceSync.phase = .loading
        }
        expectFeature(&state, { CatalogFeature.reduce(into: &$0, action: .productCreated(tea)) },
                      returns: .delegate(.changed(.inserted(id: "prod_3")))) {
            $0.items = [tea, coffee, creme]
            $0.index = SearchIndex([tea, coffee, creme])
            $0.priceCounts["prod_3"] = 0
        }
    }

    @Test func theProductsListFollowsTheCatalogKeepingItsProductSelected() {
        let app = loaded([coffee, creme])
        var state = app.products
        state.selection = 1
        var catalog = app.catalog
        _ = CatalogFeature.reduce(into: &catalog, action: .productReceived(tea))
        let context = ProductsFeature.Context(rows: 16, catalog: catalog)
        expectFeature(&state, { ProductsFeature.reduce(into: &$0, action: .catalogChanged(.inserted(id: "prod_3"), selected: "prod_2"), context: context) }) {
            $0.visible = [0, 1, 2]
            $0.selection = 0
        }
        expectFeature(&state, { ProductsFeature.reduce(into: &$0, action: .catalogChanged(.replaced, selected: "prod_2"), context: context) }) {
            $0.selection = 2
        }
        // `r` is the catalog's to do.
        expectFeature(&state, { ProductsFeature.reduce(into: &$0, action: .reloadRequested, context: context) },
                      returns: .delegate(.reloadRequested))
    }

    // MARK: Prices

    @Test func pricesHandTheChosenPriceToTheCartAndRefuseArchivedProducts() {
        var state = PricesState()
        let context = PricesFeature.Context(rows: 16, defaultCurrency: .gbp)
        expectFeature(&state, { PricesFeature.reduce(into: &$0, action: .opened(coffee), context: context) },
                      returns: Reduced([.loadPrices(productId: "prod_1")])) {
            $0.productId = "prod_1"
            $0.productName = "Coffee"
            $0.load = .loading
        }
        expectFeature(&state, { PricesFeature.reduce(into: &$0, action: .pricesLoaded(productId: "prod_1", .success([coffeeLarge])), context: context) },
                      returns: .delegate(.pricesLoaded(productId: "prod_1", [coffeeLarge]))) {
            $0.prices = [coffeeLarge]
            $0.load = .idle
        }
        expectFeature(&state, { PricesFeature.reduce(into: &$0, action: .addToCartRequested, context: context) },
                      returns: .delegate(.addToCart(CartLine(price: coffeeLarge, productName: "Coffee"))))
        let archivedCatalog = PricesFeature.Context(rows: 16, defaultCurrency: .gbp) { $0 == "prod_1" ? "Coffee" : nil }
        expectFeature(&state, { PricesFeature.reduce(into: &$0, action: .addToCartRequested, context: archivedCatalog) },
                      returns: .error(.productArchived(name: "Coffee")))
    }

    // MARK: Cart

    @Test func theCartSaysWhenItChangedAndRefusesChangesWhileLocked() {
        var state = CartState()
        let open = CartFeature.Context(rows: 14, defaultCurrency: .gbp, isLocked: false)
        let line = CartLine(price: coffeeLarge, productName: "Coffee")
        expectFeature(&state, { CartFeature.reduce(into: &$0, action: .lineAdded(line), context: open) },
                      returns: Reduced(status: .info(.addedToCart(name: "Coffee · Large", quantity: 1)), delegates: [.changed])) {
            $0.cart = try! Cart(lines: [line])
        }
        let locked = CartFeature.Context(rows: 14, defaultCurrency: .gbp, isLocked: true)
        expectFeature(&state, { CartFeature.reduce(into: &$0, action: .quantityIncreased, context: locked) },
                      returns: .error(.checkoutLocked))
        expectFeature(&state, { CartFeature.reduce(into: &$0, action: .removeRequested, context: open) },
                      returns: Reduced(question: .removeLastCartLine(name: "Coffee · Large")))
        expectFeature(&state, { CartFeature.reduce(into: &$0, action: .checkoutRequested, context: open) },
                      returns: .delegate(.checkoutRequested))
        expectFeature(&state, { CartFeature.reduce(into: &$0, action: .emptyingConfirmed, context: open) },
                      returns: .delegate(.changed)) {
            $0.cart = Cart()
        }
    }

    // MARK: Checkout

    @Test func checkoutAsksTheLiveQuestionThenSendsAndReportsTheSession() throws {
        var state = CheckoutState(settings: testSettings)
        let cart = try Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        let live = CheckoutFeature.Context(cart: cart, isLive: true, settings: testSettings)
        expectFeature(&state, { CheckoutFeature.reduce(into: &$0, action: .form(.submitted(freshID: "k1")), context: live) },
                      returns: Reduced(question: .liveCheckout(total: gbp(350), freshID: "k1")))
        let sent = CheckoutDraft(cart: cart, successURL: testSettings.successURL, cancelURL: testSettings.cancelURL,
                                 idempotencyKey: "k1")
        expectFeature(&state, { CheckoutFeature.reduce(into: &$0, action: .liveCheckoutConfirmed(freshID: "k1"), context: live) },
                      returns: Reduced([.saveDraft(sent.inFlight), .createCheckoutSession(sent.inFlight, idempotencyKey: "k1")])) {
            $0.idempotencyKey = "k1"
            $0.form.isSubmitting = true
        }
        #expect(state.progress == StatusProgress(label: .creatingCheckoutSession))
        let created = session("cs_1")
        expectFeature(&state, { CheckoutFeature.reduce(into: &$0, action: .sessionCreated(.success(created)), context: live) },
                      returns: Reduced(status: .info(.checkoutCreated), delegates: [.sessionCreated(created)])) {
            $0.idempotencyKey = nil
            $0.form.isSubmitting = false
        }
        expectFeature(&state, { CheckoutFeature.reduce(into: &$0, action: .form(.cancelled), context: live) },
                      returns: .delegate(.backToCartRequested))
    }

    // MARK: Session

    @Test func watchingASessionPollsItAndAsksForThePane() {
        var state = SessionState()
        let context = SessionFeature.Context(now: t0, pollInterval: .seconds(3))
        let open = session("cs_1")
        expectFeature(&state, { SessionFeature.reduce(into: &$0, action: .watchRequested(open, fetch: false), context: context) },
                      returns: Reduced([.pollSession(id: "cs_1", after: .seconds(3)),
                                        .scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(1))],
                                       delegates: [.sessionUpdated(open), .showRequested])) {
            $0.open = open
            $0.isPolling = true
        }
        let paid = session("cs_1", status: .complete, paid: .paid)
        expectFeature(&state, { SessionFeature.reduce(into: &$0, action: .sessionPolled(id: "cs_1", .success(paid)), context: context) },
                      returns: Reduced([.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown)), .bell],
                                       status: .info(.sessionFinished(id: "cs_1", .paid, total: gbp(2500), spoken: false)),
                                       delegates: [.sessionUpdated(paid)])) {
            $0.open = paid
            $0.isPolling = false
            $0.finishedAt = t0
        }
        expectFeature(&state, { SessionFeature.reduce(into: &$0, action: .nextSaleRequested, context: context) },
                      returns: .delegate(.nextSaleRequested)) {
            $0 = SessionState()
        }
    }

    // MARK: History

    @Test func historyAsksTheAppToOpenTheChosenSession() {
        var state = HistoryState()
        let context = HistoryFeature.Context(rows: 16)
        expectFeature(&state, { HistoryFeature.reduce(into: &$0, action: .shown, context: context) },
                      returns: Reduced([.loadSessionsPage(startingAfter: nil)])) {
            $0.hasRequested = true
            $0.pages.phase = .loading
        }
        let one = session("cs_1")
        expectFeature(&state, { HistoryFeature.reduce(into: &$0, action: .pageLoaded(startingAfter: nil, .success(Page(items: [one], hasMore: false))), context: context) }) {
            $0.sessions = [one]
            $0.visible = [0]
            $0.pages.phase = .idle
        }
        expectFeature(&state, { HistoryFeature.reduce(into: &$0, action: .openRequested, context: context) },
                      returns: .delegate(.openRequested(one)))
    }
}

/// The app reducer's routing: what one feature asks reaches the feature that does it.
@Suite("App routing") struct AppRoutingTests {
    @Test func aCreateInterruptedByACrashIsSentAgainWithTheSameKeyAtTheNextStart() throws {
        let cart = try Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        let saved = CheckoutDraft(cart: cart, successURL: "https://shop.example/ok", cancelURL: "https://shop.example/no",
                                  idempotencyKey: "k-before-the-crash", isSent: true)
        // Saved by a build before `isSent` existed: read as not sent.
        let old = try JSONDecoder().decode(CheckoutDraft.self, from: Data(
            #"{"cart":{"lines":[]},"successURL":"","cancelURL":"","idempotencyKey":"k"}"#.utf8))
        #expect(!old.isSent)
        var store = Store()
        store.send(.draftRestored(saved), effects: [.saveDraft(saved), .createCheckoutSession(saved, idempotencyKey: "k-before-the-crash")]) {
            $0.focus = .checkout
            $0.cart.cart = cart
            $0.checkout.form = FormState([.successURL: "https://shop.example/ok", .cancelURL: "https://shop.example/no"])
            $0.checkout.idempotencyKey = "k-before-the-crash"
            $0.checkout.form.isSubmitting = true
            $0.status.message = .info(.checkoutResumed)
        }
        // A draft that was not being sent is only put back.
        var quiet = Store()
        var unsent = saved
        unsent.isSent = false
        quiet.send(.draftRestored(unsent)) {
            $0.cart.cart = cart
            $0.checkout.form = FormState([.successURL: "https://shop.example/ok", .cancelURL: "https://shop.example/no"])
            $0.checkout.idempotencyKey = "k-before-the-crash"
        }
    }

    @Test func aPriceChosenOnThePricesPaneBecomesACartLineAndTheDraftIsSaved() {
        var store = Store(loaded([coffee]))
        store.given(.products(.pricesRequested), .prices(.pricesLoaded(productId: "prod_1", .success([coffeeLarge]))))
        let line = CartLine(price: coffeeLarge, productName: "Coffee")
        var expected = store.state
        expected.cart.cart = try! Cart(lines: [line])
        expected.status.message = .info(.addedToCart(name: "Coffee · Large", quantity: 1))
        store.send(.prices(.addToCartRequested), effects: [.saveDraft(expected.draft)]) {
            $0.cart.cart = try! Cart(lines: [line])
            $0.status.message = .info(.addedToCart(name: "Coffee · Large", quantity: 1))
            $0.cartHistory.record(.cart(Cart(), what: .add(name: "Coffee · Large")))
            $0.catalog.recentIds = ["prod_1"]
            $0.catalog.recentIndices = [0]
        }
    }

    @Test func aYesGoesBackToTheFeatureThatAsked() {
        var store = Store(loaded([coffee]))
        store.send(.products(.archiveToggleRequested)) {
            $0.confirmation = .archiveProduct(id: "prod_1", name: "Coffee", archive: true)
        }
        store.send(.confirmationAnswered(true), effects: [.updateProduct(id: "prod_1", ProductUpdate(active: false))]) {
            $0.confirmation = nil
        }
    }

    @Test func aCreatedSessionEmptiesTheCartAndShowsTheSessionPane() throws {
        var store = Store(loaded([coffee]))
        store.state.cart.cart = try Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        store.given(.paneSelected(.checkout), .checkout(.form(.submitted(freshID: "k1"))))
        let created = session("cs_1")
        var emptied = store.state
        emptied.cart.cart = Cart()
        emptied.checkout.idempotencyKey = nil
        emptied.checkout.form.isSubmitting = false
        store.send(.checkout(.sessionCreated(.success(created))), effects: [
            .saveDraft(emptied.draft), .pollSession(id: "cs_1", after: .seconds(3)),
            .scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(1)),
        ]) {
            $0.focus = .session
            $0.cart.cart = Cart()
            $0.checkout.idempotencyKey = nil
            $0.checkout.form.isSubmitting = false
            $0.status.message = .info(.checkoutCreated)
            $0.session.open = created
            $0.session.isPolling = true
            $0.cartHistory.record(.barrier(.checkoutCannotBeUndone))
            $0.history.sessions = [created]
            $0.history.visible = [0]
        }
    }
}
