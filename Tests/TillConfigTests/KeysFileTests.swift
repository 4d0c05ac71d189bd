import Foundation
import Testing
import TillCore
@testable import TillConfig

@Suite("keys.toml: tables of actions and keys, each with its line")
struct KeysFileTests {
    func parse(_ text: String) throws(KeysFileError) -> [KeyRemap] {
        try KeysFile(parsing: text, path: "keys.toml").entries
    }

    func refusal(_ text: String) -> KeysFileError? {
        do {
            _ = try KeysFile(parsing: text, path: "keys.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func aGoodFileGivesEveryEntryWithItsLine() throws {
        let text = """
            # My keys
            [cart]
            check-out = "Ctrl-K"
            quantity-increase = ["+", "F2"]

            [global]
            "help" = 'F1'   # quoted names too
            quit = [
              "Q",
              "=",
            ]
            [lists]
            move-down = ["Ctrl-N", "Down"]
            """
        #expect(try parse(text) == [
            .init(scope: "cart", action: "check-out", keys: ["Ctrl-K"], line: 3),
            .init(scope: "cart", action: "quantity-increase", keys: ["+", "F2"], line: 4),
            .init(scope: "global", action: "help", keys: ["F1"], line: 7),
            .init(scope: "global", action: "quit", keys: ["Q", "="], line: 8),
            .init(scope: "lists", action: "move-down", keys: ["Ctrl-N", "Down"], line: 13),
        ])
    }

    @Test func dottedKeysInlineTablesAndCRLFFindTheirLines() throws {
        #expect(try parse("# x\r\ncart.check-out = \"C\"\r\n") == [.init(scope: "cart", action: "check-out", keys: ["C"], line: 2)])
        #expect(try parse("\n\nsession = { qr = \"F\" }\n") == [.init(scope: "session", action: "qr", keys: ["F"], line: 3)])
        #expect(try parse("") == [])
    }

    @Test func theShapeIsCheckedWithTheLine() {
        #expect(refusal("[cart]\ncheck-out = 3\n") == KeysFileError(path: "keys.toml", line: 2,
                                                                   problem: .notKeys(action: "check-out", scope: "cart")))
        #expect(refusal("[cart]\n\ncheck-out = [\"C\", 2]\n")?.line == 3)
        #expect(refusal("check-out = \"C\"\n") == KeysFileError(path: "keys.toml", line: 1, problem: .notATable("check-out")))
        // A syntax error (the same action twice) has TOMLKit's line.
        #expect(refusal("[cart]\ncheck-out = \"C\"\ncheck-out = \"D\"\n")?.line == 3)
        #expect(refusal("[cart\n")?.line == 1)
    }

    @Test func noFileIsNoRemap() throws {
        #expect(try KeysFile.read(at: NSTemporaryDirectory() + "no-such-keys-\(UUID().uuidString).toml") == nil)
    }
}
