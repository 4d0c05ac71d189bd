import Foundation
import Testing
@testable import TillConfig
import WooshPay

/// `printer`, `printer_width`, `printer_codepage` and `printer_qr` in config.toml.
@Suite struct PrinterSettingsTests {
    @Test(arguments: [
        ("tcp://192.168.1.50:9100", PrinterAddress.tcp(host: "192.168.1.50", port: 9100)),
        ("tcp://counter-printer", .tcp(host: "counter-printer", port: 9100)),
        ("tcp://[::1]:9101", .tcp(host: "::1", port: 9101)),
        ("/dev/usb/lp0", .device(path: "/dev/usb/lp0")),
        ("file:/var/spool/till/receipts.bin", .file(path: "/var/spool/till/receipts.bin")),
    ])
    func addressesParse(text: String, address: PrinterAddress) throws {
        #expect(try PrinterAddress(parsing: text) == address)
        #expect(try PrinterAddress(parsing: address.description) == address)
    }

    @Test(arguments: ["lp0", "tcp://", "tcp://host:0", "tcp://host:70000", "tcp://host:port", "file:", "http://x:9100"])
    func badAddressesAreRefused(text: String) {
        #expect(throws: PrinterAddressError.self) { try PrinterAddress(parsing: text) }
    }

    @Test func theFileReadsAndWritesEveryPrinterSetting() throws {
        let text = """
        printer = "tcp://127.0.0.1:9100"
        printer_width = 48
        printer_codepage = "CP1252"
        printer_qr = "raster"
        """
        let file = try ConfigFile(parsing: text, path: "f")
        #expect(file.printer == "tcp://127.0.0.1:9100")
        #expect(file.printerWidth == 48)
        #expect(file.printerCodePage == "cp1252")
        #expect(file.printerQR == "raster")
        #expect(try ConfigFile(parsing: file.text, path: "f") == file)
    }

    @Test(arguments: [
        ("printer = \"lpt1\"", ConfigProblem.printer(value: "lpt1")),
        ("printer_width = 40", .width(key: "printer_width", allowed: [42, 48])),
        ("printer_codepage = \"cp1251\"", .printerCodePage(accepted: ["cp437", "cp850", "cp858", "cp1252"])),
        ("printer_qr = \"bitmap\"", .printerQR),
    ])
    func badValuesNameTheirLine(text: String, problem: ConfigProblem) {
        #expect(throws: ConfigFileError(path: "f", line: 2, problem: problem)) {
            try ConfigFile(parsing: "shop_name = \"x\"\n" + text, path: "f")
        }
    }

    @Test func settingsCarryThePrinterWithItsDefaults() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let config = folder.path + "/config/till"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try "printer = \"file:/tmp/x.bin\"\n".write(toFile: config + "/config.toml", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config + "/config.toml")
        let settings = try TillSettings.load(environment: folder.environment)
        #expect(settings.printer == PrinterSettings(address: .file(path: "/tmp/x.bin"), width: .narrow, codePage: .cp858, qr: .native))
    }
}
