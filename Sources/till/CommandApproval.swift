import ArgumentParser
import Foundation
import TillConfig
import TillCore
import TillStore

/// `--operator NAME --pin-stdin`: who runs a command that the shop keeps for managers.
struct OperatorOptions: ParsableArguments {
    @Option(name: .customLong("operator"), help: "Who runs the command (a manager, for refunds and Z reports when the shop has operators).")
    var name: String?
    @Flag(help: "Read the operator's PIN from the first line of standard input (for scripts).")
    var pinStdin = false
}

/// The command line's check of `permissions` for a guarded action. With no operators in the shop
/// it lets everything through, as before; otherwise it asks for a name and PIN on the terminal (or
/// takes `--operator NAME --pin-stdin`), checks the PIN against the shop store (wrong PINs count
/// towards the name's lockout and are audited), and exits 3 when the action is refused.
struct CommandApproval {
    /// The operator who ran the command (nil when the shop has no operators, or none was needed and given).
    var person: Operator?

    var operatorName: String? { person?.name }

    static func require(_ action: GuardedAction, _ options: OperatorOptions, store: any ShopStore, till: String,
                        permissions: Permissions) throws -> CommandApproval {
        guard try store.hasOperators() else { return CommandApproval(person: nil) }
        let setting = permissions.setting(for: action)
        if setting == .anyone, options.name == nil { return CommandApproval(person: nil) }
        let interactive = isatty(STDIN_FILENO) == 1 && !options.pinStdin
        guard let name = try options.name ?? (interactive ? SecretPrompt.readVisible(prompt: "Manager's name: ") : nil),
              !name.isEmpty else {
            throw refuse(action, "\(action.title) needs a manager: give --operator NAME --pin-stdin (the PIN on standard input).",
                   store: store, till: till, who: nil)
        }
        // Digits alone are a PIN typed where the name goes: refused before anything is checked or
        // recorded, so they reach neither the lockouts nor the audit.
        if Operator.looksLikePIN(name) {
            throw refuse(action, "That looks like a PIN, not a name: give the manager's name, then the PIN.",
                         store: store, till: till, who: nil)
        }
        let text: String
        if options.pinStdin || !interactive {
            text = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) ?? ""
        } else {
            text = try SecretPrompt.read(prompt: "PIN for \(name): ")
        }
        guard let pin = PIN(text) else {
            throw refuse(action, "Not a PIN (\(PIN.rule)): \(action.title.lowercased()) refused, nothing was sent.",
                   store: store, till: till, who: name)
        }
        let check = try store.checkPIN(name: name, pin: pin, now: Date(), till: till, audit: nil)
        guard case .accepted(let person) = check else {
            throw refuse(action, (check.refusal ?? "Refused.") + " \(action.title) refused, nothing was sent.",
                   store: store, till: till, who: name, audited: true)
        }
        switch permissions.decide(action, by: person) {
        case .allowed:
            return CommandApproval(person: person)
        case .needsApproval, .refused:
            throw refuse(action, "\(action.title) needs a manager, and \(person.name) is a \(person.role.rawValue): "
                   + "run it with a manager's --operator and PIN. Nothing was sent.", store: store, till: till, who: person.name)
        }
    }

    /// Records the refusal; the failure says why and exits 3.
    static func refuse(_ action: GuardedAction, _ message: String, store: any ShopStore, till: String, who: String?,
                       audited: Bool = false) -> CommandFailure {
        if !audited {
            try? store.appendAudit(AuditEntry(time: Date(), till: till, operatorName: who, action: .approvalRefused,
                                              objectId: action.rawValue))
        }
        return CommandFailure(message, code: ExitStatus.notPermitted)
    }
}

extension SecretPrompt {
    /// One line from the terminal, echoed (a name).
    static func readVisible(prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        return (readLine(strippingNewline: true) ?? "").trimmingCharacters(in: .whitespaces)
    }
}
