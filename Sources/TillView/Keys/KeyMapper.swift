import Foundation
import TillCore

/// The action a key sends in this state with the default keys (see `BindingTable.action`).
public func action(for key: Key, in state: AppState, context: KeyContext) -> AppAction? {
    BindingTable.standard.action(for: key, in: state, context: context)
}

/// Whether the runtime itself acts on this key (Ctrl-L repaints) rather than sending an action.
public func isHandledByRuntime(_ key: Key) -> Bool {
    BindingTable.standard.isHandledByRuntime(key)
}

extension BindingTable {
    /// The action a key sends in this state, read from the table; nil when the key does
    /// nothing here or the runtime handles it (Ctrl-L).
    public func action(for key: Key, in state: AppState, context: KeyContext) -> AppAction? {
        // The sign-in screen and a manager's approval take every key themselves.
        let held = OperatorKeys.action(for: key, in: state)
        if held.handled { return held.action }
        // Below the minimum size only the "too small" message is on screen: a key must not archive,
        // expire or submit what the operator cannot see. Quitting still works.
        let scopes: [KeyScope]
        if Layout(size: context.size).fits {
            scopes = activeScopes(state)
        } else if key == .char("q") && !state.isEditingText && state.confirmation == nil {
            return .quitRequested
        } else {
            scopes = [.always]
        }
        for scope in scopes {
            // Named keys win over typed text, so Esc or Enter in a field never become text.
            var typed: Binding? = nil
            // A key not offered in this state (not in the hint bar or help) does nothing here.
            for binding in bindings(in: scope) where binding.isOffered(state) {
                if binding.keys.contains(.typedText) {
                    typed = binding
                    continue
                }
                if binding.keys.contains(where: { $0.matches(key) }) {
                    return binding.action(for: key, in: state, context: context)
                }
            }
            if let typed, let action = typed.action(for: key, in: state, context: context) { return action }
        }
        return nil
    }

    /// Whether a scan would sell in this state rather than be typed into a field (the terminal
    /// joins a scanner's burst split across reads only then).
    public func sellsScans(in state: AppState, size: Size) -> Bool {
        let context = KeyContext(now: Date(timeIntervalSince1970: 0), freshID: "", size: size)
        if case .user(.quickAdd(.scanned(_))) = action(for: .scan("0"), in: state, context: context) { return true }
        return false
    }

    /// The keys a scan stands for in this state. A key pressed just before the scanner fires can
    /// reach Till in the same read as the scan (Till was drawing, or the connection was busy):
    /// "3" then "4006381333931⏎" reads as the unknown code "34006381333931". So when the whole
    /// code is no price's code and what follows its first character is, that character is a key
    /// and the rest the scan (not for short numeric codes: "21001" and "1001" may both be real).
    /// Until the price sync has brought every code, a digit in front of an EAN or UPC is split off
    /// the same way when the whole is no barcode (not of a barcode's length, nor a GTIN-14 with a
    /// right check digit). Anything else is one scan, looked up with WooshPay when unknown.
    ///
    /// Where a text field has the keys, a scan is what was typed: a person's "3.20⏎" can come in
    /// one read too (a busy link, a tmux send-keys), and their Enter must not be lost. A barcode
    /// (a price's code, or an EAN, UPC or GTIN-14 with a right check digit) is typed without its
    /// Enter, so a scan into the checkout URLs or the one-off amount cannot submit them.
    public func keys(forScan code: String, in state: AppState, context: KeyContext) -> [Key] {
        let whole = [Key.scan(code)]
        // A PIN typed fast enough to read as a scan is the PIN, and its Enter submits it.
        if OperatorKeys.holdKeys(state) { return [.paste(code), .enter] }
        let products = state.catalog
        guard sellsScans(in: state, size: context.size) else {
            // Only text fields take a paste; elsewhere (a y/n question, the chooser's 1–9) the
            // code's characters must not act as keys.
            guard action(for: .paste(code), in: state, context: context) != nil else { return whole }
            let isBarcode = products.pricesByCode[code] != nil || Barcode.isValid(code)
            return isBarcode ? [.paste(code)] : [.paste(code), .enter]
        }
        guard products.pricesByCode[code] == nil, let first = code.first else { return whole }
        let rest = String(code.dropFirst())
        guard rest.count >= Key.shortestScan else { return whole }
        let digitsOnly = Barcode.isDigits(code)
        // Of a barcode's length (misread or not), or a GTIN-14 with a right check digit.
        let wholeIsBarcode = Barcode.kind(of: code) != nil || Barcode.isValid(code)
        let isCode = (products.pricesByCode[rest] != nil && (!digitsOnly || Barcode.isValid(rest) || rest.count >= 8))
            || (!products.pricesSynced && digitsOnly && !wholeIsBarcode && Barcode.isValid(rest))
        // The first character must do something here, or it was not a key pressed before.
        guard isCode, action(for: .char(first), in: state, context: context) != nil else { return whole }
        return [.char(first), .scan(rest)]
    }

    /// Whether the runtime itself acts on this key (Ctrl-L repaints) rather than sending an action.
    public func isHandledByRuntime(_ key: Key) -> Bool {
        all.contains { $0.handledByRuntime && $0.keys.contains(.key(key)) }
    }

    /// The bindings that take keys in this state, in table order by scope.
    public func activeBindings(_ state: AppState) -> [Binding] {
        activeScopes(state).flatMap { bindings(in: $0) }.filter { $0.isOffered(state) }
    }
}

/// The scopes whose bindings take keys in this state, most specific first.
public func activeScopes(_ state: AppState) -> [KeyScope] {
    if state.confirmation != nil { return [.confirm, .always] }
    if state.isHelpVisible { return [.help, .always] }
    if state.palette.isOpen { return [.palette, .always] }
    if state.refunds.form != nil { return [.refundForm, .always] }
    if state.parked.labelForm != nil { return [.parkLabel, .always] }
    if state.parked.isListShown { return [.parkedList, .always] }
    if state.quickAdd.chooser != nil, state.focus == .cart, state.cart.oneOffForm == nil { return [.priceChooser, .always] }
    if state.quickAdd.unknownCode != nil, state.activeForm == nil { return [.unknownCode] + underlyingScopes(state) }
    return underlyingScopes(state)
}

/// The scopes in effect beneath any overlay: what the help overlay explains.
public func underlyingScopes(_ state: AppState) -> [KeyScope] {
    switch state.focus {
    case .products:
        if state.products.form != nil { return [.form, .always] }
        if state.products.isFilterEditing { return [.filter, .always] }
        return [.products, .panes, .always]
    case .prices:
        if state.prices.form != nil { return [.form, .always] }
        return [.prices, .panes, .always]
    case .cart:
        if state.cart.oneOffForm != nil { return [.form, .always] }
        return [.cart, .panes, .always]
    case .checkout:
        if state.checkout.isSubmitting { return [.checkoutBusy, .panes, .always] }
        return [.checkout, .always]
    case .session:
        if state.session.isQRFullScreen { return [.qr, .always] }
        return [.session, .panes, .always]
    case .history:
        if state.history.isFilterEditing { return [.historyFilter, .always] }
        return [.history, .panes, .always]
    case .reports:
        return [.reports, .panes, .always]
    }
}

/// The bindings that take keys in this state with the default keys.
public func activeBindings(_ state: AppState) -> [Binding] {
    BindingTable.standard.activeBindings(state)
}
