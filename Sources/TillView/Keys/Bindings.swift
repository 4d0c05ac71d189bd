import TillCore

// The one table of key bindings. The hint bar, the help overlay, docs/keys.md and the key mapper
// all read it, so what the screen says a key does is what it does.

/// Every binding, in the order help lists them.
public let bindings: [Binding] = {
    var table: [Binding] = []

    // Lists: the same movement keys in every list pane.
    func movement(_ scope: KeyScope, _ wrap: @escaping @Sendable (Movement) -> AppAction) {
        table += [
            Binding(scope, [.key(.char("k")), .key(.up)], help: "move up") { _, _, _ in wrap(.up) },
            Binding(scope, [.key(.char("j")), .key(.down)], help: "move down") { _, _, _ in wrap(.down) },
            Binding(scope, [.key(.char("g")), .key(.home)], help: "go to the top") { _, _, _ in wrap(.top) },
            Binding(scope, [.key(.char("G")), .key(.end)], help: "go to the bottom") { _, _, _ in wrap(.bottom) },
            // A page is the rows the list shows at the size of the terminal at the key press.
            Binding(scope, [.key(.pageUp)], help: "page up") { _, state, context in
                wrap(.pageUp(rows: Layout.listRows(for: state, size: context.size)))
            },
            Binding(scope, [.key(.pageDown)], help: "page down") { _, state, context in
                wrap(.pageDown(rows: Layout.listRows(for: state, size: context.size)))
            },
        ]
    }

    // Text fields: the same editing keys in every form and the filter.
    func editing(_ scope: KeyScope, _ wrap: @escaping @Sendable (TextEdit) -> AppAction) {
        table += [
            Binding(scope, [.typedText], help: "type into the field") { key, _, _ in
                switch key {
                case .char(let c): return wrap(.inserted(String(c)))
                // A paste is text, never commands: its line breaks do not submit the form;
                // lines are joined with a space and a trailing line break is dropped.
                case .paste(let text):
                    return wrap(.inserted(text.split(whereSeparator: \.isNewline).joined(separator: " ")))
                default: return nil
                }
            },
            Binding(scope, [.key(.backspace)], help: "delete before cursor") { _, _, _ in wrap(.deletedBackward) },
            Binding(scope, [.key(.delete)], help: "delete at cursor") { _, _, _ in wrap(.deletedForward) },
            Binding(scope, [.key(.ctrl("u"))], help: "clear to field start", hint: "clear") { _, _, _ in
                wrap(.deletedToStart)
            },
            Binding(scope, [.key(.left)], help: "cursor left") { _, _, _ in wrap(.cursorMovedLeft) },
            Binding(scope, [.key(.right)], help: "cursor right") { _, _, _ in wrap(.cursorMovedRight) },
            Binding(scope, [.key(.home), .key(.ctrl("a"))], help: "cursor to the start") { _, _, _ in
                wrap(.cursorMovedToStart)
            },
            Binding(scope, [.key(.end), .key(.ctrl("e"))], help: "cursor to the end") { _, _, _ in
                wrap(.cursorMovedToEnd)
            },
        ]
    }

    func formKeys(_ scope: KeyScope, submit: String, submitHint: String, cancel: String, cancelHint: String) {
        table += [
            Binding(scope, [.key(.enter)], help: submit, hint: submitHint) { _, _, context in
                .form(.submitted(freshID: context.freshID))
            },
            Binding(scope, [.key(.tab), .key(.down)], help: "next field", hint: "next field") { _, _, _ in
                .form(.focusMovedNext)
            },
            Binding(scope, [.key(.backTab), .key(.up)], help: "previous field") { _, _, _ in
                .form(.focusMovedPrevious)
            },
            Binding(scope, [.key(.escape)], help: cancel, hint: cancelHint) { _, _, _ in .form(.cancelled) },
        ]
        editing(scope) { .form(.edited($0)) }
    }

    // Products.
    table += [
        Binding(.products, [.key(.enter)], help: "open its prices", hint: "prices") { _, _, _ in
            .catalog(.pricesRequested)
        },
        Binding(.products, [.key(.char("/"))], help: "filter as you type", hint: "filter") { _, _, _ in
            .catalog(.filterStarted)
        },
        Binding(.products, [.key(.char("n"))], help: "new product", hint: "new") { _, _, _ in
            .catalog(.newProductRequested)
        },
        Binding(.products, [.key(.char("e"))], help: "edit the product", hint: "edit") { _, _, _ in
            .catalog(.editProductRequested)
        },
        Binding(.products, [.key(.char("a"))], help: "(un)archive, asks y/n", hint: "archive") { _, _, _ in
            .catalog(.archiveToggleRequested)
        },
        Binding(.products, [.key(.char("r"))], help: "reload from WooshPay", hint: "reload") { _, _, _ in
            .catalog(.reloadRequested)
        },
        Binding(.products, [.key(.escape)], help: "clear the filter") { _, state, _ in
            state.catalog.filter.isEmpty ? nil : .catalog(.filterCleared)
        },
    ]
    movement(.products) { .catalog(.selectionMoved($0)) }

    // The filter field.
    table += [
        Binding(.filter, [.key(.enter)], help: "keep filter, to list", hint: "done") { _, _, _ in
            .catalog(.filterFinished)
        },
        Binding(.filter, [.key(.escape)], help: "clear the filter", hint: "clear filter") { _, _, _ in
            .catalog(.filterCleared)
        },
        Binding(.filter, [.key(.up)], help: "move up the list") { _, _, _ in .catalog(.selectionMoved(.up)) },
        Binding(.filter, [.key(.down)], help: "move down the list") { _, _, _ in .catalog(.selectionMoved(.down)) },
    ]
    editing(.filter) { .catalog(.filterEdited($0)) }

    // Prices.
    table += [
        Binding(.prices, [.key(.enter)], help: "add to cart (again +1)", hint: "add to cart") { _, _, _ in
            .prices(.addToCartRequested)
        },
        Binding(.prices, [.key(.char("n"))], help: "new price for product", hint: "new price") { _, _, _ in
            .prices(.newPriceRequested)
        },
        Binding(.prices, [.key(.char("N"))], help: "new price, new product", hint: "new product+price") { _, _, _ in
            .prices(.newPriceWithProductRequested)
        },
        Binding(.prices, [.key(.char("r"))], help: "reload the prices", hint: "reload") { _, _, _ in
            .prices(.reloadRequested)
        },
    ]
    movement(.prices) { .prices(.selectionMoved($0)) }

    // Cart.
    table += [
        Binding(.cart, [.key(.char("+")), .key(.char("="))], help: "one more", hint: "more") { _, _, _ in
            .cart(.quantityIncreased)
        },
        Binding(.cart, [.key(.char("-"))], help: "one less", hint: "less") { _, _, _ in
            .cart(.quantityDecreased)
        },
        Binding(.cart, [.key(.char("x")), .key(.delete)], help: "remove line (last y/n)", hint: "remove") { _, _, _ in
            .cart(.removeRequested)
        },
        Binding(.cart, [.key(.char("o"))], help: "add a one-off item", hint: "one-off") { _, _, _ in
            .cart(.oneOffItemRequested)
        },
        Binding(.cart, [.key(.char("c"))], help: "check out", hint: "checkout") { _, _, _ in
            .cart(.checkoutRequested)
        },
    ]
    movement(.cart) { .cart(.selectionMoved($0)) }

    // Checkout form (the URLs; Enter creates the session).
    formKeys(.checkout, submit: "create the session", submitHint: "create session",
             cancel: "back to the cart", cancelHint: "back")

    // Checkout while the session is being created: the operator may move around.
    table += [
        Binding(.checkoutBusy, [.key(.escape)], help: "back (request goes on)", hint: "back") { _, _, _ in
            .form(.cancelled)
        },
    ]

    // Session.
    table += [
        Binding(.session, [.key(.char("y"))], help: "copy the payment URL", hint: "copy URL") { _, _, _ in
            .sessions(.urlCopyRequested)
        },
        Binding(.session, [.key(.char("r"))], help: "reload list, check open", hint: "refresh") { _, _, _ in
            .sessions(.refreshRequested)
        },
        Binding(.session, [.key(.char("x"))], help: "expire session (y/n)", hint: "expire") { _, _, _ in
            .sessions(.expireRequested)
        },
        Binding(.session, [.key(.enter)], help: "fetch and watch selected", hint: "open") { _, _, _ in
            .sessions(.sessionOpened)
        },
    ]
    movement(.session) { .sessions(.selectionMoved($0)) }

    // Product, price and one-off forms.
    formKeys(.form, submit: "create or save", submitHint: "save",
             cancel: "cancel, send nothing", cancelHint: "cancel")

    // y/n questions.
    table += [
        Binding(.confirm, [.key(.char("y")), .key(.char("Y"))], help: "yes", hint: "yes") { _, _, _ in
            .confirmationAnswered(true)
        },
        Binding(.confirm, [.key(.char("n")), .key(.char("N")), .key(.escape)], help: "no", hint: "no") { _, _, _ in
            .confirmationAnswered(false)
        },
    ]

    // Help overlay.
    table += [
        Binding(.help, [.key(.char("?")), .key(.escape)], help: "close help", hint: "close") { _, _, _ in .helpToggled },
        Binding(.help, [.key(.char("q"))], help: "quit Till", hint: "quit") { _, _, _ in .quitRequested },
    ]

    // Pane switching, help, quit.
    for pane in Pane.allCases {
        let digit = Character(String(pane.rawValue))
        table.append(Binding(.panes, [.key(.char(digit))], help: "show " + paneTitle(pane)) { _, _, _ in
            .paneSelected(pane)
        })
    }
    table += [
        Binding(.panes, [.key(.char("?"))], help: "show this help", hint: "help") { _, _, _ in .helpToggled },
        Binding(.panes, [.key(.char("q"))], help: "quit (cart is kept)", hint: "quit") { _, _, _ in .quitRequested },
    ]

    // Everywhere.
    table += [
        Binding(.always, [.key(.ctrl("l"))], help: "repaint the screen", runtime: true) { _, _, _ in nil },
        Binding(.always, [.key(.ctrl("c"))], help: "quit Till") { _, _, _ in .quitRequested },
    ]
    return table
}()

/// The pane's name as the tabs and help show it.
public func paneTitle(_ pane: Pane) -> String {
    switch pane {
    case .products: "Products"
    case .prices: "Prices"
    case .cart: "Cart"
    case .checkout: "Checkout"
    case .session: "Session"
    }
}
