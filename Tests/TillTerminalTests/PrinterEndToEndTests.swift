import Foundation
import Testing
import TillCore

/// The receipt printer from a real till (tmux): `Q` on the open session prints a payment slip on
/// the loopback printer double, whose raster QR code decodes to the session's URL; a printer that
/// refuses is said on the status line and `Q` tries again, keys working all along.
@Suite("End to end: the receipt printer (tmux)", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct PrinterEndToEndTests {
    static func home(printer: String) throws -> TemporaryHome {
        let home = try TemporaryHome()
        let folder = home.path + "/config/till"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let file = folder + "/config.toml"
        try "shop_name = \"Corner Café\"\nprinter = \"\(printer)\"\nprinter_qr = \"raster\"\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        return home
    }

    @Test("Q prints a payment slip whose raster QR decodes to the session URL; a refusing printer is said and Q retries")
    func slipFromATill() async throws {
        let double = try PrinterDouble()
        defer { double.stop() }
        // First the printer is not there: a port nothing listens on.
        let absent = try PrinterDouble()
        let absentPort = absent.port
        absent.stop()
        let home = try Self.home(printer: "tcp://127.0.0.1:\(absentPort)")
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        try await onThread {
            try tmux.start(command: home.command(arguments: "tui --till counter"), width: 100, height: 30,
                           environment: home.environment)
            try tmux.waitFor(text: "No products yet")
            try tmux.createPriceWithNewProduct("Flat white", amount: "3.20")
            try tmux.send("Enter")
            try tmux.waitFor(text: "(quantity 1)")
            try tmux.send("3", "Enter")
            try tmux.waitFor(text: "/sandbox/success")
            try tmux.send("Enter")
            try tmux.waitFor(text: "Checkout session cs_")
            try tmux.send("Q")
            try tmux.waitFor(all: ["Payment slip not printed: the printer at tcp://127.0.0.1:\(absentPort) refused the connection",
                                   "Q slip"])
            // Keys go on meanwhile: the history pane and back.
            try tmux.send("6")
            try tmux.waitFor(text: "[6 History]")
            try tmux.send("5")
            try tmux.waitFor(text: "[5 Session]")
            try tmux.send("q")
            try tmux.waitFor(text: "TILL_EXIT=0")
        }
        // The printer is there now (the config names it): the next start prints.
        let file = home.path + "/config/till/config.toml"
        try "shop_name = \"Corner Café\"\nprinter = \"tcp://127.0.0.1:\(double.port)\"\nprinter_qr = \"raster\"\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let tmux2 = Tmux()
        defer { tmux2.kill() }
        try await onThread {
            try tmux2.start(command: home.command(arguments: "tui --till counter"), width: 100, height: 30,
                            environment: home.environment)
            // The open session is in history: open it on the session pane.
            try tmux2.waitFor(text: "Flat white")
            try tmux2.send("6")
            try tmux2.waitFor(text: "open · unpaid")
            try tmux2.send("Enter")
            try tmux2.waitFor(text: "Checkout session cs_")
            try tmux2.send("Q")
            try tmux2.waitFor(text: "Payment slip printed on tcp://127.0.0.1:\(double.port).")
        }
        let printout = Printout(try #require(try double.waitForJobs(1).first))
        #expect(printout.unknown == [] && printout.cuts == 1)
        #expect(printout.text.contains("Corner Café") && printout.text.contains("GBP 3.20"))
        let decoded = try printout.decodedRasters()
        #expect(decoded.count == 1)
        let url = try #require(decoded.first)
        #expect(url.contains("/pay/cs_"))
        // The URL in text on the slip is the one in the code.
        let urlLines = printout.lines.drop(while: { $0 != "Or open:" }).dropFirst().prefix(while: { !$0.isEmpty })
        #expect(urlLines.joined() == url)
        try await onThread {
            try tmux2.send("q")
            try tmux2.waitFor(text: "TILL_EXIT=0")
        }
    }
}
