import Foundation
import Testing
@testable import TillCore

@Suite("History reducer")
struct HistoryFeatureTests {
    func listed(_ id: String, minutes: Double, status: CheckoutSession.Status = .open, items: [String] = []) -> CheckoutSession {
        var s = session(id, status: status)
        s.created = t0.addingTimeInterval(minutes * 60)
        s.lineItems = items.enumerated().map { index, name in
            LineItem(id: "li_\(index)", description: name, quantity: 1, currency: .gbp, unitAmount: 100,
                     amountSubtotal: 100, amountTotal: 100, priceId: nil, productId: nil)
        }
        return s
    }

    @Test func theFirstShowingLoadsEveryPageInTheBackgroundOnceAndRReloads() {
        var store = Store()
        store.send(.paneSelected(.history), effects: [.loadSessionsPage(startingAfter: nil)]) {
            $0.focus = .history
            $0.history.hasRequested = true
            $0.history.pages.phase = .loading
        }
        #expect(store.state.progress == StatusProgress(label: .loadingSessions, count: 0))
        let first = [listed("cs_b", minutes: -1), listed("cs_a", minutes: -5, status: .expired)]
        store.send(.history(.pageLoaded(startingAfter: nil, .success(Page(items: first, hasMore: true)))),
                   effects: [.loadSessionsPage(startingAfter: "cs_a")]) {
            $0.history.sessions = first
            $0.history.visible = [0, 1]
            $0.history.pages.awaitedCursor = "cs_a"
        }
        // Keys still work while pages arrive.
        store.send(.history(.selectionMoved(.down))) { $0.history.selection = 1 }
        // An answer for a cursor nobody waits for is dropped.
        store.send(.history(.pageLoaded(startingAfter: "cs_x", .success(Page(items: [listed("cs_z", minutes: 0)], hasMore: false)))))
        let second = [listed("cs_0", minutes: -60)]
        store.send(.history(.pageLoaded(startingAfter: "cs_a", .success(Page(items: second, hasMore: false))))) {
            $0.history.sessions = first + second
            $0.history.visible = [0, 1, 2]
            $0.history.pages.awaitedCursor = nil
            $0.history.pages.phase = .idle
        }
        store.send(.paneSelected(.products)) { $0.focus = .products }
        store.send(.paneSelected(.history)) { $0.focus = .history }
        store.send(.history(.refreshRequested), effects: [.loadSessionsPage(startingAfter: nil)]) { $0.history.pages.phase = .loading }
        store.send(.history(.refreshRequested), effects: [.cancel(.historyLoad), .loadSessionsPage(startingAfter: nil)])
        store.send(.history(.pageLoaded(startingAfter: nil, .failure(timedOut)))) {
            $0.history.pages.phase = .failed(timedOut)
            $0.status.message = .error(.loadFailed(.sessions, timedOut, retry: .historyReload))
        }
        // What was shown stays after a failure.
        #expect(store.state.history.sessions.count == 3)
    }

    @Test func aPageMergesWithLocalSessionsNewestFirstAndAFinishedLocalCopyWins() {
        var state = HistoryState()
        HistoryFeature.record(session("cs_1", status: .complete, paid: .paid), in: &state)
        let newer = listed("cs_2", minutes: 1), older = listed("cs_0", minutes: -1, status: .expired)
        HistoryFeature.merge([newer, session("cs_1"), older, newer], into: &state)
        #expect(state.sessions.map(\.id) == ["cs_2", "cs_1", "cs_0"])
        #expect(state.sessions[1].paymentStatus == .paid)
        #expect(state.selection == 1)    // still on cs_1
    }

    @Test func aListedCopyKeepsTheLineItemsTheListLeavesOut() {
        var state = HistoryState()
        let local = listed("cs_1", minutes: 0, items: ["Coffee"])
        HistoryFeature.record(local, in: &state)
        var listedPaid = session("cs_1", status: .complete, paid: .paid)
        listedPaid.amountTotal = 700
        HistoryFeature.merge([listedPaid], into: &state)
        #expect(state.sessions.first?.amountTotal == 700)
        #expect(state.sessions.first?.lineItems == local.lineItems)
    }

    @Test func theFilterMatchesIdItemNamesAndAmountIgnoringCaseAndAccents() {
        let coffeeSale = listed("cs_coffee", minutes: 0, items: ["Café crème"])
        #expect(HistoryFeature.matches(coffeeSale, filter: "CAFE CREME", openOnly: false))
        #expect(HistoryFeature.matches(coffeeSale, filter: "cs_cof", openOnly: false))
        #expect(HistoryFeature.matches(coffeeSale, filter: "25.00", openOnly: false))
        #expect(HistoryFeature.matches(coffeeSale, filter: "GBP 25", openOnly: false))
        #expect(!HistoryFeature.matches(coffeeSale, filter: "tea", openOnly: false))
        #expect(!HistoryFeature.matches(listed("cs_x", minutes: 0, status: .expired), filter: "", openOnly: true))
    }

    @Test func filteringAndOpenOnlyNarrowTheRowsAndEnterOpensTheSession() {
        var store = Store()
        store.given(.paneSelected(.history))
        let open = listed("cs_2", minutes: -1, items: ["Tea"]), expired = listed("cs_1", minutes: -2, status: .expired, items: ["Coffee"])
        store.given(.history(.pageLoaded(startingAfter: nil, .success(Page(items: [open, expired], hasMore: false)))))
        store.send(.history(.openOnlyToggled)) {
            $0.history.openOnly = true
            $0.history.visible = [0]
            $0.status.message = .info(.showingOpenSessionsOnly)
        }
        store.send(.history(.openOnlyToggled)) {
            $0.history.openOnly = false
            $0.history.visible = [0, 1]
            $0.status.message = .info(.showingEverySession)
        }
        store.send(.history(.filterStarted)) { $0.history.isFilterEditing = true }
        #expect(store.state.isEditingText)
        store.send(.history(.filterEdited(.inserted("coffee")))) {
            $0.history.filter = TextFieldValue("coffee")
            $0.history.visible = [1]
        }
        store.send(.history(.filterFinished)) { $0.history.isFilterEditing = false }
        store.send(.history(.openRequested), effects: [.fetchSession(id: "cs_1")]) {
            $0.focus = .session
            $0.session.open = expired
        }
        store.given(.paneSelected(.history))
        store.send(.history(.filterCleared)) {
            $0.history.filter = TextFieldValue()
            $0.history.visible = [0, 1]
            $0.history.selection = 1      // still on the session found
        }
    }

    @Test func enterWithNothingListedSaysSo() {
        var store = Store()
        store.send(.history(.openRequested)) { $0.status.message = .error(.noSessionSelected) }
    }
}
