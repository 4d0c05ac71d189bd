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
        guard let name = try options.name ?? (interactive ? SecretPrompt.readVisible(prompt: CLIPhrase.managersName.said) : nil),
              !name.isEmpty else {
            throw refuse(action, CLIPhrase.needsManager.said("action", Self.title(action)),
                   store: store, till: till, who: nil)
        }
        // Digits alone are a PIN typed where the name goes: refused before anything is checked or
        // recorded, so they reach neither the lockouts nor the audit.
        if Operator.looksLikePIN(name) {
            throw refuse(action, CLIPhrase.looksLikePIN.said,
                         store: store, till: till, who: nil)
        }
        let text: String
        if options.pinStdin || !interactive {
            text = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) ?? ""
        } else {
            text = try SecretPrompt.read(prompt: CLIPhrase.pinFor.said("name", name))
        }
        guard let pin = PIN(text) else {
            throw refuse(action, CLIPhrase.notAPINRefused.said("rule", CLIPhrase.pinRule.said, "action", Self.title(action).lowercased()),
                   store: store, till: till, who: name)
        }
        let check = try store.checkPIN(name: name, pin: pin, now: Date(), till: till, audit: nil)
        guard case .accepted(let person) = check else {
            throw refuse(action, Self.refusal(check) + " " + CLIPhrase.actionRefused.said("action", Self.title(action)),
                   store: store, till: till, who: name, audited: true)
        }
        switch permissions.decide(action, by: person) {
        case .allowed:
            return CommandApproval(person: person)
        case .needsApproval, .refused:
            throw refuse(action, CLIPhrase.roleRefused.said("action", Self.title(action), "name", person.name,
                                                            "role", Self.role(person.role)),
                         store: store, till: till, who: person.name)
        }
    }

    /// A guarded action's name, as the messages above say it.
    static func title(_ action: GuardedAction) -> String {
        switch action {
        case .refund: CLIPhrase.actionRefund.said
        case .zClose: CLIPhrase.actionZClose.said
        case .expireAll: CLIPhrase.actionExpireAll.said
        case .discardOthersTicket: CLIPhrase.actionDiscardTicket.said
        case .archiveProduct: CLIPhrase.actionArchive.said
        }
    }

    /// A role as a word (`till operators` prints it too).
    static func role(_ role: OperatorRole) -> String {
        switch role {
        case .cashier: CLIPhrase.cashier.said
        case .manager: CLIPhrase.manager.said
        }
    }

    /// Why a PIN was refused (the lockout's own wording, in the command line's language).
    static func refusal(_ check: PINCheck) -> String {
        switch check {
        case .accepted: CLIPhrase.refused.said
        case .refused(nil): CLIPhrase.wrongPIN.said
        case .refused(let seconds?): CLIPhrase.wrongPINLocked.said("time", Lockout.text(forSeconds: seconds))
        case .locked(let seconds): CLIPhrase.lockedOut.said("time", Lockout.text(forSeconds: seconds))
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
