import Foundation
import Testing
import TillCore
#if canImport(Glibc)
import Glibc
#endif

/// A till name is held by one running till: a second `till --till NAME` in another terminal is
/// refused before anything starts, and the name is free again once its till quits.
@Suite("End to end: a till name in use (tmux)", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct TillNameInUseEndToEndTests {
    @Test func aSecondTillUnderANameInUseExits2SayingWhoHoldsIt() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try await onThread {
            let a = Tmux(), b = Tmux()
            defer {
                a.kill()
                b.kill()
            }
            try a.start(command: MultiTillEndToEndTests.command(home, till: "front"), width: 100, height: 30,
                        environment: home.environment)
            try a.waitFor(all: ["till front", "No products yet"])
            let holder = try tillPID(a)

            try b.start(command: MultiTillEndToEndTests.command(home, till: "front"), width: 100, height: 30,
                        environment: home.environment)
            let refused = try b.waitFor(text: "TILL_EXIT=2")
            // One clear line naming the till and its process, and what to do; no curses screen.
            let said = refused.replacingOccurrences(of: "\n", with: "")
            #expect(said.contains("till: Till front is open already (process \(holder) on "), "\(refused)")
            #expect(said.contains("choose another name with --till"), "\(refused)")
            #expect(!refused.contains("No products yet"), "\(refused)")
            // The till holding the name never noticed.
            try a.send("3")
            try a.waitFor(all: ["till front", "[3 Cart"])

            // Once it quits, the name is free: the next start under it opens.
            try a.send("C-c")  // the cart's add line takes a typed q
            try a.waitFor(text: "TILL_EXIT=0")
            b.kill()
            let again = Tmux()
            defer { again.kill() }
            try again.start(command: MultiTillEndToEndTests.command(home, till: "front"), width: 100, height: 30,
                            environment: home.environment)
            try again.waitFor(all: ["till front", "No products yet"])
        }
    }
}
