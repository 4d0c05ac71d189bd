import ArgumentParser
import Foundation
import Logging
import TillCore
import TillTerminal
import WooshPay

/// The `till` command: the TUI when run bare, plus scriptable subcommands.
@main
struct Till: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "till",
        abstract: "A terminal checkout workstation for the WooshPay payment API.",
        version: TillInfo.version,
        subcommands: [
            // Each issue adds its commands here.
            Login.self,
            Logout.self,
            ProductsCommand.self, PricesCommand.self, SessionsCommand.self,
            SandboxCommand.self,
        ]
    )

    @Option(name: .customLong("api-base"), help: "Base URL of a WooshPay-compatible API (needs a key).")
    var apiBase: String?

    func run() async throws {
        // The terminal workstation (issue #6).
        TillLogging.bootstrapFileLog()
        let status = try await TillLauncher.run(apiBase: apiBase)
        if status != 0 { throw ExitCode(status) }
    }
}
