import Foundation
import Testing
import TillCore
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

    @Test func xdgPathsAndHomeFallback() {
        let xdg = TillPaths(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/c", "XDG_STATE_HOME": "/s"])
        #expect(xdg.configFile == "/c/till/config.toml")
        #expect(xdg.logFile == "/s/till/till.log")
        let home = TillPaths(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "relative"])
        #expect(home.configFile == "/h/.config/till/config.toml")
        #expect(home.logFile == "/h/.local/state/till/till.log")
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
        let path = TillPaths(environment: folder.environment).configFile
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

    @Test func configErrorsNameTheLineAndNeverEchoTheKey() throws {
        let key = TestKeys.random()
        #expect(throws: ConfigurationError.syntax(path: "f", line: 2,
                                                  message: "unknown setting 'secretkey' (known: secret_key, api_base, success_url, cancel_url, default_currency)")) {
            try ConfigFile(parsing: "api_base = \"https://x\"\nsecretkey = \"\(key)\"", path: "f")
        }
        #expect(throws: ConfigurationError.self) { try ConfigFile(parsing: "secret_key = 12", path: "f") }
        do {
            _ = try ConfigFile(parsing: "secret_key = \"\(key)-oops\"", path: "f")
            Issue.record("a malformed key was accepted")
        } catch {
            #expect(!error.description.contains(key))
        }
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
            #expect(error.description.contains("WOOSHPAY_SECRET_KEY"))
            #expect(!error.description.contains(key))
        }
    }

    @Test func missingKeyMessageSaysWhatToDo() {
        let message = ConfigurationError.missingKey(configPath: "/x/config.toml").description
        #expect(message.contains("WOOSHPAY_SECRET_KEY"))
        #expect(message.contains("till sandbox"))
        #expect(message.contains("/x/config.toml"))
    }
}
