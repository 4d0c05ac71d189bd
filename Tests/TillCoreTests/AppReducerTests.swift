import Foundation
import Testing
@testable import TillCore

@Suite("App reducer")
struct AppReducerTests {
    @Test func initialState() {
        let state = freshState()
        #expect(state.focus == .products)
        #expect(!state.isHelpVisible && state.confirmation == nil && state.status == StatusLine())
        #expect(state.environment == EnvironmentInfo(mode: .sandbox, apiHost: "127.0.0.1:4242"))
        #expect(!state.isEditingText && state.activeForm == nil)
        #expect(Pane.allCases.map(\.rawValue) == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test(arguments: Pane.allCases)
    func paneSelection(pane: Pane) {
        var store = Store()
        // The history and reports panes ask WooshPay for the sessions the first time they are shown.
        let firstShow: [Effect] = switch pane {
        case .history: [.loadSessionsPage(startingAfter: nil)]
        case .reports: [.loadReportPage(from: nil, through: nil, startingAfter: nil)]
        default: []
        }
        store.send(.paneSelected(pane), effects: firstShow) {
            $0.focus = pane
            if pane == .history {
                $0.history.hasRequested = true
                $0.history.pages.phase = .loading
            }
            if pane == .reports {
                $0.reports.hasRequested = true
                $0.reports.pages.phase = .loading
            }
        }
        // The checkout form's fields and the cart's quick-add line take typed text.
        #expect(store.state.isEditingText == (pane == .checkout || pane == .cart))
        store.send(.paneSelected(.products)) { $0.focus = .products }
        store.send(.paneSelected(pane)) { $0.focus = pane }
    }

    @Test func helpHoldsTheKeysUntilClosed() {
        var store = Store(loaded([coffee, creme]))
        store.send(.helpToggled) { $0.isHelpVisible = true }
        store.send(.products(.selectionMoved(.down)))
        store.send(.paneSelected(.cart))
        // Answers from the runtime still land.
        store.send(.products(.productCreated(.success(tea)))) {
            $0.catalog.items = [tea, coffee, creme]
            $0.catalog.index = SearchIndex([tea, coffee, creme])
            $0.products.visible = [0, 1, 2]
            $0.catalog.priceCounts["prod_3"] = 0
            $0.status.message = .info(.productCreated(name: "Tea"))
        }
        store.send(.helpToggled) { $0.isHelpVisible = false }
        store.send(.products(.selectionMoved(.down))) { $0.products.selection = 1 }
    }

    @Test func resizesAreRecordedEvenUnderHelpOrAQuestion() {
        var store = Store()
        #expect(store.state.screen == Size(width: 80, height: 24))
        store.send(.screenResized(Size(width: 120, height: 40))) { $0.screen = Size(width: 120, height: 40) }
        store.state.isHelpVisible = true
        store.state.confirmation = .expireSession(id: "cs_1")
        store.send(.screenResized(Size(width: 1, height: 1))) { $0.screen = Size(width: 1, height: 1) }
    }

    @Test func environmentModes() {
        #expect(EnvironmentInfo(mode: .live, apiHost: "api.wooshpay.com").isLive)
        #expect(!EnvironmentInfo(mode: .test, apiHost: "apitest.wooshpay.com").isLive)
        #expect(!EnvironmentInfo(mode: .sandbox, apiHost: "127.0.0.1:1").isLive)
    }

    @Test func quitSavesTheDraftFirst() {
        var store = Store()
        store.state.cart.cart = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        store.send(.quitRequested, effects: [.saveDraft(store.state.draft), .quit])
        store.state.isHelpVisible = true
        store.send(.quitRequested, effects: [.saveDraft(store.state.draft), .quit])
    }

    @Test func formActionsWithNoFormDoNothing() {
        var store = Store()
        for action in [FormAction.edited(.inserted("x")), .focusMovedNext, .submitted(freshID: "k"), .cancelled] {
            store.send(.products(.form(action)))
            store.send(.prices(.form(action)))
            store.send(.cart(.oneOffForm(action)))
        }
    }

    @Test func editingTextFollowsTheFocusedPane() {
        var store = Store(loaded([coffee]))
        store.given(.products(.filterStarted))
        #expect(store.state.isEditingText)
        store.given(.paneSelected(.history))
        #expect(!store.state.isEditingText)
        store.given(.paneSelected(.cart), .cart(.oneOffItemRequested))
        #expect(store.state.isEditingText)
        store.given(.paneSelected(.prices), .prices(.newPriceWithProductRequested))
        #expect(store.state.isEditingText)
        if case .price(let form)? = store.state.activeForm { #expect(form.message == nil && !form.isSubmitting) } else {
            Issue.record("the price form should be active")
        }
    }
}
