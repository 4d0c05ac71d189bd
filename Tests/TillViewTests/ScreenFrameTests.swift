import Foundation
import Testing
@testable import TillCore
@testable import TillView

/// Every pane, form, overlay, error and empty state at 80×24 and 120×40, against stored frames.
@Suite("screens as stored frames")
struct ScreenFrameTests {
    typealias F = Fixtures

    func check(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for size in standardSizes {
            expectFrame(render(state, size: size), "\(name).\(size.width)x\(size.height)", sourceLocation: sourceLocation)
        }
        // Too small, every screen gives way to the same message (with LIVE when it is).
        let small = state.environment.mode == .live ? "too-small-live.60x20" : "too-small.60x20"
        expectFrame(render(state, size: Size(width: 60, height: 20)), small, sourceLocation: sourceLocation)
        // The same screen in Spanish, by the same rules (longer words fit or end in "…").
        let spanish = inSpanish(state)
        for size in standardSizes {
            expectFrame(render(spanish, size: size), "es/\(name).\(size.width)x\(size.height)", sourceLocation: sourceLocation)
        }
        expectFrame(render(spanish, size: Size(width: 60, height: 20)), "es/" + small, sourceLocation: sourceLocation)
    }

    // MARK: Products

    @Test func productsLoadingFirstTime() {
        var state = F.state()
        F.send(&state, .started)
        check(state, "products-loading")
    }

    @Test func productsEmpty() {
        check(F.loaded([]), "products-empty")
    }

    @Test func productsList() {
        var state = F.loaded(F.products(30))
        F.send(&state, .products(.selectionMoved(.down)), .products(.selectionMoved(.down)))
        // Known from the prices pane: 3 active of 4, none, 12 active.
        let twelve = (1...12).map { Price(id: "price_\($0)", productId: "prod_000028", currency: .gbp, unitAmount: 100 * Int64($0), created: F.now) }
        F.send(&state, .catalog(.pricesKnown(productId: "prod_000030", F.prices(for: "prod_000030"))),
               .catalog(.pricesKnown(productId: "prod_000029", [])),
               .catalog(.pricesKnown(productId: "prod_000028", twelve)))
        check(state, "products-list")
    }

    @Test func productsScrolledToTheBottom() {
        var state = F.loaded(F.products(500))
        F.send(&state, .products(.selectionMoved(.bottom)))
        check(state, "products-bottom")
    }

    @Test func productsScrolledThenBackUpKeepTheWindow() {
        var state = F.loaded(F.products(30))
        F.send(&state, .products(.selectionMoved(.bottom)), .products(.selectionMoved(.up)), .products(.selectionMoved(.up)),
               .products(.selectionMoved(.up)))
        check(state, "products-scrolled-back-up")
    }

    @Test func productsPagedDown() {
        var state = F.loaded(F.products(60))
        F.send(&state, .products(.selectionMoved(.down)), .products(.selectionMoved(.pageDown(rows: 16))))
        check(state, "products-paged-down")
    }

    @Test func productsCachedWhileRefreshing() {
        var state = F.state()
        F.send(&state, .started, .catalog(.cacheLoaded(CatalogItems(F.products(12)))),
               .catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: F.products(100), hasMore: true)))))
        check(state, "products-cached-refreshing")
    }

    @Test func productsFilterTyping() {
        var state = F.loaded(F.products(40))
        F.send(&state, .products(.filterStarted), .products(.filterEdited(.inserted("c"))),
               .products(.filterEdited(.inserted("u"))), .products(.filterEdited(.inserted("p"))))
        check(state, "products-filter")
    }

    @Test func productsFilterNoMatch() {
        var state = F.loaded(F.products(40))
        F.send(&state, .products(.filterStarted), .products(.filterEdited(.inserted("zzz"))), .products(.filterFinished))
        check(state, "products-filter-nomatch")
    }

    @Test func productsLoadFailed() {
        var state = F.state()
        F.send(&state, .started, .catalog(.productsPageLoaded(startingAfter: nil, .failure(
            APIFailure(kind: .connectionFailed, message: "connection refused (127.0.0.1:54321)")))))
        check(state, "products-load-failed")
    }

    @Test func productFormNew() {
        var state = F.loaded(F.products(10))
        F.send(&state, .products(.newProductRequested))
        F.type(&state, "Ethiopian Yirgacheffe")
        F.send(&state, .products(.form(.focusMovedNext)))
        F.type(&state, "Light roast, 250g")
        F.send(&state, .products(.form(.edited(.cursorMovedLeft))), .products(.form(.edited(.cursorMovedLeft))))
        check(state, "product-form-new")
    }

    @Test func productFormRefusedEmptyName() {
        var state = F.loaded(F.products(10))
        F.send(&state, .products(.newProductRequested), .products(.form(.submitted(freshID: "fresh-1"))))
        check(state, "product-form-empty-name")
    }

    @Test func productFormEditSaving() {
        var state = F.loaded(F.products(10))
        F.send(&state, .products(.editProductRequested))
        F.type(&state, " (new)")
        F.send(&state, .products(.form(.submitted(freshID: "fresh-1"))))
        check(state, "product-form-edit-saving")
    }

    @Test func productFormLongTextScrolls() {
        var state = F.loaded(F.products(10))
        F.send(&state, .products(.newProductRequested))
        F.type(&state, String(repeating: "Very long product name ", count: 6))
        check(state, "product-form-long")
    }

    @Test func archiveConfirmation() {
        var state = F.loaded(F.products(10))
        F.send(&state, .products(.archiveToggleRequested))
        check(state, "confirm-archive")
    }

    @Test func helpOverProducts() {
        var state = F.loaded(F.products(10))
        F.send(&state, .helpToggled)
        check(state, "help-products")
    }

    @Test func helpOverAForm() {
        var state = F.loaded(F.products(10))
        F.send(&state, .products(.newProductRequested), .helpToggled)
        check(state, "help-form")
    }

    @Test func statusError() {
        var state = F.loaded(F.products(5))
        F.send(&state, .products(.newProductRequested))
        F.type(&state, "Mug")
        F.send(&state, .products(.form(.submitted(freshID: "fresh-1"))), .products(.productCreated(.failure(F.failure))))
        check(state, "product-create-failed")
    }

    // MARK: Prices

    @Test func pricesNoProduct() {
        var state = F.loaded(F.products(3))
        F.send(&state, .paneSelected(.prices))
        check(state, "prices-no-product")
    }

    @Test func pricesLoading() {
        var state = F.loaded(F.products(3))
        F.send(&state, .products(.pricesRequested))
        check(state, "prices-loading")
    }

    @Test func pricesList() {
        var state = F.withPrices()
        F.send(&state, .prices(.selectionMoved(.down)))
        check(state, "prices-list")
    }

    @Test func pricesEmpty() {
        var state = F.loaded(F.products(3))
        F.send(&state, .products(.pricesRequested))
        F.send(&state, .prices(.pricesLoaded(productId: state.prices.productId!, .success([]))))
        check(state, "prices-empty")
    }

    @Test func pricesLoadFailed() {
        var state = F.loaded(F.products(3))
        F.send(&state, .products(.pricesRequested))
        F.send(&state, .prices(.pricesLoaded(productId: state.prices.productId!, .failure(
            APIFailure(kind: .timeout, message: "no answer after 30 s")))))
        check(state, "prices-load-failed")
    }

    @Test func priceFormBadAmount() {
        var state = F.withPrices()
        F.send(&state, .prices(.newPriceRequested))
        F.type(&state, "12.345")
        F.send(&state, .products(.form(.submitted(freshID: "fresh-1"))))
        check(state, "price-form-bad-amount")
    }

    @Test func priceFormWithNewProduct() {
        var state = F.withPrices()
        F.send(&state, .prices(.newPriceWithProductRequested))
        F.type(&state, "Matcha latte")
        F.send(&state, .products(.form(.focusMovedNext)), .products(.form(.focusMovedNext)), .products(.form(.edited(.deletedToStart))))
        F.type(&state, "XYZ")
        F.send(&state, .products(.form(.submitted(freshID: "fresh-1"))))
        check(state, "price-form-new-product")
    }

    // MARK: Cart

    @Test func cartEmpty() {
        var state = F.loaded(F.products(3))
        F.send(&state, .paneSelected(.cart))
        check(state, "cart-empty")
    }

    @Test func cartLines() {
        check(F.withCart(), "cart-lines")
    }

    @Test func quickAddMatches() {
        check(F.withQuickAdd(), "cart-quick-add")
    }

    @Test func quickAddChooser() {
        check(F.withChooser(), "cart-price-chooser")
    }

    @Test func commandPalette() {
        var state = F.withCart()
        F.send(&state, .palette(.opened), .palette(.edited(.inserted("re"))))
        check(state, "palette")
    }

    @Test func unknownScannedCode() {
        check(F.withUnknownCode(), "cart-unknown-code")
    }

    // MARK: Parked carts

    @Test func parkLabelPrompt() {
        var state = F.withCart()
        F.send(&state, .parked(.parkRequested), .parked(.labelForm(.edited(.inserted("Table 4")))))
        check(state, "park-label")
    }

    @Test func parkedListWithTheCountInTheHeader() {
        var state = F.withCart()
        // As the till does when it starts: the view's word for a ticket parked with an empty label.
        state.parked.labelWord = ScreenPhrase.ticketWord.text(state.settings.language)
        F.send(&state, .parked(.parkRequested), .parked(.labelForm(.submitted(freshID: "t1"))))
        state.now = F.now.addingTimeInterval(14 * 60)
        F.send(&state, .cart(.lineAdded(CartLine(item: .oneOff(name: "Delivery"), unitAmount: Money(minorUnits: 450, currency: .gbp)))))
        let waiting = ParkedTicket(id: "t2", label: "Mrs Jones 👩‍🍳", content: .session(F.session()),
                                   parkedAt: F.now.addingTimeInterval(-2 * 3600 - 5 * 60))
        F.send(&state, .parked(.restored(state.parked.tickets + [waiting])))
        F.send(&state, .parked(.listToggled), .parked(.selectionMoved(.down)))
        check(state, "parked-list")
    }

    @Test func cartOneOffForm() {
        var state = F.withCart()
        F.send(&state, .cart(.oneOffItemRequested))
        F.type(&state, "Delivery")
        F.send(&state, .products(.form(.focusMovedNext)))
        F.type(&state, "abc")
        F.send(&state, .products(.form(.submitted(freshID: "fresh-3"))))
        check(state, "cart-one-off-form")
    }

    @Test func cartRemoveLastLineAsks() {
        var state = F.withPrices()
        F.send(&state, .prices(.addToCartRequested), .paneSelected(.cart), .cart(.removeRequested))
        check(state, "confirm-remove-last")
    }

    // MARK: Checkout

    @Test func checkoutForm() {
        var state = F.withCart()
        F.send(&state, .cart(.checkoutRequested))
        check(state, "checkout-form")
    }

    @Test func checkoutBadURL() {
        var state = F.withCart()
        F.send(&state, .cart(.checkoutRequested), .products(.form(.focusMovedNext)), .products(.form(.edited(.deletedToStart))))
        F.type(&state, "example.com/cancel")
        F.send(&state, .products(.form(.submitted(freshID: "fresh-2"))))
        check(state, "checkout-bad-url")
    }

    @Test func checkoutCreating() {
        var state = F.withCart()
        F.send(&state, .cart(.checkoutRequested), .products(.form(.submitted(freshID: "fresh-2"))))
        check(state, "checkout-creating")
    }

    @Test func checkoutFailed() {
        var state = F.withCart()
        F.send(&state, .cart(.checkoutRequested), .products(.form(.submitted(freshID: "fresh-2"))),
               .checkout(.sessionCreated(.failure(F.failure))))
        check(state, "checkout-failed")
    }

    @Test func checkoutLive() {
        var state = F.withCart()
        state.environment = EnvironmentInfo(mode: .live, apiHost: "api.wooshpay.com")
        F.send(&state, .cart(.checkoutRequested))
        check(state, "checkout-live")
    }

    @Test func checkoutLiveAsksFirst() {
        var state = F.withCart()
        state.environment = EnvironmentInfo(mode: .live, apiHost: "api.wooshpay.com")
        F.send(&state, .cart(.checkoutRequested), .products(.form(.submitted(freshID: "fresh-2"))))
        check(state, "confirm-live-checkout")
    }

    // MARK: Session

    @Test func sessionNone() {
        var state = F.loaded(F.products(3))
        F.send(&state, .paneSelected(.session))
        check(state, "session-none")
    }

    @Test func historyLoading() {
        var state = F.loaded(F.products(3))
        F.send(&state, .paneSelected(.history))
        check(state, "history-loading")
    }

    @Test func historyLoadFailed() {
        var state = F.loaded(F.products(3))
        F.send(&state, .paneSelected(.history), .history(.pageLoaded(startingAfter: nil, .failure(
            APIFailure(kind: .connectionFailed, message: "connection refused (127.0.0.1:54321)")))))
        check(state, "history-load-failed")
    }

    @Test func historyEmpty() {
        var state = F.loaded(F.products(3))
        F.send(&state, .paneSelected(.history), .history(.pageLoaded(startingAfter: nil, .success(Page(items: [], hasMore: false)))))
        check(state, "history-empty")
    }

    @Test func historyFromWooshPayScrolled() {
        var state = F.loaded(F.products(3))
        F.send(&state, .paneSelected(.history),
               .history(.pageLoaded(startingAfter: nil, .success(Page(items: F.olderSessions(30), hasMore: false)))),
               .history(.selectionMoved(.bottom)), .history(.selectionMoved(.up)))
        check(state, "history-scrolled")
    }

    @Test func historyFilteredAndOpenOnly() {
        var state = F.withSession(older: F.olderSessions(25))
        F.send(&state, .paneSelected(.history), .history(.openOnlyToggled))
        check(state, "history-open-only")
        F.send(&state, .history(.openOnlyToggled), .history(.filterStarted))
        F.type(&state, "hist001")
        check(state, "history-filtered")
    }

    // MARK: Reports

    @Test func reportsLoading() {
        var state = F.loaded(F.products(3))
        F.send(&state, .paneSelected(.reports), .reports(.pageLoaded(from: nil, through: F.now, startingAfter: nil,
                                                                     .success(Page(items: F.olderSessions(3), hasMore: true)))))
        check(state, "reports-loading")
    }

    @Test func reportsLoadFailed() {
        var state = F.loaded(F.products(3))
        F.send(&state, .paneSelected(.reports), .reports(.pageLoaded(from: nil, through: F.now, startingAfter: nil, .failure(
            APIFailure(kind: .connectionFailed, message: "connection refused (127.0.0.1:54321)")))))
        check(state, "reports-load-failed")
    }

    @Test func reportsEmptyShift() {
        var state = F.loaded(F.products(3))
        F.send(&state, .paneSelected(.reports), .reports(.pageLoaded(from: nil, through: F.now, startingAfter: nil,
                                                                     .success(Page(items: [], hasMore: false)))))
        check(state, "reports-empty")
    }

    @Test func reportsXReportWithOpenSessions() {
        check(F.withReport(), "reports-x")
    }

    @Test func reportsZAsksWithTheWindowAndNet() {
        var state = F.withReport()
        F.send(&state, .reports(.closeRequested))
        check(state, "reports-close-confirm")
    }

    @Test func reportsExpireAllAsksWithTheCount() {
        var state = F.withReport()
        F.send(&state, .reports(.expireAllRequested))
        check(state, "reports-expire-confirm")
    }

    // MARK: One shop, many tills

    @Test func aNamedTillsHeaderAndTheShopsParkedListWithTillsScrolled() {
        var state = F.withCart()
        state.environment.till = "shop-2"
        let tickets = (1...20).map { n in
            ParkedTicket(id: "t\(n)", label: "Table \(n)", content: .cart(state.cart.cart),
                         parkedAt: F.now.addingTimeInterval(Double(-60 * n)), till: n % 3 == 0 ? "shop-2" : "shop-1")
        }
        F.send(&state, .parked(.restored(tickets)), .parked(.listToggled))
        for _ in 0..<19 { F.send(&state, .parked(.selectionMoved(.down))) }
        check(state, "parked-shop")
    }

    @Test func aNamedTillsReportWithTheShopTotal() {
        var state = F.withReport()
        state.environment.till = "shop-1"
        // Some of the shift's sales were made on this till, the rest on others (or before tills had names).
        let sessions = state.reports.sessions.enumerated().map { index, session in
            var session = session
            session.metadata["till"] = index % 2 == 0 ? "shop-1" : "shop-2"
            return session
        }
        F.send(&state, .reports(.reloadRequested),
               .reports(.pageLoaded(from: state.reports.log.openShiftStart, through: F.now, startingAfter: nil,
                                    .success(Page(items: sessions, hasMore: false)))))
        check(state, "reports-till")
    }

    @Test func sessionPaidBanner() {
        var state = F.withSession()
        F.send(&state, .session(.sessionPolled(id: F.session().id, .success(F.session(status: .complete, payment: .paid)))))
        check(state, "session-paid")
    }

    @Test func sessionExpiredBanner() {
        var state = F.withSession()
        F.send(&state, .session(.sessionPolled(id: F.session().id, .success(F.session(status: .expired)))))
        check(state, "session-expired")
    }

    @Test func sessionOpen() {
        var state = F.withSession()
        F.send(&state, .ticked(.sessionCountdown, now: F.now.addingTimeInterval(61)))
        check(state, "session-open")
    }

    @Test func sessionPaidWithHistory() {
        var state = F.withSession(F.session(id: "cs_test_older0000000000001"))
        F.send(&state, .session(.sessionPolled(id: "cs_test_older0000000000001",
                                                .success(F.session(status: .expired, id: "cs_test_older0000000000001")))))
        var cart = state
        F.send(&cart, .paneSelected(.prices), .prices(.addToCartRequested), .paneSelected(.cart),
               .cart(.checkoutRequested), .products(.form(.submitted(freshID: "fresh-9"))),
               .checkout(.sessionCreated(.success(F.session(status: .complete, payment: .paid)))))
        check(cart, "session-paid-history")
    }

    // MARK: Refunds

    @Test func refundForm() {
        var state = F.withSession(F.paidSession())
        F.send(&state, .paneSelected(.history), .refunds(.refundRequested(F.paidSession())),
               .refunds(.form(.focusMovedNext)), .refunds(.form(.edited(.inserted("1x1")))))
        check(state, "refund-form")
    }

    @Test func refundedOnTheSessionAndInHistory() {
        var state = F.withSession(F.paidSession(), older: F.olderSessions(2))
        let choice = RefundChoice(sessionId: F.paidSession().id, paymentIntentId: "pi_test_0001", amount: Money(minorUnits: 350, currency: .gbp),
                                  reason: nil, lines: ["price_1": 1], idempotencyKey: "k1")
        F.send(&state, .refunds(.refundConfirmed(choice)),
               .refunds(.refundAnswered(idempotencyKey: "k1", .success(Refund(
                   id: "re_1", amount: Money(minorUnits: 350, currency: .gbp), status: .pending, created: F.now)))))
        check(state, "session-refund-pending")
        F.send(&state, .paneSelected(.history))
        check(state, "history-refund-pending")
    }

    @Test func sessionWithoutURL() {
        check(F.withSession(F.session(url: nil)), "session-no-url")
    }

    @Test func sessionExpireConfirmationLive() {
        var state = F.withSession()
        state.environment = EnvironmentInfo(mode: .live, apiHost: "api.wooshpay.com")
        F.send(&state, .session(.expireRequested))
        check(state, "confirm-expire-live")
    }

    // MARK: Environments

    @Test func testModeHeader() {
        check(F.loaded(F.products(3), mode: .test), "header-test")
    }

    @Test func liveModeHeader() {
        check(F.withCart().with { $0.environment = EnvironmentInfo(mode: .live, apiHost: "api.wooshpay.com") },
              "header-live")
    }
}

extension AppState {
    func with(_ change: (inout AppState) -> Void) -> AppState {
        var copy = self
        change(&copy)
        return copy
    }
}

@Suite struct SessionQRFrameTests {
    typealias F = Fixtures

    @Test func theQRCodeStandsBesideTheDetailsWhenThereIsRoomAndNotAt80x24() {
        let state = F.withSession()
        let wide = render(state, size: Size(width: 120, height: 40))
        #expect(wide.text().contains("█") || wide.text().contains("▀"))
        expectFrame(wide, "session-open-qr")
        expectFrame(render(inSpanish(state), size: Size(width: 120, height: 40)), "es/session-open-qr")
        let narrow = render(state, size: Size(width: 80, height: 24))
        #expect(!narrow.text().contains("▀") && !narrow.text().contains("▄"))
    }

    @Test func fFillsTheScreenWithTheCodeAndTheTotal() {
        var state = F.withSession()
        F.send(&state, .session(.qrToggled))
        let frame = render(state, size: Size(width: 80, height: 24))
        #expect(frame == renderFullScreenQR(url: F.sessionURL, caption: "GBP 69.50 · Esc back", size: Size(width: 80, height: 24)))
        expectFrame(frame, "session-qr-full")
        expectFrame(render(inSpanish(state), size: Size(width: 80, height: 24)), "es/session-qr-full")
    }
}
