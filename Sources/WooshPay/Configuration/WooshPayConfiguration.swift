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
    public static func validatedBaseURL(_ text: String) throws(ConfigurationError) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw .invalidBaseURL(text, reason: "expected a URL such as https://apitest.wooshpay.com")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil,
              components.password == nil else {
            throw .invalidBaseURL(text, reason: "it must not carry a query, fragment or user name")
        }
        switch scheme {
        case "https":
            return trimmed
        case "http":
            let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
                || host.hasPrefix("127.")
            guard loopback else {
                throw .invalidBaseURL(text, reason: "plain http is allowed only to loopback (127.0.0.1, localhost, ::1)")
            }
            return trimmed
        default:
            throw .invalidBaseURL(text, reason: "the scheme must be https (or http to loopback)")
        }
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
