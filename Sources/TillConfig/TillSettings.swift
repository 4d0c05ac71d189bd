import Foundation
import TillCore
import WooshPay

/// Till's settings merged from the environment and the config file, before any command-line flag.
public struct TillSettings: Sendable, Equatable, CustomStringConvertible {
    /// Where the secret key came from.
    public enum KeySource: Sendable, Equatable {
        case environment
        case configFile(path: String)
    }

    public var secretKey: SecretKey?
    public var keySource: KeySource?
    /// `WOOSHPAY_API_BASE`, else the file's `api_base`.
    public var apiBase: String?
    public var successURL: String?
    public var cancelURL: String?
    public var defaultCurrency: String?
    /// `shop_name`: printed at the top of receipts.
    public var shopName: String?
    /// `shop_address`, one element per printed line.
    public var shopAddress: [String]
    /// `receipt_width`: 42 (the default) or 48 columns.
    public var receiptWidth: ReceiptWidth
    /// `receipt_command`: receipts are sent to its standard input (run by /bin/sh), when set.
    public var receiptCommand: String?
    /// `till_name`: this till's name in the shop (`--till` wins).
    public var tillName: String?
    /// `TILL_STORE_URL`, else the file's `store`: the PostgreSQL server the shop store is on
    /// (`postgresql://till@shop-db/till`); nil for this host's SQLite file. It may hold a
    /// password, so `description` leaves it out.
    public var storeURL: String?
    /// `printer` and its options: the ESC/POS receipt printer, when one is set.
    public var printer: PrinterSettings?
    /// `[permissions]`: who may do what `Permissions` guards (once the shop has operators).
    public var permissions = Permissions.defaults
    /// `lock_after`: seconds without a key before the TUI locks itself (nil: never). Only with operators.
    public var lockAfter: TimeInterval?
    /// `language` from the file ("auto" when unset); `language(flag:environment:)` resolves it.
    public var languageSetting: LanguageSetting = .auto
    public var paths: TillPaths

    public init(secretKey: SecretKey? = nil, keySource: KeySource? = nil, apiBase: String? = nil,
                successURL: String? = nil, cancelURL: String? = nil, defaultCurrency: String? = nil,
                shopName: String? = nil, shopAddress: [String] = [], receiptWidth: ReceiptWidth = .narrow,
                receiptCommand: String? = nil, tillName: String? = nil, paths: TillPaths) {
        self.secretKey = secretKey
        self.keySource = keySource
        self.apiBase = apiBase
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.defaultCurrency = defaultCurrency
        self.shopName = shopName
        self.shopAddress = shopAddress
        self.receiptWidth = receiptWidth
        self.receiptCommand = receiptCommand
        self.tillName = tillName
        self.paths = paths
    }

    /// Reads `WOOSHPAY_SECRET_KEY`, `WOOSHPAY_API_BASE` and the config file (if present).
    /// A missing key is not an error here (the TUI then runs its embedded sandbox). Throws
    /// `ConfigurationError`, or `LocalFileError` when the config file cannot be read.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> TillSettings {
        let paths = TillPaths(environment: environment)
        let environmentKey = environment["WOOSHPAY_SECRET_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        let file: ConfigFile
        do {
            file = try ConfigFile.read(at: paths.configFile.path) ?? ConfigFile()
        } catch let error as ConfigurationError {
            // The environment's key wins, but an unsafe file may hold a swapped api_base that would
            // receive it: refuse, and say the key was not used.
            switch error {
            case .insecurePermissions, .insecureFolder:
                throw environmentKey != nil ? .environmentKeyNotUsed(error) : error
            default:
                throw error
            }
        }
        let address = (file.shopAddress ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var settings = TillSettings(apiBase: file.apiBase, successURL: file.successURL,
                                    cancelURL: file.cancelURL, defaultCurrency: file.defaultCurrency,
                                    shopName: file.shopName, shopAddress: address,
                                    receiptWidth: file.receiptWidth.flatMap(ReceiptWidth.init(rawValue:)) ?? .narrow,
                                    receiptCommand: file.receiptCommand.flatMap { $0.isEmpty ? nil : $0 },
                                    tillName: file.tillName.flatMap { $0.isEmpty ? nil : $0 }, paths: paths)
        if let text = environmentKey {
            do {
                settings.secretKey = try SecretKey(text)
            } catch {
                if case .malformedKey(let reason, _) = error {
                    throw ConfigurationError.malformedKey(reason: reason, variable: "WOOSHPAY_SECRET_KEY")
                }
                throw error
            }
            settings.keySource = .environment
        } else if let key = file.secretKey {
            settings.secretKey = key
            settings.keySource = .configFile(path: paths.configFile.path)
        }
        if let base = environment["WOOSHPAY_API_BASE"], !base.isEmpty { settings.apiBase = base }
        // Checked when the file was read, so it parses here.
        if let printer = file.printer.flatMap({ try? PrinterAddress(parsing: $0) }) {
            settings.printer = PrinterSettings(
                address: printer, width: file.printerWidth.flatMap(ReceiptWidth.init(rawValue:)) ?? .narrow,
                codePage: file.printerCodePage.flatMap(PrinterCodePage.init(rawValue:)) ?? .cp858,
                qr: file.printerQR.flatMap(PrinterQRMode.init(rawValue:)) ?? .native)
        }
        settings.permissions = file.permissions ?? .defaults
        // Checked when the file was read, so it parses here.
        settings.languageSetting = file.language.flatMap { LanguageSetting(parsing: $0) } ?? .auto
        settings.lockAfter = file.lockAfter.flatMap(ConfigFile.lockInterval).flatMap { $0 > 0 ? $0 : nil }
        settings.storeURL = environment["TILL_STORE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? file.store.flatMap { $0.isEmpty ? nil : $0 }
        return settings
    }

    /// The language to speak: `--language` (when given) wins over the file's `language`; `auto`
    /// reads the locale variables of `environment`.
    public func language(flag: LanguageSetting? = nil,
                         environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        (flag ?? languageSetting).resolved(in: environment)
    }

    /// Saves `secretKey` (and `apiBase` when given) in the config file, keeping its other settings.
    /// Returns the file's path.
    @discardableResult
    public static func save(secretKey: String, apiBase: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> String {
        let key = try SecretKey(secretKey)
        let path = TillPaths(environment: environment).configFile.path
        // Saving repairs loose permissions, so read without the check.
        var file = try ConfigFile.read(at: path, checkPermissions: false) ?? ConfigFile()
        file.secretKey = key
        if let apiBase { file.apiBase = try WooshPayConfiguration.validatedBaseURL(apiBase) }
        try file.write(to: path)
        return path
    }

    /// Forgets the saved secret key (and the saved `api_base`); deletes the file when nothing else is left.
    public static func remove(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws {
        let path = TillPaths(environment: environment).configFile.path
        guard var file = try ConfigFile.read(at: path, checkPermissions: false) else { return }
        file.secretKey = nil
        file.apiBase = nil
        if file.isEmpty {
            guard unlink(path) == 0 || errno == ENOENT else {
                throw LocalFileError.system(path)
            }
        } else {
            try file.write(to: path)
        }
    }

    /// The base URL to use: `override` (from `--api-base`), else `apiBase`, else the key's mode.
    public func baseURL(override: String? = nil) throws(ConfigurationError) -> String {
        if let chosen = override ?? apiBase { return try WooshPayConfiguration.validatedBaseURL(chosen) }
        return WooshPayConfiguration.defaultBaseURL(for: secretKey?.mode ?? .test)
    }

    /// A client configuration; throws `.missingKey` when no key is set.
    public func clientConfiguration(apiBase override: String? = nil) throws(ConfigurationError)
        -> WooshPayConfiguration {
        guard let secretKey else { throw .missingKey(configPath: paths.configFile.path) }
        return try WooshPayConfiguration(secretKey: secretKey, baseURL: baseURL(override: override))
    }

    public var description: String {
        "TillSettings(secretKey: \(secretKey?.redacted ?? "none"), apiBase: \(apiBase.map(WooshPayConfiguration.displayable) ?? "default"), "
            + "config: \(paths.configFile.path))"
    }
}
