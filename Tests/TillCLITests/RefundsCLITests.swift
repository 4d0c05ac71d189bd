import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import WooshPaySandbox

extension TillProcess {
    /// A sale made with `sessions create` and paid as the cashier would; returns its session id.
    func paidSale(_ sandbox: Sandbox, key: String, items: [String] = ["--item-inline", "Flat white:3.50:GBP:3"],
                  pay: Bool = true) async throws -> String {
        let created = try await run(["sessions", "create", "--success-url", "https://shop.example/ok",
                                     "--cancel-url", "https://shop.example/no", "--json", "--api-base", sandbox.baseURL] + items,
                                    key: key)
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require(try created.json()["id"] as? String)
        if pay { #expect(try await sandbox.completePayment(session: id)) }
        return id
    }

    /// The journal as `refunds list --json` prints it.
    func journal(_ sandbox: Sandbox, key: String) async throws -> [[String: Any]] {
        let listed = try await run(["refunds", "list", "--json", "--api-base", sandbox.baseURL], key: key)
        #expect(listed.status == 0, "\(listed.stderr)")
        return try listed.json()["data"] as? [[String: Any]] ?? []
    }
}

@Suite("The command line: refunds and reports", .serialized)
struct RefundsCLITests {
    @Test func refundAllAnAmountOrLinesAndNeverMoreThanIsLeft() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let unpaid = try await till.paidSale(sandbox, key: key, pay: false)
            let refused = try await till.run(["refunds", "create", "--session", unpaid] + base, key: key)
            #expect(refused.status == 1)
            #expect(refused.stderr == "till: \(unpaid) is not paid (status open, payment unpaid): only a paid session can be refunded. Nothing was sent.\n")
            #expect(try await till.journal(sandbox, key: key).isEmpty)

            // 3 × GBP 3.50 and a GBP 1.99 line: GBP 12.49.
            let price = try await till.run(["prices", "create", "--product-name", "Croissant", "--currency", "GBP",
                                            "--amount", "1.99", "--json"] + base, key: key)
            let priceId = try #require(try price.json()["id"] as? String)
            let sale = try await till.paidSale(sandbox, key: key, items: ["--item-inline", "Flat white:3.50:GBP:3",
                                                                          "--item", priceId + ":1"])
            let first = try await till.run(["refunds", "create", "--session", sale, "--amount", "1.50",
                                            "--reason", "requested_by_customer"] + base, key: key)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("Amount:   GBP 1.50\nStatus:   succeeded\nReason:   requested_by_customer\n"), "\(first.stdout)")
            #expect(first.stdout.contains("Session:  \(sale)\n"))
            let refundId = try #require(first.stdout.split(separator: "\n").first?.split(separator: " ").last.map(String.init))

            let byLine = try await till.run(["refunds", "create", "--session", sale, "--item", priceId, "--json"] + base, key: key)
            #expect(byLine.status == 0, "\(byLine.stderr)")
            #expect(try byLine.json()["amount"] as? Int == 199)
            #expect(try byLine.json()["object"] as? String == "refund")
            let again = try await till.run(["refunds", "create", "--session", sale, "--item", priceId + ":1"] + base, key: key)
            #expect(again.status == 1)
            #expect(again.stderr == "till: Every unit of \(priceId) has been refunded already. Nothing was sent.\n")

            // What is left: 12.49 - 1.50 - 1.99 = 9.00.
            let tooMuch = try await till.run(["refunds", "create", "--session", sale, "--amount", "9.01"] + base, key: key)
            #expect(tooMuch.status == 1)
            #expect(tooMuch.stderr == "till: GBP 9.01 is more than is left to refund (GBP 9.00). Nothing was sent.\n")
            let rest = try await till.run(["refunds", "create", "--session", sale, "--json"] + base, key: key)
            #expect(rest.status == 0, "\(rest.stderr)")
            #expect(try rest.json()["amount"] as? Int == 900)
            let none = try await till.run(["refunds", "create", "--session", sale] + base, key: key)
            #expect(none.status == 1)
            #expect(none.stderr.contains("Nothing is left to refund: the whole GBP 12.49 has been refunded"), "\(none.stderr)")

            let journal = try await till.journal(sandbox, key: key)
            #expect(journal.compactMap { ($0["amount"] as? [String: Any])?["minorUnits"] as? Int } == [150, 199, 900])
            #expect(journal.allSatisfy { ($0["state"] as? [String: Any])?["status"] as? String == "succeeded" })
            #expect(journal.compactMap { $0["lines"] as? [String: Int] } == [[priceId: 1]])
            let table = try await till.run(["refunds", "list", "--session", sale] + base, key: key)
            #expect(table.stdout.split(separator: "\n").count == 4)
            #expect(table.stdout.hasPrefix("CREATED "))
            #expect(table.stdout.contains("GBP 9.00  -                      succeeded  re_"), "\(table.stdout)")
            #expect(try await till.run(["refunds", "list", "--session", unpaid] + base, key: key).stdout.split(separator: "\n").count == 1)

            let shown = try await till.run(["refunds", "get", refundId] + base, key: key)
            #expect(shown.status == 0)
            #expect(shown.stdout.contains("Session:  \(sale)"))
            let shownJSON = try await till.run(["refunds", "get", refundId, "--json"] + base, key: key)
            #expect(try shownJSON.json()["payment_intent"] as? String != nil)
            #expect(try await till.run(["refunds", "get", "re_1111111111111111111"] + base, key: key).status == 1)
        }
    }

    @Test func usageErrorsAreRefusedBeforeAnythingIsSent() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let sale = try await till.paidSale(sandbox, key: key)
            for (arguments, message) in [
                (["--reason", "changed_mind"], "--reason must be one of duplicate, fraudulent, requested_by_customer"),
                (["--amount", "1", "--item", "price_1"], "give --amount or --item, not both"),
                (["--amount", "1.234"], "GBP takes at most 2 decimals"),
                (["--amount", "-1"], "Amounts cannot be negative"),
                (["--item", "price_1:0"], "quantity in 'price_1:0' must be a whole number from 1 to 999"),
            ] {
                let run = try await till.run(["refunds", "create", "--session", sale] + arguments + base, key: key)
                #expect(run.status == 2, "\(arguments): \(run.stderr)")
                #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            }
            #expect(try await till.run(["refunds", "create", "--session", ""] + base, key: key).status == 2)
            #expect(try await till.journal(sandbox, key: key).isEmpty)
            let unknownLine = try await till.run(["refunds", "create", "--session", sale, "--item", "price_nope"] + base, key: key)
            #expect(unknownLine.status == 1 && unknownLine.stderr.contains("The session has no line with price price_nope"))
        }
    }

    /// The first seed whose faults let the two lookups through, drop the refund's connection after
    /// committing it, and answer 500 or 429 to each of the three retries.
    static func lookupsThenCommittedThenFailingSeed(rate: Double) -> UInt64? {
        (1...500_000).first { seed in
            let injector = FaultInjector(rate: rate, seed: UInt64(seed))
            let faults = (0..<6).map { _ in injector.next() }
            return faults[0] == nil && faults[1] == nil && faults[2] == .dropAfterCommit
                && faults[3...5].allSatisfy { $0 == .serverError || $0 == .rateLimited }
        }.map(UInt64.init)
    }

    @Test func aLostAnswerExits5AndTheRerunWithItsKeyRefundsOnce() async throws {
        let rate = 0.9
        let seed = try #require(Self.lookupsThenCommittedThenFailingSeed(rate: rate))
        let folder = NSTemporaryDirectory() + "till-cli-refund-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/sandbox.sqlite"
        try await withSandbox(SandboxConfiguration(databasePath: database)) { setup, till, key in
            let sale = try await till.paidSale(setup, key: key)
            // A port below the ephemeral range (32768 and up), so no other test's port-0 server or
            // client can be handed it between this sandbox and the clean one that reopens it.
            var faultyServer: Sandbox?
            for _ in 0..<50 where faultyServer == nil {
                faultyServer = try? await Sandbox.start(SandboxConfiguration(port: Int.random(in: 20_000...30_999),
                                                                             databasePath: database, failRate: rate, seed: seed))
            }
            let faulty = try #require(faultyServer)
            let lost: RunResult
            do {
                lost = try await till.run(["refunds", "create", "--session", sale, "--amount", "2.00", "--api-base", faulty.baseURL], key: key)
            } catch {
                await faulty.stop()
                throw error
            }
            await faulty.stop()
            #expect(lost.status == 5, "\(lost.stderr)")
            #expect(lost.stdout.isEmpty)
            let refundKey = try #require(lost.stderr.firstMatch(of: /--idempotency-key ([A-F0-9-]{36}) to finish it/)?.1).description
            // The same address again (the journal is the account's: its address and key), now without faults.
            let port = try #require(URL(string: faulty.baseURL)?.port)
            // The port was just given up (TIME_WAIT does not stop a server binding it).
            var started: Sandbox?
            for attempt in 1...50 {
                do {
                    started = try await Sandbox.start(SandboxConfiguration(port: port, databasePath: database))
                    break
                } catch where attempt < 50 {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            let clean = try #require(started)
            do {
                try await Self.finish(sale: sale, refundKey: refundKey, clean: clean, till: till, key: key)
            } catch {
                await clean.stop()
                throw error
            }
            await clean.stop()
        }
    }

    /// The unconfirmed refund in the journal and the report, then finished by a rerun with its key.
    static func finish(sale: String, refundKey: String, clean: Sandbox, till: TillProcess, key: String) async throws {
        // Saved before it was sent, and still unconfirmed.
        var journal = try await till.journal(clean, key: key)
        #expect(journal.count == 1)
        #expect(journal.first?["idempotency_key"] as? String == refundKey)
        #expect((journal.first?["state"] as? [String: Any])?["kind"] as? String == "sent")
        let report = try await till.run(["report", "--json", "--api-base", clean.baseURL], key: key)
        let figures = try #require((try report.json()["report"] as? [String: Any])?["figures"] as? [[String: Any]])
        #expect(figures.first?["unconfirmed_refunds"] as? [String: Int] == ["count": 1, "amount": 200])
        #expect(figures.first?["net"] as? Int == 1050)
        // A new refund counts the unconfirmed one as made, on top of what the API counts (which already
        // holds it, as it was committed): 10.50 - 2.00 - 2.00 is left until it is settled.
        let more = try await till.run(["refunds", "create", "--session", sale, "--amount", "6.51", "--api-base", clean.baseURL], key: key)
        #expect(more.status == 1)
        #expect(more.stderr == """
            till: GBP 6.51 is more than is left to refund (GBP 6.50). Nothing was sent.
            till: GBP 2.00 of the refunds counted were sent with no answer yet: send them again with their \
            --idempotency-key (see `till refunds list`) to settle them

            """, "\(more.stderr)")

        // The rerun with the key sends the saved refund again: the API replays it, nothing is refunded twice.
        let rerun = try await till.run(["refunds", "create", "--session", sale, "--idempotency-key", refundKey,
                                        "--api-base", clean.baseURL], key: key)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("Amount:   GBP 2.00"))
        journal = try await till.journal(clean, key: key)
        #expect(journal.count == 1)
        #expect((journal.first?["state"] as? [String: Any])?["kind"] as? String == "recorded")
        // Once recorded, the same key only reads the refund back.
        let done = try await till.run(["refunds", "create", "--session", sale, "--idempotency-key", refundKey, "--json",
                                       "--api-base", clean.baseURL], key: key)
        #expect(done.status == 0)
        #expect(try done.json()["amount"] as? Int == 200)
        let conflicting = try await till.run(["refunds", "create", "--session", sale, "--idempotency-key", refundKey,
                                              "--amount", "3", "--api-base", clean.baseURL], key: key)
        #expect(conflicting.status == 2)
        #expect(conflicting.stderr.contains("the refund saved as \(refundKey) is for GBP 2.00, not 3"), "\(conflicting.stderr)")
        let intent = try await API(clean, key).get("/v1/checkout/sessions/\(sale)")["payment_intent"] as? String
        #expect(try await API(clean, key).get("/v1/payment_intents/\(intent ?? "")")["amount_refunded"] as? Int == 200)
    }

    @Test func aSavedKeyIsTiedToItsRefundAndARefusalIsRecorded() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let sale = try await till.paidSale(sandbox, key: key)
            let made = try await till.run(["refunds", "create", "--session", sale, "--idempotency-key", "refund-a",
                                           "--amount", "1"] + base, key: key)
            #expect(made.status == 0, "\(made.stderr)")
            let readBack = try await till.run(["refunds", "create", "--session", sale, "--idempotency-key", "refund-a"] + base, key: key)
            #expect(readBack.status == 0, "\(readBack.stderr)")
            #expect(readBack.stdout.contains("Amount:   GBP 1.00"))
            let other = try await till.run(["refunds", "create", "--session", "cs_other", "--idempotency-key", "refund-a"] + base, key: key)
            #expect(other.status == 2 && other.stderr.contains("belongs to a refund of \(sale), not cs_other"), "\(other.stderr)")

            // A key the API already holds for another request: the refund is refused, and recorded so.
            #expect(try await till.run(["products", "create", "--name", "Tea", "--idempotency-key", "taken"] + base, key: key).status == 0)
            let refused = try await till.run(["refunds", "create", "--session", sale, "--idempotency-key", "taken",
                                              "--amount", "2"] + base, key: key)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("idempotency_key_reused, HTTP 409"), "\(refused.stderr)")
            let journal = try await till.journal(sandbox, key: key)
            #expect((journal.last?["state"] as? [String: Any])?["kind"] as? String == "failed")
            // It gave nothing back: all but the first GBP 1.00 is still refundable.
            let balance = try await till.run(["refunds", "create", "--session", sale, "--amount", "9.51"] + base, key: key)
            #expect(balance.stderr.contains("GBP 9.51 is more than is left to refund (GBP 9.50)"), "\(balance.stderr)")
            let repeated = try await till.run(["refunds", "create", "--session", sale, "--idempotency-key", "taken"] + base, key: key)
            #expect(repeated.status == 1)
            #expect(repeated.stderr.contains("the refund saved as taken was refused, so nothing was refunded"), "\(repeated.stderr)")
        }
    }

    @Test func xAndZReportsPerCurrency() async throws {
        try await withSandbox(SandboxConfiguration(refundPendingSeconds: 3600)) { sandbox, till, key in
            var till = till
            till.environment["TZ"] = "UTC"
            let base = ["--api-base", sandbox.baseURL]
            let empty = try await till.run(["report"] + base, key: key)
            #expect(empty.status == 0, "\(empty.stderr)")
            #expect(empty.stdout.contains("From:   the start of the data\n"))
            #expect(empty.stdout.contains("No sessions or refunds in this window."))

            let gbp = try await till.paidSale(sandbox, key: key, items: ["--item-inline", "Tea:2.50:GBP:4"])        // 10.00
            let jpy = try await till.paidSale(sandbox, key: key, items: ["--item-inline", "Matcha:1000:JPY"])       // 1000
            _ = try await till.paidSale(sandbox, key: key, items: ["--item-inline", "Cake:4.00:GBP"], pay: false)  // open
            let gone = try await till.paidSale(sandbox, key: key, items: ["--item-inline", "Bun:1.25:GBP"], pay: false)
            #expect(try await till.run(["sessions", "expire", gone] + base, key: key).status == 0)
            #expect(try await till.run(["refunds", "create", "--session", gbp, "--amount", "3"] + base, key: key).status == 0)
            #expect(try await till.run(["refunds", "create", "--session", jpy] + base, key: key).status == 0)

            let x = try await till.run(["report"] + base, key: key)
            #expect(x.status == 0, "\(x.stderr)")
            #expect(x.stdout.contains("""
                GBP          COUNT  AMOUNT
                Paid         1      GBP 10.00
                Expired      1      GBP 1.25
                Open         1      GBP 4.00
                Refunds      1      GBP 3.00
                  pending    1      GBP 3.00
                Unconfirmed  0      GBP 0.00
                Net                 GBP 7.00

                JPY          COUNT  AMOUNT
                Paid         1      JPY 1,000
                Expired      0      JPY 0
                Open         0      JPY 0
                Refunds      1      JPY 1,000
                  pending    1      JPY 1,000
                Unconfirmed  0      JPY 0
                Net                 JPY 0
                """), "\(x.stdout)")
            #expect(x.stdout.contains("Still open (till sessions expire ID): cs_"))
            let csv = try await till.run(["report", "--csv"] + base, key: key)
            let rows = csv.stdout.components(separatedBy: "\r\n")
            #expect(rows.count == 4 && rows[3].isEmpty, "\(rows)")
            #expect(rows[0].hasPrefix("from,to,currency,paid_count,paid_amount,"))
            #expect(rows[1].hasPrefix(",") && rows[1].hasSuffix(",GBP,1,10.00,1,1.25,1,4.00,1,3.00,1,3.00,0,0.00,7.00"), "\(rows[1])")
            #expect(rows[2].hasSuffix(",JPY,1,1000,0,0,0,0,1,1000,1,1000,0,0,0"), "\(rows[2])")
            // A window before any sale.
            let past = try await till.run(["report", "--from", "2000-01-01", "--to", "2000-01-02T00:00:00Z", "--json"] + base, key: key)
            let pastReport = try #require(try past.json()["report"] as? [String: Any])
            #expect((pastReport["figures"] as? [Any])?.isEmpty == true)
            #expect(pastReport["window"] as? [String: Int] == ["start": 946_684_800_000, "end": 946_771_200_000])

            let z = try await till.run(["report", "close", "--json"] + base, key: key)
            #expect(z.status == 0, "\(z.stderr)")
            let closed = try z.json()
            #expect(closed["object"] as? String == "z_report" && closed["number"] as? Int == 1)
            let window = try #require((closed["report"] as? [String: Any])?["window"] as? [String: Any])
            #expect(window["start"] is NSNull)
            let end = try #require(window["end"] as? Int)
            // The next shift starts where this one ended, so the X report is empty again.
            let after = try await till.run(["report", "--json"] + base, key: key)
            let afterWindow = try #require((try after.json()["report"] as? [String: Any])?["window"] as? [String: Any])
            #expect(afterWindow["start"] as? Int == end)
            #expect(((try after.json()["report"] as? [String: Any])?["figures"] as? [Any])?.isEmpty == true)
            _ = try await till.paidSale(sandbox, key: key, items: ["--item-inline", "Tea:2.50:GBP"])
            let second = try await till.run(["report", "close"] + base, key: key)
            #expect(second.stdout.hasPrefix("Report: Z report #2 (shift closed)\n"), "\(second.stdout)")
            #expect(second.stdout.contains("Paid         1      GBP 2.50"))

            for (arguments, message) in [(["--from", "yesterday"], "--from: 'yesterday' is not a time"),
                                         (["--from", "2026-01-02", "--to", "2026-01-01"], "--from must be before --to"),
                                         (["--csv", "--json"], "give --csv or --json, not both")] {
                let bad = try await till.run(["report"] + arguments + base, key: key)
                #expect(bad.status == 2 && bad.stderr.contains(message), "\(arguments): \(bad.stderr)")
            }
        }
    }

    @Test func aZReportThatCannotListSavesNothing() async throws {
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        let till = try TillProcess()
        defer { till.cleanUp() }
        let key = TestKeys.random()
        let base = sandbox.baseURL
        _ = try await till.paidSale(sandbox, key: key)
        #expect(try await till.run(["report", "close", "--api-base", base], key: key).status == 0)
        await sandbox.stop()
        let failed = try await till.run(["report", "close", "--api-base", base], key: key)
        #expect(failed.status == 3, "\(failed.stderr)")
        #expect(failed.stdout.isEmpty)
        // The shop store holds one closed shift, not two (`till tills` counts them per till).
        let tills = try await till.run(["tills", "--json", "--api-base", base], key: key)
        #expect(tills.status == 0, "\(tills.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(tills.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.compactMap { $0["closed_shifts"] as? Int }.reduce(0, +) == 1, "\(tills.stdout)")
    }

    @Test func theSandboxTakesARefundPendingTime() async throws {
        let till = try TillProcess()
        defer { till.cleanUp() }
        let bad = try await till.run(["sandbox", "--refund-pending", "-5", "--db", ":memory:"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--refund-pending must be 0 to 315360000 seconds."), "\(bad.stderr)")
        let help = try await till.run(["sandbox", "--help"])
        #expect(help.stdout.contains("--refund-pending <refund-pending>"), "\(help.stdout)")
    }

    @Test func withNoKeyTheEmbeddedSandboxAccountIsUsed() async throws {
        let till = try TillProcess()
        defer { till.cleanUp() }
        let embedded = till
        let list = try await embedded.run(["refunds", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout == "CREATED  SESSION  AMOUNT  REASON  STATE  REFUND  KEY\n")
        let report = try await embedded.run(["report", "--json"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try report.json()["object"] as? String == "x_report")
        let missing = try await embedded.run(["refunds", "create", "--session", "cs_1111111111111111111"])
        #expect(missing.status == 1 && missing.stderr.contains("No such checkout session"), "\(missing.stderr)")
    }
}

/// Reads the sandbox's API directly, to check what a command did.
private struct API {
    let sandbox: Sandbox
    let key: String

    init(_ sandbox: Sandbox, _ key: String) {
        self.sandbox = sandbox
        self.key = key
    }

    func get(_ path: String) async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: sandbox.baseURL + path)!)
        request.setValue("Basic " + Data("\(key):".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
