import Foundation
import Testing
@testable import TillCore

let maria = Operator(name: "Maria", role: .manager)
let sam = Operator(name: "Sam", role: .cashier)

/// Digits as the sign-in screen holds them.
func typed(_ text: String) -> PINDigits {
    var digits = PINDigits()
    for digit in text { digits.append(digit) }
    return digits
}

/// A till of a shop with operators, at its sign-in screen.
func shopState(permissions: Permissions = .defaults, lockAfter: TimeInterval? = nil) -> AppState {
    var state = freshState()
    state.operators = OperatorsState(roster: [maria, sam], permissions: permissions, lockAfter: lockAfter)
    return state
}

/// The same, with `person` signed in.
func signedIn(_ person: Operator, permissions: Permissions = .defaults, lockAfter: TimeInterval? = nil) -> AppState {
    var state = shopState(permissions: permissions, lockAfter: lockAfter)
    state.operators.signIn = nil
    state.operators.current = person
    return state
}

@Suite("Operators: sign-in, lock, lockout, permissions")
struct OperatorsFeatureTests {
    @Test func withNoOperatorsThereIsNoSignInScreen() {
        let state = freshState()
        #expect(state.operators == OperatorsState())
        #expect(state.operators.signIn == nil && !state.operators.isActive)
        // A shop with operators starts on the sign-in screen.
        #expect(shopState().operators.signIn == SignInScreen())
    }

    @Test func signInTakesANameThenItsPINWhichTheStoreChecks() {
        var store = Store(shopState())
        store.send(.operators(.selectionMoved(.down))) { $0.operators.signIn?.selection = 1 }
        store.send(.operators(.nameChosen)) { $0.operators.signIn?.name = "Sam" }
        store.send(.operators(.digitsTyped("1"))) { $0.operators.signIn?.digits = typed("1") }
        store.send(.operators(.digitsTyped("23"))) { $0.operators.signIn?.digits = typed("123") }
        // Letters are not a PIN's.
        store.send(.operators(.digitsTyped("4a")))
        store.send(.operators(.digitErased)) { $0.operators.signIn?.digits = typed("12") }
        store.send(.operators(.digitsTyped("34"))) { $0.operators.signIn?.digits = typed("1234") }
        // The digits leave the state as they are sent.
        store.send(.operators(.pinSubmitted), effects: [.checkPIN(name: "Sam", pin: PIN("1234")!, purpose: .signIn)]) {
            $0.operators.signIn?.digits = PINDigits()
            $0.operators.signIn?.isChecking = true
        }
        // Keys wait while the PIN is checked.
        store.send(.operators(.digitsTyped("9")))
        store.send(.operators(.pinChecked(name: "Sam", purpose: .signIn, .success(.accepted(sam)), now: t0))) {
            $0.operators.current = sam
            $0.operators.signIn = nil
            $0.status.message = .info(.signedIn(name: "Sam"))
        }
    }

    @Test func digitsOnTheListStartThePINOfTheNameHighlighted() {
        var store = Store(shopState())
        store.send(.operators(.digitsTyped("7306"))) {
            $0.operators.signIn?.name = "Maria"
            $0.operators.signIn?.digits = typed("7306")
        }
        store.send(.operators(.backed)) {
            $0.operators.signIn?.name = nil
            $0.operators.signIn?.digits = PINDigits()
        }
    }

    @Test func theSignInScreenHoldsEveryOtherKey() {
        var store = Store(shopState())
        // Never a scan, a pane switch or a command: nothing happens, nothing is sent.
        store.send(.paneSelected(.cart))
        store.send(.quickAdd(.scanned("730615")))
        store.send(.helpToggled)
        store.send(.palette(.opened))
        store.send(.undoRequested)
        // Quitting still works (the cart is saved).
        store.send(.quitRequested, effects: [.saveDraft(store.state.draft), .quit])
    }

    @Test func aShortPINIsRefusedBeforeAnythingIsSent() {
        var store = Store(shopState())
        store.given(.operators(.nameChosen), .operators(.digitsTyped("12")))
        store.send(.operators(.pinSubmitted)) {
            $0.operators.signIn?.digits = PINDigits()
            $0.operators.signIn?.message = .notAPIN
        }
    }

    @Test func aWrongPINAndALockedNameSayHowLongButNotWhetherTheNameExists() {
        var store = Store(shopState())
        store.given(.operators(.nameChosen), .operators(.digitsTyped("0000")), .operators(.pinSubmitted))
        store.send(.operators(.pinChecked(name: "Maria", purpose: .signIn, .success(.refused(lockedFor: nil)), now: t0))) {
            $0.operators.signIn?.isChecking = false
            $0.operators.signIn?.message = .refused(.refused(lockedFor: nil))
        }
        store.given(.operators(.digitsTyped("0000")), .operators(.pinSubmitted))
        store.send(.operators(.pinChecked(name: "Maria", purpose: .signIn, .success(.refused(lockedFor: 60)), now: t0))) {
            $0.operators.signIn?.isChecking = false
            $0.operators.signIn?.message = .refused(.refused(lockedFor: 60))
        }
        #expect(PINCheck.locked(for: 119.5).refusal == "Too many wrong PINs: try again in 2 min.")
        #expect(PINCheck.locked(for: 12).refusal == "Too many wrong PINs: try again in 12 s.")
        // An answer for a name no longer on screen is dropped.
        store.send(.operators(.pinChecked(name: "Sam", purpose: .signIn, .success(.accepted(sam)), now: t0)))
    }

    @Test func lockoutTimingWithTheClockAsAnInput() {
        var lockout = Lockout()
        for attempt in 1...4 {
            lockout = lockout.failed(now: t0)
            #expect(lockout == Lockout(failures: attempt, lockouts: 0, lockedUntil: nil))
            #expect(lockout.remaining(at: t0) == nil)
        }
        lockout = lockout.failed(now: t0)
        #expect(lockout == Lockout(failures: 0, lockouts: 1, lockedUntil: t0.addingTimeInterval(60)))
        #expect(lockout.remaining(at: t0.addingTimeInterval(59)) == 1)
        #expect(lockout.remaining(at: t0.addingTimeInterval(60)) == nil)
        // Each further lockout is twice as long.
        var later = t0.addingTimeInterval(60)
        for length in [120.0, 240, 480] {
            for _ in 1...5 { lockout = lockout.failed(now: later) }
            #expect(lockout.lockedUntil == later.addingTimeInterval(length))
            later = lockout.lockedUntil!
        }
        // Capped at a day.
        var many = Lockout(failures: 4, lockouts: 30)
        many = many.failed(now: t0)
        #expect(many.lockedUntil == t0.addingTimeInterval(86_400))
    }

    @Test func lockShowsTheSignInScreenForTheNextOperatorAndIsAudited() {
        var store = Store(signedIn(sam))
        store.state.confirmation = .removeLastCartLine(name: "Tea")
        store.send(.operators(.lockRequested(idle: false)),
                   effects: [.cancel(.tick(.idleLock)), .loadOperators, .audit(AuditNote(action: .lock, operatorName: "Sam"))]) {
            $0.operators.current = nil
            $0.operators.signIn = SignInScreen(selection: 1, message: .locked(by: "Sam"))
            $0.confirmation = nil
        }
        #expect(store.state.operators.signIn?.message == .locked(by: "Sam"))
        // Locking a locked till does nothing.
        store.send(.operators(.lockRequested(idle: false)))
        // The list read again at the lock replaces the one on screen (an operator was removed).
        store.send(.operators(.rosterLoaded([maria]))) {
            $0.operators.roster = [maria]
            $0.operators.signIn?.selection = 0
        }
        // With no operators left, the till is one person's again.
        store.send(.operators(.rosterLoaded([]))) {
            $0.operators.roster = []
            $0.operators.signIn = nil
        }
    }

    @Test func lockAfterStartsAgainWithEachKeyAndLocksWhenItRunsOut() {
        var store = Store(signedIn(sam, lockAfter: 300))
        store.send(.helpToggled, effects: [.idleLock(after: 300)]) { $0.isHelpVisible = true }
        store.send(.helpToggled, effects: [.idleLock(after: 300)]) { $0.isHelpVisible = false }
        let later = t0.addingTimeInterval(300)
        store.send(.ticked(.idleLock, now: later),
                   effects: [.cancel(.tick(.idleLock)), .loadOperators,
                             .audit(AuditNote(action: .lock, operatorName: "Sam", objectId: "lock_after"))]) {
            $0.now = later
            $0.operators.current = nil
            $0.operators.signIn = SignInScreen(selection: 1, message: .locked(by: "Sam"))
        }
        // Signing in starts the timer.
        store.given(.operators(.digitsTyped("1234")), .operators(.pinSubmitted))
        let effects = store.given(.operators(.pinChecked(name: "Sam", purpose: .signIn, .success(.accepted(sam)), now: later)))
        #expect(effects == [.idleLock(after: 300)])
    }

    @Test func anotherOperatorSigningInFindsTheCartParkedForItsOwner() throws {
        var store = Store(signedIn(sam))
        let tea = CartLine(item: .oneOff(name: "Tea"), unitAmount: gbp(210), quantity: 1)
        store.given(.cart(.lineAdded(tea)), .operators(.lockRequested(idle: false)))
        #expect(store.state.cart.cart.itemCount == 1)
        store.given(.operators(.selectionMoved(.top)), .operators(.digitsTyped("2468")), .operators(.pinSubmitted))
        let effects = store.given(.operators(.pinChecked(name: "Maria", purpose: .signIn, .success(.accepted(maria)),
                                                         now: t0.addingTimeInterval(5))))
        #expect(store.state.operators.current == maria)
        #expect(store.state.cart.cart.isEmpty)
        let ticket = try #require(store.state.parked.tickets.last)
        let parkedCart = try Cart(lines: [tea])
        #expect(ticket.operatorName == "Sam" && ticket.content == .cart(parkedCart))
        #expect(effects.contains(.parkTicket(ticket)))
        #expect(store.state.status.message == .info(.cartParkedForOwner("Sam")))
        // The same operator coming back finds the cart where it was.
        var back = Store(signedIn(sam))
        back.given(.cart(.lineAdded(tea)), .operators(.lockRequested(idle: false)), .operators(.digitsTyped("1234")),
                   .operators(.pinSubmitted), .operators(.pinChecked(name: "Sam", purpose: .signIn, .success(.accepted(sam)), now: t0)))
        #expect(back.state.cart.cart.itemCount == 1 && back.state.parked.tickets.isEmpty)
    }

    @Test func historysFilterMatchesWhoSoldIt() {
        var sale = session("cs_1", status: .complete, paid: .paid)
        sale.metadata = ["till": "front-1", "operator": "Sam"]
        #expect(HistoryFeature.matches(sale, filter: "sam", openOnly: false))
        #expect(HistoryFeature.matches(sale, filter: "front", openOnly: false))
        #expect(!HistoryFeature.matches(sale, filter: "maria", openOnly: false))
    }

    @Test func whatASaleLeavesBehindNamesTheOperator() {
        var store = Store(signedIn(sam))
        let tea = CartLine(item: .oneOff(name: "Tea"), unitAmount: gbp(210), quantity: 1)
        let effects = store.given(.cart(.lineAdded(tea)))
        var draft = store.state.draft
        draft.operatorName = "Sam"
        #expect(effects == [.saveDraft(draft)])
        // Without operators nothing changes.
        var plain = Store()
        #expect(plain.given(.cart(.lineAdded(tea))) == [.saveDraft(plain.state.draft)])
        #expect(plain.state.draft.operatorName == nil)
    }
}

@Suite("Operators: permissions in each setting")
struct PermissionsTests {
    @Test(arguments: GuardedAction.allCases)
    func eachSettingDecidesForCashiersAndManagers(action: GuardedAction) {
        for setting in PermissionSetting.allCases {
            let permissions = Permissions([action: setting])
            #expect(permissions.setting(for: action) == setting)
            #expect(permissions.decide(action, by: maria) == .allowed)
            let cashier: PermissionDecision = switch setting {
            case .anyone: .allowed
            case .approval: .needsApproval
            case .manager: .refused
            }
            #expect(permissions.decide(action, by: sam) == cashier)
            // With no operators in the shop everything is allowed, as before.
            #expect(permissions.decide(action, by: nil, operatorsDefined: false) == .allowed)
        }
        // The default: a manager's approval.
        #expect(Permissions.defaults.setting(for: action) == .approval)
    }

    /// A paid session of GBP 9.50 with its refund form open and submitted (the question asked).
    static let paid: CheckoutSession = {
        var s = session("cs_9", status: .complete, paid: .paid)
        s.amountTotal = 950
        s.paymentIntentId = "pi_9"
        return s
    }()
    static let choice = RefundChoice(sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(950), reason: nil, lines: nil,
                                     idempotencyKey: "k1")

    func askRefund(_ store: inout Store) {
        store.given(.refunds(.refundRequested(Self.paid)), .refunds(.form(.submitted(freshID: "k1"))))
    }

    @Test func aCashierRefundsWithAnyoneAsAManagerWould() {
        var store = Store(signedIn(sam, permissions: Permissions([.refund: .anyone])))
        askRefund(&store)
        #expect(store.state.confirmation == .refund(Self.choice, live: false))
        #expect(store.state.operators.approval == nil)
        let effects = store.given(.confirmationAnswered(true))
        let entry = RefundJournal.Entry(idempotencyKey: "k1", sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(950),
                                        created: t0, till: nil, operatorName: "Sam")
        #expect(effects == [.recordRefund(.begin(entry)), .createRefund(entry),
                            .audit(AuditNote(action: .refund, operatorName: "Sam", objectId: "cs_9", amount: gbp(950)))])
    }

    @Test func aCashierIsRefusedWhenOnlyAManagerMay() {
        var store = Store(signedIn(sam, permissions: Permissions([.refund: .manager])))
        askRefund(&store)
        #expect(store.state.confirmation == nil)
        #expect(store.state.status.message == .error(.managerOnly(.refund)))
        // A manager may.
        var manager = Store(signedIn(maria, permissions: Permissions([.refund: .manager])))
        askRefund(&manager)
        #expect(manager.state.confirmation == .refund(Self.choice, live: false))
    }

    @Test func aNameOfDigitsAloneIsRefusedSoAPINIsNeverTakenForOne() {
        #expect(Operator.problem(withName: "1234") == "an operator name cannot be digits alone")
        #expect(Operator.problem(withName: "Till 2") == nil)
        #expect(Operator.looksLikePIN("730615") && !Operator.looksLikePIN("") && !Operator.looksLikePIN("12a"))
    }

    @Test func aCashiersRefundWaitsForAManagersPINAndRecordsBothNames() {
        var store = Store(signedIn(sam))
        askRefund(&store)
        #expect(store.state.confirmation == .refund(Self.choice, live: false))
        #expect(store.state.operators.approval == ApprovalPrompt(action: .refund))
        // y alone is not an approval.
        store.send(.confirmationAnswered(true))
        store.send(.operators(.digitsTyped("2468"))) { $0.operators.approval?.digits = typed("2468") }
        store.send(.operators(.pinSubmitted), effects: [.checkPIN(name: "Maria", pin: PIN("2468")!, purpose: .approval(.refund))]) {
            $0.operators.approval?.digits = PINDigits()
            $0.operators.approval?.isChecking = true
        }
        // While that PIN is checked the question cannot be cancelled: a late answer must never meet
        // another question (Esc, then a bigger refund, then the first PIN's "accepted").
        store.send(.operators(.backed))
        // A wrong PIN is refused (and audited by the store); the question stays.
        store.send(.operators(.pinChecked(name: "Maria", purpose: .approval(.refund), .success(.refused(lockedFor: nil)), now: t0))) {
            $0.operators.approval?.isChecking = false
            $0.operators.approval?.message = .refused(.refused(lockedFor: nil))
        }
        store.given(.operators(.digitsTyped("1357")), .operators(.pinSubmitted))
        let entry = RefundJournal.Entry(idempotencyKey: "k1", sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(950),
                                        created: t0, operatorName: "Sam", approvedBy: "Maria")
        store.send(.operators(.pinChecked(name: "Maria", purpose: .approval(.refund), .success(.accepted(maria)), now: t0)),
                   effects: [.recordRefund(.begin(entry)), .createRefund(entry),
                             .audit(AuditNote(action: .refund, operatorName: "Sam", objectId: "cs_9", amount: gbp(950), approvedBy: "Maria"))]) {
            $0.operators.approval = nil
            $0.confirmation = nil
            $0.refunds.form = nil
            $0.refunds.journal = RefundJournal(entries: [entry])
            $0.refunds.sending = ["k1"]
            $0.status.message = .info(.refunding(gbp(950), sessionId: "cs_9"))
        }
    }

    @Test func anApprovalGivenUpCancelsTheQuestion() {
        var store = Store(signedIn(sam))
        askRefund(&store)
        store.send(.operators(.backed), effects: [.audit(AuditNote(action: .approvalRefused, operatorName: "Sam", objectId: "refund"))]) {
            $0.operators.approval = nil
            $0.confirmation = nil
            $0.status.message = .info(.approvalCancelled(.refund))
        }
    }

    @Test func aShopWithNoManagerCannotApprove() {
        var state = signedIn(sam)
        state.operators.roster = [sam]
        var store = Store(state)
        askRefund(&store)
        #expect(store.state.confirmation == nil)
        #expect(store.state.status.message == .error(.needsManagerNoneInShop(.refund)))
    }

    @Test func zCloseExpireAllAndArchiveAreGuardedDiscardOnlyForAnotherOperatorsTicket() {
        let state = signedIn(sam)
        let report = ShiftReport(window: ShiftWindow(start: nil, end: t0), figures: [])
        #expect(AppReducer.guardedAction(of: .closeShift(report, number: 1), in: state) == .zClose)
        #expect(AppReducer.guardedAction(of: .expireSessions(ids: ["cs_1"]), in: state) == .expireAll)
        #expect(AppReducer.guardedAction(of: .archiveProduct(id: "p", name: "Tea", archive: true), in: state) == .archiveProduct)
        #expect(AppReducer.guardedAction(of: .archiveProduct(id: "p", name: "Tea", archive: false), in: state) == nil)
        #expect(AppReducer.guardedAction(of: .expireSession(id: "cs_1"), in: state) == nil)
        var tickets = state
        tickets.parked.tickets = [
            ParkedTicket(id: "mine", label: "A", content: .cart(Cart()), parkedAt: t0),
            ParkedTicket(id: "hers", label: "B", content: .cart(Cart()), parkedAt: t0),
        ]
        tickets.parked.tickets[0].operatorName = "Sam"
        tickets.parked.tickets[1].operatorName = "Maria"
        #expect(AppReducer.guardedAction(of: .discardParked(id: "mine", label: "A", sessionId: nil), in: tickets) == nil)
        #expect(AppReducer.guardedAction(of: .discardParked(id: "hers", label: "B", sessionId: nil), in: tickets)
                == .discardOthersTicket)
    }
}

@Suite("Operators: the X report per operator")
struct OperatorReportTests {
    @Test func salesAndRefundsAreCountedByWhoMadeThem() throws {
        func sale(_ id: String, _ minor: Int64, by person: String?, status: CheckoutSession.Status = .complete) -> CheckoutSession {
            var s = session(id, status: status, paid: status == .complete ? .paid : .unpaid)
            s.amountTotal = minor
            if let person { s.metadata["operator"] = person }
            return s
        }
        let sessions = [sale("cs_1", 500, by: "Sam"), sale("cs_2", 250, by: "Sam"), sale("cs_3", 900, by: "Maria"),
                        sale("cs_4", 100, by: nil), sale("cs_5", 700, by: "Sam", status: .open)]
        let journal = RefundJournal(entries: [
            RefundJournal.Entry(idempotencyKey: "k1", sessionId: "cs_1", paymentIntentId: "pi", amount: gbp(210),
                                state: .recorded(refundId: "re_1", status: .succeeded), created: t0, operatorName: "Sam",
                                approvedBy: "Maria"),
            RefundJournal.Entry(idempotencyKey: "k2", sessionId: "cs_1", paymentIntentId: "pi", amount: gbp(50),
                                state: .failed(message: "no"), created: t0, operatorName: "Sam"),
        ])
        let window = ShiftWindow(start: nil, end: t0.addingTimeInterval(1))
        let report = try OperatorReport(window: window, sessions: sessions, journal: journal)
        #expect(report.rows == [
            OperatorReport.Row(operatorName: "Maria", currency: .gbp, paid: .init(count: 1, amount: 900)),
            OperatorReport.Row(operatorName: "Sam", currency: .gbp, paid: .init(count: 2, amount: 750),
                               refunds: .init(count: 1, amount: 210)),
        ])
        let sams = try ShiftReport(window: window, operatorName: "sam", sessions: sessions, journal: journal)
        #expect(sams.figures(.gbp)?.paid == .init(count: 2, amount: 750))
        #expect(sams.figures(.gbp)?.open == .init(count: 1, amount: 700))
        #expect(sams.figures(.gbp)?.refunds == .init(count: 1, amount: 210))
    }
}
