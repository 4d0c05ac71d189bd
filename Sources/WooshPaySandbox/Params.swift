import Foundation
import TillCore

/// Typed access to a JSON request object. Every refusal is a 400 naming the parameter the way
/// WooshPay does (`product_data[name]`, `line_items[0][quantity]`). Unknown members are ignored.
struct Params {
    let json: JSON
    /// Prefix for nested names, e.g. "price_data" gives "price_data[currency]".
    var path: String = ""

    static let maxAmount: Int64 = Money.maximumMinorUnits

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path)[\(key)]" }

    /// Whether the member was sent at all (null counts as sent: it clears optional fields).
    func has(_ key: String) -> Bool { json[key] != nil }

    func string(_ key: String, maxLength: Int, allowEmpty: Bool = true) throws -> String? {
        guard let value = json[key], value != .null else { return nil }
        guard case .string(let text) = value else { throw APIError.invalid(name(key), "Invalid \(name(key)): must be a string.") }
        if !allowEmpty && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw APIError.invalid(name(key), "Invalid \(name(key)): must not be empty.")
        }
        if text.count > maxLength {
            throw APIError.invalid(name(key), "Invalid \(name(key)): must be at most \(maxLength) characters.")
        }
        return text
    }

    func requiredString(_ key: String, maxLength: Int) throws -> String {
        guard let text = try string(key, maxLength: maxLength, allowEmpty: false) else { throw APIError.missing(name(key)) }
        return text
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = json[key], value != .null else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default: throw APIError.invalid(name(key), "Invalid \(name(key)): must be a boolean.")
        }
    }

    /// A non-negative integer up to `max`; JSON integers and digit strings are accepted.
    func integer(_ key: String, in range: ClosedRange<Int64>) throws -> Int64? {
        guard let value = json[key], value != .null else { return nil }
        let number: Int64?
        switch value {
        case .int(let n): number = n
        case .double(let d) where d.rounded() == d && abs(d) < 1e15: number = Int64(d)
        case .string(let s) where !s.isEmpty && s.allSatisfy(\.isASCII) && s.allSatisfy(\.isNumber): number = Int64(s)
        default: number = nil
        }
        guard let number, range.contains(number) else {
            throw APIError.invalid(name(key), "Invalid \(name(key)): must be an integer from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }

    func amount(_ key: String) throws -> Int64 {
        guard let amount = try integer(key, in: 0...Params.maxAmount) else { throw APIError.missing(name(key)) }
        return amount
    }

    func currency(_ key: String) throws -> Currency {
        guard let code = try string(key, maxLength: 10) else { throw APIError.missing(name(key)) }
        do {
            return try Currency(code)
        } catch {
            throw APIError.invalid(name(key), "Invalid currency: \(code). Use an ISO 4217 code such as GBP.")
        }
    }

    /// A string-to-string map (Stripe's limits: 50 keys, key ≤ 40 chars, value ≤ 500 chars).
    func metadata(_ key: String = "metadata") throws -> [String: String?]? {
        guard let value = json[key], value != .null else { return nil }
        guard case .object(let members) = value else { throw APIError.invalid(name(key), "Invalid \(name(key)): must be an object of strings.") }
        guard members.count <= 50 else { throw APIError.invalid(name(key), "Invalid \(name(key)): at most 50 keys.") }
        var map: [String: String?] = [:]
        for member in members {
            let field = "\(name(key))[\(member.key)]"
            guard !member.key.isEmpty, member.key.count <= 40 else { throw APIError.invalid(field, "Metadata keys must be 1 to 40 characters.") }
            switch member.value {
            case .string(let text) where text.count <= 500: map[member.key] = .some(text.isEmpty ? nil : text)
            case .int(let n): map[member.key] = .some(String(n))
            case .bool(let b): map[member.key] = .some(String(b))
            case .null: map[member.key] = .some(nil)
            default: throw APIError.invalid(field, "Metadata values must be strings of at most 500 characters.")
            }
        }
        return map
    }

    func stringArray(_ key: String, maxCount: Int, maxLength: Int) throws -> [String]? {
        guard let value = json[key], value != .null else { return nil }
        guard case .array(let items) = value, items.count <= maxCount else {
            throw APIError.invalid(name(key), "Invalid \(name(key)): must be an array of at most \(maxCount) strings.")
        }
        return try items.enumerated().map { index, item in
            guard case .string(let text) = item, text.count <= maxLength else {
                throw APIError.invalid("\(name(key))[\(index)]", "Invalid \(name(key))[\(index)]: must be a string.")
            }
            return text
        }
    }

    func object(_ key: String) throws -> Params? {
        guard let value = json[key], value != .null else { return nil }
        guard case .object = value else { throw APIError.invalid(name(key), "Invalid \(name(key)): must be an object.") }
        return Params(json: value, path: name(key))
    }

    /// Characters a URL may never hold raw (RFC 3986): they must be percent-encoded.
    static let unsafeURLCharacters: Set<Unicode.Scalar> = [" ", "<", ">", "\"", "\\", "^", "`", "{", "|", "}"]

    /// An absolute http(s) URL with a host. Controls, spaces, RFC 3986's unsafe characters and
    /// anything outside ASCII are refused before parsing (a CR/LF in a redirect target would split
    /// the cashier's headers, and a raw IDN host or U+2028 is no valid `Location`); the one
    /// exception is the `{CHECKOUT_SESSION_ID}` template, which the cashier fills in.
    func url(_ key: String) throws -> String {
        let text = try requiredString(key, maxLength: 5000)
        let invalid = APIError.invalid(name(key), "Invalid \(name(key)): must be an absolute http or https URL.", code: "url_invalid")
        let checked = text.replacingOccurrences(of: Cashier.sessionIDTemplate, with: "")
        if checked.unicodeScalars.contains(where: { $0.value > 0x7E }) {
            throw APIError.invalid(name(key), "Invalid \(name(key)): must be plain ASCII: percent-encode other characters "
                                   + "and write an international host in punycode (xn--…).", code: "url_invalid")
        }
        guard !checked.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || Params.unsafeURLCharacters.contains($0) })
        else { throw invalid }
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { throw invalid }
        return text
    }
}

/// Metadata as stored (JSON text) and rendered (an object with sorted keys).
enum Metadata {
    static func merge(_ stored: [String: String], _ update: [String: String?]) -> [String: String] {
        var result = stored
        for (key, value) in update { result[key] = value ?? nil }
        return result
    }

    static func fresh(_ update: [String: String?]?) -> [String: String] {
        merge([:], update ?? [:])
    }

    static func text(_ map: [String: String]) -> String { json(map).text }

    static func json(_ map: [String: String]) -> JSON {
        .object(map.keys.sorted().map { JSON.Member(key: $0, value: .string(map[$0] ?? "")) })
    }

    static func decode(_ text: String?) -> [String: String] {
        if text == nil || text == "{}" { return [:] }  // almost every row: no JSON parse
        guard case .object(let members) = JSON(stored: text) else { return [:] }
        var map: [String: String] = [:]
        for member in members { if case .string(let value) = member.value { map[member.key] = value } }
        return map
    }
}
