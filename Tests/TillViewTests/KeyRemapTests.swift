import Foundation
import Testing
import TillCore
@testable import TillView

@Suite("keys.toml remaps: the table, the key mapper, the hint bar and help")
struct KeyRemapTests {
    typealias F = Fixtures
    static let context = KeyContext(now: Fixtures.now, freshID: "fresh-key")

    func remap(_ remaps: (String, String, [String], Int)...) throws(KeyRemapError) -> BindingTable {
        try BindingTable.standard.remapped(by: remaps.map { KeyRemap(scope: $0.0, action: $0.1, keys: $0.2, line: $0.3) })
    }

    func refusal(_ remaps: (String, String, [String], Int)...) -> KeyRemapError? {
        do {
            _ = try BindingTable.standard.remapped(by: remaps.map { KeyRemap(scope: $0.0, action: $0.1, keys: $0.2, line: $0.3) })
            return nil
        } catch {
            return error
        }
    }

    @Test func everyActionHasAStableKebabCaseNameUniqueInItsScope() {
        for scope in KeyScope.allCases {
            let names = BindingTable.standard.bindings(in: scope).map(\.name.rawValue)
            #expect(Set(names).count == names.count, "\(scope.fileName): \(names)")
            for name in names {
                #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !name.isEmpty, "\(name)")
            }
        }
        #expect(Set(KeyScope.allCases.map(\.fileName)).count == KeyScope.allCases.count)
    }

    @Test func theDefaultTableAnswersEachKeyOnceInAScope() {
        // The cart's keys change meaning with its quick-add line (empty or not): Enter adds or
        // checks out, ↑/↓ pick a match or a line. Those pairs are offered one at a time.
        for scope in KeyScope.allCases where scope != .cart {
            var seen: [KeyPattern: String] = [:]
            for binding in BindingTable.standard.bindings(in: scope) {
                for key in binding.keys {
                    #expect(seen[key] == nil, "\(scope.fileName): \(key.label) is \(seen[key] ?? "") and \(binding.name)")
                    seen[key] = binding.name.rawValue
                }
            }
        }
    }

    @Test func aRemappedKeyActsAndTheOldOneNoLonger() throws {
        let table = try remap(("prices", "new-price", ["Ctrl-K"], 2), ("prices", "reload", ["F2", "R"], 3))
        let prices = F.withPrices()
        #expect(table.action(for: .ctrl("k"), in: prices, context: Self.context) == .prices(.newPriceRequested))
        #expect(table.action(for: .char("n"), in: prices, context: Self.context) == nil)
        #expect(table.action(for: .function(2), in: prices, context: Self.context) == .prices(.reloadRequested))
        #expect(table.action(for: .char("R"), in: prices, context: Self.context) == .prices(.reloadRequested))
        #expect(table.action(for: .char("r"), in: prices, context: Self.context) == nil)
        // Everything not named keeps its default keys.
        #expect(table.action(for: .char("N"), in: prices, context: Self.context) == .prices(.newPriceWithProductRequested))
        #expect(table.action(for: .char("j"), in: prices, context: Self.context) == .prices(.selectionMoved(.down)))
        #expect(table.action(for: .char("q"), in: prices, context: Self.context) == .quitRequested)
        // The defaults themselves are untouched.
        #expect(BindingTable.standard.action(for: .char("n"), in: prices, context: Self.context) == .prices(.newPriceRequested))
    }

    @Test func theHintBarAndHelpShowTheRemappedKey() throws {
        let table = try remap(("cart", "check-out", ["Ctrl-K"], 2), ("global", "help", ["F1"], 5))
        let cart = F.withCart()
        let size = Size(width: 120, height: 40)
        let bar = render(cart, size: size, keys: table).row(size.height - 1)
        #expect(bar.contains("Ctrl-K checkout"), "\(bar)")
        #expect(!bar.contains("Enter checkout"))
        #expect(bar.contains("F1 help"), "\(bar)")

        var help = cart
        help.isHelpVisible = true
        let lines = Overlays.helpLines(help, keys: table)
        #expect(lines.contains(.binding(keys: "Ctrl-K", help: "empty line: check out")))
        #expect(!lines.contains(.binding(keys: "Enter", help: "empty line: check out")))
        #expect(render(help, size: size, keys: table).text().contains("Ctrl-K"))
        let closing = try remap(("help", "close", ["F1", "Esc"], 7))
        #expect(render(help, size: size, keys: closing).row(1).contains("(F1 or Esc closes)"))
        #expect(table.action(for: .function(1), in: cart, context: Self.context) == .helpToggled)
    }

    @Test func everyKeyAMessageMentionsIsABindingOfTheDefaultTable() {
        for mention in KeyMention.allCases {
            let scope = KeyScope.allCases.first { $0.fileName == mention.scope }
            #expect(scope != nil, "\(mention.rawValue): no such scope")
            let name = BindingName(rawValue: mention.action)
            #expect(name != nil, "\(mention.rawValue): no such binding name")
            if let scope, let name { #expect(BindingTable.standard.binding(name, in: scope) != nil, "\(mention.rawValue)") }
        }
        #expect(BindingTable.standard.label(of: .productsReload) == "r")
        #expect(BindingTable.standard.label(of: .redo) == "Ctrl-R")
        #expect(Message.undid(.quantityChange).text(.english) == "Undid: quantity change. Ctrl-R redoes it.")
    }

    @Test func statusMessagesNameTheRemappedKey() throws {
        let table = try remap(("products", "reload", ["F5"], 1), ("session", "next-sale", ["Ctrl-N"], 2))
        var state = F.loaded(F.products(3))
        state.status.message = .error(.loadFailed(.products, APIFailure(kind: .configuration, message: "offline."),
                                                  retry: .productsReload))
        let size = Size(width: 80, height: 24)
        let status = render(state, size: size, keys: table).row(size.height - 2)
        #expect(status.contains("Press F5 to retry."), "\(status)")
        #expect(!status.contains("\u{E000}"))
        #expect(render(state, size: size).row(size.height - 2).contains("Press r to retry."))
        state.status.message = .info(.sessionFinished(id: "cs_1", .paid, total: nil, spoken: false))
        #expect(render(state, size: size, keys: table).row(size.height - 2).contains("Ctrl-N starts the next sale."))
    }

    @Test func emptyPanesNameTheRemappedKey() throws {
        let table = try remap(("products", "reload", ["F5"], 1), ("cart", "check-out", ["Ctrl-K"], 2))
        let size = Size(width: 120, height: 40)
        var failed = F.state()
        F.send(&failed, .started, .catalog(.productsPageLoaded(startingAfter: nil, .failure(
            APIFailure(kind: .connectionFailed, message: "connection refused")))))
        failed.status.message = nil
        #expect(render(failed, size: size, keys: table).text().contains("Press F5 to retry."))
        var history = F.loaded(F.products(3))
        F.send(&history, .paneSelected(.history), .history(.pageLoaded(startingAfter: nil, .success(Page(items: [], hasMore: false)))))
        #expect(render(history, size: size, keys: table).text().contains("press Ctrl-K on its empty line to check out"))
        var cart = F.loaded(F.products(3))
        F.send(&cart, .paneSelected(.cart))
        #expect(render(cart, size: size, keys: table).text().contains("Ctrl-K on empty line: checkout"))
        let picking = try remap(("cart", "previous-match", ["Ctrl-P"], 1), ("cart", "next-match", ["Ctrl-N"], 2), ("cart", "quick-add", ["Tab"], 3))
        var typed = F.loaded(F.products(3))
        F.send(&typed, .paneSelected(.cart), .quickAdd(.edited(.inserted("co"))))
        #expect(render(typed, size: size, keys: picking).text().contains("Ctrl-P/Ctrl-N pick · Tab add"))
        #expect(render(typed, size: size).text().contains("↑↓ pick · Enter add"))
    }

    @Test func listsRemapsEveryListAndAListsOwnTableWins() throws {
        let table = try remap(("lists", "move-down", ["Ctrl-N", "Down"], 1), ("cart", "move-down", ["F3"], 4))
        #expect(table.listScopes == [.products, .prices, .cart, .history, .parkedList])
        let products = F.loaded(F.products(5))
        #expect(table.action(for: .ctrl("n"), in: products, context: Self.context) == .products(.selectionMoved(.down)))
        #expect(table.action(for: .down, in: products, context: Self.context) == .products(.selectionMoved(.down)))
        #expect(table.action(for: .char("j"), in: products, context: Self.context) == nil)
        let cart = F.withCart()
        #expect(table.action(for: .function(3), in: cart, context: Self.context) == .cart(.selectionMoved(.down)))
        #expect(table.action(for: .ctrl("n"), in: cart, context: Self.context) == nil)
        // The filter's own ↓ is not a list's.
        #expect(table.binding(.moveDown, in: .filter)?.keys == [.key(.down)])
    }

    @Test func keyNamesAreTheLabelsPlusArrowAliases() {
        let names: [(String, Key)] = [
            ("Enter", .enter), ("Esc", .escape), ("Ctrl-P", .ctrl("p")), ("Ctrl-p", .ctrl("p")), ("↑", .up), ("Up", .up),
            ("Down", .down), ("Left", .left), ("Right", .right), ("←", .left), ("PgDn", .pageDown), ("PgUp", .pageUp),
            ("F5", .function(5)), ("F12", .function(12)), ("Space", .char(" ")), ("n", .char("n")), ("N", .char("N")),
            ("F", .char("F")), ("/", .char("/")), ("é", .char("é")), ("Shift-Tab", .backTab), ("Del", .delete),
            ("Backspace", .backspace), ("Home", .home), ("End", .end), ("Tab", .tab),
        ]
        for (name, key) in names {
            #expect(KeyName.key(name) == .success(key), "\(name)")
            if name.count > 1 && !["Up", "Down", "Left", "Right", "Ctrl-p"].contains(name) { #expect(key.label == name) }
        }
        #expect(KeyName.key("enter") == .failure(.unknown("enter", suggestion: "Enter")))
        #expect(KeyName.key("F0") == .failure(.unknown("F0", suggestion: nil)))
        #expect(KeyName.key(" ") == .failure(.unknown(" ", suggestion: nil)))
        #expect(KeyName.key("Ctrl-M") == .failure(.arrivesAs("Ctrl-M", "Enter")))
    }

    @Test func mistakesNameTheirLine() {
        #expect(refusal(("cart", "chekout", ["C"], 7))?.description.hasPrefix(
            "line 7: unknown action \"chekout\" in [cart]; actions there: scan, quick-add, check-out, clear-line") == true)
        #expect(refusal(("carts", "check-out", ["C"], 3))?.line == 3)
        #expect(refusal(("carts", "check-out", ["C"], 3))?.message.hasPrefix("unknown table [carts]; tables: [products]") == true)
        #expect(refusal(("cart", "check-out", ["Ctrl-Kk"], 4))?.message.hasPrefix("unknown key \"Ctrl-Kk\"") == true)
        #expect(refusal(("cart", "check-out", ["enter"], 4))?.message == "unknown key \"enter\" (did you mean \"Enter\"?)")
        #expect(refusal(("cart", "check-out", [], 4))?.message == "check-out needs at least one key")
        #expect(refusal(("form", "type-text", ["Ctrl-T"], 2))?.message
                == "type-text in [form] cannot be remapped: every printable key types text")
        #expect(refusal(("always", "repaint", ["F5"], 2))?.message
                == "repaint in [always] cannot be remapped: the terminal handles it")
        #expect(refusal(("global", "help", ["Ctrl-C"], 9))?.message == "Ctrl-C is kept for quitting (always)")
        #expect(refusal(("lists", "open-prices", ["o"], 2))?.line == 2)
        // The earliest line at fault is the one reported.
        #expect(refusal(("cart", "check-out", ["nope"], 8), ("cart", "nope", ["C"], 6))?.line == 6)
    }

    @Test func oneKeyForTwoActionsInAScopeIsRefused() {
        // Against a default key: x removes the line.
        #expect(refusal(("prices", "new-price", ["r"], 5))?.description == "line 5: r would be both new-price and reload in [prices]")
        // Two remaps: the later line made the clash.
        #expect(refusal(("prices", "new-price", ["F2"], 3), ("prices", "reload", ["F2"], 6))?.description
                == "line 6: F2 would be both reload and new-price in [prices]")
        // Moving the default away first is fine.
        #expect(refusal(("prices", "new-price", ["r"], 3), ("prices", "reload", ["F5"], 4)) == nil)
        // On the cart letters are the quick-add line's text.
        #expect(refusal(("cart", "check-out", ["x"], 5))?.message.hasPrefix("x types text in [cart]") == true)
        // Where a field takes text, a printable key cannot be a command.
        #expect(refusal(("form", "submit", ["s"], 2))?.message.hasPrefix("s types text in [form]") == true)
        #expect(refusal(("form", "submit", ["Ctrl-S", "Enter"], 2)) == nil)
        // The same key in two scopes is no clash: each scope is remapped alone.
        #expect(refusal(("cart", "check-out", ["F2"], 3), ("prices", "add-to-cart", ["F2"], 4)) == nil)
    }
}

/// keys.toml refusals are values; each is worded in English as before and in Spanish with no
/// English left (the names of tables, actions and keys stay as keys.toml writes them).
@Suite("keys.toml refusals in words") struct RemapWordsTests {
    func refusal(_ scope: String, _ action: String, _ keys: [String]) -> KeyBindingProblem? {
        do {
            _ = try BindingTable.standard.remapped(by: [KeyRemap(scope: scope, action: action, keys: keys, line: 1)])
            return nil
        } catch {
            return error.problem
        }
    }

    @Test func everyRefusalIsSaidInSpanishWithoutEnglishLeftovers() throws {
        let refusals = try [
            ("cart", "chekout", ["C"]), ("lists", "open-prices", ["o"]), ("carts", "check-out", ["C"]),
            ("cart", "check-out", ["Ctrl-Kk"]), ("cart", "check-out", ["enter"]), ("cart", "check-out", ["Ctrl-M"]),
            ("cart", "check-out", []), ("form", "type-text", ["Ctrl-T"]), ("always", "repaint", ["F5"]),
            ("global", "help", ["Ctrl-C"]), ("global", "help", ["Ctrl-L"]), ("cart", "check-out", ["x"]),
            ("prices", "new-price", ["r"]),
        ].map { try #require(refusal($0.0, $0.1, $0.2), "\($0)") }
        // One of each kind of refusal.
        #expect(Set(refusals.map { "\($0)".prefix(while: { $0 != "(" }) }).count == 8)
        for problem in refusals {
            let english = problem.text(.english), spanish = problem.text(.spanish)
            #expect(spanish != english)
            for word in ["unknown ", "needs", "cannot", "kept for", "types text", "would be", "reaches", "did you mean",
                         "actions there", "tables:"] {
                #expect(!spanish.contains(word), "\(spanish)")
            }
        }
        #expect(refusals[0].text(.spanish).hasPrefix("acción desconocida \"chekout\" en [cart]; acciones allí: scan, quick-add, "
                + "check-out, clear-line"))
        #expect(refusals[12].text(.spanish) == "r sería a la vez new-price y reload en [prices]")
    }
}
