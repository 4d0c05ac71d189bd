import Foundation
import GRDB
import Testing
import TillCore
import WooshPay
import WooshPaySandbox
#if canImport(Glibc)
import Glibc
#endif

/// Parked carts and an interrupted checkout create, in a real terminal: what was set aside or
/// in flight when Till was killed (`kill -9`) is there at the next start.
@Suite("End to end: parked carts and interrupted creates survive kill -9 (tmux)", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct ParkedEndToEndTests {
    /// Waits until the shop store of `home` answers `sql` (a count) with at least one row: what
    /// Till says it saved is in the store other tills read.
    static func waitForStore(_ home: TemporaryHome, _ sql: String, timeout: TimeInterval = 10) throws {
        let path = home.path + "/data/till/shop.sqlite"
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: path) {
                var configuration = Configuration()
                configuration.readonly = true
                configuration.busyMode = .timeout(5)
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                let count = try? queue.read { db in try Int.fetchOne(db, sql: sql) }
                try queue.close()
                if let count, count > 0 { return }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxError(message: "the shop store never answered \(sql)")
    }

    @Test("park a cart under a label, kill -9, restart: it is listed and resumes whole")
    func parkKillResume() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try await onThread {
            let tmux = Tmux()
            defer { tmux.kill() }
            try tmux.start(command: home.command, width: 80, height: 24, environment: home.environment)
            try tmux.waitFor(text: "No products yet")
            try tmux.createPriceWithNewProduct("Flat white", amount: "3.20")
            try tmux.send("Enter", "Enter")
            try tmux.waitFor(text: "(quantity 2)")
            // p from the prices pane: the label is asked, then the cart is set aside.
            try tmux.send("p")
            try tmux.waitFor(text: "Park the cart: 2 items")
            try tmux.send("Table 4", literal: true)
            try tmux.send("Enter")
            try tmux.waitFor(all: ["Parked \"Table 4\"", "1 parked", "[1 Products]"], none: ["Cart: "])
            try Self.waitForStore(home, "SELECT count(*) FROM parked WHERE label = 'Table 4' AND claimed_by IS NULL")
            // Killed outright: no chance to save anything at exit.
            #expect(Glibc.kill(try tillPID(tmux), SIGKILL) == 0)
            try tmux.waitFor(text: "TILL_EXIT=137")
        }
        try await onThread {
            let tmux = Tmux()
            defer { tmux.kill() }
            try tmux.start(command: home.command, width: 80, height: 24, environment: home.environment)
            try tmux.waitFor(all: ["1 parked", "Loaded 1 product"], none: ["Cart: "])
            try tmux.send("P")
            try tmux.waitFor(all: ["Parked carts (1 in the shop; 1 of 9 from this till)", "Table 4", "GBP 6.40", "Enter resume"])
            try tmux.send("Enter")
            try tmux.waitFor(all: ["Resumed \"Table 4\"", "[3 Cart (1)]", "Flat white", "Cart: 2 items · GBP 6.40"],
                             none: ["parked "])
            try tmux.send("C-c")  // on the cart letters are the quick-add line's text
            try tmux.waitFor(text: "TILL_EXIT=0")
        }
    }

    @Test("a checkout create cut off by kill -9 is finished at the next start with the same key: one session; its URLs become the defaults")
    func interruptedCreateFinishesOnce() async throws {
        // A real account's API (the sandbox in this process), whose gate holds the create inside the
        // server until Till has been killed.
        var configuration = SandboxConfiguration()
        let gate = WriteGate()
        configuration.writeGate = gate
        let sandbox = try await Sandbox.start(configuration)
        let key = "sk_" + "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: key, baseURL: sandbox.baseURL))
        let home = try TemporaryHome()
        do {
            let product = try await client.createProduct(ProductDraft(name: "Flat white"), idempotencyKey: UUID().uuidString)
            _ = try await client.createPrice(
                PriceDraft(product: .existing(id: product.id), amount: Money(minorUnits: 320, currency: .gbp)), idempotencyKey: UUID().uuidString)
            let environment = home.environment.merging(
                ["WOOSHPAY_SECRET_KEY": key, "WOOSHPAY_API_BASE": sandbox.baseURL]) { _, new in new }
            let command = "env -u NO_COLOR -u ESCDELAY '\(tillBinary)'; printf '\\r\\nTILL_EXIT=%s\\r\\n' $?; sleep 600"

            try await onThread {
                let tmux = Tmux()
                defer { tmux.kill() }
                try tmux.start(command: command, width: 100, height: 30, environment: environment)
                try tmux.waitFor(text: "Flat white", timeout: 20)
                try tmux.send("Enter")
                try tmux.waitFor(text: "GBP 3.20", timeout: 20)
                try tmux.send("Enter")
                try tmux.waitFor(text: "(quantity 1)")
                try tmux.send("3", "Enter")
                // A test account: nothing provides the URLs the first time.
                try tmux.waitFor(text: "Success URL")
                try tmux.send("https://shop.example/thanks", literal: true)
                try tmux.send("Tab")
                try tmux.send("https://shop.example/basket", literal: true)
                let writesBefore = gate.arrivals
                gate.close()
                try tmux.send("Enter")
                try tmux.waitFor(text: "Creating checkout session")
                try Self.waitForStore(home, "SELECT count(*) FROM drafts WHERE draft LIKE '%\"isSent\":true%'")
                // The create has reached the server and is held there: kill Till mid-request.
                let deadline = Date().addingTimeInterval(15)
                while gate.arrivals == writesBefore && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
                try #require(gate.arrivals > writesBefore, "the checkout create never reached the sandbox")
                #expect(Glibc.kill(try tillPID(tmux), SIGKILL) == 0)
                try tmux.waitFor(text: "TILL_EXIT=137")
                // The server finishes the create nobody waits for any more.
                gate.open()
            }
            try await onThread {
                let tmux = Tmux()
                defer { tmux.kill() }
                try tmux.start(command: command, width: 100, height: 30, environment: environment)
                // Finished at start with the same key (its "Finishing the checkout…" line may be
                // replaced at once by the catalog load): the session pane shows the sale.
                try tmux.waitFor(all: ["[5 Session]", "Checkout session cs_", "1 × Flat white"], timeout: 20)
                try Self.waitForStore(home, "SELECT count(*) FROM url_defaults WHERE success_url LIKE '%shop.example%'")
                try tmux.send("C-c")
                try tmux.waitFor(text: "TILL_EXIT=0")
            }
            let sessions = try await client.listCheckoutSessions(limit: 10, startingAfter: nil)
            #expect(sessions.items.count == 1)

            // Asked once: the next run's checkout form starts with them.
            try await onThread {
                let tmux = Tmux()
                defer { tmux.kill() }
                try tmux.start(command: command, width: 100, height: 30, environment: environment)
                try tmux.waitFor(text: "Flat white", timeout: 20)
                try tmux.send("4")
                let form = try tmux.waitFor(text: "https://shop.example/thanks")
                #expect(form.contains("https://shop.example/basket"))
                try tmux.send("Escape", "C-c")  // Esc goes back to the cart, whose letters are text
                try tmux.waitFor(text: "TILL_EXIT=0")
            }
        } catch {
            gate.open()  // a request still held would keep the sandbox from stopping
            await client.shutdown()
            await sandbox.stop()
            home.remove()
            throw error
        }
        await client.shutdown()
        await sandbox.stop()
        home.remove()
    }
}
