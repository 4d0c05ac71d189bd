import TillCore

// The one table of key bindings. The hint bar, the help overlay, docs/keys.md and the key mapper
// all read it, so what the screen says a key does is what it does.

/// Every binding, in the order help lists them.
public let bindings: [Binding] = {
    var table: [Binding] = []

    // Lists: the same movement keys in every list pane.
    func movement(_ scope: KeyScope, _ wrap: @escaping @Sendable (Movement) -> AppAction) {
        table += [
            Binding(scope, .moveUp, [.key(.char("k")), .key(.up)], help: .moveUp) { _, _, _ in wrap(.up) },
            Binding(scope, .moveDown, [.key(.char("j")), .key(.down)], help: .moveDown) { _, _, _ in wrap(.down) },
            Binding(scope, .goTop, [.key(.char("g")), .key(.home)], help: .goToTheTop) { _, _, _ in wrap(.top) },
            Binding(scope, .goBottom, [.key(.char("G")), .key(.end)], help: .goToTheBottom) { _, _, _ in wrap(.bottom) },
            // A page is the rows the list shows at the size of the terminal at the key press.
            Binding(scope, .pageUp, [.key(.pageUp)], help: .pageUp) { _, state, context in
                wrap(.pageUp(rows: Layout.listRows(for: state, size: context.size)))
            },
            Binding(scope, .pageDown, [.key(.pageDown)], help: .pageDown) { _, state, context in
                wrap(.pageDown(rows: Layout.listRows(for: state, size: context.size)))
            },
        ]
    }

    // Text fields: the same editing keys in every form and the filter. `wrap` names the field's
    // action for an edit in this state (nil when no field takes it).
    func editing(_ scope: KeyScope, _ wrap: @escaping @Sendable (TextEdit, AppState) -> AppAction?) {
        table += [
            Binding(scope, .typeText, [.typedText], help: .typeIntoTheField) { key, state, _ in
                switch key {
                case .char(let c): return wrap(.inserted(String(c)), state)
                // A paste is text, never commands: its line breaks do not submit the form;
                // lines are joined with a space and a trailing line break is dropped.
                case .paste(let text):
                    return wrap(.inserted(text.split(whereSeparator: \.isNewline).joined(separator: " ")), state)
                default: return nil
                }
            },
            Binding(scope, .deleteBackward, [.key(.backspace)], help: .deleteBeforeCursor) { _, state, _ in wrap(.deletedBackward, state) },
            Binding(scope, .deleteForward, [.key(.delete)], help: .deleteAtCursor) { _, state, _ in wrap(.deletedForward, state) },
            Binding(scope, .clearToStart, [.key(.ctrl("u"))], help: .clearToFieldStart, hint: .clear) { _, state, _ in
                wrap(.deletedToStart, state)
            },
            Binding(scope, .cursorLeft, [.key(.left)], help: .cursorLeft) { _, state, _ in wrap(.cursorMovedLeft, state) },
            Binding(scope, .cursorRight, [.key(.right)], help: .cursorRight) { _, state, _ in wrap(.cursorMovedRight, state) },
            Binding(scope, .cursorStart, [.key(.home), .key(.ctrl("a"))], help: .cursorToTheStart) { _, state, _ in
                wrap(.cursorMovedToStart, state)
            },
            Binding(scope, .cursorEnd, [.key(.end), .key(.ctrl("e"))], help: .cursorToTheEnd) { _, state, _ in
                wrap(.cursorMovedToEnd, state)
            },
        ]
    }

    // A filterable list's last keys: Esc clears its filter, the movement keys, and then its filter
    // field's (Enter keeps the filter, Esc clears it, the arrows move in the list, the editing keys).
    func filterableList(_ list: KeyScope, field: KeyScope, isFiltered: @escaping @Sendable (AppState) -> Bool,
                        finished: AppAction, cleared: AppAction, moved: @escaping @Sendable (Movement) -> AppAction,
                        edited: @escaping @Sendable (TextEdit) -> AppAction) {
        table.append(Binding(list, .clearFilter, [.key(.escape)], help: .clearTheFilter) { _, state, _ in
            isFiltered(state) ? cleared : nil
        })
        movement(list, moved)
        table += [
            Binding(field, .done, [.key(.enter)], help: .keepFilterToList, hint: .done, sends: finished),
            Binding(field, .clearFilter, [.key(.escape)], help: .clearTheFilter, hint: .clearFilter, sends: cleared),
            Binding(field, .moveUp, [.key(.up)], help: .moveUpTheList, sends: moved(.up)),
            Binding(field, .moveDown, [.key(.down)], help: .moveDownTheList, sends: moved(.down)),
        ]
        editing(field) { edit, _ in edited(edit) }
    }

    // Form keys: each goes to the form open in the focused pane.
    func formKeys(_ scope: KeyScope, submit: BindingPhrase, submitHint: BindingPhrase, cancel: BindingPhrase, cancelHint: BindingPhrase) {
        table += [
            Binding(scope, .submit, [.key(.enter)], help: submit, hint: submitHint) { _, state, context in
                formAction(.submitted(freshID: context.freshID), in: state)
            },
            Binding(scope, .nextField, [.key(.tab), .key(.down)], help: .nextField, hint: .nextField) { _, state, _ in
                formAction(.focusMovedNext, in: state)
            },
            Binding(scope, .previousField, [.key(.backTab), .key(.up)], help: .previousField) { _, state, _ in
                formAction(.focusMovedPrevious, in: state)
            },
            Binding(scope, .cancel, [.key(.escape)], help: cancel, hint: cancelHint) { _, state, _ in
                formAction(.cancelled, in: state)
            },
        ]
        editing(scope) { edit, state in formAction(.edited(edit), in: state) }
    }

    // Products.
    table += [
        Binding(.products, .openPrices, [.key(.enter)], help: .openItsPrices, hint: .prices, sends: .products(.pricesRequested)),
        Binding(.products, .filter, [.key(.char("/"))], help: .filterAsYouType, hint: .filter, sends: .products(.filterStarted)),
        Binding(.products, .newProduct, [.key(.char("n"))], help: .newProduct, hint: .new, sends: .products(.newProductRequested)),
        Binding(.products, .editProduct, [.key(.char("e"))], help: .editTheProduct, hint: .edit, sends: .products(.editProductRequested)),
        Binding(.products, .archive, [.key(.char("a"))], help: .unarchiveAsksYN, hint: .archive, sends: .products(.archiveToggleRequested)),
        Binding(.products, .reload, [.key(.char("r"))], help: .reloadFromWooshPay, hint: .reload, sends: .products(.reloadRequested)),
    ]
    // Then Esc clearing the filter, the movement keys, and the filter field.
    filterableList(.products, field: .filter, isFiltered: { !$0.products.filter.isEmpty },
                   finished: .products(.filterFinished), cleared: .products(.filterCleared),
                   moved: { .products(.selectionMoved($0)) }, edited: { .products(.filterEdited($0)) })

    // Prices.
    table += [
        Binding(.prices, .addToCart, [.key(.enter)], help: .addToCartAgainAnd1, hint: .addToCart, sends: .prices(.addToCartRequested)),
        Binding(.prices, .newPrice, [.key(.char("n"))], help: .newPriceForProduct, hint: .newPrice, sends: .prices(.newPriceRequested)),
        Binding(.prices, .newPriceAndProduct, [.key(.char("N"))], help: .newPriceNewProduct, hint: .newProductAndPrice, sends: .prices(.newPriceWithProductRequested)),
        Binding(.prices, .reload, [.key(.char("r"))], help: .reloadThePrices, hint: .reload, sends: .prices(.reloadRequested)),
    ]
    movement(.prices) { .prices(.selectionMoved($0)) }

    // Cart: the quick-add line has the typed text, so the cart's own commands are keys that are
    // not text (+ and - only while the line is empty).
    let lineEmpty: @Sendable (AppState) -> Bool = { $0.quickAdd.query.isEmpty }
    let lineTyped: @Sendable (AppState) -> Bool = { !$0.quickAdd.query.isEmpty }
    table += [
        Binding(.cart, .scan, [.scan], help: .scanSellThePriceWithThisSKUBarcode) { key, _, _ in
            if case .scan(let code) = key { return .quickAdd(.scanned(code)) }
            return nil
        },
        Binding(.cart, .quickAdd, [.key(.enter)], help: .addTheBestMatchOrTheChosenOne, hint: .add,
                when: lineTyped, sends: .quickAdd(.submitted)),
        Binding(.cart, .checkOut, [.key(.enter)], help: .emptyLineCheckOut, hint: .checkout,
                when: { $0.quickAdd.query.isEmpty && !$0.cart.cart.isEmpty }, sends: .cart(.checkoutRequested)),
        Binding(.cart, .clearLine, [.key(.escape)], help: .clearTheQuickAddLine, hint: .clear, when: lineTyped,
                sends: .quickAdd(.cleared)),
        Binding(.cart, .previousMatch, [.key(.up)], help: .previousMatch, when: lineTyped, sends: .quickAdd(.matchMoved(.up))),
        Binding(.cart, .nextMatch, [.key(.down)], help: .nextMatch, when: lineTyped, sends: .quickAdd(.matchMoved(.down))),
        Binding(.cart, .quantityIncrease, [.key(.char("+")), .key(.char("="))], help: .emptyLineOneMore, hint: .more,
                when: { $0.quickAdd.query.isEmpty && !$0.cart.cart.isEmpty }, sends: .cart(.quantityIncreased)),
        Binding(.cart, .quantityDecrease, [.key(.char("-"))], help: .emptyLineOneLess, hint: .less,
                when: { $0.quickAdd.query.isEmpty && !$0.cart.cart.isEmpty }, sends: .cart(.quantityDecreased)),
        Binding(.cart, .removeLine, [.key(.delete)], help: .emptyLineRemoveLineLastYN, hint: .remove,
                when: { $0.quickAdd.query.isEmpty && !$0.cart.cart.isEmpty }, sends: .cart(.removeRequested)),
        Binding(.cart, .removeSelectedLine, [.key(.ctrl("x"))], help: .removeTheSelectedLine, when: { !$0.cart.cart.isEmpty },
                sends: .cart(.removeRequested)),
        Binding(.cart, .oneOff, [.key(.ctrl("o"))], help: .addAOneOffItem, hint: .oneOff, sends: .cart(.oneOffItemRequested)),
    ]
    // With the line empty the arrows move through the cart's lines.
    for (name, keys, help, movement) in [(BindingName.moveUp, [Key.up], BindingPhrase.emptyLineMoveUp, Movement.up),
                                         (.moveDown, [.down], .emptyLineMoveDown, .down),
                                         (.goTop, [.home], .emptyLineGoToTheTop, .top),
                                         (.goBottom, [.end], .emptyLineGoToTheBottom, .bottom)] {
        table.append(Binding(.cart, name, keys.map { .key($0) }, help: help, when: lineEmpty,
                             sends: .cart(.selectionMoved(movement))))
    }
    table += [
        Binding(.cart, .pageUp, [.key(.pageUp)], help: .pageUp) { _, state, context in
            .cart(.selectionMoved(.pageUp(rows: Layout.listRows(for: state, size: context.size))))
        },
        Binding(.cart, .pageDown, [.key(.pageDown)], help: .pageDown) { _, state, context in
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
        Binding(.priceChooser, .addChosen, [.key(.enter)], help: .addTheChosenPrice, hint: .add, sends: .quickAdd(.chooserPicked(nil))),
        Binding(.priceChooser, .moveUp, [.key(.up), .key(.char("k"))], help: .moveUp, sends: .quickAdd(.chooserMoved(.up))),
        Binding(.priceChooser, .moveDown, [.key(.down), .key(.char("j"))], help: .moveDown, sends: .quickAdd(.chooserMoved(.down))),
        Binding(.priceChooser, .addNumbered, (1...9).map { .key(.char(Character(String($0)))) }, help: .addPrice19AtOnce) { key, _, _ in
            if case .char(let c) = key, let number = c.wholeNumberValue { return .quickAdd(.chooserPicked(number)) }
            return nil
        },
        Binding(.priceChooser, .cancel, [.key(.escape)], help: .closeAddNothing, hint: .cancel, sends: .quickAdd(.chooserClosed)),
    ]

    // The command palette: type to find a command or a product, Enter runs it.
    table += [
        Binding(.palette, .run, [.key(.enter)], help: .runTheChosenCommand, hint: .run) { _, state, context in
            let entries = paletteEntries(state, context: context)
            guard entries.indices.contains(state.palette.selection) else { return .palette(.closed) }
            return .palette(.ran(entries[state.palette.selection].actions))
        },
        Binding(.palette, .previousCommand, [.key(.up)], help: .previousCommand) { _, state, context in
            .palette(.moved(.up, count: paletteEntries(state, context: context).count))
        },
        Binding(.palette, .nextCommand, [.key(.down), .key(.tab)], help: .nextCommand) { _, state, context in
            .palette(.moved(.down, count: paletteEntries(state, context: context).count))
        },
        Binding(.palette, .close, [.key(.escape)], help: .closeRunNothing, hint: .close, sends: .palette(.closed)),
    ]
    editing(.palette) { edit, _ in .palette(.edited(edit)) }

    // After a scanned code no price has.
    table += [
        Binding(.unknownCode, .newWithCode, [.key(.char("n"))], help: .makeAProductAndPriceWithTheCode, hint: .newWithCode,
                sends: .quickAdd(.createFromCodeRequested)),
        Binding(.unknownCode, .dismiss, [.key(.escape)], help: .nothing, hint: .dismiss, sends: .quickAdd(.unknownCodeDismissed)),
    ]

    // Checkout form (the URLs; Enter creates the session).
    formKeys(.checkout, submit: .createTheSession, submitHint: .createSession,
             cancel: .backToTheCart, cancelHint: .back)

    // Checkout while the session is being created: the operator may move around.
    table += [
        Binding(.checkoutBusy, .back, [.key(.escape)], help: .backRequestGoesOn, hint: .back,
                sends: .checkout(.form(.cancelled))),
    ]

    // Session: what applies to the session on show is offered (no expire once it is paid).
    table += [
        Binding(.session, .nextSale, [.key(.char("n"))], help: .nextSaleProductsPane, hint: .nextSale,
                when: { $0.session.open != nil }, sends: .session(.nextSaleRequested)),
        Binding(.session, .qr, [.key(.char("f"))], help: .qrCodeFullScreen, hint: .qr,
                when: { $0.session.open?.url?.isEmpty == false }, sends: .session(.qrToggled)),
        Binding(.session, .copyURL, [.key(.char("y"))], help: .copyThePaymentURL, hint: .copyURL,
                when: { $0.session.open?.url?.isEmpty == false }, sends: .session(.urlCopyRequested)),
        Binding(.session, .refresh, [.key(.char("r"))], help: .checkTheSessionNow, hint: .refresh,
                when: { $0.session.open != nil }, sends: .session(.refreshRequested)),
        Binding(.session, .expire, [.key(.char("x"))], help: .expireSessionYN, hint: .expire,
                when: { $0.session.open?.status == .open }, sends: .session(.expireRequested)),
        Binding(.session, .refund, [.key(.char("R"))], help: .refundItAllAmountLines, hint: .refund,
                when: { canRefund($0.session.open, in: $0) }) { _, state, _ in state.session.open.map { .refunds(.refundRequested($0)) } },
        Binding(.session, .receipt, [.key(.char("t"))], help: .saveAndPrintItsReceipt, hint: .receipt,
                when: { isPaid($0.session.open) }) { _, state, _ in state.session.open.map { .receiptRequested($0) } },
        Binding(.session, .printSlip, [.key(.char("Q"))], help: .printAPaymentSlipQRCodeForTheCustomer, hint: .slip,
                when: { $0.settings.hasPrinter && $0.session.open?.status == .open && $0.session.open?.url?.isEmpty == false }) { _, state, _ in
                    state.session.open.map { .slipRequested($0) } },
    ]

    // The QR code full screen: for the customer to scan.
    table += [
        Binding(.qr, .back, [.key(.escape), .key(.char("f"))], help: .backToTheSession, hint: .back, sends: .session(.qrClosed)),
        Binding(.qr, .nextSale, [.key(.char("n"))], help: .nextSaleProductsPane, sends: .session(.nextSaleRequested)),
        Binding(.qr, .quit, [.key(.char("q"))], help: .quitCartIsKept, sends: .quitRequested),
    ]

    // History.
    table += [
        Binding(.history, .open, [.key(.enter)], help: .showItOnTheSessionPane, hint: .open, sends: .history(.openRequested)),
        Binding(.history, .filter, [.key(.char("/"))], help: .filterIdItemAmount, hint: .filter, sends: .history(.filterStarted)),
        Binding(.history, .openOnly, [.key(.char("o"))], help: .openSessionsOnlyAll, hint: .openOnly, sends: .history(.openOnlyToggled)),
        Binding(.history, .reload, [.key(.char("r"))], help: .reloadFromWooshPay, hint: .reload, sends: .history(.refreshRequested)),
        Binding(.history, .refund, [.key(.char("R"))], help: .refundItAllAmountLines, hint: .refund,
                when: { canRefund($0.history.selectedSession, in: $0) }) { _, state, _ in
            state.history.selectedSession.map { .refunds(.refundRequested($0)) }
        },
        Binding(.history, .receipt, [.key(.char("t"))], help: .saveAndPrintItsReceipt, hint: .receipt,
                when: { isPaid($0.history.selectedSession) }) { _, state, _ in state.history.selectedSession.map { .receiptRequested($0) } },
    ]
    // Then Esc clearing the filter, the movement keys, and the history filter field.
    filterableList(.history, field: .historyFilter, isFiltered: { !$0.history.filter.isEmpty },
                   finished: .history(.filterFinished), cleared: .history(.filterCleared),
                   moved: { .history(.selectionMoved($0)) }, edited: { .history(.filterEdited($0)) })

    // Reports: the X report of the open shift; z closes it (the Z report), x expires its open sessions.
    // z is offered while the report loads too, so pressing it says why the shift cannot close yet.
    table += [
        Binding(.reports, .reload, [.key(.char("r"))], help: .reloadTheShiftToNow, hint: .reload,
                sends: .reports(.reloadRequested)),
        Binding(.reports, .closeShift, [.key(.char("z"))], help: .zReportCloseTheShiftYN, hint: .closeShift,
                when: { $0.reports.hasRequested && !$0.reports.isClosing }, sends: .reports(.closeRequested)),
        Binding(.reports, .expireOpen, [.key(.char("x"))], help: .expireAllItsOpenSessionsYN, hint: .expireOpen,
                when: { $0.reports.load == .idle && $0.reports.report?.openSessionIds.isEmpty == false },
                sends: .reports(.expireAllRequested)),
    ]

    // Parking: the label prompt, then the list of parked carts.
    table += [
        Binding(.parkLabel, .park, [.key(.enter)], help: .parkEmptyTicketN, hint: .park) { _, _, context in
            .parked(.labelForm(.submitted(freshID: context.freshID)))
        },
        Binding(.parkLabel, .cancel, [.key(.escape)], help: .cancelParkNothing, hint: .cancel, sends: .parked(.labelForm(.cancelled))),
    ]
    editing(.parkLabel) { edit, _ in .parked(.labelForm(.edited(edit))) }
    table += [
        Binding(.parkedList, .resume, [.key(.enter)], help: .resumeTheTicket, hint: .resume, sends: .parked(.resumeRequested)),
        Binding(.parkedList, .discard, [.key(.char("x")), .key(.delete)], help: .discardItYN, hint: .discard,
                sends: .parked(.discardRequested)),
        Binding(.parkedList, .close, [.key(.escape), .key(.char("P"))], help: .closeTheList, hint: .close, sends: .parked(.listClosed)),
    ]
    movement(.parkedList) { .parked(.selectionMoved($0)) }

    // The refund form: Enter asks y/n with the amount; nothing is sent before the yes.
    table += [
        Binding(.refundForm, .submit, [.key(.enter)], help: .refundAsksYN, hint: .refund) { _, _, context in
            .refunds(.form(.submitted(freshID: context.freshID)))
        },
        Binding(.refundForm, .nextField, [.key(.tab), .key(.down)], help: .nextField, hint: .nextField, sends: .refunds(.form(.focusMovedNext))),
        Binding(.refundForm, .previousField, [.key(.backTab), .key(.up)], help: .previousField, sends: .refunds(.form(.focusMovedPrevious))),
        Binding(.refundForm, .cancel, [.key(.escape)], help: .cancelRefundNothing, hint: .cancel, sends: .refunds(.form(.cancelled))),
    ]
    editing(.refundForm) { edit, _ in .refunds(.form(.edited(edit))) }

    // Product, price and one-off forms.
    formKeys(.form, submit: .createOrSave, submitHint: .save,
             cancel: .cancelSendNothing, cancelHint: .cancel)

    // y/n questions.
    table += [
        Binding(.confirm, .yes, [.key(.char("y")), .key(.char("Y"))], help: .yes, hint: .yes, sends: .confirmationAnswered(true)),
        Binding(.confirm, .no, [.key(.char("n")), .key(.char("N")), .key(.escape)], help: .no, hint: .no, sends: .confirmationAnswered(false)),
    ]

    // Help overlay.
    table += [
        Binding(.help, .close, [.key(.char("?")), .key(.escape)], help: .closeHelp, hint: .close, sends: .helpToggled),
        Binding(.help, .quit, [.key(.char("q"))], help: .quitTill, hint: .quit, sends: .quitRequested),
    ]

    // Pane switching, help, quit; a scan sells from any list pane.
    table.append(Binding(.panes, .scan, [.scan], help: .scanSellThePriceWithThisSKUBarcode) { key, _, _ in
        if case .scan(let code) = key { return .quickAdd(.scanned(code)) }
        return nil
    })
    for pane in Pane.allCases {
        let digit = Character(String(pane.rawValue))
        table.append(Binding(.panes, pane.showBinding.name, [.key(.char(digit))], help: pane.showBinding.help,
                             when: { lettersAreCommands($0) || $0.quickAdd.query.isEmpty }, sends: .paneSelected(pane)))
    }
    table += [
        // Parking sets the sale aside for the next customer; only offered when there is one to park.
        // On the cart letters are the quick-add line's text: there Ctrl-P parks, Ctrl-Z undoes, Ctrl-C quits.
        Binding(.panes, .park, [.key(.char("p"))], help: .parkTheCartAsksALabel, hint: .park,
                when: { lettersAreCommands($0) && hasSaleToPark($0) }, sends: .parked(.parkRequested)),
        Binding(.panes, .parked, [.key(.char("P"))], help: .parkedCartsResumeDiscard, hint: .parked,
                when: { lettersAreCommands($0) && !$0.parked.tickets.isEmpty }, sends: .parked(.listToggled)),
        Binding(.panes, .palette, [.key(.char(":"))], help: .commandPaletteFindAnyCommand, hint: .commands,
                when: { lettersAreCommands($0) || $0.quickAdd.query.isEmpty }, sends: .palette(.opened)),
        Binding(.panes, .undo, [.key(.char("u"))], help: .undoTheLastCartChange, when: lettersAreCommands,
                sends: .undoRequested),
        Binding(.panes, .help, [.key(.char("?"))], help: .showThisHelp, hint: .help,
                when: { lettersAreCommands($0) || $0.quickAdd.query.isEmpty }, sends: .helpToggled),
        Binding(.panes, .quit, [.key(.char("q"))], help: .quitCartIsKept, hint: .quit, when: lettersAreCommands,
                sends: .quitRequested),
    ]

    // Everywhere.
    table += [
        Binding(.always, .repaint, [.key(.ctrl("l"))], help: .repaintTheScreen, runtime: true) { _, _, _ in nil },
        Binding(.always, .quit, [.key(.ctrl("c"))], help: .quitTill, sends: .quitRequested),
        // u's twin where letters are typed text (the cart's quick-add line, forms).
        Binding(.always, .undo, [.key(.ctrl("z"))], help: .undoTheLastCartChange, sends: .undoRequested),
        Binding(.always, .redo, [.key(.ctrl("r"))], help: .redoWhatUndoTookBack, sends: .redoRequested),
        // p's twin where letters are typed text (forms, the filter, the checkout URLs).
        Binding(.always, .park, [.key(.ctrl("p"))], help: .parkTheCartInFormsToo, when: hasSaleToPark,
                sends: .parked(.parkRequested)),
        // Only with operators in the shop (`till operators`); `:lock` in the palette too.
        Binding(.always, .lock, [.key(.ctrl("k"))], help: .lockTheTillTheNextOperatorSignsIn,
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
public func paneTitle(_ pane: Pane, _ language: Language = .english) -> String { pane.text(language) }
