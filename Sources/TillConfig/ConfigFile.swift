import Foundation
import TillCore
import TOMLKit
import WooshPay

/// The settings Till keeps in `config.toml`. The file holds a secret key, so it is written 0600 in
/// a 0700 folder and refused, like ssh does, when group or others can read it.
public struct ConfigFile: Sendable, Equatable {
    public var secretKey: SecretKey?
    public var apiBase: String?
    public var successURL: String?
    public var cancelURL: String?
    public var defaultCurrency: String?
    /// The shop's name, printed at the top of receipts.
    public var shopName: String?
    /// The shop's address, printed under its name (one line per line of the value).
    public var shopAddress: String?
    /// Receipt width in columns: 42 or 48.
    public var receiptWidth: Int?
    /// A command receipts are sent to on its standard input (run by /bin/sh), e.g. `lp -d counter`.
    public var receiptCommand: String?
    /// This till's name in the shop (`--till` wins); none: the first free `<host>-N`.
    public var tillName: String?
    /// `store`: the PostgreSQL server of the shop store (`postgresql://till@shop-db/till`).
    public var store: String?
    /// `printer`: the ESC/POS receipt printer (`tcp://HOST:9100`, `/dev/usb/lp0`, `file:PATH`).
    public var printer: String?
    /// `printer_width`: 42 or 48 columns.
    public var printerWidth: Int?
    /// `printer_codepage`: one of `PrinterCodePage`'s names.
    public var printerCodePage: String?
    /// `printer_qr`: "native" or "raster".
    public var printerQR: String?
    /// `lock_after`: how long without a key locks the TUI ("5m", "90s", "1h"; "off" never), as written.
    public var lockAfter: String?
    /// `[permissions]`: who may refund, close the shift, … (`anyone`, `approval`, `manager`).
    public var permissions: Permissions?
    /// `language`: "auto" (the default: from LC_ALL, LC_MESSAGES, LANG), "en" or "es", as written.
    public var language: String?

    /// The keys the file may hold; any other key is an error naming its line.
    public static let knownKeys = ["secret_key", "api_base", "success_url", "cancel_url", "default_currency",
                                   "shop_name", "shop_address", "receipt_width", "receipt_command", "till_name",
                                   "store", "printer", "printer_width", "printer_codepage", "printer_qr",
                                   "lock_after", "permissions", "language"]

    /// The receipt widths `receipt_width` may take.
    public static let receiptWidths = ReceiptWidth.allCases.map(\.rawValue)

    /// Whether no setting is present.
    public var isEmpty: Bool { self == ConfigFile() }
}

// In an extension, so the memberwise initializer (every setting, each nil by default) stays.
extension ConfigFile {
    /// Reads the settings from TOML text (TOMLKit); `path` only names the file in errors. Every
    /// error names its line, and anything Till does not know (another key, a value that is not a
    /// string) is refused, so a typo never silently changes a setting.
    public init(parsing text: String, path: String) throws(ConfigFileError) {
        let source = ConfigSource(text)
        func refuse(_ problem: ConfigProblem, at line: Int) -> ConfigFileError {
            ConfigFileError(path: path, line: line, problem: problem)
        }
        // TOMLKit hands strings over as C strings, so a NUL would silently cut a value short.
        if let line = source.firstLine(where: { $0.contains("\0") || $0.lowercased().contains("\\u0000") }) {
            throw refuse(.nulCharacter, at: line)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            // The parser may quote what it read: a pasted key is shown only redacted, and so is
            // the password of a `store` URL.
            let message = SecretKey.redactingSecrets(in: error.description)
                .replacingOccurrences(of: #"://([^:/@\s"']*):[^@\s"']*@"#, with: "://$1:***@", options: .regularExpression)
            throw refuse(.syntax(message), at: max(1, error.source.begin.line))
        } catch {
            throw refuse(.notTOML, at: 1)
        }
        self.init()
        // TOMLKit keeps no positions for values, so each key's line is found in the text.
        let keys = table.keys.map { ($0, source.line(definingKey: $0)) }.sorted { $0.1 < $1.1 }
        for (key, line) in keys {
            guard Self.knownKeys.contains(key) else {
                throw refuse(.unknownSetting(SecretKey.redactingSecrets(in: key), known: Self.knownKeys), at: line)
            }
            if key == "permissions" {
                do { permissions = try Self.permissions(table[key]) } catch { throw refuse(error, at: line) }
                continue
            }
            if key == "receipt_width" || key == "printer_width" {
                // The numbers: written bare (42) or in quotes ("42").
                let width = table[key]?.int ?? table[key]?.string.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard let width, Self.receiptWidths.contains(width) else {
                    throw refuse(.width(key: key, allowed: Self.receiptWidths), at: line)
                }
                if key == "receipt_width" { receiptWidth = width } else { printerWidth = width }
                continue
            }
            guard let value = table[key]?.string else {
                throw refuse(.notString(key: key), at: line)
            }
            switch key {
            case "secret_key":
                do {
                    secretKey = try SecretKey(value)
                } catch {
                    throw refuse(.secretKey(error), at: line)
                }
            case "api_base": apiBase = value
            case "success_url": successURL = value
            case "cancel_url": cancelURL = value
            case "shop_name": shopName = value
            case "shop_address": shopAddress = value
            case "receipt_command": receiptCommand = value
            case "till_name": tillName = value
            case "store": store = value
            case "printer":
                do { _ = try PrinterAddress(parsing: value) } catch {
                    throw refuse(.printer(value: error.value), at: line)
                }
                printer = value
            case "printer_codepage":
                guard PrinterCodePage(rawValue: value.lowercased()) != nil else {
                    throw refuse(.printerCodePage(accepted: PrinterCodePage.allCases.map(\.rawValue)), at: line)
                }
                printerCodePage = value.lowercased()
            case "printer_qr":
                guard PrinterQRMode(rawValue: value.lowercased()) != nil else {
                    throw refuse(.printerQR, at: line)
                }
                printerQR = value.lowercased()
            case "lock_after":
                guard Self.lockInterval(value) != nil else {
                    throw refuse(.lockAfter, at: line)
                }
                lockAfter = value
            case "language":
                guard LanguageSetting(parsing: value) != nil else {
                    throw refuse(.language(accepted: LanguageSetting.accepted), at: line)
                }
                language = value
            default: defaultCurrency = value
            }
        }
    }

    /// `[permissions]`: each key a guarded action, each value `anyone`, `approval` or `manager`.
    static func permissions(_ value: (any TOMLValueConvertible)?) throws(ConfigProblem) -> Permissions {
        let actions = GuardedAction.allCases.map(\.rawValue)
        guard let table = value?.table else { throw .permissionsNotATable(actions: actions) }
        var result = Permissions()
        for key in table.keys.sorted() {
            guard let action = GuardedAction(rawValue: key) else {
                throw .unknownPermission(key, actions: actions)
            }
            guard let text = table[key]?.string, let setting = PermissionSetting(rawValue: text) else {
                throw .permissionSetting(key: key, accepted: PermissionSetting.allCases.map(\.rawValue))
            }
            result.settings[action] = setting
        }
        return result
    }

    /// Seconds of `lock_after` ("5m", "90s", "1h", "300"; nil when not one of these); 0 for "off".
    public static func lockInterval(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "off" || trimmed == "never" { return 0 }
        let units: [(String, Double)] = [("min", 60), ("h", 3600), ("m", 60), ("s", 1)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            guard let number = Double(trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)),
                  number > 0, number <= 86_400 * 7 / factor else { return nil }
            return number * factor
        }
        guard let seconds = Double(trimmed), seconds > 0, seconds <= 86_400 * 7 else { return nil }
        return seconds
    }

    /// The settings as TOML text (TOMLKit's writer), under a comment saying why the file is private.
    public var text: String {
        let table = TOMLTable()
        if let secretKey { table["secret_key"] = secretKey.rawValue }
        if let apiBase { table["api_base"] = apiBase }
        if let successURL { table["success_url"] = successURL }
        if let cancelURL { table["cancel_url"] = cancelURL }
        if let defaultCurrency { table["default_currency"] = defaultCurrency }
        if let shopName { table["shop_name"] = shopName }
        if let shopAddress { table["shop_address"] = shopAddress }
        if let receiptWidth { table["receipt_width"] = receiptWidth }
        if let receiptCommand { table["receipt_command"] = receiptCommand }
        if let tillName { table["till_name"] = tillName }
        if let store { table["store"] = store }
        if let printer { table["printer"] = printer }
        if let printerWidth { table["printer_width"] = printerWidth }
        if let printerCodePage { table["printer_codepage"] = printerCodePage }
        if let printerQR { table["printer_qr"] = printerQR }
        if let lockAfter { table["lock_after"] = lockAfter }
        if let language { table["language"] = language }
        if let permissions, !permissions.settings.isEmpty {
            let inner = TOMLTable()
            for (action, setting) in permissions.settings { inner[action.rawValue] = setting.rawValue }
            table["permissions"] = inner
        }
        let body = table.convert(to: .toml, options: [.allowUnicodeStrings])
        return "# Till configuration. Holds a secret key: keep it chmod 600.\n" + body + (body.hasSuffix("\n") ? "" : "\n")
    }

    /// Reads the file at `path`; nil when there is none. Like ssh's StrictModes it refuses a file
    /// group or others can read, and a folder they can write (they could swap the file for one
    /// whose `api_base` receives the key). Throws `ConfigurationError` for what the file allows,
    /// `ConfigFileError` for a line it refuses, `LocalFileError` when it cannot be read.
    public static func read(at path: String, checkPermissions: Bool = true) throws -> ConfigFile? {
        var info = stat()
        let folder = (path as NSString).deletingLastPathComponent
        if checkPermissions, stat(folder, &info) == 0, Int(info.st_mode) & 0o022 != 0 {
            throw ConfigurationError.insecureFolder(path: folder, mode: Int(info.st_mode) & 0o7777)
        }
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw LocalFileError.system(path)
        }
        let mode = Int(info.st_mode) & 0o7777
        if checkPermissions, mode & 0o077 != 0 {
            throw ConfigurationError.insecurePermissions(path: path, mode: mode)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LocalFileError(path: path, problem: .unreadable)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LocalFileError(path: path, problem: .notUTF8)
        }
        return try ConfigFile(parsing: text, path: path)
    }

    /// Writes the file atomically with mode 0600, creating its folder with mode 0700.
    public func write(to path: String) throws(LocalFileError) {
        try PrivateFile.write(Data(text.utf8), to: path)
    }
}

/// The config file's lines, to name the line of a key (TOMLKit reports positions only for
/// syntax errors).
struct ConfigSource {
    let lines: [Substring]

    init(_ text: String) {
        // "\r\n" is a single Character in Swift, so CRLF needs its own separator.
        lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// The first line (1-based) that satisfies `test`.
    func firstLine(where test: (Substring) -> Bool) -> Int? {
        lines.firstIndex(where: test).map { $0 + 1 }
    }

    /// The line that defines the top-level `key`: `key = …`, `"key" = …`, `key.sub = …` or a
    /// `[key]` / `[key.sub]` / `[[key]]` header; line 1 when it cannot be told.
    func line(definingKey key: String) -> Int {
        let names = [key, "\"\(key)\"", "'\(key)'"]
        return firstLine { raw in
            var line = raw.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
            while line.hasPrefix("[") { line = line.dropFirst().drop { $0 == " " || $0 == "\t" } }
            return names.contains { name in
                guard line.hasPrefix(name) else { return false }
                let next = line.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }.first
                return next == "=" || next == "." || next == "]"
            }
        } ?? 1
    }
}
