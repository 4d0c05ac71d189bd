import ArgumentParser
import Foundation
import Logging
import TillApp
import TillConfig
import TillCore
import TillStore
import TillTerminal
import TillView

/// `till display`: the customer display. Run in a second terminal (a small screen turned to the
/// customer, on this host or, with a PostgreSQL store, another), it follows one till through the
/// shop store and shows what its customer should see. Read only: it takes no key but `q`, needs no
/// key or account, and starts no sandbox.
struct DisplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "display",
        abstract: "The customer display: follow one till (its lines, total, QR code, PAID) on a screen turned to the customer.",
        discussion: "With no --till it follows till_name from config.toml, else the one till open in the shop. q quits.")

    @Option(name: .customLong("till"), help: "The till to follow (default: till_name, else the only open till).")
    var till: String?

    @OptionGroup var languageChoice: LanguageOption

    func run() async throws {
        TillLogging.bootstrapFileLog()
        let logger = Logger(label: "till.display")
        let settings: TillSettings
        let store: any ShopStore
        let name: String
        do {
            settings = try TillSettings.load()
            store = try ShopStores.open(settings: settings)
            name = try Self.choose(till ?? settings.tillName, store: store)
        } catch let error as DisplayChoiceError {
            Self.fail(error.message)
        } catch let error as ShopStoreError {
            Self.fail(Says.store(error))
        } catch {
            Self.fail(Says.any(error))
        }
        logger.info("display following till \(name)")
        let outcome = try await DisplayLauncher.run(store: store, till: name, logFile: settings.paths.logFile.path,
                                                    language: settings.language(flag: languageChoice.language), logger: logger)
        switch outcome {
        case .success(.finished): return
        case .success(.signal(let signo)): throw ExitCode(128 + signo)
        case .failure(let error): Self.fail(Says.any(error))
        }
    }

    /// The till named, else the only till open now.
    static func choose(_ named: String?, store: any ShopStore) throws -> String {
        if let named {
            guard ShopStoreError.isValidTillName(named) else { throw ShopStoreError.invalidTillName(named) }
            return named
        }
        let open = try store.tills(account: "", now: Date()).filter(\.isOpen).map(\.name)
        switch open.count {
        case 1: return open[0]
        case 0: throw DisplayChoiceError(message: CLIPhrase.noTillOpen.said("location", store.location))
        default: throw DisplayChoiceError(message: CLIPhrase.severalTillsOpen.said("tills", open.joined(separator: ", ")))
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("till display: " + sanitize(message) + "\n").utf8))
        Foundation.exit(2)
    }
}

struct DisplayChoiceError: Error {
    let message: String
}
