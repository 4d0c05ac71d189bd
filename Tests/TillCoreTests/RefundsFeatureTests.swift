import Foundation
import Testing
@testable import TillCore

@Suite("Refunds reducer")
struct RefundsFeatureTests {
    /// A paid session of two lines: 2 × Coffee at 3.50 and 1 × Cake at 2.50 (GBP 9.50).
    let paid: CheckoutSession = {
        var s = session("cs_9", status: .complete, paid: .paid)
        s.amountTotal = 950
        s.paymentIntentId = "pi_9"
        s.lineItems = [
            LineItem(id: "li_1", description: "Coffee", quantity: 2, currency: .gbp, unitAmount: 350, amountSubtotal: 700,
                     amountTotal: 700, priceId: "price_1"),
            LineItem(id: "li_2", description: "Cake", quantity: 1, currency: .gbp, unitAmount: 250, amountSubtotal: 250,
                     amountTotal: 250, priceId: "price_2"),
        ]
        return s
    }()

    func refund(_ id: String, _ minor: Int64, _ status: Refund.Status) -> Refund {
        Refund(id: id, amount: gbp(minor), status: status, paymentIntentId: "pi_9", created: t0)
    }

    func type(_ text: String, into store: inout Store) {
        store.given(.refunds(.form(.edited(.inserted(text)))))
    }

    @Test func chosenLinesAreConfirmedWithTheAmountThenSavedBeforeTheyAreSent() {
        var store = Store()
        store.send(.refunds(.refundRequested(paid))) { $0.refunds.form = RefundForm(session: paid) }
        #expect(store.state.isEditingText)
        store.given(.refunds(.form(.focusMovedNext)))
        type("1x1, 2", into: &store)
        store.given(.refunds(.form(.focusMovedNext)))
        type("cust", into: &store)
        let choice = RefundChoice(sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(600),
                                  reason: .requestedByCustomer, lines: ["price_1": 1, "price_2": 1], idempotencyKey: "k1")
        store.send(.refunds(.form(.submitted(freshID: "k1")))) { $0.confirmation = .refund(choice, live: false) }

        let entry = RefundJournal.Entry(idempotencyKey: "k1", sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(600),
                                        reason: .requestedByCustomer, lines: ["price_1": 1, "price_2": 1], created: t0)
        store.send(.confirmationAnswered(true), effects: [.recordRefund(.begin(entry)), .createRefund(entry)]) {
            $0.confirmation = nil
            $0.refunds.form = nil
            $0.refunds.journal = RefundJournal(entries: [entry])
            $0.refunds.sending = ["k1"]
            $0.status.message = .info(.refunding(gbp(600), sessionId: "cs_9"))
        }

        // Pending: recorded and checked until it settles.
        let pending = refund("re_1", 600, .pending)
        var recorded = entry
        recorded.state = .recorded(refundId: "re_1", status: .pending)
        store.send(.refunds(.refundAnswered(idempotencyKey: "k1", .success(pending))),
                   effects: [.recordRefund(.record(pending, idempotencyKey: "k1", at: t0)),
                             .fetchRefund(id: "re_1", after: .seconds(3))]) {
            $0.refunds.sending = []
            $0.refunds.watching = ["re_1"]
            $0.refunds.journal = RefundJournal(entries: [recorded])
            $0.status.message = .info(.refundPending(gbp(600), id: "re_1"))
        }
        store.send(.refunds(.refundFetched(id: "re_1", .success(pending))),
                   effects: [.recordRefund(.refresh(pending, at: t0)), .fetchRefund(id: "re_1", after: .seconds(3))])
        let done = refund("re_1", 600, .succeeded)
        recorded.state = .recorded(refundId: "re_1", status: .succeeded)
        store.send(.refunds(.refundFetched(id: "re_1", .success(done))), effects: [.recordRefund(.refresh(done, at: t0))]) {
            $0.refunds.watching = []
            $0.refunds.journal = RefundJournal(entries: [recorded])
            $0.status.message = .info(.refunded(gbp(600), id: "re_1"))
        }
        #expect(store.state.refunds.balance(of: paid)?.remaining == gbp(350))
    }

    @Test func eachUnitAtMostOnceAndNeverMoreThanIsLeft() {
        var store = Store()
        store.state.refunds.journal = RefundJournal(entries: [RefundJournal.Entry(
            idempotencyKey: "k0", sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(700), lines: ["price_1": 2],
            state: .recorded(refundId: "re_0", status: .succeeded), created: t0)])
        store.given(.refunds(.refundRequested(paid)), .refunds(.form(.focusMovedNext)))
        type("1x1", into: &store)
        store.given(.refunds(.form(.submitted(freshID: "k1"))))
        #expect(store.state.refunds.form?.fields.message == .refundRefused(.tooManyUnits(line: "price_1", requested: 1, left: 0)))
        #expect(store.state.confirmation == nil)
        store.given(.refunds(.form(.edited(.deletedToStart))), .refunds(.form(.focusMovedPrevious)))
        type("3.00", into: &store)
        store.given(.refunds(.form(.submitted(freshID: "k1"))))
        #expect(store.state.refunds.form?.fields.message == .refundRefused(.exceedsRemaining(requested: gbp(300), remaining: gbp(250))))
        #expect(store.state.refunds.form?.fields.invalidField == .amount)
        // Empty: everything left.
        store.given(.refunds(.form(.edited(.deletedToStart))), .refunds(.form(.submitted(freshID: "k1"))))
        #expect(store.state.confirmation == .refund(RefundChoice(sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(250),
                                                                 reason: nil, lines: nil, idempotencyKey: "k1"), live: false))
    }

    @Test func badLinesAndReasonsNameTheField() throws {
        let form = RefundForm(session: paid)
        func problem(lines: String = "", reason: String = "") -> Message? {
            var f = form
            f.fields[.lines] = TextFieldValue(lines)
            f.fields[.reason] = TextFieldValue(reason)
            do { _ = try RefundsFeature.choose(f, journal: RefundJournal(), key: "k") } catch { return error.message }
            return nil
        }
        #expect(problem(lines: "3") == .noSuchSessionLine(number: 3, lines: 2))
        #expect(problem(lines: "one") == .refundLinesUnreadable)
        #expect(problem(lines: "1x0") == .refundUnitsNotWhole(line: 1))
        if case .refundRefused(.tooManyUnits(_, requested: 3, left: 2))? = problem(lines: "1x3") {} else {
            Issue.record("1x3 of a line with 2 units: \(String(describing: problem(lines: "1x3")))")
        }
        #expect(problem(reason: "banana") == .refundReasonUnknown)
        #expect(problem(reason: "d") == nil)
    }

    @Test func reasonsAreReadInEnglishAndSpanish() throws {
        let cases: [(String, Refund.Reason?)] = [
            ("", nil), ("d", .duplicate), ("duplicate", .duplicate), ("Duplicado", .duplicate),
            ("fraudulento", .fraudulent), ("fraudulent", .fraudulent), ("requested by customer", .requestedByCustomer),
            ("customer", .requestedByCustomer), ("solicitado", .requestedByCustomer), ("s", .requestedByCustomer),
            ("solicitado por el cliente", .requestedByCustomer), ("cliente", .requestedByCustomer),
            ("a petición del cliente", .requestedByCustomer),
        ]
        for (typed, reason) in cases { #expect(try RefundsFeature.parseReason(typed) == reason, "\(typed)") }
        #expect(throws: FieldError<RefundField>.self) { try RefundsFeature.parseReason("duplicadx") }
    }

    @Test func unpaidSessionsAndSessionsWithoutAPaymentIntentAreRefused() {
        var store = Store()
        store.send(.refunds(.refundRequested(session("cs_1")))) {
            $0.status.message = .error(.onlyPaidSessionRefunds(.open, .unpaid))
        }
        var noIntent = paid
        noIntent.paymentIntentId = nil
        store.send(.refunds(.refundRequested(noIntent))) {
            $0.status.message = .error(.sessionHasNoPaymentIntent(sessionId: "cs_9"))
        }
    }

    @Test func aLostAnswerKeepsTheEntrySentAndRRetriesItWithTheSameKey() {
        var store = Store()
        let entry = RefundJournal.Entry(idempotencyKey: "k1", sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(950), created: t0)
        store.given(.refunds(.refundConfirmed(RefundChoice(sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(950),
                                                           reason: nil, lines: nil, idempotencyKey: "k1"))))
        store.send(.refunds(.refundAnswered(idempotencyKey: "k1", .failure(timedOut)))) {
            $0.refunds.sending = []
            $0.status.message = .error(.refundOutcomeUnknown(timedOut))
        }
        store.send(.refunds(.refundRequested(paid)), effects: [.createRefund(entry)]) {
            $0.refunds.sending = ["k1"]
            $0.status.message = .info(.resendingRefund(gbp(950)))
        }
        // While it is in flight, no second refund of the session can start.
        store.send(.refunds(.refundRequested(paid))) {
            $0.status.message = .error(.refundBeingSent(sessionId: "cs_9"))
        }
        // A refusal is recorded as failed: nothing was refunded.
        var failed = entry
        failed.state = .failed(message: badRequest.description)
        store.send(.refunds(.refundAnswered(idempotencyKey: "k1", .failure(badRequest))),
                   effects: [.recordRefund(.fail(idempotencyKey: "k1", message: badRequest.description, at: t0))]) {
            $0.refunds.sending = []
            $0.refunds.journal = RefundJournal(entries: [failed])
            $0.status.message = .error(.refundRefusedByAPI(badRequest))
        }
    }

    @Test func atStartUnansweredRefundsAreSentAgainAndPendingOnesWatched() {
        var store = Store()
        let sent = RefundJournal.Entry(idempotencyKey: "k1", sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(100), created: t0)
        let pending = RefundJournal.Entry(idempotencyKey: "k2", sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(200),
                                          state: .recorded(refundId: "re_2", status: .pending), created: t0)
        let journal = RefundJournal(entries: [sent, pending])
        store.send(.refunds(.restored(journal)), effects: [.createRefund(sent), .fetchRefund(id: "re_2", after: .zero)]) {
            $0.refunds.journal = journal
            $0.refunds.sending = ["k1"]
            $0.refunds.watching = ["re_2"]
            $0.status.message = .info(.resendingRefunds(count: 1))
        }
    }

    @Test func receiptsAreForPaidSessionsAndCarryTheirRefunds() {
        var store = Store()
        store.send(.receiptRequested(session("cs_1"))) {
            $0.status.message = .error(.receiptNeedsPaidSession(.open, .unpaid))
        }
        let entry = RefundJournal.Entry(idempotencyKey: "k1", sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(100), created: t0)
        store.state.refunds.journal = RefundJournal(entries: [entry])
        store.send(.receiptRequested(paid), effects: [.saveReceipt(paid, refunds: [entry])]) {
            $0.status.message = .info(.savingReceipt(sessionId: "cs_9"))
        }
        store.send(.receiptFinished(.failure(ReceiptFailure(message: "lp did not take it: exit status 1", savedPath: "/s/r.txt")))) {
            $0.status.message = .error(.receiptFailed(reason: "lp did not take it: exit status 1", savedPath: "/s/r.txt"))
        }
        store.send(.receiptFinished(.success(ReceiptDelivery(path: "/s/r.txt", command: "lp -d counter")))) {
            $0.status.message = .info(.receiptSaved(path: "/s/r.txt", sentTo: "lp -d counter"))
        }
    }
}
