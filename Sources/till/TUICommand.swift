import ArgumentParser
import Foundation
import TillApp
import TillConfig
import TillCore
import TillStore
import TillView
import WooshPay

/// `till` / `till tui`: the terminal workstation. With no key anywhere it runs against the
/// embedded sandbox; with a key (env or `till login`) against that account.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The terminal workstation (what bare `till` runs).")

    @Option(name: .customLong("api-base"), help: "Base URL of a WooshPay-compatible API (needs a key).")
    var apiBase: String?

    @Option(name: .customLong("till"),
            help: "This till's name in the shop (default: till_name in config.toml, else the first free <host>-N).")
    var till: String?

    @Flag(name: .customLong("screen-reader"),
          help: "No per-second redraws (the expiry countdown shows minutes); changes are told on the status line. Also TILL_SCREEN_READER=1.")
    var screenReader = false

    @OptionGroup var languageChoice: LanguageOption

    func run() async throws {
        TillLogging.bootstrapFileLog()
        let status: Int32
        do {
            status = try await TUILauncher.run(apiBase: apiBase, till: till, screenReader: screenReader,
                                              language: languageChoice.language)
        } catch let error as KeysFileError {
            // Before curses starts, so the line at fault is on the terminal (what the file says, with
            // controls made visible).
            FileHandle.standardError.write(Data(("till: " + sanitize(Says.keysFile(error)) + "\n").utf8))
            throw ExitCode(2)
        } catch let error as ShopStoreError {
            // A newer store, a till name in use: said before anything starts, exit 2.
            FileHandle.standardError.write(Data(("till: " + sanitize(Says.store(error)) + "\n").utf8))
            throw ExitCode(2)
        } catch let error as ConfigFileError {
            throw SaidError(description: Says.configFile(error))
        } catch let error as ConfigurationError {
            throw SaidError(description: Says.configuration(error))
        } catch let error as LocalFileError {
            throw SaidError(description: Says.localFile(error))
        }
        if status != 0 { throw ExitCode(status) }
    }
}
