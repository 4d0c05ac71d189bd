import ArgumentParser
import Foundation
import TillCore

/// The `till` command: the TUI when run bare, plus scriptable subcommands.
@main
struct Till: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "till",
        abstract: "A terminal checkout workstation for the WooshPay payment API.",
        version: TillInfo.version,
        subcommands: [
            TUICommand.self,
            Login.self,
            Logout.self,
            ProductsCommand.self, PricesCommand.self, SessionsCommand.self,
            RefundsCommand.self, ReportCommand.self, TillsCommand.self, DisplayCommand.self,
            OperatorsCommand.self, AuditCommand.self,
            SandboxCommand.self,
            KeysCommand.self,
            DoctorCommand.self,
        ],
        // Bare `till` (and `till --api-base URL`) is the terminal workstation (issue #6).
        defaultSubcommand: TUICommand.self
    )
}
