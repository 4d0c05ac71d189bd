import Testing
@testable import TillConfig
import WooshPay

/// config.toml as TOMLKit reads and writes it: syntax errors name their line, Till's own checks
/// name the line of the key, and what is written reads back the same.
@Suite struct ConfigSyntaxTests {
    @Test(arguments: [
        ("a = \"open", 1),
        ("\n\nkey value", 3),
        ("api_base = \"x\"\napi_base = \"y\"", 2),
        ("success_url = \"x\" junk", 1),
        ("cancel_url = yes", 1),
        ("[[x]]\n[x]", 2),
        ("api_base = \"\\q\"", 1),
        ("# one\n# two\ndefault_currency = 007", 3),
        ("api_base = \"https://x\"\n[extra]\noff = false", 2),
        ("api_base = \"https://x\"\ncancel_url = 5", 2),
        ("success_url = \"https://x\"\napi_base.host = \"y\"", 2),
        ("api_base = \"https://evil\\u0000.example\"", 1),
    ])
    func refusesWithTheLine(text: String, line: Int) {
        #expect {
            try ConfigFile(parsing: text, path: "f")
        } throws: { error in
            guard let error = error as? ConfigFileError else { return false }
            return error.path == "f" && error.line == line
        }
    }

    @Test func readsStringsInAnyTOMLForm() throws {
        let text = """
        # a comment
        success_url = "https://shop.example/ok?name=\\"POS\\"&x=\\u00E9" # trailing comment
        cancel_url = 'https://shop.example/no'
        default_currency = \"\"\"
        GBP\"\"\"
        """
        let file = try ConfigFile(parsing: text, path: "f")
        #expect(file.successURL == "https://shop.example/ok?name=\"POS\"&x=é")
        #expect(file.cancelURL == "https://shop.example/no")
        #expect(file.defaultCurrency == "GBP")
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let file = try ConfigFile(parsing: "\u{FEFF}api_base = \"x\"\r\ndefault_currency = \"EUR\"\r\n", path: "f")
        #expect(file.apiBase == "x")
        #expect(file.defaultCurrency == "EUR")
    }

    @Test func writingThenReadingGivesTheSameValues() throws {
        let key = try SecretKey(TestKeys.random())
        let file = ConfigFile(secretKey: key, apiBase: "http://127.0.0.1:4242",
                              successURL: "https://s.example/ok?q=\"quote\" backslash \\ tab \t 漢",
                              cancelURL: "https://s.example/no\nsecond line", defaultCurrency: "GBP")
        let text = file.text
        #expect(text.hasPrefix("# Till configuration."))
        #expect(try ConfigFile(parsing: text, path: "f") == file)
        #expect(try ConfigFile(parsing: ConfigFile().text, path: "f").isEmpty)
    }
}
