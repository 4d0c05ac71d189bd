import Foundation
import WooshPay

/// A line of config.toml Till refuses (the path and line name it; the problem says why).
public struct ConfigFileError: Error, Equatable, Sendable {
    public let path: String
    public let line: Int
    public let problem: ConfigProblem
}

/// Why Till refuses a line of config.toml, as a value: the command line words it in its language
/// (TillConfig builds no sentences). What comes from elsewhere (TOMLKit's own message, a name as
/// written) is carried as it came, secrets already redacted.
public enum ConfigProblem: Error, Equatable, Sendable {
    /// A NUL character (TOMLKit would cut the value short at it).
    case nulCharacter
    /// Not TOML at all, with nothing more to say.
    case notTOML
    /// TOMLKit's own words about a syntax error.
    case syntax(String)
    /// A key Till does not know; `known` lists those it does.
    case unknownSetting(String, known: [String])
    /// `receipt_width` or `printer_width` not one of `allowed` (columns).
    case width(key: String, allowed: [Int])
    /// A value that must be a string in quotes.
    case notString(key: String)
    /// A `secret_key` that is not a key.
    case secretKey(ConfigurationError)
    /// A `printer` that is none of the accepted forms.
    case printer(value: String)
    case printerCodePage(accepted: [String])
    /// `printer_qr` neither "native" nor "raster".
    case printerQR
    /// `lock_after` not a time ("5m", "90s", "1h") nor "off".
    case lockAfter
    case language(accepted: String)
    /// `permissions` not a table of the guarded actions.
    case permissionsNotATable(actions: [String])
    case unknownPermission(String, actions: [String])
    case permissionSetting(key: String, accepted: [String])
}
