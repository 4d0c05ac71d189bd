import Foundation
import Logging
import TillCore

/// How a `WooshPayClient` reaches WooshPay. Its descriptions and mirror show the key redacted.
public struct WooshPayConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    public var secretKey: SecretKey
    /// Scheme, host and port, no trailing slash (e.g. `https://apitest.wooshpay.com`).
    public var baseURL: String
    public var connectTimeout: Duration
    public var requestTimeout: Duration
    public var retry: RetryPolicy
    /// Where request lines go (method, path, status, duration, request id); never the key.
    public var logger: Logger
    public var userAgent: String

    /// Validates `baseURL` (default: the test or live API by the key's mode).
    public init(secretKey: SecretKey, baseURL: String? = nil, connectTimeout: Duration = .seconds(5),
                requestTimeout: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy(),
                logger: Logger = WooshPayConfiguration.silentLogger) throws(ConfigurationError) {
        self.secretKey = secretKey
        self.baseURL = try baseURL.map { url throws(ConfigurationError) in try Self.validatedBaseURL(url) }
            ?? Self.defaultBaseURL(for: secretKey.mode)
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.logger = logger
        self.userAgent = "Till/\(TillInfo.version)"
    }

    /// The same, from the key's text.
    public init(secretKey: String, baseURL: String? = nil, connectTimeout: Duration = .seconds(5),
                requestTimeout: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy(),
                logger: Logger = WooshPayConfiguration.silentLogger) throws(ConfigurationError) {
        try self.init(secretKey: SecretKey(secretKey), baseURL: baseURL, connectTimeout: connectTimeout,
                      requestTimeout: requestTimeout, retry: retry, logger: logger)
    }

    /// A logger that drops everything.
    public static let silentLogger = Logger(label: "till.wooshpay", factory: { _ in SwiftLogNoOpLogHandler() })

    /// `https://apitest.wooshpay.com` for test keys, `https://api.wooshpay.com` for live ones.
    public static func defaultBaseURL(for mode: SecretKey.Mode) -> String {
        mode == .live ? "https://api.wooshpay.com" : "https://apitest.wooshpay.com"
    }

    /// Checks a base URL: https anywhere, plain http only to a loopback host. Drops a trailing slash.
    /// Refusals quote the URL without its user-info and with anything key-shaped redacted.
    public static func validatedBaseURL(_ text: String) throws(ConfigurationError) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        let shown = displayable(trimmed)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw .invalidBaseURL(shown, reason: .notAURL)
        }
        // The key goes in the Authorization header, never in the URL.
        guard components.user == nil, components.password == nil, !authority(of: trimmed).contains("@") else {
            throw .invalidBaseURL(shown, reason: .userInfo)
        }
        guard components.query == nil, components.fragment == nil else {
            throw .invalidBaseURL(shown, reason: .queryOrFragment)
        }
        switch scheme {
        case "https":
            return trimmed
        case "http":
            guard isLoopback(host: host) else {
                throw .invalidBaseURL(shown, reason: .plainHTTPOffLoopback)
            }
            return trimmed
        default:
            throw .invalidBaseURL(shown, reason: .scheme)
        }
    }

    /// `localhost`, an IPv4 literal in 127.0.0.0/8 (strict dotted quad) or the IPv6 loopback `::1`.
    /// Names that merely start with "127." (`127.0.0.1.nip.io`) resolve anywhere, so they are not loopback.
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name == "localhost" { return true }
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            // s_addr is in network byte order: the first octet is the lowest-addressed byte.
            return withUnsafeBytes(of: &v4) { $0[0] } == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
        }
        return false
    }

    /// The authority part (between `//` and the path) of URL-like text, or "" when there is none.
    static func authority(of text: String) -> Substring {
        guard let slashes = text.range(of: "//") else { return "" }
        let rest = text[slashes.upperBound...]
        return rest[..<(rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex)]
    }

    /// URL-like text safe to quote: user-info dropped, key-shaped words redacted.
    public static func displayable(_ text: String) -> String {
        var shown = text
        let authority = authority(of: text)
        if let at = authority.lastIndex(of: "@") {
            shown.replaceSubrange(authority.startIndex...at, with: "")
        } else if authority.isEmpty, let at = text.prefix(while: { !"/?#".contains($0) }).lastIndex(of: "@") {
            // No scheme ("sk_test_…@host"): everything before the last @ may be a credential.
            shown.replaceSubrange(text.startIndex...at, with: "")
        }
        return SecretKey.redactingSecrets(in: shown)
    }

    public var description: String {
        "WooshPayConfiguration(secretKey: \(secretKey.redacted), baseURL: \(baseURL))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["secretKey": secretKey.redacted, "baseURL": baseURL,
                                "connectTimeout": connectTimeout, "requestTimeout": requestTimeout])
    }
}
