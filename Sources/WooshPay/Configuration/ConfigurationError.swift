import Foundation
import TillCore

/// Why Till could not work out how to reach WooshPay. Never holds the secret key.
public enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No key in the environment or the config file.
    case missingKey(configPath: String)
    /// A key that is not `sk_test_…`/`sk_live_…`.
    case malformedKey(reason: String)
    /// The config file can be read by group or others.
    case insecurePermissions(path: String, mode: Int)
    /// A line of the config file could not be read.
    case syntax(path: String, line: Int, message: String)
    /// A base URL that is not https, or plain http to a non-loopback host.
    case invalidBaseURL(String, reason: String)
    /// A write with a live key without `--live`.
    case liveWriteRefused
    /// Reading or writing a file failed.
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case .missingKey(let configPath):
            return "No WooshPay secret key. Set WOOSHPAY_SECRET_KEY=sk_test_…, or save one in \(configPath) "
                + "(secret_key = \"sk_test_…\", chmod 600), or run `till sandbox` and point Till at it with "
                + "--api-base and any sk_test_ key (sk_test_ and 8 or more letters and digits is a sandbox account)."
        case .malformedKey(let reason):
            return "The secret key is not usable: \(reason)."
        case .insecurePermissions(let path, let mode):
            return "Permissions \(String(format: "%04o", mode)) for '\(path)' are too open: the file holds "
                + "a secret key, so it must not be readable by others. Run: chmod 600 '\(path)'"
        case .syntax(let path, let line, let message):
            return "\(path):\(line): \(message)"
        case .invalidBaseURL(let url, let reason):
            return "The API base URL '\(url)' is not usable: \(reason)."
        case .liveWriteRefused:
            return "This command changes data with a live (sk_live_) key; add --live to confirm."
        case .io(let path, let message):
            return "\(path): \(message)"
        }
    }

    /// The same problem as an `APIFailure` of kind `.configuration`.
    public var apiFailure: APIFailure { APIFailure(kind: .configuration, message: description) }
}
