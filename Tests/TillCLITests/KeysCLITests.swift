import Foundation
import Testing

@Suite("till with a keys file")
struct KeysCLITests {
    func tillWithKeys(_ text: String) throws -> TillProcess {
        let till = try TillProcess()
        let folder = till.home + "/config/till"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: folder + "/keys.toml", atomically: true, encoding: .utf8)
        return till
    }

    @Test func aBadKeysFileStopsTillBeforeTheScreenWithTheLine() async throws {
        let till = try tillWithKeys("[cart]\ncheck-out = \"Ctrl-K\"\n\n[global]\nhelp = \"Hlep\"\n")
        defer { till.cleanUp() }
        // No key and no terminal: the keys file is refused before the sandbox or curses start.
        for arguments in [[], ["tui"]] {
            let run = try await till.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix("till: " + till.home + "/config/till/keys.toml line 5: unknown key \"Hlep\""), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        let check = try await till.run(["keys", "check"])
        #expect(check.status == 2)
        #expect(check.stderr.contains("keys.toml line 5: unknown key \"Hlep\""))
    }

    @Test func keysListShowsTheTableInUse() async throws {
        let till = try tillWithKeys("[cart]\ncheck-out = [\"Ctrl-K\", \"F4\"]\n")
        defer { till.cleanUp() }
        let list = try await till.run(["keys"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("cart\tcheck-out\tCtrl-K F4\n"))
        #expect(list.stdout.contains("cart\tremove-line\tDel\n"))
        let check = try await till.run(["keys", "check"])
        #expect(check.status == 0)
        #expect(check.stdout.hasSuffix("keys.toml: OK\n"))
    }
}
