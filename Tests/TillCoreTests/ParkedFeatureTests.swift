import Foundation
import Testing
@testable import TillCore

@Suite("Parked carts reducer")
struct ParkedFeatureTests {
    let twoCoffees = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee", quantity: 2)])

    /// Till A, with nothing on it.
    func tillA() -> Store {
        var state = freshState()
        state.environment.till = "A"
        state.parked.labelWord = "Ticket"
        return Store(state)
    }

    /// A cart of two coffees on the cart pane of till A.
    func withCart() -> Store {
        var store = tillA()
        store.state.cart.cart = twoCoffees
        store.state.focus = .cart
        return store
    }

    func emptyDraft(_ state: AppState) -> CheckoutDraft {
        CheckoutDraft(cart: Cart(), successURL: testSettings.successURL, cancelURL: testSettings.cancelURL)
    }

    func ticket(_ id: String, _ label: String, _ content: ParkedTicket.Content, at date: Date = t0,
                till: String = "A") -> ParkedTicket {
        ParkedTicket(id: id, label: label, content: content, parkedAt: date, till: till)
    }

    /// TillCore holds no word of its own: the default label is the view's word and the lowest free number.
    @Test func theDefaultLabelIsTheGivenWordAndTheLowestFreeNumber() {
        var parked = ParkedState(tickets: [ticket("a", "Ticket 1", .cart(twoCoffees)), ticket("b", "3", .cart(twoCoffees))])
        #expect(parked.defaultLabel == "1")
        #expect(parked.defaultLabel(word: "Ticket") == "Ticket 2")
        parked.labelWord = "Tique"
        #expect(parked.defaultLabel == "Tique 1")
        #expect(ParkedState().defaultLabel(word: "") == "1")
        #expect(ParkedState(tickets: [ticket("c", "1", .cart(twoCoffees))]).defaultLabel == "2")
    }

    @Test func parkingAsksALabelThenParksUnderTheDefaultAndStartsAnEmptySale() {
        var store = withCart()
        store.send(.parked(.parkRequested)) {
            $0.parked.labelForm = FormState()
        }
        #expect(store.state.isEditingText)
        let parked = ticket("t1", "Ticket 1", .cart(twoCoffees))
        store.send(.parked(.labelForm(.submitted(freshID: "t1"))),
                   effects: [.parkTicket(parked), .saveDraft(emptyDraft(store.state))]) {
            $0.parked.labelForm = nil
            $0.parked.tickets = [parked]
            $0.cart.cart = Cart()
            $0.focus = .products
            $0.status.message = .info(.parked(label: "Ticket 1", items: 2, total: gbp(700)))
            $0.cartHistory.record(.parked(twoCoffees, label: "Ticket 1"))
        }
        // The next default is the lowest number not in use.
        #expect(store.state.parked.defaultLabel == "Ticket 2")
    }

    @Test func aTypedLabelIsTrimmedAndRefusedWhenTooLongOrTaken() {
        var store = withCart()
        store.state.parked.tickets = [ticket("t0", "Table 4", .cart(twoCoffees))]
        store.given(.parked(.parkRequested))
        for c in "  Table 4 " { store.given(.parked(.labelForm(.edited(.inserted(String(c)))))) }
        store.send(.parked(.labelForm(.submitted(freshID: "t1")))) {
            $0.parked.labelForm?.message = .labelInUse("Table 4")
            $0.parked.labelForm?.invalidField = .label
        }
        store.given(.parked(.labelForm(.edited(.deletedToStart))))
        store.given(.parked(.labelForm(.edited(.inserted(String(repeating: "x", count: 25))))))
        store.send(.parked(.labelForm(.submitted(freshID: "t1")))) {
            $0.parked.labelForm?.message = .labelTooLong(maximum: 24)
            $0.parked.labelForm?.invalidField = .label
        }
        store.given(.parked(.labelForm(.edited(.deletedToStart))), .parked(.labelForm(.edited(.inserted("Mrs Jones")))))
        store.given(.parked(.labelForm(.submitted(freshID: "t1"))))
        #expect(store.state.parked.tickets.map(\.label) == ["Table 4", "Mrs Jones"])
        #expect(store.state.cart.cart.isEmpty)
    }

    @Test func escapeParksNothing() {
        var store = withCart()
        store.given(.parked(.parkRequested))
        store.send(.parked(.labelForm(.cancelled))) { $0.parked.labelForm = nil }
        #expect(store.state.cart.cart == twoCoffees)
    }

    @Test func nothingToParkAFullRackOrACreateInFlightIsRefusedWithoutAPrompt() {
        var store = Store()
        store.send(.parked(.parkRequested)) { $0.status.message = .error(.nothingToPark) }

        store = withCart()
        store.state.parked.tickets = (1...9).map { ticket("t\($0)", "Ticket \($0)", .cart(twoCoffees)) }
        store.send(.parked(.parkRequested)) {
            $0.status.message = .error(.parkedCapacityReached(9))
        }
        // The limit is per till: nine of till B's leave room on till A.
        store.state.status = StatusLine()
        store.state.parked.tickets = (1...9).map { ticket("b\($0)", "B \($0)", .cart(twoCoffees), till: "B") }
        store.send(.parked(.parkRequested)) { $0.parked.labelForm = FormState() }

        store = withCart()
        store.state.checkout.form.isSubmitting = true
        store.send(.parked(.parkRequested)) {
            $0.status.message = .error(.parkWaitsForCheckout)
        }
    }

    @Test func anOpenSessionWithAnEmptyCartIsParkedAsTheSessionAndResumedLive() {
        let open = session("cs_1")
        var store = tillA()
        store.state.focus = .session
        store.given(.session(.watchRequested(open, fetch: false)))
        store.state.status = StatusLine()
        store.given(.parked(.parkRequested))
        let parked = ticket("t1", "Ticket 1", .session(open))
        store.send(.parked(.labelForm(.submitted(freshID: "t1"))),
                   effects: [.parkTicket(parked), .cancel(.sessionPoll), .cancel(.tick(.sessionCountdown))]) {
            $0.parked.labelForm = nil
            $0.parked.tickets = [parked]
            $0.session = SessionState()
            $0.focus = .products
            $0.status.message = .info(.parked(label: "Ticket 1", items: 0, total: gbp(2500)))
        }

        store.send(.parked(.listToggled)) { $0.parked.isListShown = true }
        // The ticket is the shop's: resuming claims it first, and only the store's yes resumes it.
        store.send(.parked(.resumeRequested), effects: [.claimParked(id: "t1", purpose: .resume)]) {
            $0.parked.claiming = "t1"
            $0.status.message = .info(.resuming(label: "Ticket 1"))
        }
        store.send(.parked(.claimAnswered(id: "t1", purpose: .resume, .success(.claimed(parked)))),
                   effects: [.fetchSession(id: "cs_1"), .pollSession(id: "cs_1", after: .seconds(3)),
                             .scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(1))]) {
            $0.parked.claiming = nil
            $0.parked.tickets = []
            $0.parked.isListShown = false
            $0.session.open = open
            $0.session.isPolling = true
            $0.focus = .session
            $0.status.message = .info(.resumed(label: "Ticket 1"))
        }
        // Paid while it was parked: the fetch shows the banner at once.
        let paid = session("cs_1", status: .complete, paid: .paid)
        store.given(.session(.sessionFetched(id: "cs_1", .success(paid))))
        #expect(store.state.session.outcome == .paid)
    }

    @Test func resumingACartNeedsAnEmptyCartAndPutsItBack() {
        var store = withCart()
        let parked = ticket("t0", "Table 4", .cart(try! Cart(lines: [CartLine(price: coffeeSmall, productName: "Coffee")])))
        store.state.parked.tickets = [parked]
        store.given(.parked(.listToggled))
        store.send(.parked(.resumeRequested)) {
            $0.status.message = .error(.resumeNeedsEmptyCart(label: "Table 4"))
        }
        store.state.cart.cart = Cart()
        store.state.focus = .products
        let restoredCart = try! Cart(lines: [CartLine(price: coffeeSmall, productName: "Coffee")])
        var draft = emptyDraft(store.state)
        draft.cart = restoredCart
        store.send(.parked(.resumeRequested), effects: [.claimParked(id: "t0", purpose: .resume)]) {
            $0.parked.claiming = "t0"
            $0.status.message = .info(.resuming(label: "Table 4"))
        }
        // A second Enter while the store answers claims nothing more.
        store.send(.parked(.resumeRequested))
        store.send(.parked(.claimAnswered(id: "t0", purpose: .resume, .success(.claimed(parked)))),
                   effects: [.saveDraft(draft)]) {
            $0.parked.claiming = nil
            $0.parked.tickets = []
            $0.parked.isListShown = false
            $0.cart.cart = restoredCart
            $0.focus = .cart
            $0.status.message = .info(.resumed(label: "Table 4"))
        }
    }

    @Test func discardingAsksFirstAndOnlyAYesRemovesIt() {
        var store = tillA()
        let a = ticket("a", "Ticket 1", .cart(twoCoffees)), b = ticket("b", "Ticket 2", .session(session("cs_9")))
        store.given(.parked(.restored([a, b])))
        store.given(.parked(.listToggled), .parked(.selectionMoved(.down)))
        store.send(.parked(.discardRequested)) {
            $0.confirmation = .discardParked(id: "b", label: "Ticket 2", sessionId: "cs_9")
        }
        // Keys other than the answer are held back while the question is up.
        store.send(.parked(.resumeRequested))
        store.send(.confirmationAnswered(false)) { $0.confirmation = nil }
        store.given(.parked(.discardRequested))
        store.send(.confirmationAnswered(true), effects: [.claimParked(id: "b", purpose: .discard)]) {
            $0.confirmation = nil
            $0.parked.claiming = "b"
            $0.status.message = .info(.discarding(label: "Ticket 2"))
        }
        store.send(.parked(.claimAnswered(id: "b", purpose: .discard, .success(.claimed(b))))) {
            $0.parked.claiming = nil
            $0.parked.tickets = [a]
            $0.parked.selection = 0
            $0.status.message = .info(.discarded(label: "Ticket 2"))
        }
    }

    @Test func aTicketAnotherTillTookFirstLeavesTheListWithItsName() {
        var store = tillA()
        let a = ticket("a", "Table 4", .cart(twoCoffees), till: "B"), b = ticket("b", "Table 5", .cart(twoCoffees), till: "B")
        store.given(.parked(.restored([a, b])), .parked(.listToggled))
        store.given(.parked(.resumeRequested))
        store.send(.parked(.claimAnswered(id: "a", purpose: .resume, .success(.taken(by: "B"))))) {
            $0.parked.claiming = nil
            $0.parked.tickets = [b]
            $0.status.message = .error(.ticketTaken(label: "Table 4", till: "B"))
        }
        // The cart is untouched and nothing is saved.
        #expect(store.state.cart.cart.isEmpty)
        store.given(.parked(.resumeRequested))
        store.send(.parked(.claimAnswered(id: "b", purpose: .resume, .success(.gone)))) {
            $0.parked.claiming = nil
            $0.parked.tickets = []
            $0.parked.isListShown = false
            $0.status.message = .error(.ticketGone(label: "Table 5"))
        }
    }

    @Test func aStoreThatCannotBeReachedLeavesTheTicketParked() {
        var store = tillA()
        let a = ticket("a", "Table 4", .cart(twoCoffees))
        store.given(.parked(.restored([a])), .parked(.listToggled), .parked(.resumeRequested))
        store.send(.parked(.claimAnswered(id: "a", purpose: .resume, .failure(StoreFailure(message: "database is locked"))))) {
            $0.parked.claiming = nil
            $0.status.message = .error(.ticketStoreUnreachable(label: "Table 4", reason: "database is locked"))
        }
    }

    @Test func theShopsListReplacesOursAndTheSelectionStaysOnItsTicket() {
        var store = tillA()
        let a = ticket("a", "Tea", .cart(twoCoffees)), b = ticket("b", "Cake", .cart(twoCoffees), till: "B")
        let c = ticket("c", "Scone", .cart(twoCoffees), till: "C")
        store.given(.parked(.restored([a, b])), .parked(.listToggled), .parked(.selectionMoved(.down)))
        // Another till parked c before b and took a: the selection follows b.
        store.send(.parked(.shopListed([c, b]))) {
            $0.parked.tickets = [c, b]
            $0.parked.selection = 1
        }
        store.send(.parked(.shopListed([]))) {
            $0.parked.tickets = []
            $0.parked.selection = 0
            $0.parked.isListShown = false
        }
    }

    @Test func aParkTheStoreRefusedPutsTheCartBack() {
        var store = withCart()
        store.given(.parked(.parkRequested), .parked(.labelForm(.submitted(freshID: "t1"))))
        store.state.status = StatusLine()
        let parked = ticket("t1", "Ticket 1", .cart(twoCoffees))
        var draft = emptyDraft(store.state)
        draft.cart = twoCoffees
        store.send(.parked(.parkFailed(parked, StoreFailure(message: "disk full"))), effects: [.saveDraft(draft)]) {
            $0.parked.tickets = []
            $0.cart.cart = twoCoffees
            $0.focus = .cart
            $0.status.message = .error(.parkFailed(label: "Ticket 1", reason: "disk full", .cartBack))
        }
    }

    @Test func restoredTicketsComeBackEvenPastTheCapacityAndTheListNeedsSome() {
        var store = Store()
        store.send(.parked(.listToggled)) { $0.status.message = .info(.noCartsParked) }
        let many = (1...10).map { ticket("t\($0)", "Ticket \($0)", .cart(twoCoffees)) }
        store.send(.parked(.restored(many))) { $0.parked.tickets = many }
        #expect(store.state.parked.defaultLabel(word: "Ticket") == "Ticket 11")
    }

    @Test func aControlCharacterInALabelIsRefused() {
        var state = ParkedState()
        #expect(ParkedFeature.problem(withLabel: "Table\u{1B}[2J", in: state) == .labelHasControlCharacters)
        #expect(ParkedFeature.problem(withLabel: "Table \u{202E}4", in: state) == .labelHasControlCharacters)
        #expect(ParkedFeature.problem(withLabel: "👨‍👩‍👧 family", in: state) == nil)
        state.tickets = [ticket("a", "Tea", .cart(twoCoffees))]
        #expect(ParkedFeature.problem(withLabel: "Tea", in: state) != nil)
    }

    @Test func aParkedTicketSurvivesJSON() throws {
        let tickets = [ticket("a", "Ticket 1", .cart(twoCoffees)), ticket("b", "Table 4", .session(session("cs_2")))]
        let data = try JSONEncoder().encode(tickets)
        #expect(try JSONDecoder().decode([ParkedTicket].self, from: data) == tickets)
        // A ticket saved before tills had names reads with none.
        let old = try JSONEncoder().encode([ParkedTicket(id: "x", label: "Old", content: .cart(twoCoffees), parkedAt: t0)])
        #expect(try JSONDecoder().decode([ParkedTicket].self, from: old).first?.till == nil)
    }
}

@Suite("Checkout URLs asked once")
struct URLDefaultsTests {
    func testAccount(remembers: Set<CheckoutDraft.URLField>, success: String = "", cancel: String = "") -> Store {
        var state = AppState(environment: EnvironmentInfo(mode: .test, apiHost: "api.example"),
                             settings: Settings(successURL: success, cancelURL: cancel, remembersURLs: remembers), now: t0)
        state.cart.cart = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        state.focus = .checkout
        return Store(state)
    }

    func type(_ text: String, into store: inout Store) {
        store.given(.checkout(.form(.edited(.deletedToStart))), .checkout(.form(.edited(.inserted(text)))))
    }

    @Test func urlsTypedForTheFirstSessionBecomeTheAccountDefaults() {
        var store = testAccount(remembers: [.success, .cancel])
        type("https://shop.example/thanks", into: &store)
        store.given(.checkout(.form(.focusMovedNext)))
        type("https://shop.example/cart", into: &store)
        store.given(.checkout(.form(.submitted(freshID: "k1"))))
        let made = session("cs_1")
        let effects = store.given(.checkout(.sessionCreated(.success(made))))
        #expect(effects.contains(.saveURLDefaults(successURL: "https://shop.example/thanks", cancelURL: "https://shop.example/cart")))
        #expect(store.state.settings.successURL == "https://shop.example/thanks")
        #expect(store.state.settings.cancelURL == "https://shop.example/cart")
        #expect(store.state.status.message == .info(.checkoutCreatedURLsKept))

        // The next session with the same URLs saves nothing more.
        store.state.cart.cart = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        store.state.focus = .checkout
        store.given(.checkout(.form(.submitted(freshID: "k2"))))
        let again = store.given(.checkout(.sessionCreated(.success(session("cs_2")))))
        #expect(!again.contains { if case .saveURLDefaults = $0 { true } else { false } })
        #expect(store.state.status.message == .info(.checkoutCreated))
    }

    @Test func aURLFromTheConfigIsNeverReplaced() {
        var store = testAccount(remembers: [.cancel], success: "https://config.example/ok")
        store.given(.checkout(.form(.focusMovedNext)))
        type("https://shop.example/cart", into: &store)
        store.given(.checkout(.form(.submitted(freshID: "k1"))))
        let effects = store.given(.checkout(.sessionCreated(.success(session("cs_1")))))
        #expect(effects.contains(.saveURLDefaults(successURL: nil, cancelURL: "https://shop.example/cart")))
        #expect(store.state.settings.successURL == "https://config.example/ok")
    }

    @Test func theSandboxRemembersNothing() {
        var store = Store()
        store.state.cart.cart = try! Cart(lines: [CartLine(price: coffeeLarge, productName: "Coffee")])
        store.state.focus = .checkout
        store.given(.checkout(.form(.edited(.inserted("/x")))))
        store.given(.checkout(.form(.submitted(freshID: "k1"))))
        let effects = store.given(.checkout(.sessionCreated(.success(session("cs_1")))))
        #expect(!effects.contains { if case .saveURLDefaults = $0 { true } else { false } })
        #expect(store.state.settings == testSettings)
    }
}
