import Foundation
import Testing
import TillConfig
import TillCore
import TillView
@testable import TillApp

@Suite("keys.toml to the binding table in use")
struct KeysFileLoaderTests {
    func write(_ text: String) throws -> String {
        let folder = NSTemporaryDirectory() + "till-keys-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/keys.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aFileRemapsAndTheRestKeepTheirDefaults() throws {
        let path = try write("[cart]\ncheck-out = \"Ctrl-K\"\n[global]\nhelp = [\"F1\", \"?\"]\n")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let table = try KeysFileLoader.load(path: path)
        #expect(table.binding(.checkOut, in: .cart)?.keys == [.key(.ctrl("k"))])
        #expect(table.binding(.help, in: .panes)?.keys == [.key(.function(1)), .key(.char("?"))])
        #expect(table.binding(.removeLine, in: .cart)?.keys == BindingTable.standard.binding(.removeLine, in: .cart)?.keys)
    }

    @Test func noFileIsTheDefaultTable() throws {
        let table = try KeysFileLoader.load(path: NSTemporaryDirectory() + "none-\(UUID().uuidString)/keys.toml")
        #expect(table.all.map(\.keyLabel) == BindingTable.standard.all.map(\.keyLabel))
    }

    @Test func aMistakeNamesTheFileAndLine() throws {
        let path = try write("# keys\n\n[prices]\nreload = \"F5\"\n\n\nchekout = \"C\"\n")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let unknown = KeyBindingProblem.unknownAction("chekout", table: "prices", actions: [
            "add-to-cart", "new-price", "new-price-and-product", "reload", "move-up", "move-down", "go-top", "go-bottom",
            "page-up", "page-down"])
        #expect(unknown.text(.english) == "unknown action \"chekout\" in [prices]; actions there: "
            + "add-to-cart, new-price, new-price-and-product, reload, move-up, move-down, go-top, go-bottom, page-up, page-down")
        #expect(throws: KeysFileError.binding(unknown, path: path, line: 7)) {
            try KeysFileLoader.load(path: path)
        }
        let clash = try write("[session]\nqr = \"F\"\ncopy-url = \"F\"\n")
        defer { try? FileManager.default.removeItem(atPath: (clash as NSString).deletingLastPathComponent) }
        let both = KeyBindingProblem.clash(key: "F", first: "copy-url", second: "qr", table: "session")
        #expect(both.text(.english) == "F would be both copy-url and qr in [session]")
        #expect(throws: KeysFileError.binding(both, path: clash, line: 3)) {
            try KeysFileLoader.load(path: clash)
        }
    }
}
