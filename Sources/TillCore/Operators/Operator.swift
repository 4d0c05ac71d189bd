import Foundation

/// What an operator may do on their own: a cashier sells, a manager also does (or approves) what
/// `Permissions` keeps for managers.
public enum OperatorRole: String, Codable, Sendable, CaseIterable, Hashable {
    case cashier
    case manager
}

/// A person who signs in at a till. The PIN is never part of it: only the store keeps its hash.
public struct Operator: Hashable, Codable, Sendable {
    public var name: String
    public var role: OperatorRole

    public init(name: String, role: OperatorRole) {
        self.name = name
        self.role = role
    }

    public var isManager: Bool { role == .manager }

    /// Why `name` is not an operator name, or nil when it is one: 1 to 40 printable characters,
    /// not only spaces, no leading or trailing space.
    /// Digits alone (what a PIN is made of).
    public static func looksLikePIN(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    public static func problem(withName name: String) -> String? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "an operator name cannot be empty" }
        if name.count > 40 { return "an operator name is at most 40 characters" }
        if name != name.trimmingCharacters(in: .whitespaces) { return "an operator name cannot start or end with a space" }
        // A name of digits alone could be a PIN typed at the name prompt: never taken as a name.
        if looksLikePIN(name) { return "an operator name cannot be digits alone" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control
            || $0.properties.generalCategory == .format || $0.properties.generalCategory == .lineSeparator
            || $0.properties.generalCategory == .paragraphSeparator }) {
            return "an operator name must be printable (no control characters)"
        }
        return nil
    }

    /// The form two names are compared in: "Maria" and "maria" are one operator.
    public static func key(_ name: String) -> String { name.lowercased() }
}

/// A PIN as typed: 4 to 12 digits. Its description never shows the digits, so a PIN that ends up
/// in an effect, an action or a log line reads as "PIN(•)".
public struct PIN: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The digits (only the hashing and the PIN check read them).
    public let digits: String

    public static let lengths = 4...12

    /// Nil when `text` is not 4 to 12 ASCII digits.
    public init?(_ text: String) {
        guard Self.lengths.contains(text.count), text.unicodeScalars.allSatisfy({ $0.isASCII && ("0"..."9").contains(Character($0)) })
        else { return nil }
        digits = text
    }

    public var description: String { "PIN(•)" }
    public var debugDescription: String { "PIN(•)" }
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// The message for a PIN that is not 4 to 12 digits.
    public static let rule = "a PIN is 4 to 12 digits"
}
