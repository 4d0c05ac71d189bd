import Foundation
import Testing
@testable import TillCore

/// When the shop store refuses the save a request waits for, nothing is sent: the reducer keeps
/// the sale (and its key) and says why; a retry sends the very same request.
@Suite("Save before send: a failed save")
struct SaveBeforeSendTests {
    let line = CartLine(price: coffeeLarge, productName: "Coffee", quantity: 2)

    @Test func aCartThatCouldNotBeSavedIsNotCheckedOutAndEnterRetriesWithTheSameKey() {
        var state = freshState()
        state.cart.cart = try! Cart(lines: [line])
        state.focus = .checkout
        var store = Store(state)
        let sent = CheckoutDraft(cart: try! Cart(lines: [line]), successURL: testSettings.successURL,
                                 cancelURL: testSettings.cancelURL, idempotencyKey: "k1").inFlight
        store.send(.checkout(.form(.submitted(freshID: "k1"))),
                   effects: [.saveDraft(sent), .createCheckoutSession(sent, idempotencyKey: "k1")]) {
            $0.checkout.idempotencyKey = "k1"
            $0.checkout.form.isSubmitting = true
        }
        store.send(.checkout(.draftNotSaved(reason: "disk I/O error"))) {
            $0.checkout.form.isSubmitting = false
            $0.checkout.form.refuse(.cartNotSaved(reason: "disk I/O error", inForm: true), at: nil)
            $0.status.message = .error(.cartNotSaved(reason: "disk I/O error", inForm: false))
        }
        // The cart is as it was, and Enter sends the same request again with the same key.
        #expect(store.state.cart.cart == (try! Cart(lines: [line])))
        store.send(.checkout(.form(.submitted(freshID: "k2"))),
                   effects: [.saveDraft(sent), .createCheckoutSession(sent, idempotencyKey: "k1")]) {
            $0.checkout.form.isSubmitting = true
            $0.checkout.form.message = nil
        }
    }

    @Test func aRefundWhoseEntryCouldNotBeSavedIsAskedAgainWithItsKey() {
        var store = Store()
        let choice = RefundChoice(sessionId: "cs_9", paymentIntentId: "pi_9", amount: Money(minorUnits: 950, currency: .gbp),
                                  reason: nil, lines: nil, idempotencyKey: "k1")
        let entry = RefundJournal.Entry(idempotencyKey: "k1", sessionId: "cs_9", paymentIntentId: "pi_9",
                                        amount: Money(minorUnits: 950, currency: .gbp), created: t0)
        store.given(.refunds(.refundConfirmed(choice)))
        #expect(store.state.refunds.journal.entries == [entry])
        store.send(.refunds(.journalNotSaved(entry, reason: "database is locked"))) {
            $0.refunds.sending = []
            $0.refunds.journal = RefundJournal()
            $0.confirmation = .refund(choice, live: false)
            $0.status.message = .error(.refundNotSaved(reason: "database is locked"))
        }
        // Yes sends the same refund, same key: saved first, then sent.
        store.send(.confirmationAnswered(true), effects: [.recordRefund(.begin(entry)), .createRefund(entry)]) {
            $0.confirmation = nil
            $0.refunds.sending = ["k1"]
            $0.refunds.journal = RefundJournal(entries: [entry])
            $0.status.message = .info(.refunding(gbp(950), sessionId: "cs_9"))
        }
    }

    @Test func aFailedWriteIsSaidOnTheStatusLine() {
        var store = Store()
        store.send(.storeWriteFailed(what: .cart, reason: "attempt to write a readonly database")) {
            $0.status.message = .error(.storeWriteFailed(what: .cart, reason: "attempt to write a readonly database"))
        }
        store.send(.storeOpened(notes: ["parked tickets (2)"], problems: [])) {
            $0.status.message = .info(.movedIntoStore(notes: ["parked tickets (2)"]))
        }
        store.send(.storeOpened(notes: [], problems: ["The refund journal could not be read.", "x"])) {
            $0.status.message = .error(.storeOpenProblem("The refund journal could not be read.", more: 1))
        }
    }
}
