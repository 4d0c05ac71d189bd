import ArgumentParser
import TillApp

/// `till` / `till tui`: the terminal workstation. With no key anywhere it runs against the
/// embedded sandbox; with a key (env or `till login`) against that account.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The terminal workstation (what bare `till` runs).")

    @Option(name: .customLong("api-base"), help: "Base URL of a WooshPay-compatible API (needs a key).")
    var apiBase: String?

    func run() async throws {
        TillLogging.bootstrapFileLog()
        let status = try await TUILauncher.run(apiBase: apiBase)
        if status != 0 { throw ExitCode(status) }
    }
}
