import Foundation
import Testing
@testable import TillConfig
@testable import WooshPay

@Suite struct ConfigurationTests {
    @Test func redactedFormsNeverHoldTheKey() throws {
        let text = TestKeys.random()
        let key = try SecretKey(text)
        let configuration = try WooshPayConfiguration(secretKey: key, baseURL: "http://127.0.0.1:9")
        let settings = TillSettings(secretKey: key, paths: TillPaths(environment: ["HOME": "/tmp/h"]))
        var dumped = ""
        dump(configuration, to: &dumped)
        dump(key, to: &dumped)
        let forms = [key.description, key.debugDescription, "\(key)", String(reflecting: key),
                     configuration.description, configuration.debugDescription, String(reflecting: configuration),
                     "\(configuration)", settings.description, dumped]
        for form in forms {
            #expect(!form.contains(text))
            #expect(!form.contains(String(text.dropFirst(8).prefix(12))))
        }
        #expect(key.redacted == "sk_test_…" + text.suffix(4))
    }

    @Test func keyModeAndDefaultBaseURL() throws {
        let live = try SecretKey(TestKeys.random(prefix: "sk_live_"))
        #expect(live.mode == .live)
        #expect(try WooshPayConfiguration(secretKey: live).baseURL == "https://api.wooshpay.com")
        #expect(try WooshPayConfiguration(secretKey: TestKeys.random()).baseURL == "https://apitest.wooshpay.com")
    }

    @Test(arguments: ["pk_test_abc", "sk_test_", "sk_test_abc-def", "hello", ""])
    func malformedKeysAreRefused(text: String) {
        #expect(throws: ConfigurationError.self) { try SecretKey(text) }
    }

    @Test func baseURLRules() throws {
        #expect(try WooshPayConfiguration.validatedBaseURL("http://127.0.0.1:8080/") == "http://127.0.0.1:8080")
        #expect(try WooshPayConfiguration.validatedBaseURL("http://localhost:1") == "http://localhost:1")
        #expect(try WooshPayConfiguration.validatedBaseURL("https://example.com") == "https://example.com")
        for bad in ["http://example.com", "ftp://127.0.0.1", "127.0.0.1:80", "https://h/?q=1", "nonsense"] {
            #expect(throws: ConfigurationError.self) { try WooshPayConfiguration.validatedBaseURL(bad) }
        }
    }

    @Test(arguments: ["http://127.0.0.1:8080", "http://127.1.2.3:1", "http://127.255.255.254", "http://localhost:9",
                      "http://LOCALHOST:9", "http://[::1]:8080", "http://[0:0:0:0:0:0:0:1]:1"])
    func plainHTTPToLoopbackIsAccepted(url: String) throws {
        #expect(try WooshPayConfiguration.validatedBaseURL(url) == url)
    }

    @Test(arguments: ["http://127.0.0.1.nip.io", "http://127.0.0.1.example.com:80", "http://127.evil.example",
                      "http://127.0.0.01", "http://127.1", "http://2130706433", "http://0x7f.0.0.1",
                      "http://128.0.0.1", "http://localhost.example.com", "http://[::2]", "http://[::ffff:8.8.8.8]",
                      "http://127.0.0.1%2enip.io"])
    func plainHTTPToLookalikeHostsIsRefused(url: String) {
        #expect(throws: ConfigurationError.self) { try WooshPayConfiguration.validatedBaseURL(url) }
        #expect(!WooshPayConfiguration.isLoopback(host: URLComponents(string: url)?.host ?? url))
    }

    @Test func baseURLErrorsNeverEchoUserInfoOrKeys() {
        let key = TestKeys.random()
        for url in ["https://\(key)@example.com", "https://\(key):@example.com/v1", "http://\(key):pw@127.0.0.1:1",
                    "http://user:\(key)@example.com", "\(key)@example.com",
                    "ftp://\(key)@example.com", "https://\(key)@exa mple.com"] {
            do {
                _ = try WooshPayConfiguration.validatedBaseURL(url)
                Issue.record("accepted a base URL carrying a key")
            } catch {
                #expect(!error.description.contains(key), "\(url)")
                #expect(!error.description.contains(String(key.dropFirst(8).prefix(8))))
            }
        }
        #expect(throws: ConfigurationError.invalidBaseURL("https://example.com", reason: .userInfo)) {
            try WooshPayConfiguration.validatedBaseURL("https://\(key)@example.com")
        }
        let settings = TillSettings(apiBase: "https://\(key)@example.com", paths: TillPaths(environment: ["HOME": "/h"]))
        #expect(!settings.description.contains(key))
    }

    @Test func xdgPathsAndHomeFallback() {
        let xdg = TillPaths(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/c", "XDG_STATE_HOME": "/s"])
        #expect(xdg.configFile.path == "/c/till/config.toml")
        #expect(xdg.logFile.path == "/s/till/till.log")
        let home = TillPaths(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "relative"])
        #expect(home.configFile.path == "/h/.config/till/config.toml")
        #expect(home.logFile.path == "/h/.local/state/till/till.log")
    }

    @Test func xdgVariablesWinWhenAbsolute() {
        let paths = TillPaths(environment: ["HOME": "/home/op", "XDG_CACHE_HOME": "/var/cache/op",
                                                  "XDG_STATE_HOME": "relative/ignored"])
        #expect(paths.catalogCache.path == "/var/cache/op/till/catalog.sqlite")
        #expect(paths.logFile.path == "/home/op/.local/state/till/till.log")
        #expect(paths.sandboxKey.path == "/home/op/.config/till/sandbox-key")
        #expect(paths.sandboxDatabase.path == "/home/op/.local/share/till/sandbox.sqlite")
    }

    @Test func saveWritesPrivateFileAndLoadReadsIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let key = TestKeys.random()
        let path = try TillSettings.save(secretKey: key, apiBase: "http://127.0.0.1:4242", environment: folder.environment)
        #expect(path == folder.path + "/config/till/config.toml")
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path + "/config/till")[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)

        let settings = try TillSettings.load(environment: folder.environment)
        #expect(settings.secretKey?.rawValue == key)
        #expect(settings.keySource == .configFile(path: path))
        #expect(try settings.baseURL() == "http://127.0.0.1:4242")
        #expect(try settings.baseURL(override: "http://127.0.0.1:1") == "http://127.0.0.1:1")

        // The environment wins over the file for both key and base URL.
        var environment = folder.environment
        let other = TestKeys.random()
        environment["WOOSHPAY_SECRET_KEY"] = other
        environment["WOOSHPAY_API_BASE"] = "http://localhost:7"
        let fromEnvironment = try TillSettings.load(environment: environment)
        #expect(fromEnvironment.secretKey?.rawValue == other)
        #expect(fromEnvironment.keySource == .environment)
        #expect(try fromEnvironment.clientConfiguration().baseURL == "http://localhost:7")
    }

    @Test func saveKeepsOtherSettingsAndRemoveForgetsTheKey() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = TillPaths(environment: folder.environment).configFile.path
        try ConfigFile(successURL: "https://shop.example/ok", defaultCurrency: "GBP").write(to: path)
        try TillSettings.save(secretKey: TestKeys.random(), environment: folder.environment)
        var settings = try TillSettings.load(environment: folder.environment)
        #expect(settings.successURL == "https://shop.example/ok")
        #expect(settings.defaultCurrency == "GBP")
        #expect(settings.secretKey != nil)

        try TillSettings.remove(environment: folder.environment)
        settings = try TillSettings.load(environment: folder.environment)
        #expect(settings.secretKey == nil)
        #expect(settings.successURL == "https://shop.example/ok")
        #expect(throws: ConfigurationError.missingKey(configPath: path)) { try settings.clientConfiguration() }

        // With nothing left, remove deletes the file.
        try ConfigFile().write(to: path)
        try TillSettings.remove(environment: folder.environment)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func looseFileIsRefusedLikeSSH() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try TillSettings.save(secretKey: TestKeys.random(), environment: folder.environment)
        chmod(path, 0o644)
        #expect(throws: ConfigurationError.insecurePermissions(path: path, mode: 0o644)) {
            try TillSettings.load(environment: folder.environment)
        }
        let message = ConfigurationError.insecurePermissions(path: path, mode: 0o644).description
        #expect(message.contains("chmod 600"))
        // Saving again repairs it.
        try TillSettings.save(secretKey: TestKeys.random(), environment: folder.environment)
        #expect(try TillSettings.load(environment: folder.environment).secretKey != nil)
    }

    @Test func aConfigFolderOthersCanWriteIsRefusedLikeSSHStrictModes() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try TillSettings.save(secretKey: TestKeys.random(), environment: folder.environment)
        let configFolder = (path as NSString).deletingLastPathComponent
        for mode in [0o770, 0o702, 0o777] {
            chmod(configFolder, mode_t(mode))
            #expect(throws: ConfigurationError.insecureFolder(path: configFolder, mode: mode)) {
                try TillSettings.load(environment: folder.environment)
            }
        }
        let message = ConfigurationError.insecureFolder(path: configFolder, mode: 0o777).description
        #expect(message.contains("chmod 700 '\(configFolder)'"))
        #expect(message.contains("api_base"))
        // Readable (not writable) by others is as ssh allows it.
        chmod(configFolder, 0o755)
        #expect(try TillSettings.load(environment: folder.environment).secretKey != nil)
    }

    @Test func anUnsafeConfigFileBlocksEvenWithTheEnvironmentKey() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try TillSettings.save(secretKey: TestKeys.random(), apiBase: "http://127.0.0.1:9",
                                         environment: folder.environment)
        var environment = folder.environment
        let key = TestKeys.random()
        environment["WOOSHPAY_SECRET_KEY"] = key
        chmod(path, 0o644)
        let expected = ConfigurationError.environmentKeyNotUsed(.insecurePermissions(path: path, mode: 0o644))
        #expect(throws: expected) { try TillSettings.load(environment: environment) }
        #expect(expected.description.contains("chmod 600"))
        #expect(expected.description.contains("WOOSHPAY_SECRET_KEY was not used"))
        #expect(!expected.description.contains(key))
        chmod(path, 0o600)
        chmod((path as NSString).deletingLastPathComponent, 0o777)
        #expect(throws: ConfigurationError.self) { try TillSettings.load(environment: environment) }
        do {
            _ = try TillSettings.load(environment: environment)
        } catch {
            #expect(String(describing: error).contains("WOOSHPAY_SECRET_KEY was not used"))
        }
    }

    @Test func languageSettingFromTheFileTheFlagAndTheLocale() throws {
        #expect(try ConfigFile(parsing: "language = \"es\"", path: "f").language == "es")
        #expect(throws: ConfigFileError(path: "f", line: 2, problem: .language(accepted: "auto, en, es"))) {
            try ConfigFile(parsing: "shop_name = \"A\"\nlanguage = \"klingon\"", path: "f")
        }
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        var environment = folder.environment
        environment["LANG"] = "es_ES.UTF-8"
        // No file: auto, from the locale.
        var settings = try TillSettings.load(environment: environment)
        #expect(settings.languageSetting == .auto)
        #expect(settings.language(environment: environment) == .spanish)
        #expect(settings.language(flag: .fixed(.english), environment: environment) == .english)
        // The file's choice wins over the locale; the flag over the file.
        try TillSettings.save(secretKey: TestKeys.random(), environment: environment)
        let path = TillPaths(environment: environment).configFile.path
        var file = try #require(try ConfigFile.read(at: path))
        file.language = "en"
        try file.write(to: path)
        settings = try TillSettings.load(environment: environment)
        #expect(settings.language(environment: environment) == .english)
        #expect(settings.language(flag: .auto, environment: environment) == .spanish)
    }

    @Test func configErrorsNameTheLineAndNeverEchoTheKey() throws {
        let key = TestKeys.random()
        #expect(throws: ConfigFileError(path: "f", line: 2, problem: .unknownSetting("secretkey", known: [
            "secret_key", "api_base", "success_url", "cancel_url", "default_currency", "shop_name", "shop_address",
            "receipt_width", "receipt_command", "till_name", "store", "printer", "printer_width", "printer_codepage",
            "printer_qr", "lock_after", "permissions", "language"]))) {
            try ConfigFile(parsing: "api_base = \"https://x\"\nsecretkey = \"\(key)\"", path: "f")
        }
        #expect(throws: ConfigFileError.self) { try ConfigFile(parsing: "secret_key = 12", path: "f") }
        do {
            _ = try ConfigFile(parsing: "secret_key = \"\(key)-oops\"", path: "f")
            Issue.record("a malformed key was accepted")
        } catch {
            #expect(!"\(error)".contains(key))
        }
        // A key pasted as a bare line is not quoted at all (TOMLKit's message names only what it
        // expected); used as a setting's name, it is quoted only redacted.
        let redacted = String(key.prefix(8)) + "…" + String(key.suffix(4))
        for (text, line, quoted) in [("api_base = \"https://x\"\n\(key)\n", 2, false), ("\(key) = \"x\"", 1, true),
                                     ("[\(key)]\na = 1\n[\(key)]", 3, true), ("\(key) = 1\n\(key) = 2", 2, true),
                                     ("\(key)-\(key) = 1", 1, false), ("a = t\(key)", 1, false)] {
            do {
                _ = try ConfigFile(parsing: text, path: "f")
                Issue.record("accepted \(text.count) characters holding a bare key")
            } catch {
                let errorLine = error.line
                let message: String
                switch error.problem {
                case .syntax(let said): message = said
                case .unknownSetting(let name, _): message = name
                default:
                    Issue.record("expected a syntax error or an unknown setting, not \(error.problem)")
                    continue
                }
                #expect(errorLine == line)
                #expect(!"\(error)".contains(key))
                #expect(!message.contains(String(key.dropFirst(8).prefix(8))))
                if quoted { #expect(message.contains(redacted), "\(message)") }
            }
        }
    }

    @Test func redactingSecretsLeavesOrdinaryWords() {
        let key = TestKeys.random()
        #expect(SecretKey.redactingSecrets(in: "unknown setting 'secretkey'") == "unknown setting 'secretkey'")
        #expect(SecretKey.redactingSecrets(in: "key '\(key)' here") == "key '\(SecretKey.redact(key))' here")
        #expect(SecretKey.redact(key) == String(key.prefix(8)) + "…" + String(key.suffix(4)))
        let restricted = TestKeys.random(prefix: "rk_live_")
        #expect(!SecretKey.redactingSecrets(in: "x=\(restricted)").contains(restricted))
    }

    @Test func malformedEnvironmentKeyIsNamedButNotEchoed() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        var environment = folder.environment
        let key = TestKeys.random() + "-x"
        environment["WOOSHPAY_SECRET_KEY"] = key
        do {
            _ = try TillSettings.load(environment: environment)
            Issue.record("accepted a malformed key")
        } catch {
            #expect(String(describing: error).contains("WOOSHPAY_SECRET_KEY"))
            #expect(!String(describing: error).contains(key))
        }
    }

    @Test func missingKeyMessageSaysWhatToDo() {
        let message = ConfigurationError.missingKey(configPath: "/x/config.toml").description
        #expect(message.contains("WOOSHPAY_SECRET_KEY"))
        #expect(message.contains("till sandbox"))
        #expect(message.contains("/x/config.toml"))
    }
}
