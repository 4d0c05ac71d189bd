import Foundation
import Testing
import TillCore
#if canImport(Glibc)
import Glibc
#endif

/// Two tills on one HOME (two SSH sessions on the shop server, say), each in its own terminal.
@Suite("End to end: two tills share one shop (tmux)", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct MultiTillEndToEndTests {
    /// `till --till NAME` with no key, then its exit status on a line of its own.
    static func command(_ home: TemporaryHome, till: String) -> String {
        "env -u WOOSHPAY_SECRET_KEY -u WOOSHPAY_API_BASE -u NO_COLOR -u ESCDELAY '\(tillBinary)' --till \(till); "
            + "status=$?; printf '\\r\\nTILL_EXIT=%s\\r\\n' $status; sleep 600"
    }

    @Test("each till keeps its own cart across kill -9; a ticket parked on A is resumed on B and leaves A's list")
    func twoTills() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try await onThread {
            let a = Tmux(), b = Tmux()
            defer {
                a.kill()
                b.kill()
            }
            try a.start(command: Self.command(home, till: "A"), width: 100, height: 30, environment: home.environment)
            try a.waitFor(all: ["till A", "No products yet"])
            try b.start(command: Self.command(home, till: "B"), width: 100, height: 30, environment: home.environment)
            try b.waitFor(all: ["till B", "No products yet"])

            // A sells tea, B sells cake: each cart is its till's own row in the store.
            try a.createPriceWithNewProduct("Tea", amount: "2.50")
            try a.send("Enter")
            try a.waitFor(text: "Cart: 1 item · GBP 2.50")
            try b.createPriceWithNewProduct("Cake", amount: "4.00")
            try b.send("Enter")
            try b.waitFor(text: "Cart: 1 item · GBP 4.00")
            try ParkedEndToEndTests.waitForStore(home, "SELECT count(*) FROM drafts WHERE till = 'A' AND draft LIKE '%Tea%'")
            try ParkedEndToEndTests.waitForStore(home, "SELECT count(*) FROM drafts WHERE till = 'B' AND draft LIKE '%Cake%'")

            // A is killed outright and started again under its name: its own cart comes back.
            #expect(Glibc.kill(try tillPID(a), SIGKILL) == 0)
            try a.waitFor(text: "TILL_EXIT=137")
            a.kill()
            let again = Tmux()
            defer { again.kill() }
            try again.start(command: Self.command(home, till: "A"), width: 100, height: 30, environment: home.environment)
            try again.waitFor(all: ["till A", "Cart: 1 item · GBP 2.50"])
            try again.send("3")
            try again.waitFor(all: ["[3 Cart (1)]", "Tea"], none: ["Cake"])
            // B never noticed.
            try b.send("3")
            try b.waitFor(all: ["Cart: 1 item · GBP 4.00", "Cake"], none: ["Tea"])

            // A parks its tea as "Table 7"; B lists it within its next look at the store, with its till.
            try again.send("C-p")
            try again.waitFor(text: "Park the cart")
            try again.send("Table 7", literal: true)
            try again.send("Enter")
            try again.waitFor(all: ["Parked \"Table 7\"", "1 parked"])
            try b.waitFor(text: "1 parked")
            // B's cart must be empty to resume a cart: B parks its cake first (Ctrl-P on the cart's line).
            try b.send("C-p")
            try b.waitFor(text: "Park the cart")
            try b.send("Enter")
            try b.waitFor(all: ["Parked \"Ticket 1\"", "2 parked"])
            try again.waitFor(text: "2 parked")
            try b.send("P")
            let list = try b.waitFor(all: ["Parked carts (2 in the shop; 1 of 9 from this till)", "Table 7", "Ticket 1", "TILL"])
            // Each row names the till that parked it.
            #expect(list.split(separator: "\n").first { $0.contains("Table 7") }?.contains("  A ") == true, "\(list)")
            #expect(list.split(separator: "\n").first { $0.contains("Ticket 1") }?.contains("  B ") == true, "\(list)")
            try b.send("Enter")
            try b.waitFor(all: ["Resumed \"Table 7\"", "Cart: 1 item · GBP 2.50", "1 parked"])
            // It left A's list too: A sees one ticket (B's) and cannot resume Table 7 any more.
            try again.waitFor(text: "1 parked")
            try again.send("P")
            // (The status line still says A parked it, so the list's title and rows are what count.)
            let left = try again.waitFor(all: ["Parked carts (1 in the shop; 0 of 9 from this till)", "Ticket 1"])
            #expect(!left.split(separator: "\n").contains { $0.contains("│") && $0.contains("Table 7") }, "\(left)")
            try again.send("Escape", "C-c")
            try again.waitFor(text: "TILL_EXIT=0")
            try b.send("C-c")
            try b.waitFor(text: "TILL_EXIT=0")
        }
    }
}
