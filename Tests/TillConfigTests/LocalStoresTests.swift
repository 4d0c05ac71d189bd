import Foundation
import Testing
import TillCore
@testable import TillConfig
import WooshPay

private func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// The paths of the files older versions kept per account (now imported into the shop store,
/// see TillStoreTests), and the receipt settings in config.toml.
@Suite("Local stores and receipt settings")
struct LocalStoresTests {
    @Test func eachAccountHasItsOwnFilesInTheStateFolder() {
        let paths = TillPaths(environment: ["HOME": "/h", "XDG_STATE_HOME": "/s"])
        #expect(paths.refundJournal(account: "abc").path == "/s/till/refunds/abc.json")
        #expect(paths.shifts(account: "abc").path == "/s/till/shifts/abc.json")
        #expect(paths.receipts(account: "abc").path == "/s/till/receipts/abc")
        #expect(paths.refundJournal(account: "abc") != paths.refundJournal(account: "def"))
        #expect(paths.receipt(account: "abc", session: "cs_123").path == "/s/till/receipts/abc/cs_123.txt")
        #expect(paths.receipt(account: "abc", session: "../../x y").path == "/s/till/receipts/abc/______x_y.txt")
    }

    @Test func receiptSettingsAreReadWithTheirLines() throws {
        let file = try ConfigFile(parsing: """
            shop_name = "The Corner Café"
            shop_address = \"\"\"
            1 High Street
              Townsville TS1 1AA
            \"\"\"
            receipt_width = 48
            receipt_command = "lp -d counter"
            """, path: "f")
        #expect(file.shopName == "The Corner Café")
        #expect(file.receiptWidth == 48)
        #expect(file.receiptCommand == "lp -d counter")
        #expect(try ConfigFile(parsing: #"receipt_width = "42""#, path: "f").receiptWidth == 42)
        #expect(try ConfigFile(parsing: file.text, path: "f") == file)

        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = TillPaths(environment: folder.environment)
        try file.write(to: paths.configFile.path)
        let settings = try TillSettings.load(environment: folder.environment)
        #expect(settings.shopName == "The Corner Café")
        #expect(settings.shopAddress == ["1 High Street", "Townsville TS1 1AA"])
        #expect(settings.receiptWidth == .wide)
        #expect(settings.receiptCommand == "lp -d counter")
        try ConfigFile().write(to: paths.configFile.path)
        let defaults = try TillSettings.load(environment: folder.environment)
        #expect(defaults.receiptWidth == .narrow && defaults.shopName == nil && defaults.shopAddress.isEmpty && defaults.receiptCommand == nil)
    }

    @Test(arguments: [
        ("receipt_width = 40", 1), ("shop_name = \"x\"\nreceipt_width = \"wide\"", 2), ("\nreceipt_width = 48.0", 2),
        ("receipt_width = true", 1), ("shop_name = 42", 1), ("receipt_command = [\"lp\"]", 1),
    ])
    func badReceiptSettingsNameTheirLine(text: String, line: Int) {
        #expect {
            try ConfigFile(parsing: text, path: "config.toml")
        } throws: { error in
            guard let error = error as? ConfigFileError, error.path == "config.toml", error.line == line else { return false }
            switch error.problem {
            case .width(key: "receipt_width", allowed: [42, 48]), .notString: return true
            default: return false
            }
        }
    }
}
