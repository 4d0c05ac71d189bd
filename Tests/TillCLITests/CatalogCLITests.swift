import Foundation
import Testing
import TillCore
import WooshPay
import WooshPaySandbox

extension TillProcess {
    /// Writes `data` to a file in this run's HOME and returns its path.
    func file(_ name: String, _ data: Data) throws -> String {
        let path = home + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    func file(_ name: String, _ text: String) throws -> String { try file(name, Data(text.utf8)) }

    /// Starts `till args…` without waiting for it.
    func start(_ arguments: [String], key: String) throws -> BackgroundProcess {
        var environment = self.environment
        environment["WOOSHPAY_SECRET_KEY"] = key
        return try BackgroundProcess(Self.binary, arguments, environment: environment)
    }
}

/// Every product and price of one account, read straight from the sandbox.
func catalog(_ sandbox: Sandbox, key: String) async throws -> (products: [Product], prices: [Price]) {
    let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: key, baseURL: sandbox.baseURL))
    do {
        let products = try await client.allProducts().collect()
        let prices = try await client.allPrices().collect()
        await client.shutdown()
        return (products, prices)
    } catch {
        await client.shutdown()
        throw error
    }
}

@Suite("Catalog import and export", .serialized)
struct CatalogCLITests {
    @Test func goodRowsImportBadOnesAreReportedWithLinesAndExit4() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let existing = try await till.run(["prices", "create", "--product-name", "Tea", "--currency", "GBP",
                                               "--amount", "1.50", "--lookup-key", "TAKEN"] + base, key: key)
            #expect(existing.status == 0, "\(existing.stderr)")
            let path = try till.file("shop.csv", """
                Price,Name,SKU,Currency,Colour
                2.50,Espresso,000123,GBP,brown
                -1,Negative,N1,GBP,
                3.999,Too precise,N2,GBP,
                abc,Unreadable,N3,GBP,
                1.00,,N4,GBP,
                1.00,Dup,000123,GBP,
                1.00,Sci,4.00638E+12,GBP,
                1.00,Other,TAKEN,GBP,
                1.00,"Bad\u{1B}[2Jname",N5,GBP,
                "1,20",Croissant,,GBP,

                """)
            let report = till.home + "/failed.csv"
            let run = try await till.run(["products", "import", path, "--report", report] + base, key: key)
            #expect(run.status == 4, "\(run.stderr)")
            #expect(run.stderr.contains("till: warning: columns ignored"))
            #expect(run.stderr.contains("Colour"))
            for (line, words) in [(3, "negative"), (4, "decimals"), (5, "price abc"), (6, "no name"),
                                  (7, "also on line 2"), (8, "scientific notation"), (9, "already on another product"),
                                  (10, "control characters")] {
                #expect(run.stderr.contains("till: line \(line): ") && run.stderr.contains(words),
                        "line \(line) \(words): \(run.stderr)")
            }
            #expect(!run.stderr.contains("\u{1B}"))
            // One summary line when piped.
            #expect(run.stdout.split(separator: "\n").count == 1, "\(run.stdout)")
            #expect(run.stdout.contains("10 rows, 2 created, 0 updated, 0 skipped, 8 failed"), "\(run.stdout)")

            let now = try await catalog(sandbox, key: key)
            #expect(Set(now.products.map(\.name)) == ["Tea", "Espresso", "Croissant"])
            let espresso = try #require(now.prices.first { $0.lookupKey == "000123" })
            #expect(espresso.money == Money(minorUnits: 250, currency: .gbp))
            #expect(now.prices.contains { $0.unitAmount == 120 && $0.lookupKey == nil })

            let written = try String(contentsOfFile: report, encoding: .utf8)
            let lines = written.split(separator: "\r\n")
            #expect(lines.first == "Price,Name,SKU,Currency,Colour,reason")
            #expect(lines.count == 9)
            #expect(lines[1].hasPrefix("-1,Negative,N1,GBP,,"))
            #expect(written.contains("4.00638E+12"))
        }
    }

    @Test func aSecondRunSkipsEverythingAndJSONSaysSo() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let path = try till.file("shop.csv", "name,price,currency,sku,nickname\nEspresso,2.00,GBP,E1,Single\n"
                                     + "Espresso,3.00,GBP,E2,Double\nTea,1.50,GBP,,\nMug,,,,\n")
            let first = try await till.run(["products", "import", path, "--json"] + base, key: key)
            #expect(first.status == 0, "\(first.stderr)")
            let summary = try first.json()
            #expect(summary["created"] as? Int == 4)
            #expect(summary["failed"] as? Int == 0)
            let again = try await till.run(["products", "import", path, "--json"] + base, key: key)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try again.json()["skipped"] as? Int == 4)
            #expect(try again.json()["created"] as? Int == 0)
            let now = try await catalog(sandbox, key: key)
            #expect(now.products.count == 3)
            #expect(now.prices.count == 3)
        }
    }

    @Test func aRunKilledHalfwayAndStartedAgainCreatesNothingTwice() async throws {
        try await withSandbox(SandboxConfiguration(latencyMilliseconds: 40)) { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let rows = (0..<300).map { "Item \($0),\($0 % 7).25,GBP,SKU\(String(format: "%05d", $0))" }
            let path = try till.file("big.csv", "name,price,currency,sku\n" + rows.joined(separator: "\n") + "\n")
            let process = try till.start(["products", "import", path] + base, key: key)
            let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: key, baseURL: sandbox.baseURL))
            // Wait until some rows are in, then kill it mid-run.
            while try await client.listProducts(limit: 100).items.count < 30, !process.hasEnded {
                try await Task.sleep(for: .milliseconds(5))
            }
            process.signal(SIGKILL)
            #expect(throws: ProcessKilled.self, "the import finished before it was killed") { _ = try process.finish() }
            await client.shutdown()
            let partial = try await catalog(sandbox, key: key)
            #expect(partial.prices.count < 300)

            let again = try await till.run(["products", "import", path, "--json"] + base, key: key)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try again.json()["failed"] as? Int == 0)
            let now = try await catalog(sandbox, key: key)
            #expect(now.products.count == 300)
            #expect(now.prices.count == 300)
            #expect(Set(now.prices.compactMap(\.lookupKey)).count == 300)
            #expect(Set(now.products.map(\.name)).count == 300)
        }
    }

    @Test func updateChangesMatchingProductsAndWithoutItNothingChanges() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let first = try till.file("a.csv", "name,description,price,currency,sku\nScone,Plain,1.00,GBP,S1\n"
                                      + "Bun,Sweet,2.00,GBP,B1\n")
            #expect(try await till.run(["products", "import", first] + base, key: key).status == 0)
            let second = try till.file("b.csv", "name,description,price,currency,sku,active\n"
                                       + "Scone,Fruit,1.00,GBP,S1,true\nIced bun,Sweet,2.00,GBP,B1,false\n")
            let plain = try await till.run(["products", "import", second] + base, key: key)
            #expect(plain.status == 4, "the renamed SKU is on another product without --update: \(plain.stderr)")
            #expect(plain.stdout.contains("0 updated, 1 skipped, 1 failed"), "\(plain.stdout)")
            let dry = try await till.run(["products", "import", second, "--update", "--dry-run"] + base, key: key)
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains("line 2: would update product"), "\(dry.stdout)")
            #expect(dry.stdout.contains("line 3: would update product"))
            let updated = try await till.run(["products", "import", second, "--update"] + base, key: key)
            #expect(updated.status == 0, "\(updated.stderr)")
            #expect(updated.stdout.contains("0 created, 2 updated"), "\(updated.stdout)")
            let now = try await catalog(sandbox, key: key)
            #expect(now.products.count == 2)
            #expect(now.products.contains { $0.name == "Scone" && $0.description == "Fruit" && $0.active })
            #expect(now.products.contains { $0.name == "Iced bun" && !$0.active })
            #expect(now.prices.count == 2)
        }
    }

    @Test func aDryRunWritesNothing() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let path = try till.file("shop.csv", "name;price;currency\nCroissant;2,75;EUR\n;1;EUR\n")
            let dry = try await till.run(["products", "import", path, "--dry-run"] + base, key: key)
            #expect(dry.status == 4)
            #expect(dry.stdout.contains("line 2: would create product \"Croissant\" with price EUR 2.75"), "\(dry.stdout)")
            #expect(dry.stderr.contains("till: line 3: no name"))
            let json = try await till.run(["products", "import", path, "--dry-run", "--json"] + base, key: key)
            #expect(try (json.json()["actions"] as? [[String: Any]])?.count == 2)
            let now = try await catalog(sandbox, key: key)
            #expect(now.products.isEmpty && now.prices.isEmpty)
        }
    }

    @Test func aTerminalGetsAProgressBarAndAPipeOneLine() async throws {
        try await withSandbox { sandbox, till, key in
            let rows = (0..<40).map { "Item \($0),1.00,GBP" }
            let path = try till.file("shop.csv", "name,price,currency\n" + rows.joined(separator: "\n") + "\n")
            // util-linux `script` runs till on a pseudo-terminal and copies what it draws.
            var environment = till.environment
            environment["WOOSHPAY_SECRET_KEY"] = key
            let command = "'\(TillProcess.binary)' products import '\(path)' --api-base \(sandbox.baseURL)"
            let run = try await onThread { [environment] in
                try runProcess("/usr/bin/script", ["-qec", command, "/dev/null"], environment: environment)
            }
            let screen = run.stdout
            #expect(run.status == 0, "\(screen)")
            #expect(screen.contains("/40 rows · "), "\(screen)")
            #expect(screen.contains(" left"))
            #expect(screen.contains("\r\u{1B}[K"))
            #expect(screen.contains("40 rows, 40 created, 0 updated, 0 skipped, 0 failed"))
        }
    }

    @Test func squaresUTF16ExportImports() async throws {
        try await withSandbox { sandbox, till, key in
            let text = "Name\tPrice\tCurrency\tBarcode\r\nCafé crème\t3.10\tEUR\t0012345\r\n"
            var data = Data([0xFF, 0xFE])
            for unit in text.utf16 { data += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            let path = try till.file("square.csv", data)
            let run = try await till.run(["products", "import", path, "--api-base", sandbox.baseURL], key: key)
            #expect(run.status == 0, "\(run.stderr)")
            let now = try await catalog(sandbox, key: key)
            #expect(now.products.map(\.name) == ["Café crème"])
            #expect(now.prices.map(\.lookupKey) == ["0012345"])
        }
    }

    @Test func anExportImportedIntoAnEmptyAccountReproducesTheCatalog() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let source = try till.file("source.csv", """
                name,description,price,currency,sku,nickname,active
                Espresso,"Dark, ""rich""
                roast",2.00,GBP,0001,Single,true
                Espresso,,3.00,GBP,0002,Double,true
                Matcha,,500,JPY,,,true
                Dinar cake,,1.250,KWD,,Slice,true
                Gift card,,,,,,true
                Old mug,Chipped,4.00,GBP,0009,,false

                """)
            let seeded = try await till.run(["products", "import", source] + base, key: key)
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let exported = try await till.run(["products", "export", "--all", "--bom"] + base, key: key)
            #expect(exported.status == 0, "\(exported.stderr)")
            #expect(exported.stdout.hasPrefix("\u{FEFF}name,description,price,currency,sku,nickname,active\r\n"))
            let plain = try await till.run(["products", "export"] + base, key: key)
            #expect(!plain.stdout.contains("Old mug"))

            let empty = TestKeys.random()
            let path = try till.file("export.csv", exported.stdout)
            let imported = try await till.run(["products", "import", path] + base, key: empty)
            #expect(imported.status == 0, "\(imported.stderr)")
            let again = try await till.run(["products", "export", "--all", "--bom"] + base, key: empty)
            #expect(again.stdout == exported.stdout)

            func shape(_ account: (products: [Product], prices: [Price])) -> Set<String> {
                let names = Dictionary(uniqueKeysWithValues: account.products.map { ($0.id, $0) })
                return Set(account.products.map { "\($0.name)|\($0.description ?? "")|\($0.active)" }
                           + account.prices.map { price in
                               "\(names[price.productId]?.name ?? "?")|\(price.money)|\(price.nickname ?? "")|"
                                   + "\(price.lookupKey ?? "")|\(price.active)"
                           })
            }
            #expect(shape(try await catalog(sandbox, key: key)) == shape(try await catalog(sandbox, key: empty)))
        }
    }
}
