import Foundation
import Testing
import TillView
import WooshPaySandbox

/// Starts an in-process sandbox for one test and stops it afterwards.
func withSandbox(_ configuration: SandboxConfiguration = SandboxConfiguration(),
                 _ body: (Sandbox, TillProcess, String) async throws -> Void) async throws {
    let sandbox = try await Sandbox.start(configuration)
    let till = try TillProcess()
    let key = TestKeys.random()
    do {
        try await body(sandbox, till, key)
    } catch {
        await sandbox.stop()
        till.cleanUp()
        throw error
    }
    await sandbox.stop()
    till.cleanUp()
}

/// The built `till` binary as a subprocess against the in-process sandbox.
@Suite(.serialized) struct CLITests {
    @Test func seedFlowAsTheUsageShowsIt() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let created = try await till.run(["products", "create", "--name", "Flat white", "--description", "Oat",
                                              "--metadata", "shelf=A1", "--json"] + base, key: key)
            #expect(created.status == 0, "\(created.stderr)")
            let product = try created.json()
            let productId = try #require(product["id"] as? String)
            #expect(product["object"] as? String == "product")
            #expect(product["name"] as? String == "Flat white")

            let shown = try await till.run(["products", "get", productId] + base, key: key)
            #expect(shown.status == 0)
            #expect(shown.stdout.contains("Name:        Flat white"))
            #expect(shown.stdout.contains("Metadata:    shelf=A1"))

            let bound = try await till.run(["prices", "create", "--product", productId, "--currency", "GBP",
                                            "--unit-amount", "1250", "--nickname", "regular",
                                            "--lookup-key", "5012345678900"] + base, key: key)
            #expect(bound.status == 0, "\(bound.stderr)")
            #expect(bound.stdout.contains("Amount:     GBP 12.50"))
            #expect(bound.stdout.contains("Lookup key: 5012345678900"))
            let priceId = try #require(bound.stdout.split(separator: "\n").first?.split(separator: " ").last.map(String.init))

            let inline = try await till.run(["prices", "create", "--product-name", "Croissant", "--product-description",
                                             "Butter", "--currency", "gbp", "--amount", "2.75", "--json"] + base, key: key)
            #expect(inline.status == 0, "\(inline.stderr)")
            #expect(try inline.json()["unit_amount"] as? Int == 275)

            let listed = try await till.run(["prices", "list", "--product", productId] + base, key: key)
            #expect(listed.stdout.split(separator: "\n").count == 2)
            #expect(listed.stdout.contains(priceId))
            #expect(listed.stdout.contains("LOOKUP KEY") && listed.stdout.contains("5012345678900"))

            let session = try await till.run(["sessions", "create", "--success-url", "https://shop.example/ok",
                                              "--cancel-url", "https://shop.example/no", "--item", priceId + ":2",
                                              "--item-inline", "Gift wrap:1.99:GBP:1"] + base, key: key)
            #expect(session.status == 0, "\(session.stderr)")
            #expect(session.stdout.contains("Status:         open"))
            #expect(session.stdout.contains("Payment status: unpaid"))
            #expect(session.stdout.contains("Total:          GBP 26.99"))
            #expect(session.stdout.contains("Expires:"))
            let lines = session.stdout.split(separator: "\n")
            let url = try #require(lines.last.map(String.init))
            #expect(url.hasPrefix("http"))
            let sessionId = try #require(lines.first?.split(separator: " ").last.map(String.init))

            let got = try await till.run(["sessions", "get", sessionId, "--json"] + base, key: key)
            #expect(try got.json()["amount_total"] as? Int == 2699)
            #expect(try got.json()["url"] as? String == url)

            let items = try await till.run(["sessions", "items", sessionId] + base, key: key)
            #expect(items.status == 0)
            #expect(items.stdout.contains("GBP 25.00"))
            #expect(items.stdout.contains("Gift wrap"))

            let list = try await till.run(["sessions", "list", "--json"] + base, key: key)
            #expect((try list.json()["data"] as? [Any])?.count == 1)

            let expired = try await till.run(["sessions", "expire", sessionId] + base, key: key)
            #expect(expired.status == 0, "\(expired.stderr)")
            #expect(expired.stdout.contains("Status:         expired"))

            let archived = try await till.run(["products", "update", productId, "--active", "false"] + base, key: key)
            #expect(archived.stdout.contains("Active:      no"))
            let active = try await till.run(["products", "list", "--active", "true"] + base, key: key)
            #expect(!active.stdout.contains(productId))
            #expect(active.stdout.contains("Croissant"))
        }
    }

    @Test func listAllPagesAndAlignsColumns() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            for name in ["A", "Longer name", "C"] {
                #expect(try await till.run(["products", "create", "--name", name] + base, key: key).status == 0)
            }
            let table = try await till.run(["products", "list", "--limit", "1", "--all"] + base, key: key)
            let rows = table.stdout.split(separator: "\n").map(String.init)
            #expect(rows.count == 4)
            #expect(rows[0].split(separator: " ", omittingEmptySubsequences: true) == ["ID", "NAME", "ACTIVE", "CREATED"])
            #expect(rows[0].hasPrefix("ID"))
            let activeColumn = rows[0].range(of: "ACTIVE")!.lowerBound.utf16Offset(in: rows[0])
            for row in rows.dropFirst() {
                #expect(Array(row)[activeColumn...].starts(with: "yes"))
            }
            // Wide characters take two columns: the next column still lines up.
            #expect(try await till.run(["products", "create", "--name", "漢字😀"] + base, key: key).status == 0)
            let wide = try await till.run(["products", "list"] + base, key: key).stdout.split(separator: "\n").map(String.init)
            let wideActive = displayColumn(of: "ACTIVE", in: wide[0])
            #expect(wide.count == 5)
            for row in wide.dropFirst() {
                #expect(displayColumn(of: "yes", in: row) == wideActive, "\(row)")
            }
            let json = try await till.run(["products", "list", "--limit", "1", "--all", "--json"] + base, key: key)
            #expect((try json.json()["data"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["漢字😀", "C", "Longer name", "A"])
            let page = try await till.run(["products", "list", "--limit", "2", "--json"] + base, key: key)
            #expect(try page.json()["has_more"] as? Bool == true)
        }
    }

    @Test func exitCodes() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            // 1: the API refused, with type and request details in words.
            let missing = try await till.run(["products", "get", "prod_404"] + base, key: key)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("HTTP 404"))
            #expect(missing.stdout.isEmpty)
            // 2: usage errors, argument-parser's and ours.
            for arguments in [["prices", "create", "--currency", "GBP", "--unit-amount", "1"],
                              ["prices", "create", "--product", "p", "--currency", "GBP"],
                              ["prices", "create", "--product", "p", "--currency", "XXX", "--amount", "1"],
                              ["products", "list", "--limit", "0"], ["products", "frobnicate"],
                              ["sessions", "create", "--item-inline", "NoAmount"]] {
                let usage = try await till.run(arguments + base, key: key)
                #expect(usage.status == 2, "\(arguments): \(usage.stderr)")
                #expect(!usage.stderr.isEmpty)
            }
            // 4: no key at all says how to get one.
            let noKey = try await till.run(["products", "list"] + base)
            #expect(noKey.status == 4)
            #expect(noKey.stderr.contains("WOOSHPAY_SECRET_KEY"))
            #expect(noKey.stderr.contains("till sandbox"))
            // 4: plain http to a non-loopback host.
            #expect(try await till.run(["products", "list", "--api-base", "http://example.com"], key: key).status == 4)
            // 4: a live key writes only with --live (and never reaches the network without it).
            let live = TestKeys.random(prefix: "sk_live_")
            let refused = try await till.run(["products", "create", "--name", "x"] + base, key: live)
            #expect(refused.status == 4)
            #expect(refused.stderr.contains("--live"))
            #expect(!refused.stderr.contains(live))
        }
        // 3: nothing listening, after retries.
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        let closed = sandbox.baseURL
        await sandbox.stop()
        let till = try TillProcess()
        defer { till.cleanUp() }
        let down = try await till.run(["products", "list", "--api-base", closed], key: TestKeys.random())
        #expect(down.status == 3)
        #expect(down.stderr.contains("Could not reach WooshPay"))
    }

    @Test func configFileKeyAndPermissions() async throws {
        try await withSandbox { sandbox, till, key in
            try FileManager.default.createDirectory(atPath: till.home + "/config/till", withIntermediateDirectories: true)
            let text = "# test\nsecret_key = \"\(key)\"\napi_base = \"\(sandbox.baseURL)\"\n"
            FileManager.default.createFile(atPath: till.configPath, contents: Data(text.utf8),
                                           attributes: [.posixPermissions: 0o600])
            let ok = try await till.run(["products", "create", "--name", "From file"])
            #expect(ok.status == 0, "\(ok.stderr)")
            // Without URLs on the command line and none in the config, sessions create is a usage error.
            let noURLs = try await till.run(["sessions", "create", "--item-inline", "Tea:2.00:GBP"])
            #expect(noURLs.status == 2)
            #expect(noURLs.stderr.contains("--success-url"))
            // success_url and cancel_url in the config are the defaults.
            let withURLs = text + "success_url = \"https://shop.example/ok\"\ncancel_url = \"https://shop.example/no\"\n"
            try Data(withURLs.utf8).write(to: URL(fileURLWithPath: till.configPath))
            let session = try await till.run(["sessions", "create", "--item-inline", "Tea:2.00:GBP:3", "--json"])
            #expect(session.status == 0, "\(session.stderr)")
            #expect(try session.json()["success_url"] as? String == "https://shop.example/ok")
            #expect(try session.json()["amount_total"] as? Int == 600)
            chmod(till.configPath, 0o640)
            let loose = try await till.run(["products", "list"])
            #expect(loose.status == 4)
            #expect(loose.stderr.contains("chmod 600"))
            chmod(till.configPath, 0o600)
            try Data("secret_key = \"\(key)\"\nbogus = 1\n".utf8).write(to: URL(fileURLWithPath: till.configPath))
            let bad = try await till.run(["products", "list"])
            #expect(bad.status == 4)
            #expect(bad.stderr.contains("config.toml:2"))
            #expect(!bad.stderr.contains(key))
        }
    }

    @Test func anUnsafeConfigBlocksCommandsEvenWithTheEnvironmentKey() async throws {
        try await withSandbox { sandbox, till, key in
            let folder = till.home + "/config/till"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: till.configPath, contents: Data("api_base = \"\(sandbox.baseURL)\"\n".utf8),
                                           attributes: [.posixPermissions: 0o644])
            let loose = try await till.run(["products", "list"], key: key)
            #expect(loose.status == 4)
            #expect(loose.stderr.contains("chmod 600"))
            #expect(loose.stderr.contains("WOOSHPAY_SECRET_KEY was not used"))
            #expect(!loose.stderr.contains(key))

            chmod(till.configPath, 0o600)
            chmod(folder, 0o777)
            let open = try await till.run(["products", "list"], key: key)
            #expect(open.status == 4)
            #expect(open.stderr.contains("chmod 700 '\(folder)'"))
            #expect(open.stderr.contains("WOOSHPAY_SECRET_KEY was not used"))

            chmod(folder, 0o700)
            #expect(try await till.run(["products", "list"], key: key).status == 0)
        }
    }

    @Test func withNoKeyCommandsUseTheEmbeddedSandbox() async throws {
        let till = try TillProcess()
        defer { till.cleanUp() }
        let created = try await till.run(["products", "create", "--name", "Tea", "--json"])
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require(try created.json()["id"] as? String)
        let listed = try await till.run(["products", "list"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(id))
        #expect(FileManager.default.fileExists(atPath: till.home + "/config/till/sandbox-key"))
        #expect(FileManager.default.fileExists(atPath: till.home + "/.local/share/till/sandbox.sqlite"))
        // The sandbox's own pages are the default success and cancel URLs.
        let session = try await till.run(["sessions", "create", "--item-inline", "Tea:2.00:GBP", "--json"])
        #expect(session.status == 0, "\(session.stderr)")
        #expect((try session.json()["success_url"] as? String)?.hasSuffix("/sandbox/success") == true)
    }

    @Test func apiTextCannotDriveTheTerminal() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let created = try await till.run(["products", "create", "--name", "Evil\u{1B}[2J\u{202E}name", "--json"] + base, key: key)
            let id = try #require(try created.json()["id"] as? String)
            for arguments in [["products", "get", id], ["products", "list"]] {
                let shown = try await till.run(arguments + base, key: key)
                #expect(shown.status == 0)
                #expect(!shown.stdout.contains("\u{1B}"))
                #expect(!shown.stdout.contains("\u{202E}"))
                #expect(shown.stdout.contains("Evil\u{241B}[2J\u{FFFD}name"))
            }
        }
    }

    @Test func errorMessagesCannotDriveTheTerminal() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            // The API echoes the price id it could not find; the config error quotes the URL; the usage
            // error the option's value.
            let runs = [
                try await till.run(["sessions", "create", "--success-url", "https://s.example/ok", "--cancel-url",
                                    "https://s.example/no", "--item", "price_\u{1B}[2J\u{202E}x"] + base, key: key),
                try await till.run(["products", "list", "--api-base", "http://exa\u{1B}[2Jmple.com"], key: key),
                try await till.run(["products", "list", "--limit", "\u{1B}[2J"] + base, key: key),
            ]
            #expect(runs.map(\.status) == [1, 4, 2])
            for run in runs {
                #expect(!run.stderr.contains("\u{1B}"), "\(run.stderr.debugDescription)")
                #expect(!run.stderr.contains("\u{202E}"))
                #expect(run.stderr.contains("\u{241B}[2J"), "\(run.stderr.debugDescription)")
            }
            #expect(runs[0].stderr.hasPrefix("till: "))
            #expect(runs[0].stderr.contains("No such price: 'price_\u{241B}[2J\u{FFFD}x'"))
            #expect(runs[0].stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func errorFormatsAreAsDocumented() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            // Refusals found while running: one line starting "till: ".
            for arguments in [["products", "get", "prod_missing"] + base, ["products", "list", "--api-base", "http://example.com"],
                              ["sessions", "create", "--item-inline", "Tea:1:GBP"] + base] {
                let run = try await till.run(arguments, key: key)
                #expect([1, 2, 4].contains(run.status))
                #expect(run.stderr.hasPrefix("till: "), "\(run.stderr)")
                #expect(run.stderr.split(separator: "\n").count == 1)
                #expect(run.stdout.isEmpty)
            }
            // argument-parser's refusals: "Error: …" then the usage.
            let usage = try await till.run(["products", "list", "--limit", "0"] + base, key: key)
            #expect(usage.status == 2)
            #expect(usage.stderr.hasPrefix("Error: --limit must be between 1 and 100\nUsage: till products list"), "\(usage.stderr)")
            // A sandbox that cannot start: one "Error: could not start the sandbox …" line, exit 1.
            let port = try #require(sandbox.baseURL.split(separator: ":").last.map(String.init))
            let busy = try await till.run(["sandbox", "--port", port, "--db", ":memory:"])
            #expect(busy.status == 1)
            #expect(busy.stderr.hasPrefix("Error: could not start the sandbox on 127.0.0.1:\(port) with database :memory:"), "\(busy.stderr)")
            #expect(busy.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func quantitiesAreLimitedLikeTheCart() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL, "--success-url", "https://s.example/ok",
                        "--cancel-url", "https://s.example/no"]
            for item in [["--item", "price_1:1000"], ["--item-inline", "Tea:1.00:GBP:1000"], ["--item", "price_1:0"]] {
                let refused = try await till.run(["sessions", "create"] + item + base, key: key)
                #expect(refused.status == 2, "\(item): \(refused.stderr)")
                #expect(refused.stderr.contains("from 1 to 999"))
            }
            let most = try await till.run(["sessions", "create", "--item-inline", "Tea:1.00:GBP:999", "--json"] + base, key: key)
            #expect(most.status == 0, "\(most.stderr)")
            #expect(try most.json()["amount_total"] as? Int == 99_900)
        }
    }

    @Test func productMetadataUpdatesMerge() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let help = try await till.run(["products", "update", "--help"])
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")  // unwrapped
            #expect(text.contains("--metadata <metadata> key=value pairs, merged into the metadata; key= removes a key."), "\(text)")
            #expect(!text.contains("replaces"))
            let created = try await till.run(["products", "create", "--name", "Tea", "--metadata", "a=1", "b=2", "--json"] + base,
                                             key: key)
            let id = try #require(try created.json()["id"] as? String)
            let updated = try await till.run(["products", "update", id, "--metadata", "b=", "c=3", "--json"] + base, key: key)
            #expect(updated.status == 0, "\(updated.stderr)")
            #expect(try updated.json()["metadata"] as? [String: String] == ["a": "1", "c": "3"])
        }
    }

    @Test func verboseLogsRequestsWithoutTheKey() async throws {
        try await withSandbox { sandbox, till, key in
            let run = try await till.run(["products", "list", "--verbose", "--json", "--api-base", sandbox.baseURL], key: key)
            #expect(run.status == 0)
            #expect(run.stderr.contains("GET"))
            #expect(run.stderr.contains("/v1/products"))
            #expect(run.stderr.contains("status=200"))
            #expect(run.stderr.contains(String(key.prefix(8)) + "…"))
            let log = try String(contentsOfFile: till.logPath, encoding: .utf8)
            #expect(log.contains("/v1/products"))
            for text in [run.stdout, run.stderr, log] {
                #expect(!text.contains(key))
            }
            // --json prints the list object and nothing else.
            #expect(try run.json()["object"] as? String == "list")
        }
    }

    @Test func exactlyOnceUnderFaultsThroughTheCommandLine() async throws {
        try await withSandbox(SandboxConfiguration(failRate: 0.3, seed: 7)) { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            var failures = 0
            func persist(_ arguments: [String]) async throws -> RunResult {
                for _ in 0..<6 {
                    let result = try await till.run(arguments + base, key: key)
                    if result.status == 0 { return result }
                    // Every failure is a clear, retryable transport or API error, never a crash.
                    #expect([1, 3, 5].contains(result.status), "\(result.stderr)")
                    #expect(result.stderr.hasPrefix("till: "))
                    failures += 1
                }
                Issue.record("gave up on \(arguments)")
                return RunResult(status: -1, stdout: "", stderr: "")
            }
            var priceId = ""
            for index in 0..<20 {
                let key = UUID().uuidString
                let result = try await persist(["products", "create", "--name", "Item \(index)", "--json",
                                                "--idempotency-key", key])
                if index == 0, let id = try? result.json()["id"] as? String {
                    let price = try await persist(["prices", "create", "--product", id, "--currency", "GBP",
                                                   "--unit-amount", "100", "--json", "--idempotency-key", "p-" + key])
                    priceId = (try? price.json()["id"] as? String) ?? ""
                }
            }
            for _ in 0..<10 {
                _ = try await persist(["sessions", "create", "--success-url", "https://s.example/ok", "--cancel-url",
                                       "https://s.example/no", "--item", priceId, "--idempotency-key", UUID().uuidString])
            }
            let products = try await persist(["products", "list", "--all", "--json"])
            let sessions = try await persist(["sessions", "list", "--all", "--json"])
            #expect((try products.json()["data"] as? [Any])?.count == 20)
            #expect((try sessions.json()["data"] as? [Any])?.count == 10)
        }
    }
}

/// The terminal column where `needle` first starts in `line`.
func displayColumn(of needle: String, in line: String) -> Int? {
    var column = 0
    var index = line.startIndex
    while index < line.endIndex {
        if line[index...].hasPrefix(needle) { return column }
        column += displayWidth(line[index])
        index = line.index(after: index)
    }
    return nil
}
