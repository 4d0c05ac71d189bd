import ArgumentParser
import TillCore

/// The `till` command: the TUI when run bare, plus scriptable subcommands.
@main
struct Till: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "till",
        abstract: "A terminal checkout workstation for the WooshPay payment API.",
        version: TillInfo.version,
        subcommands: [
            // Each issue adds its commands here.
            ProductsCommand.self, PricesCommand.self, SessionsCommand.self,
            SandboxCommand.self,
        ]
    )

    func run() async throws {
        // The terminal workstation (issue #6) starts here.
        throw CleanExit.helpRequest(self)
    }
}
