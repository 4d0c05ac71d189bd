import TillCore

// The one table of key bindings. The hint bar, the help overlay, docs/keys.md and the key mapper
// all read it, so what the screen says a key does is what it does.

/// Every binding, in the order help lists them.
public let bindings: [Binding] = {
    var table: [Binding] = []

    // Lists: the same movement keys in every list pane.
    func movement(_ scope: KeyScope, _ wrap: @escaping @Sendable (Movement) -> AppAction) {
        table += [
            Binding(scope, "move-up", [.key(.char("k")), .key(.up)], help: "move up") { _, _, _ in wrap(.up) },
            Binding(scope, "move-down", [.key(.char("j")), .key(.down)], help: "move down") { _, _, _ in wrap(.down) },
            Binding(scope, "go-top", [.key(.char("g")), .key(.home)], help: "go to the top") { _, _, _ in wrap(.top) },
            Binding(scope, "go-bottom", [.key(.char("G")), .key(.end)], help: "go to the bottom") { _, _, _ in wrap(.bottom) },
            // A page is the rows the list shows at the size of the terminal at the key press.
            Binding(scope, "page-up", [.key(.pageUp)], help: "page up") { _, state, context in
                wrap(.pageUp(rows: Layout.listRows(for: state, size: context.size)))
            },
            Binding(scope, "page-down", [.key(.pageDown)], help: "page down") { _, state, context in
                wrap(.pageDown(rows: Layout.listRows(for: state, size: context.size)))
            },
        ]
    }

    // Text fields: the same editing keys in every form and the filter. `wrap` names the field's
    // action for an edit in this state (nil when no field takes it).
    func editing(_ scope: KeyScope, _ wrap: @escaping @Sendable (TextEdit, AppState) -> AppAction?) {
        table += [
            Binding(scope, "type-text", [.typedText], help: "type into the field") { key, state, _ in
                switch key {
                case .char(let c): return wrap(.inserted(String(c)), state)
                // A paste is text, never commands: its line breaks do not submit the form;
                // lines are joined with a space and a trailing line break is dropped.
                case .paste(let text):
                    return wrap(.inserted(text.split(whereSeparator: \.isNewline).joined(separator: " ")), state)
                default: return nil
                }
            },
            Binding(scope, "delete-backward", [.key(.backspace)], help: "delete before cursor") { _, state, _ in wrap(.deletedBackward, state) },
            Binding(scope, "delete-forward", [.key(.delete)], help: "delete at cursor") { _, state, _ in wrap(.deletedForward, state) },
            Binding(scope, "clear-to-start", [.key(.ctrl("u"))], help: "clear to field start", hint: "clear") { _, state, _ in
                wrap(.deletedToStart, state)
            },
            Binding(scope, "cursor-left", [.key(.left)], help: "cursor left") { _, state, _ in wrap(.cursorMovedLeft, state) },
            Binding(scope, "cursor-right", [.key(.right)], help: "cursor right") { _, state, _ in wrap(.cursorMovedRight, state) },
            Binding(scope, "cursor-start", [.key(.home), .key(.ctrl("a"))], help: "cursor to the start") { _, state, _ in
                wrap(.cursorMovedToStart, state)
            },
            Binding(scope, "cursor-end", [.key(.end), .key(.ctrl("e"))], help: "cursor to the end") { _, state, _ in
                wrap(.cursorMovedToEnd, state)
            },
        ]
    }

    // Form keys: each goes to the form open in the focused pane.
    func formKeys(_ scope: KeyScope, submit: String, submitHint: String, cancel: String, cancelHint: String) {
        table += [
            Binding(scope, "submit", [.key(.enter)], help: submit, hint: submitHint) { _, state, context in
                formAction(.submitted(freshID: context.freshID), in: state)
            },
            Binding(scope, "next-field", [.key(.tab), .key(.down)], help: "next field", hint: "next field") { _, state, _ in
                formAction(.focusMovedNext, in: state)
            },
            Binding(scope, "previous-field", [.key(.backTab), .key(.up)], help: "previous field") { _, state, _ in
                formAction(.focusMovedPrevious, in: state)
            },
            Binding(scope, "cancel", [.key(.escape)], help: cancel, hint: cancelHint) { _, state, _ in
                formAction(.cancelled, in: state)
            },
        ]
        editing(scope) { edit, state in formAction(.edited(edit), in: state) }
    }

    // Products.
    table += [
        Binding(.products, "open-prices", [.key(.enter)], help: "open its prices", hint: "prices", sends: .products(.pricesRequested)),
        Binding(.products, "filter", [.key(.char("/"))], help: "filter as you type", hint: "filter", sends: .products(.filterStarted)),
        Binding(.products, "new-product", [.key(.char("n"))], help: "new product", hint: "new", sends: .products(.newProductRequested)),
        Binding(.products, "edit-product", [.key(.char("e"))], help: "edit the product", hint: "edit", sends: .products(.editProductRequested)),
        Binding(.products, "archive", [.key(.char("a"))], help: "(un)archive, asks y/n", hint: "archive", sends: .products(.archiveToggleRequested)),
        Binding(.products, "reload", [.key(.char("r"))], help: "reload from WooshPay", hint: "reload", sends: .products(.reloadRequested)),
        Binding(.products, "clear-filter", [.key(.escape)], help: "clear the filter") { _, state, _ in
            state.products.filter.isEmpty ? nil : .products(.filterCleared)
        },
    ]
    movement(.products) { .products(.selectionMoved($0)) }

    // The filter field.
    table += [
        Binding(.filter, "done", [.key(.enter)], help: "keep filter, to list", hint: "done", sends: .products(.filterFinished)),
        Binding(.filter, "clear-filter", [.key(.escape)], help: "clear the filter", hint: "clear filter", sends: .products(.filterCleared)),
        Binding(.filter, "move-up", [.key(.up)], help: "move up the list", sends: .products(.selectionMoved(.up))),
        Binding(.filter, "move-down", [.key(.down)], help: "move down the list", sends: .products(.selectionMoved(.down))),
    ]
    editing(.filter) { edit, _ in .products(.filterEdited(edit)) }

    // Prices.
    table += [
        Binding(.prices, "add-to-cart", [.key(.enter)], help: "add to cart (again +1)", hint: "add to cart", sends: .prices(.addToCartRequested)),
        Binding(.prices, "new-price", [.key(.char("n"))], help: "new price for product", hint: "new price", sends: .prices(.newPriceRequested)),
        Binding(.prices, "new-price-and-product", [.key(.char("N"))], help: "new price, new product", hint: "new product+price", sends: .prices(.newPriceWithProductRequested)),
        Binding(.prices, "reload", [.key(.char("r"))], help: "reload the prices", hint: "reload", sends: .prices(.reloadRequested)),
    ]
    movement(.prices) { .prices(.selectionMoved($0)) }

    // Cart: the quick-add line has the typed text, so the cart's own commands are keys that are
    // not text (+ and - only while the line is empty).
    let lineEmpty: @Sendable (AppState) -> Bool = { $0.quickAdd.query.isEmpty }
    let lineTyped: @Sendable (AppState) -> Bool = { !$0.quickAdd.query.isEmpty }
    table += [
        Binding(.cart, "scan", [.scan], help: "scan: sell the price with this SKU/barcode") { key, _, _ in
            if case .scan(let code) = key { return .quickAdd(.scanned(code)) }
            return nil
        },
        Binding(.cart, "quick-add", [.key(.enter)], help: "add the best match (or the chosen one)", hint: "add",
                when: lineTyped, sends: .quickAdd(.submitted)),
        Binding(.cart, "check-out", [.key(.enter)], help: "empty line: check out", hint: "checkout",
                when: { $0.quickAdd.query.isEmpty && !$0.cart.cart.isEmpty }, sends: .cart(.checkoutRequested)),
        Binding(.cart, "clear-line", [.key(.escape)], help: "clear the quick-add line", hint: "clear", when: lineTyped,
                sends: .quickAdd(.cleared)),
        Binding(.cart, "previous-match", [.key(.up)], help: "previous match", when: lineTyped, sends: .quickAdd(.matchMoved(.up))),
        Binding(.cart, "next-match", [.key(.down)], help: "next match", when: lineTyped, sends: .quickAdd(.matchMoved(.down))),
        Binding(.cart, "quantity-increase", [.key(.char("+")), .key(.char("="))], help: "empty line: one more", hint: "more",
                when: { $0.quickAdd.query.isEmpty && !$0.cart.cart.isEmpty }, sends: .cart(.quantityIncreased)),
        Binding(.cart, "quantity-decrease", [.key(.char("-"))], help: "empty line: one less", hint: "less",
                when: { $0.quickAdd.query.isEmpty && !$0.cart.cart.isEmpty }, sends: .cart(.quantityDecreased)),
        Binding(.cart, "remove-line", [.key(.delete)], help: "empty line: remove line (last y/n)", hint: "remove",
                when: { $0.quickAdd.query.isEmpty && !$0.cart.cart.isEmpty }, sends: .cart(.removeRequested)),
        Binding(.cart, "remove-selected-line", [.key(.ctrl("x"))], help: "remove the selected line", when: { !$0.cart.cart.isEmpty },
                sends: .cart(.removeRequested)),
        Binding(.cart, "one-off", [.key(.ctrl("o"))], help: "add a one-off item", hint: "one-off", sends: .cart(.oneOffItemRequested)),
    ]
    // With the line empty the arrows move through the cart's lines.
    for (name, keys, help, movement) in [("move-up", [Key.up], "move up", Movement.up), ("move-down", [.down], "move down", .down),
                                         ("go-top", [.home], "go to the top", .top), ("go-bottom", [.end], "go to the bottom", .bottom)] {
        table.append(Binding(.cart, name, keys.map { .key($0) }, help: "empty line: " + help, when: lineEmpty,
                             sends: .cart(.selectionMoved(movement))))
    }
    table += [
        Binding(.cart, "page-up", [.key(.pageUp)], help: "page up") { _, state, context in
            .cart(.selectionMoved(.pageUp(rows: Layout.listRows(for: state, size: context.size))))
        },
        Binding(.cart, "page-down", [.key(.pageDown)], help: "page down") { _, state, context in
            .cart(.selectionMoved(.pageDown(rows: Layout.listRows(for: state, size: context.size))))
        },
    ]
    // Typing finds products. On an empty line a digit still switches panes and ? shows help.
    editing(.cart) { edit, state in
        if state.quickAdd.query.isEmpty, case .inserted(let text) = edit, text.count == 1,
           let c = text.first, c.isNumber || c == "?" || c == ":" || c == " " {
            return nil
        }
        return .quickAdd(.edited(edit))
    }

    // The prices of a product with several, after Enter on the quick-add line.
    table += [
        Binding(.priceChooser, "add-chosen", [.key(.enter)], help: "add the chosen price", hint: "add", sends: .quickAdd(.chooserPicked(nil))),
        Binding(.priceChooser, "move-up", [.key(.up), .key(.char("k"))], help: "move up", sends: .quickAdd(.chooserMoved(.up))),
        Binding(.priceChooser, "move-down", [.key(.down), .key(.char("j"))], help: "move down", sends: .quickAdd(.chooserMoved(.down))),
        Binding(.priceChooser, "add-numbered", (1...9).map { .key(.char(Character(String($0)))) }, help: "add price 1–9 at once") { key, _, _ in
            if case .char(let c) = key, let number = c.wholeNumberValue { return .quickAdd(.chooserPicked(number)) }
            return nil
        },
        Binding(.priceChooser, "cancel", [.key(.escape)], help: "close, add nothing", hint: "cancel", sends: .quickAdd(.chooserClosed)),
    ]

    // The command palette: type to find a command or a product, Enter runs it.
    table += [
        Binding(.palette, "run", [.key(.enter)], help: "run the chosen command", hint: "run") { _, state, context in
            let entries = paletteEntries(state, context: context)
            guard entries.indices.contains(state.palette.selection) else { return .palette(.closed) }
            return .palette(.ran(entries[state.palette.selection].actions))
        },
        Binding(.palette, "previous-command", [.key(.up)], help: "previous command") { _, state, context in
            .palette(.moved(.up, count: paletteEntries(state, context: context).count))
        },
        Binding(.palette, "next-command", [.key(.down), .key(.tab)], help: "next command") { _, state, context in
            .palette(.moved(.down, count: paletteEntries(state, context: context).count))
        },
        Binding(.palette, "close", [.key(.escape)], help: "close, run nothing", hint: "close", sends: .palette(.closed)),
    ]
    editing(.palette) { edit, _ in .palette(.edited(edit)) }

    // After a scanned code no price has.
    table += [
        Binding(.unknownCode, "new-with-code", [.key(.char("n"))], help: "make a product and price with the code", hint: "new with code",
                sends: .quickAdd(.createFromCodeRequested)),
        Binding(.unknownCode, "dismiss", [.key(.escape)], help: "nothing", hint: "dismiss", sends: .quickAdd(.unknownCodeDismissed)),
    ]

    // Checkout form (the URLs; Enter creates the session).
    formKeys(.checkout, submit: "create the session", submitHint: "create session",
             cancel: "back to the cart", cancelHint: "back")

    // Checkout while the session is being created: the operator may move around.
    table += [
        Binding(.checkoutBusy, "back", [.key(.escape)], help: "back (request goes on)", hint: "back",
                sends: .checkout(.form(.cancelled))),
    ]

    // Session: what applies to the session on show is offered (no expire once it is paid).
    table += [
        Binding(.session, "next-sale", [.key(.char("n"))], help: "next sale (products pane)", hint: "next sale",
                when: { $0.session.open != nil }, sends: .session(.nextSaleRequested)),
        Binding(.session, "qr", [.key(.char("f"))], help: "QR code full screen", hint: "QR",
                when: { $0.session.open?.url?.isEmpty == false }, sends: .session(.qrToggled)),
        Binding(.session, "copy-url", [.key(.char("y"))], help: "copy the payment URL", hint: "copy URL",
                when: { $0.session.open?.url?.isEmpty == false }, sends: .session(.urlCopyRequested)),
        Binding(.session, "refresh", [.key(.char("r"))], help: "check the session now", hint: "refresh",
                when: { $0.session.open != nil }, sends: .session(.refreshRequested)),
        Binding(.session, "expire", [.key(.char("x"))], help: "expire session (y/n)", hint: "expire",
                when: { $0.session.open?.status == .open }, sends: .session(.expireRequested)),
        Binding(.session, "refund", [.key(.char("R"))], help: "refund it (all, amount, lines)", hint: "refund",
                when: { canRefund($0.session.open, in: $0) }) { _, state, _ in state.session.open.map { .refunds(.refundRequested($0)) } },
        Binding(.session, "receipt", [.key(.char("t"))], help: "save and print its receipt", hint: "receipt",
                when: { isPaid($0.session.open) }) { _, state, _ in state.session.open.map { .receiptRequested($0) } },
        Binding(.session, "print-slip", [.key(.char("Q"))], help: "print a payment slip (QR code) for the customer", hint: "slip",
                when: { $0.settings.hasPrinter && $0.session.open?.status == .open && $0.session.open?.url?.isEmpty == false }) { _, state, _ in
                    state.session.open.map { .slipRequested($0) } },
    ]

    // The QR code full screen: for the customer to scan.
    table += [
        Binding(.qr, "back", [.key(.escape), .key(.char("f"))], help: "back to the session", hint: "back", sends: .session(.qrClosed)),
        Binding(.qr, "next-sale", [.key(.char("n"))], help: "next sale (products pane)", sends: .session(.nextSaleRequested)),
        Binding(.qr, "quit", [.key(.char("q"))], help: "quit (cart is kept)", sends: .quitRequested),
    ]

    // History.
    table += [
        Binding(.history, "open", [.key(.enter)], help: "show it on the session pane", hint: "open", sends: .history(.openRequested)),
        Binding(.history, "filter", [.key(.char("/"))], help: "filter: id, item, amount", hint: "filter", sends: .history(.filterStarted)),
        Binding(.history, "open-only", [.key(.char("o"))], help: "open sessions only / all", hint: "open only", sends: .history(.openOnlyToggled)),
        Binding(.history, "reload", [.key(.char("r"))], help: "reload from WooshPay", hint: "reload", sends: .history(.refreshRequested)),
        Binding(.history, "refund", [.key(.char("R"))], help: "refund it (all, amount, lines)", hint: "refund",
                when: { canRefund($0.history.selectedSession, in: $0) }) { _, state, _ in
            state.history.selectedSession.map { .refunds(.refundRequested($0)) }
        },
        Binding(.history, "receipt", [.key(.char("t"))], help: "save and print its receipt", hint: "receipt",
                when: { isPaid($0.history.selectedSession) }) { _, state, _ in state.history.selectedSession.map { .receiptRequested($0) } },
        Binding(.history, "clear-filter", [.key(.escape)], help: "clear the filter") { _, state, _ in
            state.history.filter.isEmpty ? nil : .history(.filterCleared)
        },
    ]
    movement(.history) { .history(.selectionMoved($0)) }

    // The history filter field.
    table += [
        Binding(.historyFilter, "done", [.key(.enter)], help: "keep filter, to list", hint: "done", sends: .history(.filterFinished)),
        Binding(.historyFilter, "clear-filter", [.key(.escape)], help: "clear the filter", hint: "clear filter", sends: .history(.filterCleared)),
        Binding(.historyFilter, "move-up", [.key(.up)], help: "move up the list", sends: .history(.selectionMoved(.up))),
        Binding(.historyFilter, "move-down", [.key(.down)], help: "move down the list", sends: .history(.selectionMoved(.down))),
    ]
    editing(.historyFilter) { edit, _ in .history(.filterEdited(edit)) }

    // Reports: the X report of the open shift; z closes it (the Z report), x expires its open sessions.
    // z is offered while the report loads too, so pressing it says why the shift cannot close yet.
    table += [
        Binding(.reports, "reload", [.key(.char("r"))], help: "reload the shift to now", hint: "reload",
                sends: .reports(.reloadRequested)),
        Binding(.reports, "close-shift", [.key(.char("z"))], help: "Z report: close the shift (y/n)", hint: "close shift",
                when: { $0.reports.hasRequested && !$0.reports.isClosing }, sends: .reports(.closeRequested)),
        Binding(.reports, "expire-open", [.key(.char("x"))], help: "expire all its open sessions (y/n)", hint: "expire open",
                when: { $0.reports.load == .idle && $0.reports.report?.openSessionIds.isEmpty == false },
                sends: .reports(.expireAllRequested)),
    ]

    // Parking: the label prompt, then the list of parked carts.
    table += [
        Binding(.parkLabel, "park", [.key(.enter)], help: "park (empty: Ticket N)", hint: "park") { _, _, context in
            .parked(.labelForm(.submitted(freshID: context.freshID)))
        },
        Binding(.parkLabel, "cancel", [.key(.escape)], help: "cancel, park nothing", hint: "cancel", sends: .parked(.labelForm(.cancelled))),
    ]
    editing(.parkLabel) { edit, _ in .parked(.labelForm(.edited(edit))) }
    table += [
        Binding(.parkedList, "resume", [.key(.enter)], help: "resume the ticket", hint: "resume", sends: .parked(.resumeRequested)),
        Binding(.parkedList, "discard", [.key(.char("x")), .key(.delete)], help: "discard it (y/n)", hint: "discard",
                sends: .parked(.discardRequested)),
        Binding(.parkedList, "close", [.key(.escape), .key(.char("P"))], help: "close the list", hint: "close", sends: .parked(.listClosed)),
    ]
    movement(.parkedList) { .parked(.selectionMoved($0)) }

    // The refund form: Enter asks y/n with the amount; nothing is sent before the yes.
    table += [
        Binding(.refundForm, "submit", [.key(.enter)], help: "refund (asks y/n)", hint: "refund") { _, _, context in
            .refunds(.form(.submitted(freshID: context.freshID)))
        },
        Binding(.refundForm, "next-field", [.key(.tab), .key(.down)], help: "next field", hint: "next field", sends: .refunds(.form(.focusMovedNext))),
        Binding(.refundForm, "previous-field", [.key(.backTab), .key(.up)], help: "previous field", sends: .refunds(.form(.focusMovedPrevious))),
        Binding(.refundForm, "cancel", [.key(.escape)], help: "cancel, refund nothing", hint: "cancel", sends: .refunds(.form(.cancelled))),
    ]
    editing(.refundForm) { edit, _ in .refunds(.form(.edited(edit))) }

    // Product, price and one-off forms.
    formKeys(.form, submit: "create or save", submitHint: "save",
             cancel: "cancel, send nothing", cancelHint: "cancel")

    // y/n questions.
    table += [
        Binding(.confirm, "yes", [.key(.char("y")), .key(.char("Y"))], help: "yes", hint: "yes", sends: .confirmationAnswered(true)),
        Binding(.confirm, "no", [.key(.char("n")), .key(.char("N")), .key(.escape)], help: "no", hint: "no", sends: .confirmationAnswered(false)),
    ]

    // Help overlay.
    table += [
        Binding(.help, "close", [.key(.char("?")), .key(.escape)], help: "close help", hint: "close", sends: .helpToggled),
        Binding(.help, "quit", [.key(.char("q"))], help: "quit Till", hint: "quit", sends: .quitRequested),
    ]

    // Pane switching, help, quit; a scan sells from any list pane.
    table.append(Binding(.panes, "scan", [.scan], help: "scan: sell the price with this SKU/barcode") { key, _, _ in
        if case .scan(let code) = key { return .quickAdd(.scanned(code)) }
        return nil
    })
    for pane in Pane.allCases {
        let digit = Character(String(pane.rawValue))
        table.append(Binding(.panes, "show-" + paneTitle(pane).lowercased(), [.key(.char(digit))], help: "show " + paneTitle(pane),
                             when: { lettersAreCommands($0) || $0.quickAdd.query.isEmpty }, sends: .paneSelected(pane)))
    }
    table += [
        // Parking sets the sale aside for the next customer; only offered when there is one to park.
        // On the cart letters are the quick-add line's text: there Ctrl-P parks, Ctrl-Z undoes, Ctrl-C quits.
        Binding(.panes, "park", [.key(.char("p"))], help: "park the cart (asks a label)", hint: "park",
                when: { lettersAreCommands($0) && hasSaleToPark($0) }, sends: .parked(.parkRequested)),
        Binding(.panes, "parked", [.key(.char("P"))], help: "parked carts: resume, discard", hint: "parked",
                when: { lettersAreCommands($0) && !$0.parked.tickets.isEmpty }, sends: .parked(.listToggled)),
        Binding(.panes, "palette", [.key(.char(":"))], help: "command palette: find any command", hint: "commands",
                when: { lettersAreCommands($0) || $0.quickAdd.query.isEmpty }, sends: .palette(.opened)),
        Binding(.panes, "undo", [.key(.char("u"))], help: "undo the last cart change", when: lettersAreCommands,
                sends: .undoRequested),
        Binding(.panes, "help", [.key(.char("?"))], help: "show this help", hint: "help",
                when: { lettersAreCommands($0) || $0.quickAdd.query.isEmpty }, sends: .helpToggled),
        Binding(.panes, "quit", [.key(.char("q"))], help: "quit (cart is kept)", hint: "quit", when: lettersAreCommands,
                sends: .quitRequested),
    ]

    // Everywhere.
    table += [
        Binding(.always, "repaint", [.key(.ctrl("l"))], help: "repaint the screen", runtime: true) { _, _, _ in nil },
        Binding(.always, "quit", [.key(.ctrl("c"))], help: "quit Till", sends: .quitRequested),
        // u's twin where letters are typed text (the cart's quick-add line, forms).
        Binding(.always, "undo", [.key(.ctrl("z"))], help: "undo the last cart change", sends: .undoRequested),
        Binding(.always, "redo", [.key(.ctrl("r"))], help: "redo what undo took back", sends: .redoRequested),
        // p's twin where letters are typed text (forms, the filter, the checkout URLs).
        Binding(.always, "park", [.key(.ctrl("p"))], help: "park the cart, in forms too", when: hasSaleToPark,
                sends: .parked(.parkRequested)),
        // Only with operators in the shop (`till operators`); `:lock` in the palette too.
        Binding(.always, "lock", [.key(.ctrl("k"))], help: "lock the till (the next operator signs in)",
                when: { $0.operators.current != nil }, sends: .operators(.lockRequested(idle: false))),
    ]
    return table
}()

/// A form key's action for the form open in the focused pane (nil when none is open).
func formAction(_ action: FormAction, in state: AppState) -> AppAction? {
    switch state.focus {
    case .products: state.products.form == nil ? nil : .products(.form(action))
    case .prices: state.prices.form == nil ? nil : .prices(.form(action))
    case .cart: state.cart.oneOffForm == nil ? nil : .cart(.oneOffForm(action))
    case .checkout: .checkout(.form(action))
    case .session, .history, .reports: nil
    }
}

/// Whether a session is paid (so it can be refunded and has a receipt).
func isPaid(_ session: CheckoutSession?) -> Bool {
    session?.status == .complete && session?.paymentStatus == .paid
}

/// Whether `R` has something to do: a paid session with money left to refund, or an unanswered
/// refund of it to send again.
func canRefund(_ session: CheckoutSession?, in state: AppState) -> Bool {
    guard let session, isPaid(session) else { return false }
    if state.refunds.journal.entries(session: session.id).contains(where: { $0.state == .sent }) { return true }
    return state.refunds.balance(of: session).map { $0.remaining.minorUnits > 0 } ?? true
}

/// Whether letters are commands: everywhere outside text fields but the cart, whose quick-add
/// line takes them.
@Sendable func lettersAreCommands(_ state: AppState) -> Bool { state.focus != .cart }

/// Whether there is a sale to park: lines in the cart, or a session still waiting for payment.
@Sendable func hasSaleToPark(_ state: AppState) -> Bool {
    !state.cart.cart.isEmpty || state.session.open.map { !$0.isFinal } == true
}

/// The pane's name as the tabs and help show it.
public func paneTitle(_ pane: Pane) -> String {
    switch pane {
    case .products: "Products"
    case .prices: "Prices"
    case .cart: "Cart"
    case .checkout: "Checkout"
    case .session: "Session"
    case .history: "History"
    case .reports: "Reports"
    }
}
