import Foundation

/// A WooshPay secret key. Its `description`, `debugDescription` and mirror show only the redacted form.
public struct SecretKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// Test or live, decided by the key's prefix.
    public enum Mode: String, Sendable, Hashable {
        case test, live
    }

    /// The key itself, for the Authorization header only. Never print or log it.
    public let rawValue: String

    /// Accepts `sk_test_…` and `sk_live_…` keys (letters, digits and `_` after the prefix).
    public init(_ text: String) throws(ConfigurationError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let body: Substring
        if trimmed.hasPrefix("sk_test_") {
            body = trimmed.dropFirst(8)
        } else if trimmed.hasPrefix("sk_live_") {
            body = trimmed.dropFirst(8)
        } else {
            throw .malformedKey(reason: "a WooshPay secret key starts with sk_test_ or sk_live_")
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw .malformedKey(reason: "after its sk_test_/sk_live_ prefix a key holds only letters, digits and _")
        }
        rawValue = trimmed
    }

    /// Test or live.
    public var mode: Mode { rawValue.hasPrefix("sk_live_") ? .live : .test }

    /// `sk_test_…WXYZ`: the first 8 characters and the last 4 at most.
    public var redacted: String {
        let prefix = String(rawValue.prefix(8))
        // Short keys show only the prefix, so the tail never reveals most of the key.
        guard rawValue.count >= 20 else { return prefix + "…" }
        return prefix + "…" + String(rawValue.suffix(4))
    }

    public var description: String { redacted }
    public var debugDescription: String { "SecretKey(\(redacted))" }
    public var customMirror: Mirror { Mirror(self, children: ["redacted": redacted]) }
}
