import Foundation
import Testing

/// The command line with no key and bare `till` work on one account: the embedded sandbox's, on
/// the same database, with nothing started by hand.
@Suite("No key: the command line and the TUI share the embedded sandbox", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct SharedAccountTests {
    @Test func aProductMadeOnTheCommandLineShowsInTheTUIAndTheOtherWayRound() async throws {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        let environment = home.environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
        let (status, output) = try await onThread {
            try runTill(["products", "create", "--name", "Tea"], input: "", environment: environment)
        }
        #expect(status == 0, "products create said: \(output)")
        #expect(output.contains("Name:        Tea"))

        try await onThread {
            try tmux.start(command: home.command, width: 80, height: 24, environment: home.environment)
            try tmux.waitFor(text: "Tea")
            #expect(try tmux.screen().contains("SANDBOX"))
            try tmux.send("n")
            try tmux.waitFor(text: "New product")
            try tmux.send("Scone", literal: true)
            try tmux.send("Enter")
            try tmux.waitFor(text: "Created product \"Scone\"")
        }
        // While the TUI runs (and serves the embedded sandbox), the command line uses that
        // sandbox and sees the product the TUI made.
        let (listStatus, listed) = try await onThread {
            try runTill(["products", "list"], input: "", environment: environment)
        }
        #expect(listStatus == 0, "products list said: \(listed)")
        #expect(listed.contains("Scone"))
        #expect(listed.contains("Tea"))
        // Nothing was started by hand and no key was configured: the sandbox's local key is the account.
        #expect(FileManager.default.fileExists(atPath: home.path + "/config/till/sandbox-key"))
        #expect(!FileManager.default.fileExists(atPath: home.path + "/config/till/config.toml"))
    }
}
