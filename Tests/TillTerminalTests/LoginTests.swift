import Foundation
import Testing
import WooshPaySandbox
@testable import TillTerminal
#if canImport(Glibc)
import Glibc
#endif

@Suite("till login / logout against an in-process sandbox", .serialized)
struct LoginTests {
    @Test func loginChecksTheKeySavesItPrivatelyAndLogoutRemovesIt() async throws {
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        let home = try TemporaryHome()
        defer { home.remove() }
        let key = randomTestKey()
        let environment = home.environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
        let base = sandbox.baseURL
        let (status, output) = try await onThread {
            try runTill(["login", "--api-base", base], input: key + "\n", environment: environment)
        }
        let config = home.path + "/config/till/config.toml"
        #expect(status == 0, "login said: \(output)")
        #expect(!output.contains(key))
        let text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(text.contains(key))
        #expect(text.contains(base))
        #expect(try permissions(URL(fileURLWithPath: config)) == 0o600)

        // A malformed key is refused (the sandbox takes any well-formed one) and nothing is saved.
        let refused = "sk_test_" + "x"
        let (badStatus, badOutput) = try await onThread {
            try runTill(["login", "--api-base", base], input: refused + "\n", environment: environment)
        }
        #expect(badStatus != 0)
        #expect(!badOutput.isEmpty)
        #expect(try String(contentsOfFile: config, encoding: .utf8).contains(key))

        let (outStatus, _) = try await onThread { try runTill(["logout"], input: "", environment: environment) }
        #expect(outStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: config))
        await sandbox.stop()
    }
}
