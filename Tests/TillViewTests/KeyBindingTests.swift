import Foundation
import Testing
@testable import TillCore
@testable import TillView

@Suite("keys: one binding table for actions, hint bar and help")
struct KeyBindingTests {
    typealias F = Fixtures

    static let context = KeyContext(now: Fixtures.now, freshID: "fresh-key")

    @Test("Below the minimum size keys act on nothing unseen; q and Ctrl-C still quit")
    func aTooSmallTerminalTakesOnlyQuit() {
        let small = KeyContext(now: Fixtures.now, freshID: "fresh-key", size: Size(width: 40, height: 10))
        let products = F.loaded(F.products(30))
        #expect(action(for: .char("a"), in: products, context: Self.context) == .products(.archiveToggleRequested))
        #expect(action(for: .char("a"), in: products, context: small) == nil)
        #expect(action(for: .char("n"), in: products, context: small) == nil)
        #expect(action(for: .enter, in: products, context: small) == nil)
        #expect(action(for: .char("q"), in: products, context: small) == .quitRequested)
        #expect(action(for: .ctrl("c"), in: products, context: small) == .quitRequested)

        var confirm = products
        F.send(&confirm, .products(.archiveToggleRequested))
        #expect(action(for: .char("y"), in: confirm, context: Self.context) == .confirmationAnswered(true))
        #expect(action(for: .char("y"), in: confirm, context: small) == nil)
        #expect(action(for: .char("q"), in: confirm, context: small) == nil)

        var form = products
        F.send(&form, .products(.newProductRequested))
        #expect(action(for: .char("q"), in: form, context: small) == nil)
        #expect(action(for: .enter, in: form, context: small) == nil)
    }

    @Test("A paste is typed into the field as one line; outside a field it does nothing")
    func pastesAreTextNeverCommands() {
        let products = F.loaded(F.products(30))
        #expect(action(for: .paste("nq\n"), in: products, context: Self.context) == nil)
        var form = products
        F.send(&form, .products(.newProductRequested))
        #expect(action(for: .paste("Pasted line\nsecond\n"), in: form, context: Self.context)
                == .products(.form(.edited(.inserted("Pasted line second")))))
        var filter = products
        F.send(&filter, .products(.filterStarted))
        #expect(action(for: .paste("\r\ncreme\r\n"), in: filter, context: Self.context)
                == .products(.filterEdited(.inserted("creme"))))
    }

    /// One state per scope.
    static func statesByScope() -> [(String, AppState)] {
        var list: [(String, AppState)] = []
        let products = F.loaded(F.products(30))
        list.append(("products", products))
        var filter = products
        F.send(&filter, .products(.filterStarted))
        list.append(("filter", filter))
        var form = products
        F.send(&form, .products(.newProductRequested))
        list.append(("form", form))
        list.append(("prices", F.withPrices()))
        var cart = F.withCart()
        list.append(("cart", cart))
        F.send(&cart, .cart(.checkoutRequested))
        list.append(("checkout", cart))
        var busy = cart
        F.send(&busy, .products(.form(.submitted(freshID: "x"))))
        list.append(("checkoutBusy", busy))
        list.append(("session", F.withSession()))
        var confirm = products
        F.send(&confirm, .products(.archiveToggleRequested))
        list.append(("confirm", confirm))
        var help = products
        F.send(&help, .helpToggled)
        list.append(("help", help))
        var qr = F.withSession()
        F.send(&qr, .session(.qrToggled))
        list.append(("qr", qr))
        var history = F.withSession(older: F.olderSessions(3))
        F.send(&history, .paneSelected(.history))
        list.append(("history", history))
        F.send(&history, .history(.filterStarted))
        list.append(("historyFilter", history))
        var parking = F.withCart()
        F.send(&parking, .parked(.parkRequested))
        list.append(("parkLabel", parking))
        F.send(&parking, .parked(.labelForm(.submitted(freshID: "t1"))), .parked(.listToggled))
        list.append(("parkedList", parking))
        var refunding = F.withSession(F.paidSession())
        F.send(&refunding, .refunds(.refundRequested(F.paidSession())))
        list.append(("refundForm", refunding))
        list.append(("reports", F.withReport()))
        list.append(("priceChooser", F.withChooser()))
        list.append(("unknownCode", F.withUnknownCode()))
        list.append(("quickAdd", F.withQuickAdd()))
        var palette = F.withCart()
        F.send(&palette, .palette(.opened))
        list.append(("palette", palette))
        return list
    }

    @Test func everyScopeIsReachable() {
        let scopes = Set(Self.statesByScope().flatMap { activeScopes($0.1) })
        #expect(scopes == Set(KeyScope.allCases))
    }

    @Test func everyHintSendsItsBindingsAction() {
        for (name, state) in Self.statesByScope() {
            for binding in activeBindings(state) where binding.hint != nil {
                guard case .key(let key) = binding.keys[0] else {
                    Issue.record("\(name): a hint on a binding without a named first key")
                    continue
                }
                let mapped = action(for: key, in: state, context: Self.context)
                let expected = binding.action(for: key, in: state, context: Self.context)
                #expect(mapped != nil, "\(name): \(key.label) is hinted but does nothing")
                #expect(mapped == expected, "\(name): \(key.label)")
            }
        }
    }

    @Test func hintBarShowsExactlyTheActiveHints() {
        // The full-screen QR code shows the code and one caption line, no hint bar.
        for (name, state) in Self.statesByScope() where name != "qr" {
            let frame = render(state, size: Size(width: 200, height: 40))
            let bar = frame.row(39)
            let items = hintItems(activeBindings(state))
            for item in items { #expect(bar.contains(item.key + " " + item.text), "\(name): \(item.key) \(item.text)") }
            // Nothing else: the bar is those items, in order, and spaces.
            var rest = bar
            for item in items.filter({ !$0.global }) + items.filter(\.global) {
                rest = rest.replacingOccurrences(of: item.key + " " + item.text, with: "")
            }
            #expect(rest.allSatisfy { $0 == " " }, "\(name): unexpected text in the hint bar: \(rest)")
        }
    }

    @Test func helpListsEveryBindingOfTheScopesBeneath() {
        // The full-screen QR code has no help overlay (nothing but the code for the customer).
        for (name, state) in Self.statesByScope() where state.confirmation == nil && name != "qr" {
            var shown = state
            shown.isHelpVisible = true
            let lines = Overlays.helpLines(shown)
            let expected = underlyingScopes(state).flatMap { scope in bindings.filter { $0.scope == scope && $0.isOffered(state) } }
            let listed = lines.compactMap { line -> String? in
                if case .binding(let keys, let help) = line { return keys + " " + help }
                return nil
            }
            #expect(listed == expected.map { $0.keyLabel + " " + $0.help }, "\(name)")
            // And at 200×60 the overlay has room for every line.
            let text = render(shown, size: Size(width: 200, height: 60)).text()
            for binding in expected { #expect(text.contains(binding.help), "\(name): \(binding.help)") }
        }
    }

    @Test func everyKeyThatActsIsInHelp() {
        // Any key that maps to an action in a state is listed by a binding of that state's scopes.
        let keys: [Key] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?+-=. ".map { .char($0) }
            + [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace, .delete, .tab,
               .backTab, .ctrl("u"), .ctrl("l"), .ctrl("c"), .ctrl("a"), .ctrl("e"), .ctrl("p"), .function(1)]
        for (name, state) in Self.statesByScope() {
            let active = activeBindings(state)
            for key in keys where action(for: key, in: state, context: Self.context) != nil {
                #expect(active.contains { b in b.keys.contains { $0.matches(key) } }, "\(name): \(key.label)")
            }
        }
    }

    @Test func parkingKeys() {
        let c = Self.context
        var state = F.withCart()
        // p where letters are commands; on the cart's quick-add line and in a form p is a
        // letter and Ctrl-P parks.
        #expect(action(for: .char("p"), in: state, context: c) == .quickAdd(.edited(.inserted("p"))))
        #expect(action(for: .ctrl("p"), in: state, context: c) == .parked(.parkRequested))
        state.focus = .prices
        #expect(action(for: .char("p"), in: state, context: c) == .parked(.parkRequested))
        F.send(&state, .cart(.checkoutRequested))
        #expect(action(for: .char("p"), in: state, context: c) == .checkout(.form(.edited(.inserted("p")))))
        #expect(action(for: .ctrl("p"), in: state, context: c) == .parked(.parkRequested))
        // Nothing to park: not offered, so the key does nothing (and no hint says otherwise).
        let empty = F.loaded(F.products(3))
        #expect(action(for: .char("p"), in: empty, context: c) == nil)
        #expect(action(for: .char("P"), in: empty, context: c) == nil)
        // The label prompt takes text, digits included; the list takes its own keys.
        var parking = F.withCart()
        F.send(&parking, .parked(.parkRequested))
        #expect(action(for: .char("2"), in: parking, context: c) == .parked(.labelForm(.edited(.inserted("2")))))
        #expect(action(for: .enter, in: parking, context: c) == .parked(.labelForm(.submitted(freshID: c.freshID))))
        F.send(&parking, .parked(.labelForm(.submitted(freshID: "t1"))))
        #expect(action(for: .char("P"), in: parking, context: c) == .parked(.listToggled))
        F.send(&parking, .parked(.listToggled))
        #expect(action(for: .enter, in: parking, context: c) == .parked(.resumeRequested))
        #expect(action(for: .char("x"), in: parking, context: c) == .parked(.discardRequested))
        #expect(action(for: .char("2"), in: parking, context: c) == nil)
        #expect(action(for: .escape, in: parking, context: c) == .parked(.listClosed))
    }

    @Test func refundIsOfferedWhileMoneyIsLeftOrAnAnswerIsMissing() {
        let c = Self.context
        let paid = F.paidSession()
        var state = F.withSession(paid)
        #expect(action(for: .char("R"), in: state, context: c) == .refunds(.refundRequested(paid)))
        #expect(action(for: .char("t"), in: state, context: c) == .receiptRequested(paid))
        let all = RefundChoice(sessionId: paid.id, paymentIntentId: "pi_test_0001", amount: Money(minorUnits: 950, currency: .gbp),
                               reason: nil, lines: nil, idempotencyKey: "k1")
        F.send(&state, .refunds(.refundConfirmed(all)), .refunds(.refundAnswered(idempotencyKey: "k1", .failure(
            APIFailure(kind: .timeout, message: "no answer.")))))
        // Unanswered: R sends it again.
        #expect(action(for: .char("R"), in: state, context: c) == .refunds(.refundRequested(paid)))
        F.send(&state, .refunds(.refundRequested(paid)), .refunds(.refundAnswered(idempotencyKey: "k1", .success(Refund(
            id: "re_1", amount: Money(minorUnits: 950, currency: .gbp), status: .succeeded, created: F.now)))))
        // All of it went back: no R (nor its hint); the receipt stays.
        #expect(action(for: .char("R"), in: state, context: c) == nil)
        #expect(!hintItems(activeBindings(state)).contains { $0.key == "R" })
        #expect(action(for: .char("t"), in: state, context: c) == .receiptRequested(paid))
    }

    @Test func productsKeys() {
        let state = F.loaded(F.products(30))
        let c = Self.context
        #expect(action(for: .char("j"), in: state, context: c) == .products(.selectionMoved(.down)))
        #expect(action(for: .down, in: state, context: c) == .products(.selectionMoved(.down)))
        #expect(action(for: .char("k"), in: state, context: c) == .products(.selectionMoved(.up)))
        #expect(action(for: .char("g"), in: state, context: c) == .products(.selectionMoved(.top)))
        #expect(action(for: .char("G"), in: state, context: c) == .products(.selectionMoved(.bottom)))
        // A page is the rows the list shows: 24 rows minus 6 of chrome minus 2 headings.
        #expect(action(for: .pageDown, in: state, context: c) == .products(.selectionMoved(.pageDown(rows: 16))))
        let big = KeyContext(now: F.now, freshID: "f", size: Size(width: 120, height: 40))
        #expect(action(for: .pageUp, in: state, context: big) == .products(.selectionMoved(.pageUp(rows: 32))))
        #expect(action(for: .char("/"), in: state, context: c) == .products(.filterStarted))
        #expect(action(for: .char("n"), in: state, context: c) == .products(.newProductRequested))
        #expect(action(for: .char("e"), in: state, context: c) == .products(.editProductRequested))
        #expect(action(for: .char("a"), in: state, context: c) == .products(.archiveToggleRequested))
        #expect(action(for: .char("r"), in: state, context: c) == .products(.reloadRequested))
        #expect(action(for: .enter, in: state, context: c) == .products(.pricesRequested))
        #expect(action(for: .char("2"), in: state, context: c) == .paneSelected(.prices))
        #expect(action(for: .char("3"), in: state, context: c) == .paneSelected(.cart))
        #expect(action(for: .char("?"), in: state, context: c) == .helpToggled)
        #expect(action(for: .char("q"), in: state, context: c) == .quitRequested)
        #expect(action(for: .ctrl("l"), in: state, context: c) == nil)
        #expect(isHandledByRuntime(.ctrl("l")))
        #expect(!isHandledByRuntime(.char("j")))
        #expect(action(for: .escape, in: state, context: c) == nil)
        #expect(action(for: .char("z"), in: state, context: c) == nil)
    }

    @Test func textFieldsTakeLettersAndNamedKeysStayCommands() {
        let c = Self.context
        var form = F.loaded(F.products(3))
        F.send(&form, .products(.newProductRequested))
        #expect(action(for: .char("q"), in: form, context: c) == .products(.form(.edited(.inserted("q")))))
        #expect(action(for: .char("1"), in: form, context: c) == .products(.form(.edited(.inserted("1")))))
        #expect(action(for: .char(" "), in: form, context: c) == .products(.form(.edited(.inserted(" ")))))
        #expect(action(for: .enter, in: form, context: c) == .products(.form(.submitted(freshID: "fresh-key"))))
        #expect(action(for: .escape, in: form, context: c) == .products(.form(.cancelled)))
        #expect(action(for: .tab, in: form, context: c) == .products(.form(.focusMovedNext)))
        #expect(action(for: .backTab, in: form, context: c) == .products(.form(.focusMovedPrevious)))
        #expect(action(for: .ctrl("u"), in: form, context: c) == .products(.form(.edited(.deletedToStart))))
        #expect(action(for: .backspace, in: form, context: c) == .products(.form(.edited(.deletedBackward))))
        #expect(action(for: .left, in: form, context: c) == .products(.form(.edited(.cursorMovedLeft))))
        #expect(action(for: .ctrl("c"), in: form, context: c) == .quitRequested)

        var filter = F.loaded(F.products(3))
        F.send(&filter, .products(.filterStarted))
        #expect(action(for: .char("j"), in: filter, context: c) == .products(.filterEdited(.inserted("j"))))
        #expect(action(for: .escape, in: filter, context: c) == .products(.filterCleared))
        #expect(action(for: .enter, in: filter, context: c) == .products(.filterFinished))
        #expect(action(for: .down, in: filter, context: c) == .products(.selectionMoved(.down)))
    }

    @Test("A key that came in the same read as a scan is a key: \"3\" then a known code, or an EAN before the codes are known")
    func aKeyReadWithAScanIsSplitOff() {
        let c = Self.context
        let keys = BindingTable.standard
        var products = F.loaded(F.products(3))
        // Before the catalog's codes are known: "3" and a valid EAN-13 read as one 14-digit code.
        #expect(keys.keys(forScan: "34006381333931", in: products, context: c) == [.char("3"), .scan("4006381333931")])
        // A valid barcode, an EAN with a wrong check digit after the key (and no GTIN-14 either),
        // a valid GTIN-14, or a shop's SKU stays one scan.
        #expect(keys.keys(forScan: "4006381333931", in: products, context: c) == [.scan("4006381333931")])
        #expect(keys.keys(forScan: "34006381333933", in: products, context: c) == [.scan("34006381333933")])
        #expect(keys.keys(forScan: "34006381333932", in: products, context: c) == [.scan("34006381333932")])
        #expect(keys.keys(forScan: "3ABC-12", in: products, context: c) == [.scan("3ABC-12")])
        // A whole 13 digits is an EAN-13 (misread or not), never "3" and a 12-digit code.
        #expect(keys.keys(forScan: "3036000291452", in: products, context: c) == [.scan("3036000291452")])
        // Once a code is known a key in front of it is split off, and the whole code wins when
        // known; a short numeric code is not split ("21001" and "1001" may both be real).
        let id = products.catalog.items[0].id
        F.send(&products, .catalog(.pricesKnown(productId: id, [
            Price(id: "price_sku", productId: id, currency: .gbp, unitAmount: 320, created: F.now, lookupKey: "ABC-12"),
            Price(id: "price_ean", productId: id, currency: .gbp, unitAmount: 340, created: F.now, lookupKey: "3036000291452"),
            Price(id: "price_num", productId: id, currency: .gbp, unitAmount: 100, created: F.now, lookupKey: "1001"),
        ])))
        #expect(keys.keys(forScan: "3ABC-12", in: products, context: c) == [.char("3"), .scan("ABC-12")])
        #expect(keys.keys(forScan: "3036000291452", in: products, context: c) == [.scan("3036000291452")])
        #expect(keys.keys(forScan: "23036000291452", in: products, context: c) == [.char("2"), .scan("3036000291452")])
        #expect(keys.keys(forScan: "21001", in: products, context: c) == [.scan("21001")])
        // Once the sync has brought every code, an unknown code stays whole even with an EAN in it.
        var synced = F.loaded(F.products(3))
        F.send(&synced, .catalog(.catalogPricesPageLoaded(startingAfter: nil, .success(Page(items: [], hasMore: false)))))
        #expect(synced.catalog.pricesSynced)
        #expect(keys.keys(forScan: "34006381333931", in: synced, context: c) == [.scan("34006381333931")])
        // In a text field a scan is what was typed, Enter included ("3.20⏎" in one read), except a
        // barcode (known, or with a right check digit), which must not submit the form.
        var form = F.withPrices()
        F.send(&form, .prices(.newPriceRequested))
        #expect(keys.keys(forScan: "3.20", in: form, context: c) == [.paste("3.20"), .enter])
        #expect(keys.keys(forScan: "SKU-0042", in: form, context: c) == [.paste("SKU-0042"), .enter])
        #expect(keys.keys(forScan: "4006381333931", in: form, context: c) == [.paste("4006381333931")])
        var filter = products
        F.send(&filter, .products(.filterStarted))
        #expect(keys.keys(forScan: "ABC-12", in: filter, context: c) == [.paste("ABC-12")])
        // In a y/n question and the price chooser (digits pick) its characters are no keys.
        var confirm = F.loaded(F.products(3))
        F.send(&confirm, .products(.archiveToggleRequested))
        #expect(keys.keys(forScan: "Y123", in: confirm, context: c) == [.scan("Y123")])
        #expect(keys.keys(forScan: "4006381333931", in: F.withChooser(), context: c) == [.scan("4006381333931")])
    }

    @Test func paneKeys() {
        let c = Self.context
        let prices = F.withPrices()
        #expect(action(for: .enter, in: prices, context: c) == .prices(.addToCartRequested))
        #expect(action(for: .char("n"), in: prices, context: c) == .prices(.newPriceRequested))
        #expect(action(for: .char("N"), in: prices, context: c) == .prices(.newPriceWithProductRequested))
        let cart = F.withCart()
        #expect(action(for: .char("+"), in: cart, context: c) == .cart(.quantityIncreased))
        #expect(action(for: .char("-"), in: cart, context: c) == .cart(.quantityDecreased))
        #expect(action(for: .delete, in: cart, context: c) == .cart(.removeRequested))
        #expect(action(for: .ctrl("x"), in: cart, context: c) == .cart(.removeRequested))
        #expect(action(for: .ctrl("o"), in: cart, context: c) == .cart(.oneOffItemRequested))
        #expect(action(for: .enter, in: cart, context: c) == .cart(.checkoutRequested))
        // Letters are the quick-add line's text; on an empty line digits still switch panes.
        #expect(action(for: .char("c"), in: cart, context: c) == .quickAdd(.edited(.inserted("c"))))
        #expect(action(for: .char("x"), in: cart, context: c) == .quickAdd(.edited(.inserted("x"))))
        #expect(action(for: .char("q"), in: cart, context: c) == .quickAdd(.edited(.inserted("q"))))
        #expect(action(for: .char("2"), in: cart, context: c) == .paneSelected(.prices))
        #expect(action(for: .char("?"), in: cart, context: c) == .helpToggled)
        var typed = cart
        F.send(&typed, .quickAdd(.edited(.inserted("lat"))))
        #expect(action(for: .char("2"), in: typed, context: c) == .quickAdd(.edited(.inserted("2"))))
        #expect(action(for: .char("+"), in: typed, context: c) == .quickAdd(.edited(.inserted("+"))))
        #expect(action(for: .enter, in: typed, context: c) == .quickAdd(.submitted))
        #expect(action(for: .escape, in: typed, context: c) == .quickAdd(.cleared))
        #expect(action(for: .down, in: typed, context: c) == .quickAdd(.matchMoved(.down)))
        #expect(action(for: .delete, in: typed, context: c) == .quickAdd(.edited(.deletedForward)))
        // A scan sells wherever a list has the keys, and is text in a form.
        #expect(action(for: .scan("4006381333931"), in: cart, context: c) == .quickAdd(.scanned("4006381333931")))
        #expect(action(for: .scan("4006381333931"), in: prices, context: c) == .quickAdd(.scanned("4006381333931")))
        var form = prices
        F.send(&form, .prices(.newPriceRequested))
        #expect(action(for: .scan("4006381333931"), in: form, context: c) == nil)
        // There a scan is what was typed, Enter included (a person's "3.20⏎" in one read).
        #expect(BindingTable.standard.keys(forScan: "3.20", in: form, context: c) == [.paste("3.20"), .enter])
        // So the terminal joins a split scan on the lists and never in the form.
        #expect(BindingTable.standard.sellsScans(in: cart, size: c.size))
        #expect(BindingTable.standard.sellsScans(in: prices, size: c.size))
        #expect(!BindingTable.standard.sellsScans(in: form, size: c.size))
        let session = F.withSession()
        #expect(action(for: .char("y"), in: session, context: c) == .session(.urlCopyRequested))
        #expect(action(for: .char("x"), in: session, context: c) == .session(.expireRequested))
        var confirm = F.loaded(F.products(3))
        F.send(&confirm, .products(.archiveToggleRequested))
        #expect(action(for: .char("y"), in: confirm, context: c) == .confirmationAnswered(true))
        #expect(action(for: .char("n"), in: confirm, context: c) == .confirmationAnswered(false))
        #expect(action(for: .escape, in: confirm, context: c) == .confirmationAnswered(false))
        #expect(action(for: .char("q"), in: confirm, context: c) == nil)
        var help = F.loaded(F.products(3))
        F.send(&help, .helpToggled)
        #expect(action(for: .escape, in: help, context: c) == .helpToggled)
        #expect(action(for: .char("j"), in: help, context: c) == nil)
    }
}

@Suite("docs/keys.md")
struct KeysDocumentTests {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/keys.md")

    @Test func docsListEveryBinding() throws {
        let text = try String(contentsOf: Self.url, encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- keys:begin -->\n"))
        let end = try #require(text.range(of: "<!-- keys:end -->"))
        let section = String(text[begin.upperBound..<end.lowerBound])
        let generated = keysMarkdown()
        if ProcessInfo.processInfo.environment["TILL_RECORD_FRAMES"] == "1" && section != generated {
            let updated = text.replacingCharacters(in: begin.upperBound..<end.lowerBound, with: generated)
            try updated.write(to: Self.url, atomically: true, encoding: .utf8)
            Issue.record("Rewrote the binding tables in docs/keys.md: review them.")
            return
        }
        #expect(section == generated, "docs/keys.md is out of step with the binding table")
        for binding in bindings { #expect(section.contains(binding.help)) }
    }
}
