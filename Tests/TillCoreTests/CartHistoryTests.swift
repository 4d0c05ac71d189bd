import Foundation
import Testing
@testable import TillCore

/// Undo and redo of cart changes through the app reducer: exact state and effects.
@Suite("Undo and redo of cart changes")
struct CartHistoryTests {
    let latte = CartLine(price: price("price_l", product: "prod_l", 320), productName: "Latte")
    let flat = CartLine(price: price("price_f", product: "prod_f", 340), productName: "Flat white")

    func draft(_ lines: [CartLine]) -> CheckoutDraft {
        var state = freshState()
        state.cart.cart = try! Cart(lines: lines)
        return state.draft
    }

    @Test("undo takes back adds one at a time; redo makes them again; a new change drops the redo")
    func undoRedo() {
        var store = Store()
        store.given(.paneSelected(.cart), .cart(.lineAdded(latte)), .cart(.lineAdded(flat)))
        let two = store.state.cart.cart
        let one = try! Cart(lines: [latte])
        #expect(store.state.cartHistory.undo == [.cart(Cart(), what: .add(name: "Latte")), .cart(one, what: .add(name: "Flat white"))])

        store.send(.undoRequested, effects: [.saveDraft(draft([latte]))]) {
            $0.cart.cart = one
            $0.cart.selection = 0
            $0.cartHistory.undo = [.cart(Cart(), what: .add(name: "Latte"))]
            $0.cartHistory.redo = [.cart(two, what: .add(name: "Flat white"))]
            $0.status.message = .info(.undid(.add(name: "Flat white")))
        }
        store.send(.redoRequested, effects: [.saveDraft(draft([latte, flat]))]) {
            $0.cart.cart = two
            $0.cartHistory.undo = [.cart(Cart(), what: .add(name: "Latte")), .cart(one, what: .add(name: "Flat white"))]
            $0.cartHistory.redo = []
            $0.status.message = .info(.redid(.add(name: "Flat white")))
        }
        store.given(.undoRequested)
        store.given(.cart(.quantityIncreased))
        #expect(store.state.cartHistory.redo == [])
        store.send(.redoRequested) { $0.status.message = .info(.nothingToRedo) }
    }

    @Test("undo stops at a created session and says why")
    func barrier() {
        var store = Store()
        store.given(.cart(.lineAdded(latte)), .cart(.checkedOut))
        store.send(.undoRequested) {
            $0.status.message = .error(.checkoutCannotBeUndone)
        }
        #expect(store.state.cart.cart.isEmpty)
    }

    @Test("at most 50 steps are kept")
    func limit() {
        var store = Store()
        for _ in 0..<60 { store.given(.cart(.lineAdded(latte))) }
        #expect(store.state.cartHistory.undo.count == 50)
    }

    @Test("undo of a park resumes the ticket")
    func undoPark() {
        var store = Store()
        store.given(.cart(.lineAdded(latte)), .parked(.parkRequested),
                    .parked(.labelForm(.edited(.inserted("Table 4")))), .parked(.labelForm(.submitted(freshID: "t1"))))
        #expect(store.state.cart.cart.isEmpty)
        #expect(store.state.parked.tickets.count == 1)
        let ticket = store.state.parked.tickets[0]
        // Undo claims the ticket like a resume (another till may have taken it meanwhile).
        #expect(store.given(.undoRequested) == [.claimParked(id: "t1", purpose: .resume)])
        #expect(store.state.status.message == .info(.undidPark(label: "Table 4")))
        store.given(.parked(.claimAnswered(id: "t1", purpose: .resume, .success(.claimed(ticket)))))
        #expect(store.state.cart.cart == (try! Cart(lines: [latte])))
        #expect(store.state.parked.tickets.isEmpty)
    }

    @Test("nothing to undo says so")
    func nothing() {
        var store = Store()
        store.send(.undoRequested) { $0.status.message = .info(.nothingToUndo) }
    }
}
