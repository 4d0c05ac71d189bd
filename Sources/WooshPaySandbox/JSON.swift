import Foundation

/// A JSON value. Objects keep their member order so responses are stable byte for byte.
enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([Member])

    struct Member: Sendable, Equatable {
        var key: String
        var value: JSON
    }

    /// The member named `key` of an object (nil for a missing member or a non-object).
    subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// Parses request bytes; nil when they are not one well-formed JSON value.
    static func parse(_ data: Data) -> JSON? {
        try? JSONDecoder().decode(JSON.self, from: data)
    }

    /// Compact UTF-8 serialisation in member order.
    var serialized: Data { Data(text.utf8) }

    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += value.isFinite ? String(value) : "null"
        case .string(let value): JSON.writeString(value, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                JSON.writeString(member.key, to: &out)
                out += ":"
                member.value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ value: String, to out: inout String) {
        // Most strings need no escape: append them whole rather than scalar by scalar.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += "\""
            out += value
            out += "\""
            return
        }
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSON: Decodable {
    init(from decoder: Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [Member] = []
            for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                members.append(Member(key: key.stringValue, value: try object.decode(JSON.self, forKey: key)))
            }
            self = .object(members)
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSON] = []
            while !array.isAtEnd { items.append(try array.decode(JSON.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let value = try? single.decode(Bool.self) { self = .bool(value) }
        else if let value = try? single.decode(Int64.self) { self = .int(value) }
        else if let value = try? single.decode(Double.self) { self = .double(value) }
        else { self = .string(try single.decode(String.self)) }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Builds a JSON object in insertion order, so every response lists its fields the same way.
struct JSONObject {
    private(set) var members: [JSON.Member] = []

    subscript(key: String) -> JSON? {
        get { members.last(where: { $0.key == key })?.value }
        set {
            members.removeAll { $0.key == key }
            if let newValue { members.append(JSON.Member(key: key, value: newValue)) }
        }
    }

    var json: JSON { .object(members) }
}

extension JSON {
    init(_ value: String?) { self = value.map(JSON.string) ?? .null }

    /// A stored JSON text column back as a value (null when absent or unreadable).
    init(stored text: String?) {
        self = text.flatMap { JSON.parse(Data($0.utf8)) } ?? .null
    }
}

/// Bounds on a request body's shape, checked on the raw bytes before any tree is built: a 1 MiB
/// body of half a million numbers would otherwise take seconds and hundreds of MB to parse.
enum JSONLimits {
    /// Deepest nesting of objects and arrays (a session's inline product is 5 deep).
    static let maxDepth = 32
    /// Most values (members and array elements) in one body.
    static let maxValues = 20_000

    /// The refusal naming the limit that `data` exceeds, or nil when it is within both.
    static func violation(in data: Data) -> APIError? {
        var depth = 0
        var values = 1
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > maxDepth {
                    return APIError.invalid(nil, "The request body nests objects and arrays deeper than \(maxDepth) levels.",
                                            code: "request_too_deep")
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ","):
                values += 1
                if values > maxValues {
                    return APIError.invalid(nil, "The request body holds more than \(maxValues) values.",
                                            code: "request_too_many_values")
                }
            default: break
            }
        }
        return nil
    }
}

extension JSON {
    /// The parameter name (`name`, `metadata[k]`, `line_items[0][price]`) of the first string,
    /// or member name, holding U+0000. SQLite text would end there, silently cutting the value.
    func firstNULParameter(_ path: String = "") -> String? {
        func child(_ key: String) -> String { path.isEmpty ? key : "\(path)[\(key)]" }
        switch self {
        case .string(let text):
            return text.unicodeScalars.contains("\u{0}") ? path : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = item.firstNULParameter(child(String(index))) { return found }
            }
            return nil
        case .object(let members):
            for member in members {
                let name = child(member.key.replacingOccurrences(of: "\u{0}", with: "\\u0000"))
                if member.key.unicodeScalars.contains("\u{0}") { return name }
                if let found = member.value.firstNULParameter(name) { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
