import Foundation
import Testing
@testable import WooshPaySandbox

extension TillProcess {
    /// Runs `script` with /bin/sh, `till` on the PATH, in a fresh folder under HOME.
    func shell(_ script: String, key: String, apiBase: String) async throws -> RunResult {
        var copy = self
        let folder = (Self.binary as NSString).deletingLastPathComponent
        copy.environment["PATH"] = folder + ":/usr/bin:/bin"
        copy.environment["WOOSHPAY_API_BASE"] = apiBase
        var environment = copy.environment
        environment["WOOSHPAY_SECRET_KEY"] = key
        let script = "cd '\(home)' && " + script
        return try await onThread { [environment] in
            try runProcess("/bin/sh", ["-c", script], environment: environment)
        }
    }
}

@Suite("Hardening: the command line", .serialized)
struct HardeningCLITests {
    @Test func aKeyTypedAsAnIDIsNeverPrintedNorLogged() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let typed = TestKeys.random(prefix: "sk_live_", length: 32)
            let runs = [
                try await till.run(["products", "get", typed] + base, key: key),
                try await till.run(["products", "get", typed, "--json", "--verbose"] + base, key: key),
                try await till.run(["sessions", "get", "rk_test_" + typed.dropFirst(8)] + base, key: key),
            ]
            #expect(runs.map(\.status) == [1, 1, 1])
            // The API echoes the id; Till shows it as sk_live_…WXYZ.
            #expect(runs[0].stderr.contains("No such product: 'sk_live_…\(typed.suffix(4))'"), "\(runs[0].stderr)")
            let log = try String(contentsOfFile: till.logPath, encoding: .utf8)
            #expect(log.contains("/v1/products/sk_live_…\(typed.suffix(4))"), "\(log)")
            for text in runs.flatMap({ [$0.stdout, $0.stderr] }) + [log] {
                #expect(!text.contains(typed.suffix(20)), "\(text)")
                #expect(!text.contains(key.suffix(16)))
            }
        }
    }

    @Test func aKeyUsedAsANameIsRedactedInEveryOutput() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let typed = TestKeys.random(prefix: "sk_test_", length: 30)
            let restricted = TestKeys.random(prefix: "rk_live_", length: 30)
            let publishable = TestKeys.random(prefix: "pk_test_", length: 30)
            let name = "Gift \(typed) \(restricted) \(publishable)"
            let created = try await till.run(["products", "create", "--name", name, "--verbose"] + base, key: key)
            #expect(created.status == 0, "\(created.stderr)")
            let json = try await till.run(["products", "list", "--json"] + base, key: key)
            let table = try await till.run(["products", "list"] + base, key: key)
            let id = try #require((try json.json()["data"] as? [[String: Any]])?.first?["id"] as? String)
            let shown = try await till.run(["products", "get", id, "--json"] + base, key: key)
            let log = try String(contentsOfFile: till.logPath, encoding: .utf8)
            let redacted = "Gift sk_test_…\(typed.suffix(4)) rk_live_…\(restricted.suffix(4)) \(publishable)"
            #expect(created.stdout.contains("Name:        " + redacted), "\(created.stdout)")
            #expect(table.stdout.contains(redacted))
            #expect((try json.json()["data"] as? [[String: Any]])?.first?["name"] as? String == redacted)
            #expect(try shown.json()["name"] as? String == redacted)
            for text in [created.stdout, created.stderr, json.stdout, table.stdout, shown.stdout, log] {
                #expect(!text.contains(typed) && !text.contains(restricted))
                #expect(!text.contains(typed.dropFirst(8).prefix(20)) && !text.contains(restricted.dropFirst(8).prefix(20)))
            }
        }
    }

    @Test func jsonEscapesC1Controls() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let created = try await till.run(["products", "create", "--name", "CSI\u{9B}2J and \u{85}NEL", "--json"] + base, key: key)
            #expect(created.status == 0, "\(created.stderr)")
            let listed = try await till.run(["products", "list", "--limit", "1", "--all", "--json"] + base, key: key)
            for run in [created, listed] {
                #expect(!run.stdout.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, "\(run.stdout.debugDescription)")
                #expect(run.stdout.contains("\\u009b") && run.stdout.contains("\\u0085"))
            }
            // Still the same JSON document.
            #expect(try created.json()["name"] as? String == "CSI\u{9B}2J and \u{85}NEL")
        }
    }

    @Test func negativeAmountsGetTheRealMessage() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            for (option, value) in [("--amount", "-1"), ("--amount", "-0.50"), ("--unit-amount", "-5")] {
                let run = try await till.run(["prices", "create", "--product", "prod_1", "--currency", "GBP", option, value] + base, key: key)
                #expect(run.status == 2)
                #expect(run.stderr.contains("Amounts cannot be negative"), "\(option) \(value): \(run.stderr)")
                #expect(!run.stderr.contains("Missing value"))
            }
        }
    }

    @Test func anEmptyIDIsAUsageError() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            #expect(try await till.run(["products", "create", "--name", "Listed"] + base, key: key).status == 0)
            for arguments in [["products", "get", ""], ["products", "get", " "], ["products", "update", "", "--name", "x"],
                              ["sessions", "get", ""], ["sessions", "expire", ""], ["sessions", "items", ""]] {
                let run = try await till.run(arguments + base, key: key)
                #expect(run.status == 2, "\(arguments): \(run.stderr)")
                #expect(run.stderr.contains("the id is empty"))
                #expect(run.stdout.isEmpty)
            }
        }
    }

    /// The first seed that makes the fault injector drop the connection after committing the first
    /// request, answer 500 or 429 to the next three (the last a 429), then let the fifth through.
    static func committedThenThrottledSeed(rate: Double) -> UInt64? {
        (1...200_000).first { seed in
            let injector = FaultInjector(rate: rate, seed: UInt64(seed))
            let faults = (0..<5).map { _ in injector.next() }
            return faults[0] == .dropAfterCommit
                && faults[1...2].allSatisfy { $0 == .serverError || $0 == .rateLimited }
                && faults[3] == .rateLimited && faults[4] == nil
        }.map(UInt64.init)
    }

    @Test func aCommittedCreateThenThrottledExits5AndTheDocumentedLoopFinishesIt() async throws {
        let rate = 0.9
        let seed = try #require(Self.committedThenThrottledSeed(rate: rate))
        let folder = NSTemporaryDirectory() + "till-cli-db-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/sandbox.sqlite"
        let till = try TillProcess()
        defer { till.cleanUp() }
        let key = TestKeys.random()
        let faulty = try await Sandbox.start(SandboxConfiguration(databasePath: database, failRate: rate, seed: seed))
        let first: RunResult, loop: RunResult
        do {
            // One run alone: committed, then only 500/429 until retries run out.
            first = try await till.run(["products", "create", "--name", "Flat white", "--idempotency-key", "flat-white-1",
                                        "--api-base", faulty.baseURL], key: key)
            // The loop docs/cli.md shows, with the same key: the replay finishes it.
            loop = try await till.shell("""
                key=flat-white-1
                for try in 1 2 3 4 5; do
                  till products create --name "Flat white" --idempotency-key "$key" --json > product.json
                  status=$?
                  [ "$status" -eq 5 ] || [ "$status" -eq 3 ] || break
                  sleep 2
                done
                cat product.json
                exit "$status"
                """, key: key, apiBase: faulty.baseURL)
        } catch {
            await faulty.stop()
            throw error
        }
        await faulty.stop()
        #expect(first.status == 5, "\(first.stderr)")
        #expect(first.stderr.contains("--idempotency-key flat-white-1"), "\(first.stderr)")
        #expect(first.stderr.contains("may have gone through"))
        #expect(first.stdout.isEmpty)
        #expect(loop.status == 0, "\(loop.stderr)")
        #expect(loop.stdout.contains("\"name\":\"Flat white\""), "\(loop.stdout)")
        // Seen through the same database without faults: exactly one product.
        let clean = try await Sandbox.start(SandboxConfiguration(databasePath: database))
        let listed = try await till.run(["products", "list", "--json", "--api-base", clean.baseURL], key: key)
        await clean.stop()
        #expect((try listed.json()["data"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Flat white"])
    }
}
