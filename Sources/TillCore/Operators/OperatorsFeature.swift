import Foundation

/// What happened on the sign-in screen, at an approval, or to who is at the till.
public enum OperatorsAction: Hashable, Sendable {
    /// ↑/↓ on the sign-in list, or Tab between managers at an approval.
    case selectionMoved(Movement)
    /// Enter on a name: its PIN is typed next.
    case nameChosen
    /// Digits of the PIN, typed or pasted (on the sign-in screen digits are only ever the PIN,
    /// a scanner's burst included). Anything but digits is ignored.
    case digitsTyped(String)
    case digitErased
    /// Enter after the PIN.
    case pinSubmitted
    /// Esc: back to the list (sign-in), or the approval given up (the confirmation with it).
    case backed
    /// `:lock`, its key, or `lock_after` with no key: the till locks at once.
    case lockRequested(idle: Bool)
}

/// What the runtime reports about operators: the store's answers.
public enum OperatorsAnswer: Hashable, Sendable {
    /// The store's answer to `checkPIN` (`now`: the runtime's clock when it answered).
    case pinChecked(name: String, purpose: PINPurpose, Result<PINCheck, StoreFailure>, now: Date)
    /// The shop's operators, read again (after a sign-in screen found a name gone, or at start).
    case rosterLoaded([Operator])
    /// The newest audit entries, for the reports pane (`.loadAudit`).
    case auditLoaded([AuditEntry])
}

/// Sign-in, lock and approvals: the reducer of `OperatorsState`. Effects are data: the PIN is
/// checked by the runtime against the shop store (`.checkPIN`), where wrong PINs count towards a
/// lockout across the shop's tills; the answer comes back with the clock (`pinChecked(…, now:)`).
public enum OperatorsFeature {
    public enum Delegate: Hashable, Sendable {
        /// Someone signed in; `previous` was at the till before the lock (nil at start).
        case signedIn(Operator, previous: String?)
        /// The till locked; `by` was signed in.
        case locked(by: String?, idle: Bool)
        /// A manager's PIN approved the confirmation being asked.
        case approved(by: Operator, GuardedAction)
        /// The approval was given up: the confirmation goes with it.
        case approvalCancelled(GuardedAction)
    }

    public static func reduce(into state: inout OperatorsState, action: OperatorsAction) -> Reduced<Delegate> {
        switch action {
        case .lockRequested(let idle):
            guard state.isActive, state.signIn == nil else { return .none }
            let previous = state.current
            let selection = previous.flatMap { person in state.roster.firstIndex { $0.name == person.name } } ?? 0
            state.current = nil
            state.approval = nil
            state.signIn = SignInScreen(selection: selection, message: .locked(by: previous?.name))
            // The list is read again: operators added or removed since show at the next sign-in.
            return Reduced([.cancel(.tick(.idleLock)), .loadOperators], delegates: [.locked(by: previous?.name, idle: idle)])

        case .selectionMoved(let movement):
            if var screen = state.signIn {
                guard !screen.isChecking else { return .none }
                screen.selection = movement.apply(to: screen.selection, count: state.roster.count)
                // Another name: what was typed was for the one before.
                screen.name = nil
                screen.digits = PINDigits()
                state.signIn = screen
            } else if var prompt = state.approval, !prompt.isChecking {
                prompt.selection = movement.apply(to: prompt.selection, count: state.managers.count)
                prompt.digits = PINDigits()
                state.approval = prompt
            }
            return .none

        case .nameChosen:
            guard var screen = state.signIn, !screen.isChecking, state.roster.indices.contains(screen.selection) else {
                return .none
            }
            screen.name = state.roster[screen.selection].name
            screen.digits = PINDigits()
            state.signIn = screen
            return .none

        case .digitsTyped(let text):
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .none }
            if var screen = state.signIn {
                guard !screen.isChecking, state.roster.indices.contains(screen.selection) else { return .none }
                // A digit on the list starts the PIN of the name highlighted.
                if screen.name == nil { screen.name = state.roster[screen.selection].name }
                for digit in text { screen.digits.append(digit) }
                state.signIn = screen
            } else if var prompt = state.approval, !prompt.isChecking {
                for digit in text { prompt.digits.append(digit) }
                state.approval = prompt
            }
            return .none

        case .digitErased:
            if var screen = state.signIn, !screen.isChecking {
                screen.digits.removeLast()
                state.signIn = screen
            } else if var prompt = state.approval, !prompt.isChecking {
                prompt.digits.removeLast()
                state.approval = prompt
            }
            return .none

        case .pinSubmitted:
            if var screen = state.signIn {
                guard !screen.isChecking, state.roster.indices.contains(screen.selection) else { return .none }
                let name = screen.name ?? state.roster[screen.selection].name
                screen.name = name
                let reduced = submit(&screen) { .checkPIN(name: name, pin: $0, purpose: .signIn) }
                state.signIn = screen
                return reduced
            }
            guard var prompt = state.approval, !prompt.isChecking, state.managers.indices.contains(prompt.selection) else {
                return .none
            }
            let manager = state.managers[prompt.selection].name
            let action = prompt.action
            let reduced = submit(&prompt) { .checkPIN(name: manager, pin: $0, purpose: .approval(action)) }
            state.approval = prompt
            return reduced

        case .backed:
            if var screen = state.signIn {
                guard !screen.isChecking else { return .none }
                screen.name = nil
                screen.digits = PINDigits()
                state.signIn = screen
                return .none
            }
            // Not while its PIN is being checked: a late "accepted" must never meet another question.
            guard let prompt = state.approval, !prompt.isChecking else { return .none }
            state.approval = nil
            return .delegate(.approvalCancelled(prompt.action))
        }
    }

    /// Sends the typed PIN to be checked, or tells the prompt it is not a PIN. Either way the
    /// digits leave the state at once.
    private static func submit<Prompt: PINPrompt>(_ prompt: inout Prompt, check: (PIN) -> Effect) -> Reduced<Delegate> {
        guard let pin = prompt.digits.pin else {
            prompt.message = .notAPIN
            prompt.digits = PINDigits()
            return .none
        }
        prompt.digits = PINDigits()
        prompt.isChecking = true
        return Reduced([check(pin)])
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout OperatorsState, action: OperatorsAnswer) -> Reduced<Delegate> {
        switch action {
        case .rosterLoaded(let roster):
            state.roster = roster
            if roster.isEmpty {
                state.signIn = nil
                state.approval = nil
            } else if var screen = state.signIn {
                screen.selection = min(screen.selection, roster.count - 1)
                state.signIn = screen
            }
            return .none

        case .auditLoaded(let entries):
            state.recentAudit = entries
            return .none

        case .pinChecked(let name, .signIn, let result, _):
            guard var screen = state.signIn, screen.isChecking, screen.name == name else { return .none }
            screen.isChecking = false
            switch result {
            case .success(.accepted(let person)):
                let previous = screen.message.flatMap { if case .locked(let by) = $0 { by } else { nil } }
                state.current = person
                state.signIn = nil
                var effects: [Effect] = []
                if let after = state.lockAfter { effects.append(.idleLock(after: after)) }
                return Reduced(effects, status: .info(.signedIn(name: person.name)),
                               delegates: [.signedIn(person, previous: previous)])
            default:
                screen.message = SignInMessage(notAccepted: result)
            }
            state.signIn = screen
            return .none

        case .pinChecked(let name, .approval(let guarded), let result, _):
            guard var prompt = state.approval, prompt.isChecking, prompt.action == guarded,
                  state.managers.indices.contains(prompt.selection), state.managers[prompt.selection].name == name
            else { return .none }
            prompt.isChecking = false
            switch result {
            case .success(.accepted(let person)) where person.isManager:
                state.approval = nil
                return .delegate(.approved(by: person, guarded))
            case .success(.accepted(let person)):
                prompt.message = .notAManager(person.name)
            default:
                prompt.message = SignInMessage(notAccepted: result)
            }
            state.approval = prompt
            return .none
        }
    }
}
