import Foundation
import Testing
import WooshPaySandbox

/// `till sandbox pay|fail|expire|clock|reset|webhooks|events|listen`, run as the built binary
/// against an in-process sandbox (`--api-base` and a test key), as a script would.
@Suite(.serialized) struct SandboxCLITests {
    /// A fresh open session (one inline line item); its id.
    static func openSession(_ till: TillProcess, _ base: [String], key: String) async throws -> String {
        let created = try await till.run(["sessions", "create", "--item-inline", "Tea:1.50:GBP", "--success-url", "https://s.example/ok",
                                          "--cancel-url", "https://s.example/no", "--json"] + base, key: key)
        #expect(created.status == 0, "\(created.stderr)")
        return try #require(try created.json()["id"] as? String)
    }

    @Test func payFailExpireAndTheClockPrintWhatTheyTouchedAndEmitted() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let first = try await Self.openSession(till, base, key: key)

            let failed = try await till.run(["sandbox", "fail", first, "--decline-code", "insufficient_funds"] + base, key: key)
            #expect(failed.status == 0, "\(failed.stderr)")
            #expect(failed.stdout.contains("Checkout session \(first) is open (unpaid)"), "\(failed.stdout)")
            #expect(failed.stdout.contains("last error insufficient_funds: Your card has insufficient funds."), "\(failed.stdout)")
            #expect(failed.stdout.contains("payment_intent.payment_failed"))

            let paid = try await till.run(["sandbox", "pay", first] + base, key: key)
            #expect(paid.status == 0, "\(paid.stderr)")
            #expect(paid.stdout.contains("Checkout session \(first) is complete (paid)"), "\(paid.stdout)")
            #expect(paid.stdout.contains("payment intent pi_") && paid.stdout.contains(" succeeded."), "\(paid.stdout)")
            let eventLines = paid.stdout.split(separator: "\n").filter { $0.hasPrefix("evt_") }
            #expect(eventLines.count == 2)
            #expect(eventLines[0].contains("payment_intent.succeeded") && eventLines[1].contains("checkout.session.completed"))
            #expect(eventLines[1].hasSuffix(first))

            let again = try await till.run(["sandbox", "pay", first] + base, key: key)
            #expect(again.status == 1)
            #expect(again.stderr.contains("Only an open checkout session can be paid; this one is complete."), "\(again.stderr)")

            let second = try await Self.openSession(till, base, key: key)
            let expired = try await till.run(["sandbox", "expire", second, "--json"] + base, key: key)
            #expect(expired.status == 0, "\(expired.stderr)")
            let object = try expired.json()
            #expect((object["checkout_session"] as? [String: Any])?["status"] as? String == "expired")
            #expect((object["events"] as? [[String: Any]])?.map { $0["type"] as? String } == ["checkout.session.expired"])

            let third = try await Self.openSession(till, base, key: key)
            let clock = try await till.run(["sandbox", "clock", "advance", "25h"] + base, key: key)
            #expect(clock.status == 0, "\(clock.stderr)")
            #expect(clock.stdout.contains("Clock advanced 25h"), "\(clock.stdout)")
            #expect(clock.stdout.contains("(1d1h ahead of the real clock)"), "\(clock.stdout)")
            #expect(clock.stdout.contains("checkout.session.expired") && clock.stdout.contains(third), "\(clock.stdout)")
            let quiet = try await till.run(["sandbox", "clock", "advance", "90"] + base, key: key)
            #expect(quiet.stdout.contains("No events."))
            let bad = try await till.run(["sandbox", "clock", "advance", "25x"] + base, key: key)
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("the duration must be seconds or parts such as 25h"), "\(bad.stderr)")

            let unknown = try await till.run(["sandbox", "pay", "cs_404"] + base, key: key)
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("No such checkout session: 'cs_404'"), "\(unknown.stderr)")
        }
    }

    @Test func resetAsksForYesThenEmptiesTheAccount() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            _ = try await Self.openSession(till, base, key: key)
            let refused = try await till.run(["sandbox", "reset"] + base, key: key)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("run it again with --yes"), "\(refused.stderr)")
            #expect(try await till.run(["sessions", "list", "--json"] + base, key: key).stdout.contains("cs_"))

            let reset = try await till.run(["sandbox", "reset", "--yes"] + base, key: key)
            #expect(reset.status == 0, "\(reset.stderr)")
            #expect(reset.stdout.contains("Emptied the account: 1 checkout sessions"), "\(reset.stdout)")
            let sessions = try await till.run(["sessions", "list", "--json"] + base, key: key)
            #expect(!sessions.stdout.contains("cs_"), "\(sessions.stdout)")
            let empty = try await till.run(["sandbox", "reset", "--yes"] + base, key: key)
            #expect(empty.stdout.contains("already empty"))
        }
    }

    @Test func webhooksAddListRemoveAndTheEventsAndDeliveriesTheyShow() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let added = try await till.run(["sandbox", "webhooks", "add", receiver.url, "--events",
                                            "checkout.session.completed,payment_intent.succeeded"] + base, key: key)
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.stdout.contains("(events: checkout.session.completed, payment_intent.succeeded)"), "\(added.stdout)")
            let secretLine = try #require(added.stdout.split(separator: "\n").first { $0.hasPrefix("Signing secret: ") })
            let secret = String(secretLine.dropFirst("Signing secret: ".count).prefix { $0 != " " })
            #expect(secret.hasPrefix("whsec_"))
            let endpoint = try #require(added.stdout.split(separator: " ").dropFirst().first.map(String.init))
            #expect(endpoint.hasPrefix("we_"))

            let listed = try await till.run(["sandbox", "webhooks", "list"] + base, key: key)
            #expect(listed.stdout.contains(endpoint) && listed.stdout.contains(receiver.url) && listed.stdout.contains("enabled"))
            #expect(!listed.stdout.contains("whsec_"))

            let outside = try await till.run(["sandbox", "webhooks", "add", "https://example.com/hooks"] + base, key: key)
            #expect(outside.status == 1)
            #expect(outside.stderr.contains("loopback addresses only"), "\(outside.stderr)")

            let session = try await Self.openSession(till, base, key: key)
            #expect(try await till.run(["sandbox", "pay", session] + base, key: key).status == 0)
            let hits = try await receiver.wait { $0.count >= 2 }
            for hit in hits {
                #expect(IndependentHMAC.verify(header: hit.signature, body: hit.body, secret: secret) != nil)
            }

            let events = try await till.run(["sandbox", "events"] + base, key: key)
            #expect(events.status == 0, "\(events.stderr)")
            #expect(events.stdout.contains("checkout.session.completed") && events.stdout.contains(session), "\(events.stdout)")
            let completed = try #require(hits.first { $0.type == "checkout.session.completed" })
            let shown = try await till.run(["sandbox", "events", completed.id] + base, key: key)
            let shownLines = shown.stdout.split(separator: "\n")
            #expect(shownLines.contains { $0.hasPrefix("Type:") && $0.hasSuffix(" checkout.session.completed") }, "\(shown.stdout)")
            #expect(shownLines.contains { $0.hasPrefix("Object:") && $0.hasSuffix(" checkout.session \(session)") }, "\(shown.stdout)")

            let deliveries = try await waitFor("both attempts in till sandbox events --deliveries") { () -> RunResult? in
                let run = try await till.run(["sandbox", "events", "--deliveries"] + base, key: key)
                return run.stdout.components(separatedBy: "HTTP 200").count - 1 == 2 ? run : nil
            }
            #expect(deliveries.stdout.contains(receiver.url))
            #expect(deliveries.stdout.contains(completed.id))

            let removed = try await till.run(["sandbox", "webhooks", "remove", endpoint] + base, key: key)
            #expect(removed.stdout.contains("Removed \(endpoint)."))
            let none = try await till.run(["sandbox", "webhooks", "list"] + base, key: key)
            #expect(none.stdout.contains("No webhook endpoints."))
        }
    }

    @Test func listenPrintsEventsAsTheyHappenAndForwardsThemSigned() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let before = try await Self.openSession(till, base, key: key)
            #expect(try await till.run(["sandbox", "expire", before] + base, key: key).status == 0)

            let listen = try StreamingTill(till, ["sandbox", "listen", "--forward-to", receiver.url, "--max-events", "2",
                                                  "--interval-ms", "20"] + base, key: key)
            let ready = try await waitFor("listen to say it is ready") { listen.stderr.contains("Ready") ? listen.stderr : nil }
            let secret = try #require(ready.components(separatedBy: "Webhook signing secret: ").last?.split(separator: " ").first.map(String.init))
            #expect(secret.hasPrefix("whsec_"))

            let session = try await Self.openSession(till, base, key: key)
            #expect(try await till.run(["sandbox", "pay", session] + base, key: key).status == 0)
            let status = try await listen.exit()
            #expect(status == 0, "\(listen.stderr)")
            let lines = listen.stdout.split(separator: "\n")
            #expect(lines.count == 2, "\(listen.stdout)")
            #expect(lines.first?.contains("payment_intent.succeeded") == true)
            #expect(lines.last?.contains("checkout.session.completed") == true && lines.last?.contains(session) == true)
            #expect(lines.allSatisfy { $0.contains("→ \(receiver.url) [200]") }, "\(listen.stdout)")
            // The expired session's event came before listen started: not shown, not forwarded.
            #expect(!listen.stdout.contains("checkout.session.expired"))
            let hits = receiver.received
            #expect(hits.map(\.type) == ["payment_intent.succeeded", "checkout.session.completed"])
            for hit in hits {
                #expect(IndependentHMAC.verify(header: hit.signature, body: hit.body, secret: secret) != nil)
            }
            // The same key gets the same secret next time.
            let other = try StreamingTill(till, ["sandbox", "listen", "--max-events", "1"] + base, key: key)
            let again = try await waitFor("the second listen") { other.stderr.contains("Ready") ? other.stderr : nil }
            #expect(again.contains(secret))
            other.terminate()
            _ = try? await other.exit()

            let refused = try await till.run(["sandbox", "listen", "--forward-to", "https://example.com/x"] + base, key: key)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("--allow-forward-host example.com"), "\(refused.stderr)")
        }
    }

    @Test func theServerStillStartsBareAndTheHelpListsTheSubcommands() async throws {
        let till = try TillProcess()
        defer { till.cleanUp() }
        let help = try await till.run(["sandbox", "--help"])
        for word in ["--allow-webhook-host", "--refund-pending", "pay", "fail", "expire", "clock", "reset", "webhooks", "events", "listen"] {
            #expect(help.stdout.contains(word), "\(word) missing from:\n\(help.stdout)")
        }
        let bad = try await till.run(["sandbox", "--webhook-timeout", "0", "--db", ":memory:"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--webhook-timeout must be more than 0"), "\(bad.stderr)")
    }
}

/// A `till` run whose output is read while it runs (`listen`).
final class StreamingTill: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private var readersDone = 0
    private let done = DispatchSemaphore(value: 0)

    init(_ till: TillProcess, _ arguments: [String], key: String) throws {
        process.executableURL = URL(fileURLWithPath: TillProcess.binary)
        process.arguments = arguments
        var environment = till.environment
        environment["WOOSHPAY_SECRET_KEY"] = key
        process.environment = environment
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for (pipe, isOut) in [(outPipe, true), (errPipe, false)] {
            Thread.detachNewThread { [self] in
                while true {
                    let chunk = pipe.fileHandleForReading.availableData
                    if chunk.isEmpty {
                        lock.lock()
                        readersDone += 1
                        lock.unlock()
                        break
                    }
                    lock.lock()
                    if isOut { out.append(chunk) } else { err.append(chunk) }
                    lock.unlock()
                }
            }
        }
        Thread.detachNewThread { [self] in
            process.waitUntilExit()
            done.signal()
        }
    }

    var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: out, as: UTF8.self) }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: err, as: UTF8.self) }

    func terminate() { if process.isRunning { process.terminate() } }

    /// Waits for the process to end (a bounded wait: it is killed after 60 s) and gives its status.
    func exit() async throws -> Int32 {
        let finished: Bool = await withCheckedContinuation { continuation in
            Thread.detachNewThread { [self] in continuation.resume(returning: done.wait(timeout: .now() + 60) == .success) }
        }
        if !finished {
            process.terminate()
            throw TimedOut(what: "till \(process.arguments?.joined(separator: " ") ?? "") to exit")
        }
        // Let the readers drain what is left in the pipes.
        _ = try await waitFor("the output to be read") { self.drained ? true : nil }
        return process.terminationReason == .exit ? process.terminationStatus : -1
    }

    /// Both pipes read to their end.
    private var drained: Bool { lock.lock(); defer { lock.unlock() }; return readersDone == 2 }
}
