import Foundation
import Testing
import TillCore
import WooshPay
#if canImport(Glibc)
import Glibc
#endif

@Suite("End to end: the built till in a real terminal (tmux)", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct EndToEndTests {
    struct Created: Sendable {
        var sessionId: String
        var baseURL: String
        var screen: String
    }

    @Test("create product and price, add to cart twice, one-off item, checkout; resize; quit")
    func wholeCheckoutFlow() async throws {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        let created = try await onThread { () throws -> Created in
            try tmux.start(command: home.command, width: 80, height: 24, environment: home.environment)
            try tmux.waitFor(text: "No products yet")
            #expect(try tmux.screen().contains("SANDBOX"))

            try tmux.send("n")
            try tmux.waitFor(text: "New product")
            try tmux.send("Green tea", literal: true)
            try tmux.send("Tab")
            try tmux.send("Loose leaf", literal: true)
            try tmux.send("Enter")
            try tmux.waitFor(text: "Created product \"Green tea\"")

            try tmux.send("Enter")
            try tmux.waitFor(text: "Prices of Green tea")
            try tmux.send("n")
            try tmux.waitFor(text: "New price for Green tea")
            try tmux.send("4.50", literal: true)
            try tmux.send("Tab")
            try tmux.send("Cup", literal: true)
            try tmux.send("Enter")
            try tmux.waitFor(text: "GBP 4.50  active")

            try tmux.send("Enter")
            try tmux.waitFor(text: "(quantity 1)")
            try tmux.send("Enter")
            try tmux.waitFor(text: "(quantity 2)")

            try tmux.send("3")
            try tmux.waitFor(text: "GBP 9.00")
            try tmux.send("C-o")
            try tmux.waitFor(text: "One-off item")
            try tmux.send("Gift wrap", literal: true)
            try tmux.send("Tab")
            // The amount and Enter in one write, as a busy link delivers them: the Enter submits
            // (a code-like "1.25⏎" in a field is typed, never a scan that swallows the Enter).
            try tmux.send("1.25\r", literal: true)
            try tmux.waitFor(text: "Added \"Gift wrap\"")

            // Enter on the empty quick-add line checks out.
            try tmux.send("Enter")
            try tmux.waitFor(text: "/sandbox/success")
            try tmux.send("Enter")
            // The whole session screen, down to its status line, not a frame still being drawn.
            let screen = try tmux.waitFor(all: ["Checkout session cs_", "Checkout session created."],
                                          none: ["Creating checkout session"])
            #expect(screen.contains("GBP 10.25"))

            // Too small, then back: the size message, then the same screen again.
            try tmux.resize(width: 60, height: 20)
            try tmux.waitFor(text: "at least 80×24")
            try tmux.resize(width: 80, height: 24)
            try tmux.waitFor(text: "Checkout session cs_")

            let id = try #require(screen.firstMatch(of: /Checkout session (cs_[A-Za-z0-9_]+)/)?.1)
            let host = try #require(screen.firstMatch(of: /127\.0\.0\.1:[0-9]+/)?.0)
            return Created(sessionId: String(id), baseURL: "http://" + host, screen: screen)
        }

        // Ask the sandbox (still served by the running till) what was really created.
        let key = try String(contentsOfFile: home.path + "/config/till/sandbox-key", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: key, baseURL: created.baseURL))
        do {
            let sessions = try await client.listCheckoutSessions(limit: 10)
            #expect(sessions.items.map(\.id) == [created.sessionId])
            let session = try await client.getCheckoutSession(created.sessionId)
            #expect(session.amountTotal == 1025)
            #expect(session.currency == .gbp)
            #expect(session.status == .open)
            // The URL is shown in full, wrapped onto lines of its own.
            #expect(created.screen.replacingOccurrences(of: "\n", with: "").contains(session.url ?? "no url"))
            let items = try await client.listLineItems(created.sessionId)
            #expect(items.count == 2)
            let tea = items.first { $0.description == "Green tea" }
            #expect(tea?.quantity == 2)
            #expect(tea?.amountTotal == 900)
            #expect(tea?.priceId != nil)
            let wrap = items.first { $0.description == "Gift wrap" }
            #expect(wrap?.quantity == 1)
            #expect(wrap?.amountTotal == 125)
            // The one-off line made its product inline (price_data.product_data), as WooshPay does.
            let products = try await client.listProducts(limit: 10)
            #expect(products.items.filter { $0.name == "Green tea" }.count == 1)
            #expect(products.items.count == 2)
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()

        try await onThread {
            try tmux.send("q")
            let after = try tmux.waitFor(text: "TILL_EXIT=0")
            #expect(!after.contains("Checkout session"))
            #expect(try tmux.value("#{alternate_on}") == "0")
            #expect(try tmux.value("#{cursor_flag}") == "1")
        }
    }

    @Test("a signal leaves a sane terminal and the conventional exit status",
          arguments: [(SIGTERM, 143), (SIGINT, 130), (SIGHUP, 129), (SIGSEGV, 139)])
    func signalRestoresTheTerminal(signal: Int32, status: Int) async throws {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        try await onThread {
            try tmux.start(command: home.command, width: 80, height: 24, environment: home.environment)
            try tmux.waitFor(text: "SANDBOX")
            #expect(try tmux.value("#{alternate_on}") == "1")
            #expect(try tmux.value("#{cursor_flag}") == "0")
            kill(try tillPID(tmux), signal)
            try tmux.waitFor(text: "TILL_EXIT=\(status)")
            let settings = try tmux.run(["capture-pane", "-p", "-J", "-t", tmux.session])
            let words = Set(settings.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
            #expect(words.contains("echo") && !words.contains("-echo"))
            #expect(words.contains("icanon") && !words.contains("-icanon"))
            #expect(words.contains("isig") && !words.contains("-isig"))
            #expect(try tmux.value("#{alternate_on}") == "0")
            #expect(try tmux.value("#{cursor_flag}") == "1")
        }
    }
}
