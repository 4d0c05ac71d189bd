import Foundation
import Testing
@testable import TillCore
@testable import TillView

@Suite("Operators on screen: sign-in, lock and approvals")
struct OperatorScreenTests {
    static let context = KeyContext(now: Fixtures.now, freshID: "fresh-key", size: Size(width: 80, height: 24))
    static let maria = Operator(name: "Maria", role: .manager), sam = Operator(name: "Sam", role: .cashier)

    static func signInState() -> AppState {
        var state = Fixtures.state()
        state.operators = OperatorsState(roster: [maria, sam], shopName: "The Corner Café")
        return state
    }

    @Test func digitsOnTheSignInScreenAreThePINNeverAScanAPaneOrACommand() {
        let state = Self.signInState()
        #expect(action(for: .char("3"), in: state, context: Self.context) == .operators(.digitsTyped("3")))
        #expect(action(for: .char("7"), in: state, context: Self.context) == .operators(.digitsTyped("7")))
        #expect(action(for: .char("q"), in: state, context: Self.context) == nil)
        #expect(action(for: .char("?"), in: state, context: Self.context) == nil)
        #expect(action(for: .char(":"), in: state, context: Self.context) == nil)
        #expect(action(for: .enter, in: state, context: Self.context) == .operators(.nameChosen))
        #expect(action(for: .down, in: state, context: Self.context) == .operators(.selectionMoved(.down)))
        #expect(action(for: .ctrl("c"), in: state, context: Self.context) == .quitRequested)
        // A PIN typed fast enough to read as a scanner's burst is the PIN, with its Enter.
        #expect(BindingTable.standard.keys(forScan: "730615", in: state, context: Self.context) == [.paste("730615"), .enter])
        #expect(action(for: .paste("730615"), in: state, context: Self.context) == .operators(.digitsTyped("730615")))
        var typing = state
        typing.operators.signIn?.name = "Maria"
        #expect(action(for: .enter, in: typing, context: Self.context) == .operators(.pinSubmitted))
        #expect(action(for: .backspace, in: typing, context: Self.context) == .operators(.digitErased))
    }

    @Test func theSignInScreenShowsTheShopAndTheNamesAndNothingOfTheSale() {
        var state = Self.signInState()
        state.cart.cart = try! Cart(lines: [CartLine(item: .oneOff(name: "Secret cake"), unitAmount: Money(minorUnits: 350, currency: .gbp),
                                                     quantity: 1)])
        state.operators.signIn = SignInScreen(selection: 1, name: "Sam", message: .locked(by: "Sam"))
        state.operators.signIn?.digits = {
            var digits = PINDigits()
            for digit in "4815" { digits.append(digit) }
            return digits
        }()
        let text = render(state, size: Size(width: 80, height: 24)).text()
        #expect(text.contains("The Corner Café"))
        #expect(text.contains("Maria") && text.contains("Sam") && text.contains("manager"))
        #expect(text.contains("PIN for Sam: ••••"))
        #expect(text.contains("Locked by Sam."))
        #expect(!text.contains("Secret cake") && !text.contains("Cart") && !text.contains("4815"))
    }

    @Test func theConfirmationSaysWhoWillBeRecorded() {
        let choice = RefundChoice(sessionId: "cs_9", paymentIntentId: "pi_9", amount: Money(minorUnits: 210, currency: .gbp),
                                  reason: nil, lines: nil, idempotencyKey: "k")
        var state = Self.signInState()
        state.operators.signIn = nil
        state.operators.current = Self.sam
        state.confirmation = .refund(choice, live: false)
        state.operators.approval = ApprovalPrompt(action: .refund)
        #expect(Confirmation.refund(choice, live: false).prompt(in: state) == "Refund GBP 2.10 of session cs_9 · approved by Maria?")
        let text = render(state, size: Size(width: 80, height: 24)).text()
        #expect(text.contains("Manager's PIN:"))
        #expect(text.contains("approve") && text.contains("another manager"))
        // At an approval digits are the manager's PIN, y is nothing, Esc gives up.
        #expect(action(for: .char("4"), in: state, context: Self.context) == .operators(.digitsTyped("4")))
        #expect(action(for: .char("y"), in: state, context: Self.context) == nil)
        #expect(action(for: .escape, in: state, context: Self.context) == .operators(.backed))
        #expect(action(for: .enter, in: state, context: Self.context) == .operators(.pinSubmitted))

        // A manager answers it with y, and is named.
        state.operators.approval = nil
        state.operators.current = Self.maria
        #expect(Confirmation.refund(choice, live: false).prompt(in: state) == "Refund GBP 2.10 of session cs_9 · by Maria? (y/n)")
        // Without operators the question is as it was.
        #expect(Confirmation.refund(choice, live: false).prompt(in: Fixtures.state()) == "Refund GBP 2.10 of session cs_9? (y/n)")
    }

    @Test func theHeaderNamesWhoIsSignedInAndCtrlXLocks() {
        var state = Self.signInState()
        state.operators.signIn = nil
        state.operators.current = Self.sam
        let text = render(state, size: Size(width: 100, height: 30)).text()
        #expect(text.split(separator: "\n").first?.contains("Sam") == true)
        #expect(action(for: .ctrl("k"), in: state, context: Self.context) == .operators(.lockRequested(idle: false)))
        // With no operators, Ctrl-K does nothing.
        #expect(action(for: .ctrl("k"), in: Fixtures.state(), context: Self.context) == nil)
    }
}
