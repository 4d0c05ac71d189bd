import TillCore

/// Keys on the sign-in screen and at a manager's approval. These two hold every key themselves
/// (not the binding table's scopes): on them digits are only ever a PIN, never a scan, a pane or
/// a command, and what they offer is drawn in their own hint line (`OperatorKeys.hints`).
enum OperatorKeys {
    /// The action of `key` while the sign-in screen or an approval holds the keys; nil when
    /// neither does (`handled` false), or the key does nothing there (`handled` true).
    static func action(for key: Key, in state: AppState) -> (handled: Bool, action: AppAction?) {
        if let screen = state.operators.signIn {
            return (true, signIn(key, screen: screen))
        }
        if state.confirmation != nil, state.operators.approval != nil {
            return (true, approval(key))
        }
        return (false, nil)
    }

    private static func signIn(_ key: Key, screen: SignInScreen) -> AppAction? {
        switch key {
        case .up, .char("k"), .backTab: .operators(.selectionMoved(.up))
        case .down, .char("j"), .tab: .operators(.selectionMoved(.down))
        case .home: .operators(.selectionMoved(.top))
        case .end: .operators(.selectionMoved(.bottom))
        case .enter: screen.name == nil && screen.digits.isEmpty ? .operators(.nameChosen) : .operators(.pinSubmitted)
        case .backspace, .delete: .operators(.digitErased)
        case .escape: .operators(.backed)
        case .ctrl("c"): .quitRequested
        case .char(let c) where c.isASCII && c.isNumber: .operators(.digitsTyped(String(c)))
        case .paste(let text), .scan(let text): digits(text)
        default: nil
        }
    }

    private static func approval(_ key: Key) -> AppAction? {
        switch key {
        case .up, .backTab: .operators(.selectionMoved(.up))
        case .down, .tab: .operators(.selectionMoved(.down))
        case .enter: .operators(.pinSubmitted)
        case .backspace, .delete: .operators(.digitErased)
        case .escape, .char("n"), .char("N"): .operators(.backed)
        case .ctrl("k"): .operators(.lockRequested(idle: false))
        case .ctrl("c"): .quitRequested
        case .char(let c) where c.isASCII && c.isNumber: .operators(.digitsTyped(String(c)))
        case .paste(let text), .scan(let text): digits(text)
        default: nil
        }
    }

    private static func digits(_ text: String) -> AppAction? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return .operators(.digitsTyped(trimmed))
    }

    /// Whether these keys hold the keyboard now (a scan is then digits and its Enter).
    static func holdKeys(_ state: AppState) -> Bool {
        state.operators.signIn != nil || (state.confirmation != nil && state.operators.approval != nil)
    }

    /// The hint line while they do.
    static func hints(_ state: AppState) -> [HintItem] {
        let language = state.settings.language
        func item(_ key: String, _ text: ScreenPhrase, global: Bool = false) -> HintItem {
            HintItem(key: key, text: text.text(language), global: global)
        }
        if let screen = state.operators.signIn {
            if screen.name == nil {
                return [item("↑↓", .hintChoose), item("Enter", .hintPIN), item("Ctrl-C", .hintQuit, global: true)]
            }
            return [item("0-9", .hintPIN), item("Enter", .hintSignIn), item("Esc", .hintBack), item("Ctrl-C", .hintQuit, global: true)]
        }
        return [item("0-9", .hintManagerPIN), item("Enter", .hintApprove), item("Tab", .hintAnotherManager), item("Esc", .hintCancel)]
    }
}
