import Foundation
import Testing
import TillCore
import TillTestSupport

/// Operators in a real terminal: a cashier signs in and sells; the refund asks for a manager's
/// PIN; a wrong one is refused and audited, the right one refunds; the audit and the X report name
/// both; and no file Till wrote holds a PIN.
@Suite("End to end: operators, a manager's approval and the audit (tmux)", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct OperatorsEndToEndTests {
    static let managerPIN = "73061594", cashierPIN = "48151623", wrongPIN = "11119999"

    @Test("a cashier sells, a manager's PIN approves the refund after a wrong one, and every file is free of PINs")
    func cashierSellsManagerApproves() async throws {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        let environment = CounterEndToEndTests.environment(home)
        try await onThread {
            let maria = try runTill(["operators", "add", "Maria", "--role", "manager", "--pin-stdin"],
                                    input: Self.managerPIN + "\n", environment: environment)
            #expect(maria.0 == 0, "\(maria.1)")
            let sam = try runTill(["operators", "add", "Sam", "--pin-stdin"], input: Self.cashierPIN + "\n", environment: environment)
            #expect(sam.0 == 0, "\(sam.1)")

            try tmux.start(command: home.command, width: 100, height: 40, environment: environment)
            // The sign-in screen: nothing of the shop but the names.
            try tmux.waitFor(all: ["Sign in: choose your name", "Maria", "Sam", "cashier"], none: ["[1 Products]"])
            // A digit here is the PIN of the name highlighted, never a pane key or a scan.
            try tmux.send("1")
            try tmux.waitFor(all: ["PIN for Maria: •"], none: ["[1 Products]"])
            try tmux.send("Escape", "Down", "Enter")
            try tmux.waitFor(text: "PIN for Sam:")
            try tmux.send(Self.cashierPIN, literal: true)
            try tmux.send("Enter")
            try tmux.waitFor(all: ["Signed in as Sam", "No products yet", "Sam"])
        }
        let sessionId = try await CounterEndToEndTests.sellFlatWhiteAndPay(tmux, home)
        try await onThread {
            try tmux.waitFor(all: ["PAID", "R refund"])
            try tmux.send("R")
            try tmux.waitFor(text: "Refund session \(sessionId)")
            try tmux.send("1.20", literal: true)
            try tmux.send("Enter")
            try tmux.waitFor(all: ["Refund GBP 1.20 of session", "by Maria?", "Manager's PIN:"])
            // y alone is no approval.
            try tmux.send("y")
            try tmux.send(Self.wrongPIN, literal: true)
            try tmux.send("Enter")
            try tmux.waitFor(all: ["Wrong name or PIN.", "by Maria?"])
            try tmux.send(Self.managerPIN, literal: true)
            try tmux.send("Enter")
            try tmux.waitFor(text: "Refunded GBP 1.20 (re_", timeout: 20)
            // The reports pane: the table per operator and the audit's last lines.
            try tmux.send("7")
            let report = try tmux.waitFor(all: ["BY OPERATOR", "AUDIT", "pin_failed", "approved by Maria"])
            let rows = report.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(rows.contains { $0.hasPrefix("Sam 1 GBP 3.20 1 GBP 1.20") }, "\(report)")
        }
        // The command line reads the same store and account while the till runs.
        try await onThread {
            let audit = try runTill(["audit"], input: "", environment: environment)
            #expect(audit.0 == 0, "\(audit.1)")
            let lines = audit.1.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(lines.contains { $0.contains("Sam sign_in") }, "\(audit.1)")
            #expect(lines.contains { $0.contains("Maria pin_failed") }, "\(audit.1)")
            #expect(lines.contains { $0.contains("Sam refund \(sessionId) GBP 1.20 Maria") }, "\(audit.1)")
            let x = try runTill(["report"], input: "", environment: environment)
            #expect(x.0 == 0, "\(x.1)")
            let table = x.1.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(table.contains("OPERATOR PAID TOTAL REFUNDS REFUNDED"), "\(x.1)")
            #expect(table.contains("Sam 1 GBP 3.20 1 GBP 1.20"), "\(x.1)")
            let sams = try runTill(["report", "--operator", "Sam"], input: "", environment: environment)
            #expect(sams.1.contains("Operator: Sam"), "\(sams.1)")

            try tmux.send("C-k")
            try tmux.waitFor(all: ["Locked by Sam", "Sign in"], none: ["PAID", "Flat white"])
            try tmux.send("C-c")
            try tmux.waitFor(text: "TILL_EXIT=0")
        }

        // Every file Till wrote (config, state, data, cache, log): none holds a PIN.
        var files = 0
        let enumerator = FileManager.default.enumerator(atPath: home.path)
        while let relative = enumerator?.nextObject() as? String {
            let path = home.path + "/" + relative
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            files += 1
            for pin in [Self.managerPIN, Self.cashierPIN, Self.wrongPIN] {
                #expect(data.range(of: Data(pin.utf8)) == nil, "\(relative) holds a PIN")
            }
        }
        #expect(files >= 4, "only \(files) files were written")
        #expect(FileManager.default.fileExists(atPath: home.path + "/data/till/shop.sqlite"))
        #expect(FileManager.default.fileExists(atPath: home.path + "/state/till/till.log"))
    }
}
