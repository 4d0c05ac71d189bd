import Foundation
import Logging
import Testing
import TillConfig
import TillCore
import WooshPay
import WooshPaySandbox
@testable import TillApp

@Suite("Choosing the account", .serialized)
struct TillAccountTests {
    @Test func noKeyStartsTheEmbeddedSandboxOnTheDataFolderWithItsLocalKey() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = try TillSettings.load(environment: ["HOME": folder.path])
        let first = try await TillAccount.open(settings: settings, apiBase: nil, logger: Logger(label: "test"))
        let second = try await TillAccount.open(settings: settings, apiBase: nil, logger: Logger(label: "test"))
        #expect(first.mode == .sandbox)
        #expect(first.configuration.baseURL.hasPrefix("http://127.0.0.1:"))
        #expect(first.successURL == first.configuration.baseURL + "/sandbox/success")
        #expect(first.cancelURL == first.configuration.baseURL + "/sandbox/cancel")
        // One sandbox at one address: the first serves it, the second uses it.
        #expect(second.configuration.baseURL == first.configuration.baseURL)
        #expect(await first.sandbox?.isServing == true)
        #expect(await second.sandbox?.isServing == false)
        // Same key, same database, same fingerprint.
        #expect(first.configuration.secretKey == second.configuration.secretKey)
        #expect(first.fingerprint == second.fingerprint)
        #expect(FileManager.default.fileExists(atPath: settings.paths.sandboxDatabase.path))
        let writer = WooshPayClient(configuration: first.configuration)
        let reader = WooshPayClient(configuration: second.configuration)
        do {
            let made = try await writer.createProduct(ProductDraft(name: "Tea"))
            #expect(try await reader.listProducts(limit: 10).items.map(\.id) == [made.id])
        } catch {
            Issue.record("the two tills did not share the account: \(error)")
        }
        await writer.shutdown()
        await reader.shutdown()
        await first.close()
        await second.close()
    }

    @Test func aKeyIsUsedAsConfiguredAndAnAPIBaseNeedsOne() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = "sk_" + "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        var environment = ["HOME": folder.path, "WOOSHPAY_SECRET_KEY": key]
        let account = try await TillAccount.open(settings: try TillSettings.load(environment: environment),
                                                 apiBase: "http://127.0.0.1:9", logger: Logger(label: "test"))
        #expect(account.mode == .test)
        #expect(account.sandbox == nil)
        #expect(account.configuration.baseURL == "http://127.0.0.1:9")
        #expect(account.successURL == nil)

        environment["WOOSHPAY_SECRET_KEY"] = nil
        let settings = try TillSettings.load(environment: environment)
        await #expect(throws: ConfigurationError.missingKey(configPath: settings.paths.configFile.path)) {
            _ = try await TillAccount.open(settings: settings, apiBase: "http://127.0.0.1:9", logger: Logger(label: "test"))
        }
    }
}
