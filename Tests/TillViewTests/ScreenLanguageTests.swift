import Testing
import TillCore
@testable import TillView

/// The screen in the operator's language: every table complete in both languages, the binding
/// names keys.toml uses, and what changes with the language (the words) and what does not (the
/// keys, the money).
@Suite("The screen in Spanish and English")
struct ScreenLanguageTests {
    typealias F = Fixtures

    @Test("every table of the screen has each phrase in English and Spanish, with the same placeholders")
    func everyTableIsComplete() {
        #expect(PhraseCheck.problems(ScreenPhrase.self).isEmpty, "\(PhraseCheck.problems(ScreenPhrase.self))")
        #expect(PhraseCheck.problems(DisplayPhrase.self).isEmpty, "\(PhraseCheck.problems(DisplayPhrase.self))")
        #expect(PhraseCheck.problems(BindingPhrase.self).isEmpty, "\(PhraseCheck.problems(BindingPhrase.self))")
        #expect(PhraseCheck.problems(Pane.self).isEmpty, "\(PhraseCheck.problems(Pane.self))")
        #expect(PhraseCheck.problems(KeyScope.self).isEmpty, "\(PhraseCheck.problems(KeyScope.self))")
        #expect(PhraseCheck.problems(RemapPhrase.self).isEmpty, "\(PhraseCheck.problems(RemapPhrase.self))")
    }

    @Test("the English tables say what the screen said before they existed")
    func englishIsUnchanged() {
        #expect(paneTitle(.checkout) == "Checkout" && KeyScope.panes.title == "Everywhere outside forms")
        #expect(BindingTable.standard.binding(.checkOut, in: .cart)?.help == "empty line: check out")
        #expect(Pane.reports.showBinding.help.text(.english) == "show Reports")
        #expect(Messages(.english).label(PriceField.lookupKey) == "SKU/barcode")
        #expect(Messages(.english).label(InlinePriceField.productDescription) == "Description")
    }

    /// The names keys.toml (and docs/keys.md, `till keys`) use for each scope's actions, written
    /// out: a renamed case fails here, not silently in an operator's keys file.
    static let keysFileNames: [String: [String]] = [
        "products": ["open-prices", "filter", "new-product", "edit-product", "archive", "reload", "clear-filter", "move-up", "move-down", "go-top", "go-bottom", "page-up", "page-down"],
        "filter": ["done", "clear-filter", "move-up", "move-down", "type-text", "delete-backward", "delete-forward", "clear-to-start", "cursor-left", "cursor-right", "cursor-start", "cursor-end"],
        "prices": ["add-to-cart", "new-price", "new-price-and-product", "reload", "move-up", "move-down", "go-top", "go-bottom", "page-up", "page-down"],
        "cart": ["scan", "quick-add", "check-out", "clear-line", "previous-match", "next-match", "quantity-increase", "quantity-decrease", "remove-line", "remove-selected-line", "one-off", "move-up", "move-down", "go-top", "go-bottom", "page-up", "page-down", "type-text", "delete-backward", "delete-forward", "clear-to-start", "cursor-left", "cursor-right", "cursor-start", "cursor-end"],
        "checkout": ["submit", "next-field", "previous-field", "cancel", "type-text", "delete-backward", "delete-forward", "clear-to-start", "cursor-left", "cursor-right", "cursor-start", "cursor-end"],
        "checkout-busy": ["back"],
        "session": ["next-sale", "qr", "copy-url", "refresh", "expire", "refund", "receipt", "print-slip"],
        "qr": ["back", "next-sale", "quit"],
        "history": ["open", "filter", "open-only", "reload", "refund", "receipt", "clear-filter", "move-up", "move-down", "go-top", "go-bottom", "page-up", "page-down"],
        "history-filter": ["done", "clear-filter", "move-up", "move-down", "type-text", "delete-backward", "delete-forward", "clear-to-start", "cursor-left", "cursor-right", "cursor-start", "cursor-end"],
        "reports": ["reload", "close-shift", "expire-open"],
        "park-label": ["park", "cancel", "type-text", "delete-backward", "delete-forward", "clear-to-start", "cursor-left", "cursor-right", "cursor-start", "cursor-end"],
        "parked": ["resume", "discard", "close", "move-up", "move-down", "go-top", "go-bottom", "page-up", "page-down"],
        "refund": ["submit", "next-field", "previous-field", "cancel", "type-text", "delete-backward", "delete-forward", "clear-to-start", "cursor-left", "cursor-right", "cursor-start", "cursor-end"],
        "price-chooser": ["add-chosen", "move-up", "move-down", "add-numbered", "cancel"],
        "unknown-code": ["new-with-code", "dismiss"],
        "palette": ["run", "previous-command", "next-command", "close", "type-text", "delete-backward", "delete-forward", "clear-to-start", "cursor-left", "cursor-right", "cursor-start", "cursor-end"],
        "form": ["submit", "next-field", "previous-field", "cancel", "type-text", "delete-backward", "delete-forward", "clear-to-start", "cursor-left", "cursor-right", "cursor-start", "cursor-end"],
        "confirm": ["yes", "no"],
        "help": ["close", "quit"],
        "global": ["scan", "show-products", "show-prices", "show-cart", "show-checkout", "show-session", "show-history", "show-reports", "park", "parked", "palette", "undo", "help", "quit"],
        "always": ["repaint", "quit", "undo", "redo", "park", "lock"],
    ]

    @Test("keys.toml names each action as before: the typed names' raw values, scope by scope")
    func keysFileNamesStayAsTheyAre() {
        var listed: [String: [String]] = [:]
        for scope in KeyScope.allCases {
            let names = BindingTable.standard.bindings(in: scope).map(\.name.rawValue)
            if !names.isEmpty { listed[scope.fileName] = names }
        }
        #expect(listed == Self.keysFileNames)
        // Every typed name is used by some binding, and reads back from its keys.toml spelling.
        let used = Set(BindingTable.standard.all.map(\.name))
        for name in BindingName.allCases {
            #expect(used.contains(name), "\(name) names no binding")
            #expect(BindingName(rawValue: "\(name)") == name)
        }
        for pane in Pane.allCases { #expect(BindingTable.standard.binding(pane.showBinding.name, in: .panes) != nil) }
    }

    @Test("in Spanish the tabs, headings and hint bar are Spanish; the keys are the same")
    func spanishFirstScreen() {
        let english = render(F.loaded(F.products(5)), size: Size(width: 80, height: 24))
        let spanish = render(inSpanish(F.loaded(F.products(5))), size: Size(width: 80, height: 24))
        let tabs = spanish.row(1)
        for word in ["Productos", "Precios", "Carrito", "Cobro", "Sesión", "Historial", "Informes"] {
            #expect(tabs.contains(word), "\(word) in \(tabs)")
        }
        #expect(spanish.row(3).contains("Productos") && spanish.row(4).contains("NOMBRE"))
        #expect(spanish.row(23).contains("filtrar") && spanish.row(23).contains("ayuda"))
        #expect(english.row(1).contains("Products") && english.row(23).contains("filter"))
        // The same keys lead each hint in both languages.
        let keysOf = { (frame: Frame) in frame.row(23).split(separator: " ").filter { $0.count == 1 } }
        // The longer words leave room for fewer pane hints, dropped from the end as in English.
        #expect(keysOf(english).starts(with: keysOf(spanish).dropLast(3)))
        #expect(keysOf(spanish).suffix(3) == keysOf(english).suffix(3))
    }

    @Test("money keeps the currency's own format whatever the language")
    func moneyIsTheCurrencys() {
        let state = F.withCart()
        let english = render(state, size: Size(width: 120, height: 40)).text()
        let spanish = render(inSpanish(state), size: Size(width: 120, height: 40)).text()
        let total = try? state.cart.cart.total()
        let formatted = total?.formatted ?? ""
        #expect(!formatted.isEmpty && english.contains(formatted) && spanish.contains(formatted))
        #expect(!formatted.contains(","))
    }

    @Test("the help overlay and the palette speak the operator's language")
    func helpAndPalette() {
        var state = inSpanish(F.loaded(F.products(3)))
        state.isHelpVisible = true
        let lines = Overlays.helpLines(state)
        #expect(lines.contains(.heading("Productos")))
        #expect(lines.contains(.binding(keys: "n", help: "producto nuevo")))
        state.isHelpVisible = false
        let titles = paletteEntries(state, context: KeyContext(now: F.now, freshID: "", size: Size(width: 80, height: 24)))
            .map(\.title)
        #expect(titles.contains("recargar de WooshPay") && !titles.contains("reload from WooshPay"))
    }
}
