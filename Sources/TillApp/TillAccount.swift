import Foundation
import Logging
import TillConfig
import TillCore
import WooshPay
import WooshPaySandbox

/// The account Till works on, chosen in one place for the TUI and the command line: the key from
/// the environment or the config file (with `--api-base`, `WOOSHPAY_API_BASE` or the key's
/// mode), else the data folder's embedded sandbox with its local key, shared by every till and
/// command of the host (`SharedSandbox`: served by one of them, at one address), so
/// `till products create` and bare `till` see the same data.
public final class TillAccount: Sendable {
    /// Sandbox, test or live (the header's badge says the same).
    public let mode: EnvironmentInfo.Mode
    /// How the client reaches the account (the key redacted in every description).
    public let configuration: WooshPayConfiguration
    /// `success_url` from the config, else the embedded sandbox's thank-you page.
    public let successURL: String?
    /// `cancel_url` from the config, else the embedded sandbox's cancelled page.
    public let cancelURL: String?
    /// Names this account's cache rows and drafts without revealing its key.
    public let fingerprint: String
    /// The shared embedded sandbox when there is no key; `close()` stops serving it (if this
    /// process does) and hands it over.
    public let sandbox: SharedSandbox?

    private init(mode: EnvironmentInfo.Mode, configuration: WooshPayConfiguration, successURL: String?, cancelURL: String?,
                 sandbox: SharedSandbox?) {
        self.mode = mode
        self.configuration = configuration
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.sandbox = sandbox
        fingerprint = AccountFingerprint.of(baseURL: configuration.baseURL,
                                            secretKey: configuration.secretKey.rawValue,
                                            embeddedSandbox: mode == .sandbox)
    }

    /// Choose and open the account. With no key, `apiBase` is refused (`.missingKey`): a server
    /// reached by address needs a key; everything else opens the shared embedded sandbox.
    /// - Parameters:
    ///   - logger: goes into the client configuration (request lines).
    ///   - sandboxLogger: where the embedded sandbox says who serves it and any takeover
    ///     (default: `logger`).
    public static func open(settings: TillSettings, apiBase: String?, logger: Logger,
                            sandboxLogger: Logger? = nil) async throws -> TillAccount {
        if let key = settings.secretKey {
            var configuration = try settings.clientConfiguration(apiBase: apiBase)
            configuration.logger = logger
            return TillAccount(mode: key.mode == .live ? .live : .test, configuration: configuration,
                               successURL: settings.successURL, cancelURL: settings.cancelURL, sandbox: nil)
        }
        if apiBase != nil { throw ConfigurationError.missingKey(configPath: settings.paths.configFile.path) }
        let paths = settings.paths
        let key = try SandboxKey.loadOrCreate(at: paths.sandboxKey)
        try TillPaths.ensureDirectory(paths.data)
        let sandbox = try await SharedSandbox.open(paths: paths, logger: sandboxLogger ?? logger)
        do {
            let configuration = try WooshPayConfiguration(secretKey: key, baseURL: sandbox.baseURL, logger: logger)
            return TillAccount(mode: .sandbox, configuration: configuration,
                               successURL: settings.successURL ?? sandbox.baseURL + "/sandbox/success",
                               cancelURL: settings.cancelURL ?? sandbox.baseURL + "/sandbox/cancel", sandbox: sandbox)
        } catch {
            await sandbox.close()
            throw error
        }
    }

    /// Stop serving the embedded sandbox, if this process does, and hand it to another till.
    public func close() async {
        await sandbox?.close()
    }
}
