import Foundation
import TillCore

/// Why Till could not work out how to reach WooshPay. Never holds the secret key.
public enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A server named by `--api-base` but no key in the environment or the config file.
    case missingKey(configPath: String)
    /// A key that is not `sk_test_…`/`sk_live_…`; `variable` names the environment variable it came from.
    case malformedKey(reason: SecretKeyProblem, variable: String? = nil)
    /// The config file can be read by group or others.
    case insecurePermissions(path: String, mode: Int)
    /// The config file's folder can be written by group or others.
    case insecureFolder(path: String, mode: Int)
    /// `WOOSHPAY_SECRET_KEY` was set but not used: the config file is unsafe (the inner error).
    indirect case environmentKeyNotUsed(ConfigurationError)
    /// A base URL that is not https, or plain http to a non-loopback host.
    case invalidBaseURL(String, reason: BaseURLProblem)
    /// A write with a live key without `--live`.
    case liveWriteRefused

    public var description: String {
        switch self {
        case .missingKey(let configPath):
            return "No WooshPay secret key for --api-base. Set WOOSHPAY_SECRET_KEY=sk_test_…, or save one in \(configPath) "
                + "(secret_key = \"sk_test_…\", chmod 600), or leave out --api-base to use the embedded sandbox. "
                + "For `till sandbox`, point Till at it with --api-base and any sk_test_ key "
                + "(sk_test_ and 8 or more letters and digits is a sandbox account)."
        case .malformedKey(let reason, let variable):
            return "The secret key is not usable: \(variable.map { $0 + ": " } ?? "")\(reason)."
        case .insecurePermissions(let path, let mode):
            return "Permissions \(String(format: "%04o", mode)) for '\(path)' are too open: the file holds "
                + "a secret key, so it must not be readable by others. Run: chmod 600 '\(path)'"
        case .insecureFolder(let path, let mode):
            return "Permissions \(String(format: "%04o", mode)) for the folder '\(path)' are too open: another "
                + "user could replace config.toml with one whose api_base receives your secret key. Run: chmod 700 '\(path)'"
        case .environmentKeyNotUsed(let reason):
            return reason.description + " WOOSHPAY_SECRET_KEY was not used: Till reads no settings while the "
                + "config file is unsafe."
        case .invalidBaseURL(let url, let reason):
            return "The API base URL '\(url)' is not usable: \(reason)."
        case .liveWriteRefused:
            return "This command changes data with a live (sk_live_) key; add --live to confirm."
        }
    }

    /// The same problem as an `APIFailure` of kind `.configuration`.
    public var apiFailure: APIFailure { APIFailure(kind: .configuration, message: description) }
}

/// Why a base URL is refused (the CLI words it per language; `description` is the English).
public enum BaseURLProblem: Hashable, Sendable, CustomStringConvertible {
    /// No scheme or no host.
    case notAURL
    /// A user name or password in the URL: the key goes in the Authorization header, never in the URL.
    case userInfo
    case queryOrFragment
    /// Plain http to a host that is not loopback.
    case plainHTTPOffLoopback
    /// Neither https nor http.
    case scheme

    public var description: String {
        switch self {
        case .notAURL: "expected a URL such as https://apitest.wooshpay.com"
        case .userInfo: "it must not carry a user name or password"
        case .queryOrFragment: "it must not carry a query or fragment"
        case .plainHTTPOffLoopback: "plain http is allowed only to loopback (127.0.0.1, localhost, ::1)"
        case .scheme: "the scheme must be https (or http to loopback)"
        }
    }
}
