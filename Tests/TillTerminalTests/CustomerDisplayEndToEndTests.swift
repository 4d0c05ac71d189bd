import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TillCore
import WooshPay

/// The customer's side of the counter in real terminals: a till and `till display` side by side
/// on one HOME (one shop store). The display shows each line as it is added and the total, the
/// session's QR code (photographed from the pane and decoded by zbarimg: the session's URL), and
/// PAID with the till's full-screen PAID once the customer pays in the cashier; `n` sends both back.
@Suite("End to end: the customer display (tmux)", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct CustomerDisplayEndToEndTests {
    /// A HOME whose config names the shop.
    static func home() throws -> TemporaryHome {
        let home = try TemporaryHome()
        let folder = home.path + "/config/till"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let file = folder + "/config.toml"
        try "shop_name = \"Corner Café\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        return home
    }

    /// The pane as a picture (4×8 pixels a cell, ink where a half block has it) decoded by zbarimg.
    static func decodeQR(_ screen: String) throws -> String? {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let width = (rows.map(\.count).max() ?? 0) * 4, height = rows.count * 8
        guard width > 0 else { return nil }
        var pixels = [UInt8](repeating: 255, count: width * height)
        for (y, row) in rows.enumerated() {
            for (x, glyph) in row.enumerated() {
                let top = glyph == "▀" || glyph == "█", bottom = glyph == "▄" || glyph == "█"
                guard top || bottom else { continue }
                for py in 0..<8 where py < 4 ? top : bottom {
                    let start = (y * 8 + py) * width + x * 4
                    for px in start..<start + 4 { pixels[px] = 0 }
                }
            }
        }
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        data.append(contentsOf: pixels)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("till-display-\(UUID().uuidString).pgm")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { String($0) + "/zbarimg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        let zbarimg = try #require(path, "zbarimg not found on PATH: install zbar-tools")
        let result = try runProcess(zbarimg, ["--raw", "-q", file.path], environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else { return nil }
        return result.stdout.trimmingCharacters(in: .newlines)
    }

    @Test("till and display side by side: lines and total, the QR decodes to the session URL, PAID on both, n back to idle")
    func tillAndDisplaySideBySide() async throws {
        let home = try Self.home()
        let till = Tmux(), display = Tmux()
        defer {
            till.kill()
            display.kill()
            home.remove()
        }
        let environment = home.environment.merging(["TILL_POLL_MS": "250"]) { $1 }
        let url = try await onThread { () throws -> String in
            try till.start(command: home.command(arguments: "tui --till counter"), width: 100, height: 30, environment: environment)
            try till.waitFor(text: "No products yet")
            try display.start(command: home.command(arguments: "display --till counter"), width: 80, height: 24,
                              environment: environment)
            // Idle: the shop's name, nothing of the operator's screen.
            let idle = try display.waitFor(all: ["Corner Café", "Welcome"])
            #expect(!idle.contains("SANDBOX") && !idle.contains("Products"))

            try till.createPriceWithNewProduct("Flat white", amount: "3.20")
            try till.send("Enter")
            try till.waitFor(text: "(quantity 1)")
            try display.waitFor(all: ["Flat white", "GBP 3.20", "Total (1 item)"])
            try till.createPriceWithNewProduct("Croissant", amount: "2.10")
            try till.send("Enter")
            try till.waitFor(text: "Added \"Croissant\" to the cart")
            let lines = try display.waitFor(all: ["Flat white", "Croissant", "GBP 2.10", "Total (2 items)", "GBP 5.30"])
            #expect(!lines.contains("Created price") && !lines.contains("127.0.0.1"))

            try till.send("3", "Enter")
            try till.waitFor(text: "/sandbox/success")
            try till.send("Enter")
            try till.waitFor(text: "Checkout session cs_")
            try till.send("f")
            // The display's code, photographed, is the session's URL.
            let shown = try display.waitFor(all: ["GBP 5.30 · Scan to pay", "█"])
            return try #require(try Self.decodeQR(shown), "the display's QR code did not decode:\n\(shown)")
        }
        // The session's URL as the API has it is what the display showed.
        let key = try String(contentsOfFile: home.path + "/config/till/sandbox-key", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let host = try #require(URL(string: url)?.host).appending(":\(try #require(URL(string: url)?.port))")
        let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: key, baseURL: "http://" + host))
        let sessions = try await client.listCheckoutSessions(limit: 1, startingAfter: nil)
        await client.shutdown()
        #expect(sessions.items.first?.url == url)
        #expect(try await CounterEndToEndTests.payInTheCashier(url) == 200)

        try await onThread {
            // Polling (every 250 ms) sees it: the till's full-screen code becomes PAID, and so does the display.
            let tillPaid = try till.waitFor(all: ["Thank you!", "GBP 5.30", "Corner Café", "n next sale"])
            #expect(!tillPaid.contains("Scan to pay"))
            let displayPaid = try display.waitFor(all: ["Thank you!", "GBP 5.30", "Paid at"])
            #expect(!displayPaid.contains("█▀") && !displayPaid.contains("Scan to pay"))
            // n on the till: the next sale, and the display idle again.
            try till.send("n")
            try till.waitFor(text: "[1 Products]")
            try display.waitFor(all: ["Welcome"], none: ["Thank you!"])
            // The display takes no key but q: a letter typed at it does nothing to the till.
            try display.send("x")
            try display.send("q")
            try display.waitFor(text: "TILL_EXIT=0")
            try till.send("q")
            try till.waitFor(text: "TILL_EXIT=0")
        }
    }

    @Test("till display with no till open says so and exits 2")
    func noTillOpen() async throws {
        let home = try Self.home()
        defer { home.remove() }
        let result = try runProcess(tillBinary, ["display"], environment: home.environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("No till is open"))
    }
}
