import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TillCore
import WooshPay

/// The sale finished at the counter, in a real terminal: the customer pays in the sandbox's
/// cashier (its form posted over loopback, as a browser would), PAID shows by polling alone,
/// and `n` starts the next sale.
@Suite("End to end: paid at the counter (tmux)", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct CounterEndToEndTests {
    /// The home's environment with polling every 250 ms, so PAID shows long before any wait ends
    /// (at the default 3 s a 15 s wait would still hold, but with a margin that depends on load).
    static func environment(_ home: TemporaryHome) -> [String: String] {
        home.environment.merging(["TILL_POLL_MS": "250"]) { $1 }
    }

    /// Posts the cashier page's Pay form for a session URL, with its hidden token.
    static func payInTheCashier(_ url: String) async throws -> Int {
        let page = try #require(URL(string: url))
        let (data, _) = try await URLSession.shared.data(from: page)
        let html = String(decoding: data, as: UTF8.self)
        let actions = html.components(separatedBy: "action=\"").dropFirst().compactMap {
            $0.components(separatedBy: "\"").first?.replacingOccurrences(of: "&amp;", with: "&")
        }
        let pay = try #require(actions.first { $0.contains("/pay?") || $0.hasSuffix("/pay") }, "no Pay form in \(html)")
        let token = html.components(separatedBy: "name=token value=\"").dropFirst().first?.components(separatedBy: "\"").first
        var request = URLRequest(url: try #require(URL(string: pay, relativeTo: page)))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data((token.map { "token=\($0)" } ?? "").utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// In a started Till on a fresh sandbox: a Flat white at 3.20 sold, its session created and
    /// paid in the cashier (as a browser would). Returns the session id.
    static func sellFlatWhiteAndPay(_ tmux: Tmux, _ home: TemporaryHome) async throws -> String {
        let sessionId = try await onThread { () throws -> String in
            try tmux.waitFor(text: "No products yet")
            try tmux.createPriceWithNewProduct("Flat white", amount: "3.20")
            try tmux.send("Enter")
            try tmux.waitFor(text: "(quantity 1)")
            try tmux.send("3", "Enter")
            try tmux.waitFor(text: "/sandbox/success")
            try tmux.send("Enter")
            let screen = try tmux.waitFor(text: "Checkout session cs_")
            #expect(screen.contains("watching"))
            return String(try #require(screen.firstMatch(of: /Checkout session (cs_[A-Za-z0-9_]+)/)?.1))
        }

        let key = try String(contentsOfFile: home.path + "/config/till/sandbox-key", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let screen = try tmux.screen()
        let host = try #require(screen.firstMatch(of: /127\.0\.0\.1:[0-9]+/)?.0)
        let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: key, baseURL: "http://" + host))
        let url: String
        do {
            url = try #require(try await client.getCheckoutSession(sessionId).url)
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        // The form answers 303 to the success page, which URLSession follows.
        #expect(try await Self.payInTheCashier(url) == 200)

        return sessionId
    }

    @Test("sell, pay in the cashier, PAID within 5 s, n for the next sale, the sale in history")
    func paidAndNextSale() async throws {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        try await onThread {
            try tmux.start(command: home.command, width: 80, height: 24, environment: Self.environment(home))
        }
        _ = try await Self.sellFlatWhiteAndPay(tmux, home)

        try await onThread {
            // Polling (every 250 ms here) sees it: the banner, the amount, the hint.
            let paid = try tmux.waitFor(text: "PAID")
            #expect(paid.contains("GBP 3.20"))
            #expect(paid.contains("n next sale"))
            #expect(!paid.contains("x expire"))
            try tmux.send("n")
            try tmux.waitFor(text: "[1 Products]")
            try tmux.send("6")
            let history = try tmux.waitFor(text: "complete · paid")
            #expect(history.contains("Flat white"))
            // Opened from history: the sale in full, with no banner or bell (they are for the live sale).
            try tmux.send("Enter")
            let reopened = try tmux.waitFor(text: "Items       1 × Flat white")
            #expect(reopened.contains("complete · paid") && !reopened.contains("PAID"))
            try tmux.send("q")
            try tmux.waitFor(text: "TILL_EXIT=0")
        }
    }

    @Test("sell, pay, refund part on the session pane: the refund shows there and in history")
    func paidThenPartRefunded() async throws {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        try await onThread {
            try tmux.start(command: home.command, width: 100, height: 30, environment: Self.environment(home))
        }
        let sessionId = try await Self.sellFlatWhiteAndPay(tmux, home)
        try await onThread {
            try tmux.waitFor(all: ["PAID", "R refund", "t receipt"])
            try tmux.send("R")
            try tmux.waitFor(text: "Refund session \(sessionId)")
            try tmux.send("1.20", literal: true)
            try tmux.send("Tab", "Tab")
            try tmux.send("req", literal: true)
            try tmux.send("Enter")
            try tmux.waitFor(all: ["Refund GBP 1.20 of session \(sessionId) (requested", "by customer)? (y/n)"])
            try tmux.send("y")
            try tmux.waitFor(all: ["Refunded GBP 1.20 (re_", "GBP 1.20 refunded · GBP 2.00 left"])
            // The receipt is saved with the refund on it.
            try tmux.send("t")
            try tmux.waitFor(text: "Receipt saved to")
            try tmux.send("6")
            try tmux.waitFor(all: ["−GBP 1.20 refunded", "Flat white"])
            // The X report of the open shift: one paid, one refund, the net.
            try tmux.send("7")
            let report = try tmux.waitFor("the X report with the refund") { $0.contains("X report") && $0.contains("Net") }
            let rows = report.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(rows.contains { $0.hasPrefix("Paid 1 3.20") }, "\(report)")
            #expect(rows.contains { $0.hasPrefix("Refunds 1 1.20") }, "\(report)")
            #expect(rows.contains { $0.hasPrefix("Net 2.00") }, "\(report)")
            try tmux.send("q")
            try tmux.waitFor(text: "TILL_EXIT=0")
        }
        let receipts = home.path + "/state/till/receipts"
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: receipts).first)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: receipts + "/" + folder).first)
        let receipt = try String(contentsOfFile: receipts + "/" + folder + "/" + file, encoding: .utf8)
        #expect(receipt.contains("Flat white") && receipt.contains("-GBP 1.20") && receipt.contains(sessionId))
    }
}
