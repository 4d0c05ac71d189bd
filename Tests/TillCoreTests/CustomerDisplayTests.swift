import Foundation
import Testing
@testable import TillCore

/// What the customer sees: the full-screen PAID on the till, and the display record the till
/// publishes (`.showCustomer`) whenever what the customer should see changes.
@Suite("Customer display and the full-screen PAID")
struct CustomerDisplayTests {
    /// A till that publishes its display record, with a shop name.
    func publishing() -> AppState {
        var state = freshState()
        state.environment.shopName = "Corner Café"
        state.settings.publishesCustomerDisplay = true
        return state
    }

    func showCustomerEffects(_ effects: [Effect]) -> [CustomerDisplay] {
        effects.compactMap { if case .showCustomer(let display) = $0 { display } else { nil } }
    }

    @Test func theFullScreenQRBecomesAFullScreenPAIDAndNStartsTheNextSale() {
        var state = freshState()
        state.cart.cart = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        state.focus = .checkout
        var store = Store(state)
        store.given(.checkout(.form(.submitted(freshID: "k1"))), .checkout(.sessionCreated(.success(session("cs_1")))))
        store.state.status = StatusLine()
        store.send(.session(.qrToggled)) { $0.session.isQRFullScreen = true }
        let paid = session("cs_1", status: .complete, paid: .paid)
        // Polling sees it paid: the code stays full screen (the view turns it into PAID), one bell.
        store.send(.session(.sessionPolled(id: "cs_1", .success(paid))),
                   effects: [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown)), .bell]) {
            $0.session.open = paid
            $0.session.isPolling = false
            $0.session.finishedAt = t0
            $0.history.sessions = [paid]
            $0.status.message = .info(.sessionFinished(id: "cs_1", .paid, total: gbp(2500), spoken: false))
        }
        #expect(store.state.session.isQRFullScreen && store.state.session.outcome == .paid)
        // n from there: the next sale, on the products pane, the full screen gone.
        store.send(.session(.nextSaleRequested)) {
            $0.session = SessionState()
            $0.focus = .products
        }
    }

    @Test func aTillThatQuitsLeavesItsDisplayIdleBeforeItGoes() {
        var state = publishing()
        state.cart.cart = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        _ = testReducer.reduce(into: &state, action: .started)
        #expect(state.customerDisplay?.screen != .idle)
        let effects = testReducer.reduce(into: &state, action: .quitRequested)
        let idle = CustomerDisplay(shopName: "Corner Café", screen: .idle)
        #expect(effects == [.saveDraft(state.draft), .showCustomer(idle), .quit])
        #expect(state.customerDisplay == idle)
    }

    @Test func expiredShowsFullScreenToo() {
        var state = freshState()
        state.focus = .session
        var store = Store(state)
        store.given(.session(.watchRequested(session("cs_1"), fetch: false)), .session(.qrToggled))
        let expired = session("cs_1", status: .expired, paid: .unpaid)
        _ = store.given(.session(.sessionPolled(id: "cs_1", .success(expired))))
        #expect(store.state.session.isQRFullScreen && store.state.session.outcome == .expired)
    }

    @Test func theRecordFollowsTheSaleFromIdleToCartToQRToPAIDToTheNextSale() {
        var state = publishing()
        // The first action publishes idle (a display following this till forgets any old sale).
        var effects = testReducer.reduce(into: &state, action: .started)
        let idle = CustomerDisplay(shopName: "Corner Café", screen: .idle)
        #expect(effects.last == .showCustomer(idle))
        #expect(state.customerDisplay == idle)

        // A line added: the display shows it and the total, once.
        state.focus = .prices
        effects = testReducer.reduce(into: &state, action: .cart(.lineAdded(CartLine(price: coffeeLarge, productName: "Coffee"))))
        let one = CustomerDisplay(shopName: "Corner Café",
                                  screen: .cart(lines: [.init(name: "Coffee · Large", quantity: 1, amount: gbp(350))], total: gbp(350)))
        #expect(showCustomerEffects(effects) == [one])
        #expect(effects.last == .showCustomer(one))

        // Nothing the customer sees changed: nothing is published.
        effects = testReducer.reduce(into: &state, action: .helpToggled)
        effects += testReducer.reduce(into: &state, action: .helpToggled)
        #expect(showCustomerEffects(effects) == [])

        // The same line again: quantity 2, the running total.
        effects = testReducer.reduce(into: &state, action: .cart(.lineAdded(CartLine(price: coffeeLarge, productName: "Coffee"))))
        #expect(showCustomerEffects(effects) == [CustomerDisplay(
            shopName: "Corner Café", screen: .cart(lines: [.init(name: "Coffee · Large", quantity: 2, amount: gbp(700))], total: gbp(700)))])

        // The session made: its QR code and total.
        state.focus = .checkout
        _ = testReducer.reduce(into: &state, action: .checkout(.form(.submitted(freshID: "k1"))))
        effects = testReducer.reduce(into: &state, action: .checkout(.sessionCreated(.success(session("cs_1")))))
        #expect(showCustomerEffects(effects) == [CustomerDisplay(
            shopName: "Corner Café", screen: .pay(url: "https://checkout.example/pay/cs_1", total: gbp(2500)))])

        // Paid: PAID with the amount and the time Till saw it.
        effects = testReducer.reduce(into: &state, action: .session(.sessionPolled(
            id: "cs_1", .success(session("cs_1", status: .complete, paid: .paid)))))
        #expect(showCustomerEffects(effects) == [CustomerDisplay(shopName: "Corner Café", screen: .paid(total: gbp(2500), at: t0))])

        // n: idle again at once.
        effects = testReducer.reduce(into: &state, action: .session(.nextSaleRequested))
        #expect(showCustomerEffects(effects) == [idle])
    }

    @Test func aTillThatDoesNotPublishSendsNothing() {
        var state = freshState()
        let effects = testReducer.reduce(into: &state, action: .cart(.lineAdded(CartLine(price: coffeeLarge, productName: "Coffee"))))
        #expect(showCustomerEffects(effects) == [])
        #expect(state.customerDisplay == nil)
    }

    @Test func theNextSaleRungUpBeforeNReplacesPAID() {
        var state = publishing()
        state.session.open = session("cs_1", status: .complete, paid: .paid)
        state.session.finishedAt = t0
        #expect(CustomerDisplay(state).screen == .paid(total: gbp(2500), at: t0))
        state.cart.cart = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        #expect(CustomerDisplay(state).screen == .cart(lines: [.init(name: "Coffee · Large", quantity: 1, amount: gbp(350))],
                                                       total: gbp(350)))
    }

    @Test func aFinishedSaleOpenedFromHistoryIsNotShownAsPAID() {
        var state = publishing()
        state.session.open = session("cs_9", status: .complete, paid: .paid)
        #expect(CustomerDisplay(state).screen == .idle)
    }

    @Test func anOutcomeGoesBackToIdleAfterItsTimeOnShow() {
        let paid = CustomerDisplay(shopName: "", screen: .paid(total: gbp(100), at: t0))
        #expect(paid.screen(shownFor: 0) == paid.screen)
        #expect(paid.screen(shownFor: CustomerDisplay.outcomeShownFor - 0.001) == paid.screen)
        #expect(paid.screen(shownFor: CustomerDisplay.outcomeShownFor) == .idle)
        #expect(paid.isTimed)
        let cart = CustomerDisplay(shopName: "", screen: .cart(lines: [], total: nil))
        #expect(cart.screen(shownFor: 3600) == cart.screen && !cart.isTimed)
    }

    @Test func theRecordRoundTripsAsJSON() throws {
        let display = CustomerDisplay(shopName: "Corner Café", screen: .cart(
            lines: [.init(name: "Coffee · Large", quantity: 2, amount: gbp(700))], total: gbp(700)))
        let data = try JSONEncoder().encode(display)
        #expect(try JSONDecoder().decode(CustomerDisplay.self, from: data) == display)
    }
}
