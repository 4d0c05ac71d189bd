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
            throw .malformedKey(reason: .prefix)
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw .malformedKey(reason: .characters)
        }
        rawValue = trimmed
    }

    /// Test or live.
    public var mode: Mode { rawValue.hasPrefix("sk_live_") ? .live : .test }

    /// `sk_test_…WXYZ`: the first 8 characters and the last 4 at most.
    public var redacted: String { Self.redact(rawValue) }

    /// Any key-shaped text as `sk_test_…WXYZ`: the first 8 characters and the last 4 at most.
    public static func redact<Text: StringProtocol>(_ token: Text) -> String {
        let prefix = String(token.prefix(8))
        // Short keys show only the prefix, so the tail never reveals most of the key.
        guard token.count >= 20 else { return prefix + "…" }
        return prefix + "…" + String(token.suffix(4))
    }

    /// Whether a word (letters, digits, `_`, `-`) looks like a secret: it starts with `sk_`, `rk_`
    /// or `whsec_`, or holds a test/live secret or restricted key prefix anywhere.
    public static func looksLikeSecret<Text: StringProtocol>(_ word: Text) -> Bool {
        let lower = word.lowercased()
        return ["sk_", "rk_", "whsec_"].contains { lower.hasPrefix($0) }
            || ["sk_test_", "sk_live_", "rk_test_", "rk_live_"].contains { lower.contains($0) }
    }

    /// `text` with every word that looks like a secret redacted, for messages that quote user input.
    public static func redactingSecrets(in text: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            out += looksLikeSecret(word) ? redact(word) : word
            word = ""
        }
        for character in text {
            if character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-") {
                word.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }

    public var description: String { redacted }
    public var debugDescription: String { "SecretKey(\(redacted))" }
    public var customMirror: Mirror { Mirror(self, children: ["redacted": redacted]) }
}

/// Why text is not a secret key, as a value (the command line words it in its language); it never
/// holds the text itself.
public enum SecretKeyProblem: Hashable, Sendable, CustomStringConvertible {
    /// Neither `sk_test_` nor `sk_live_` in front.
    case prefix
    /// Nothing after the prefix, or something other than letters, digits and `_`.
    case characters

    public var description: String {
        switch self {
        case .prefix: "a WooshPay secret key starts with sk_test_ or sk_live_"
        case .characters: "after its sk_test_/sk_live_ prefix a key holds only letters, digits and _"
        }
    }
}
