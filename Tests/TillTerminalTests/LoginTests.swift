import Foundation
import Testing
import WooshPaySandbox
@testable import TillTerminal
#if canImport(Glibc)
import Glibc
#endif

/// Run the built `till` with `input` on stdin; returns (exit status, stdout + stderr).
func runTill(_ arguments: [String], input: String, environment: [String: String]) throws -> (Int32, String) {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("till-run-\(UUID().uuidString)").path
    try input.write(toFile: base + ".in", atomically: true, encoding: .utf8)
    defer { for suffix in [".in", ".out"] { unlink(base + suffix) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, base + ".in", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([tillBinary] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var attributes = SpawnAttributes()
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, tillBinary, &actions, &attributes.value, argv, envp)
    guard spawned == 0 else { throw TmuxError(message: "cannot run till: \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let output = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
    return ((status >> 8) & 0xFF, output)
}

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
