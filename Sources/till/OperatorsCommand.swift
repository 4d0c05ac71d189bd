import ArgumentParser
import Foundation
import TillConfig
import TillCore
import TillStore
import TillView
import WooshPay

/// `till operators …`: the people who sign in at the shop's tills, their roles and PINs. Operators
/// live in the shop store (every till and host of the shop sees them); a PIN is kept only as a
/// salted scrypt hash. With no operators, Till runs as a one-person till with no PIN.
struct OperatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operators", abstract: "Add, list and remove the shop's operators; set their PINs and roles.",
        discussion: """
            Once one operator exists, the TUI starts on a sign-in screen and refunds, Z reports, expiring \
            every open session, discarding another operator's ticket and archiving a product need a manager \
            (see `permissions` in config.toml). Add a manager first.
            """,
        subcommands: [Add.self, List.self, Remove.self, SetPIN.self, SetRole.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an operator (the PIN is asked twice, with no echo).")
        @Argument(help: "The name shown on the sign-in screen (up to 40 printable characters, unique in the shop).")
        var name: String
        @Option(help: "cashier or manager.") var role: OperatorRole = .cashier
        @Flag(help: "Read the PIN from the first line of standard input (for scripts).") var pinStdin = false
        @Flag(help: "Print the operator as JSON.") var json = false

        func validate() throws {
            if let problem = Operator.problem(withName: name) { throw ValidationError(problem) }
        }

        func run() throws {
            let shop = try OperatorShop.open()
            let existing = try shop.store.operators()
            if existing.isEmpty, role != .manager {
                OperatorShop.note(CLIPhrase.firstIsCashier.said)
            }
            let pin = try OperatorShop.newPIN(stdin: pinStdin)
            let person = Operator(name: name, role: role)
            try shop.run { try $0.addOperator(person, pin: try PINHash.make(pin), now: Date()) }
            shop.audit(.operatorAdded, object: name)
            if json { return OperatorShop.printJSON(person) }
            print(CLIPhrase.operatorAdded.said("name", sanitize(name), "role", CommandApproval.role(role)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the shop's operators and their roles (never PINs).")
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            let shop = try OperatorShop.open()
            let people = try shop.store.operators()
            if json { return OperatorShop.printJSON(people) }
            guard !people.isEmpty else {
                return print(CLIPhrase.noOperators.said)
            }
            Output(json: false).table(Heading.names(.name, .role), people.map { [sanitize($0.name), CommandApproval.role($0.role)] })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an operator (their sales and audit entries keep the name).")
        @Argument var name: String

        func run() throws {
            let shop = try OperatorShop.open()
            try shop.run { try $0.removeOperator(name: name) }
            shop.audit(.operatorRemoved, object: name)
            print(CLIPhrase.operatorRemoved.said("name", sanitize(name)))
        }
    }

    struct SetPIN: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-pin", abstract: "Give an operator a new PIN.")
        @Argument var name: String
        @Flag(help: "Read the PIN from the first line of standard input (for scripts).") var pinStdin = false

        func run() throws {
            let shop = try OperatorShop.open()
            guard try shop.store.credential(name: name) != nil else { OperatorShop.fail(Says.operators(.unknown(name))) }
            let pin = try OperatorShop.newPIN(stdin: pinStdin)
            try shop.run { try $0.setPIN(name: name, pin: try PINHash.make(pin), now: Date()) }
            try? shop.store.clearLockout(name: name)
            shop.audit(.pinChanged, object: name)
            print(CLIPhrase.pinSet.said("name", sanitize(name)))
        }
    }

    struct SetRole: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Make an operator a cashier or a manager.")
        @Argument var name: String
        @Argument(help: "cashier or manager.") var role: OperatorRole

        func run() throws {
            let shop = try OperatorShop.open()
            try shop.run { try $0.setRole(name: name, role: role, now: Date()) }
            shop.audit(.roleChanged, object: name, detail: role.rawValue)
            print(CLIPhrase.roleSet.said("name", sanitize(name), "role", CommandApproval.role(role)))
        }
    }
}

extension OperatorRole: ExpressibleByArgument {}

/// The shop store as the operator commands use it: no account is needed (operators are the shop's).
struct OperatorShop {
    let store: any ShopStore
    let till: String

    static func open() throws -> OperatorShop {
        do {
            let settings = try TillSettings.load()
            let store = try ShopStores.open(settings: settings)
            return OperatorShop(store: store, till: settings.tillName ?? SQLiteShopStore.stem(ofHost: ShopStores.hostName) + "-1")
        } catch let error as ConfigurationError {
            fail(Says.configuration(error), code: ExitStatus.configuration)
        } catch let error as ConfigFileError {
            fail(Says.configFile(error), code: ExitStatus.configuration)
        } catch let error as ShopStoreError {
            fail(Says.store(error), code: ExitStatus.configuration)
        } catch let error as LocalFileError {
            fail(Says.localFile(error), code: ExitStatus.configuration)
        }
    }

    /// Runs a change, turning its refusal into words and exit 1.
    func run(_ change: (any ShopStore) throws -> Void) throws {
        do { try change(store) } catch let error as OperatorError {
            Self.fail(Says.operators(error), code: ExitStatus.refused)
        } catch let error as ShopStoreError {
            Self.fail(Says.store(error), code: ExitStatus.configuration)
        }
    }

    /// Records a change of operators in the audit (as the command line of this host's till).
    func audit(_ action: AuditEntry.Action, object: String, detail: String? = nil) {
        let who = ProcessInfo.processInfo.environment["USER"].map { "\($0) (shell)" }
        do {
            try store.appendAudit(AuditEntry(time: Date(), till: till, operatorName: who, action: action,
                                             objectId: detail.map { "\(object): \($0)" } ?? object))
        } catch {
            Self.note(CLIPhrase.auditNotRecorded.said("error", Says.any(error)))
        }
    }

    /// A new PIN: asked twice with no echo on a terminal, or the first line of stdin.
    static func newPIN(stdin: Bool) throws -> PIN {
        if stdin || isatty(STDIN_FILENO) != 1 {
            let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let pin = PIN(line) else {
                // Never echo what was read: it may be a PIN with one digit wrong.
                fail((line.isEmpty ? CLIPhrase.noPINOnStdin : CLIPhrase.badPINOnStdin).said("rule", CLIPhrase.pinRule.said),
                     code: ExitStatus.usage)
            }
            return pin
        }
        let first = try SecretPrompt.read(prompt: CLIPhrase.pinPrompt.said)
        guard let pin = PIN(first) else { fail(CLIPhrase.notAPIN.said("rule", CLIPhrase.pinRule.said), code: ExitStatus.usage) }
        let again = try SecretPrompt.read(prompt: CLIPhrase.pinAgain.said)
        guard again == first else { fail(CLIPhrase.pinsDiffer.said, code: ExitStatus.usage) }
        return pin
    }

    static func printJSON<T: Encodable>(_ value: T) {
        let data = (try? LocalJSON.encoder(pretty: false).encode(value)) ?? Data("null".utf8)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    static func note(_ message: String) { CommandRunner.note(message) }

    static func fail(_ message: String, code: Int32 = ExitStatus.refused) -> Never { CommandRunner.fail(message, code: code) }
}
