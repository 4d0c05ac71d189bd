import Foundation
import Testing
import TillCore

/// Operator speed in a real terminal: three known items and the QR code in a handful of keys,
/// and a barcode scanner's burst (digits and Enter in one write) selling from any list pane.
@Suite("End to end: quick add and scans (tmux)", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct QuickAddEndToEndTests {
    /// Three products with one price each (one with a barcode), made with the CLI on the home's
    /// embedded sandbox before the screen starts.
    static func seed(_ home: TemporaryHome) throws {
        for (name, amount, code) in [("Flat white", "3.40", "4006381333931"), ("Latte", "3.20", nil),
                                     ("Blueberry muffin", "2.50", nil)] {
            var arguments = ["prices", "create", "--product-name", name, "--currency", "GBP", "--amount", amount]
            if let code { arguments += ["--lookup-key", code] }
            let (status, output) = try runTill(arguments, input: "", environment: home.environment)
            try #require(status == 0, "till prices create said: \(output)")
        }
    }

    @Test("from launch: a scan and two typed items, then the full-screen QR, in 6 keys besides the typed text")
    func scanTwoItemsAndTheQR() async throws {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        try await onThread {
            try Self.seed(home)
            try tmux.start(command: home.command, width: 80, height: 24, environment: home.environment)
            try tmux.waitFor(text: "Loaded 3 products")
            func key(_ name: String) throws { try tmux.send(name) }
            try key("3")                                    // 1: the cart pane
            // The scanner's burst: the digits and Enter in one write (typed text, not keys).
            try tmux.send("4006381333931\r", literal: true)
            try tmux.waitFor(text: "Added \"Flat white\" to the cart (quantity 1).")
            for name in ["lat", "muf"] {
                try tmux.send(name, literal: true)
                try tmux.waitFor(text: "Enter add")
                try key("Enter")                            // 2, 3
            }
            try tmux.waitFor(all: ["Flat white", "Latte", "Blueberry muffin", "GBP 9.10"])
            try key("Enter")                                // 4: empty line, check out
            try tmux.waitFor(text: "/sandbox/success")
            try key("Enter")                                // 5: create the session
            try tmux.waitFor(text: "Checkout session cs_")
            try key("f")                                    // 6: the QR code full screen
            let screen = try tmux.waitFor(text: "Esc back")
            #expect(screen.contains("GBP 9.10"))
            // Every key tmux was asked to send (typed names and the scan are text, not keys).
            #expect(tmux.keysSent == 6, "\(tmux.keysSent) keys")
        }
    }

    @Test("from launch: three items and the full-screen QR in 7 keys besides the typed names")
    func threeItemsAndTheQR() async throws {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        try await onThread {
            try Self.seed(home)
            try tmux.start(command: home.command, width: 80, height: 24, environment: home.environment)
            try tmux.waitFor(text: "Loaded 3 products")
            func key(_ name: String) throws { try tmux.send(name) }
            try key("3")                                    // 1: the cart pane
            for name in ["flat", "lat", "muf"] {
                try tmux.send(name, literal: true)          // typed text, not counted
                try tmux.waitFor(text: "Enter add")
                try key("Enter")                            // 2, 3, 4: the best match goes in
            }
            try tmux.waitFor(all: ["Flat white", "Latte", "Blueberry muffin", "GBP 9.10"])
            try key("Enter")                                // 5: empty line, check out
            try tmux.waitFor(text: "/sandbox/success")
            try key("Enter")                                // 6: create the session
            try tmux.waitFor(text: "Checkout session cs_")
            try key("f")                                    // 7: the QR code full screen
            let screen = try tmux.waitFor(text: "Esc back")
            #expect(screen.contains("GBP 9.10"))
            #expect(screen.contains("█") || screen.contains("▀") || screen.contains("▄"))
            #expect(tmux.keysSent == 7, "\(tmux.keysSent) keys")
        }
    }

    @Test("a scan adds its price on the products and prices panes without switching; a misread or unknown code adds nothing")
    func scans() async throws {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        try await onThread {
            try Self.seed(home)
            // The wait for the rest of a split burst widened far past the bursts' gaps, so a busy
            // machine cannot split them further apart than Till waits.
            let environment = home.environment.merging(["TILL_SCAN_WAIT_MS": "5000"]) { $1 }
            try tmux.start(command: home.command, width: 80, height: 24, environment: environment)
            try tmux.waitFor(text: "Loaded 3 products")
            // One write, as a keyboard-wedge scanner types: the digits and Enter together.
            try tmux.send("4006381333931\r", literal: true)
            try tmux.waitFor(all: ["Added \"Flat white\" to the cart (quantity 1).", "[1 Products]"])
            try tmux.send("2")
            try tmux.waitFor(text: "[2 Prices]")
            try tmux.send("4006381333931\r", literal: true)
            try tmux.waitFor(all: ["(quantity 2)", "[2 Prices]"])
            // A burst split across two reads (as a pty or an SSH connection may deliver it): one
            // scan, not eight pane switches and a stray line.
            try tmux.sendInBursts(["40063813", "33931\r"])
            try tmux.waitFor(all: ["(quantity 3)", "[2 Prices]"])
            // Split three ways, the Enter alone last.
            try tmux.sendInBursts(["400638", "1333931", "\r"])
            try tmux.waitFor(all: ["(quantity 4)", "[2 Prices]"])
            // The whole code, then its Enter alone.
            try tmux.sendInBursts(["4006381333931", "\r"])
            try tmux.waitFor(all: ["(quantity 5)", "[2 Prices]"])
            // A read that may be a scan cut short ("12": code characters with a digit), then one
            // that is not its rest ("?"): both mean what they would alone, the pane switches to 1,
            // then 2, and help opens there; nothing is sold.
            try tmux.sendInBursts(["12", "?"])
            try tmux.waitFor(all: ["Keys: Prices", "Cart: 5 items"])
            try tmux.send("Escape")
            try tmux.waitFor(text: "[2 Prices]")
            // A misread digit: refused, nothing added.
            try tmux.send("4006381333932\r", literal: true)
            try tmux.waitFor(text: "Misread EAN-13 4006381333932")
            // An unknown code: offered n, which opens the new product and price form with it.
            try tmux.send("96385074\r", literal: true)
            try tmux.waitFor(text: "No price has the code 96385074")
            try tmux.send("n")
            try tmux.waitFor(all: ["SKU/barcode", "96385074"])
            try tmux.send("Gift card", literal: true)
            try tmux.send("Tab", "Tab", "Tab")
            try tmux.send("5", literal: true)
            try tmux.send("Enter")
            // Made, and sold: the new price goes straight into the cart.
            try tmux.waitFor(all: ["Added \"Gift card\" to the cart", "Cart: 6 items · GBP 22.00"])
            try tmux.send("3")
            try tmux.waitFor(all: ["Flat white", "Gift card", "GBP 22.00"])
        }
    }
}
