import Foundation

/// A coding key made from any string, so wire types can read fields by their JSON names.
struct WireKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

typealias WireContainer = KeyedDecodingContainer<WireKey>

/// Lenient readers: absent, `null` and `""` all read as nil; numbers may arrive as strings.
extension KeyedDecodingContainer where Key == WireKey {
    /// The field's key when it is there and not `null`.
    func present(_ name: String) throws -> WireKey? {
        let key = WireKey(name)
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return key
    }

    /// The error for a field whose value is not of the type Till reads.
    func mismatch(_ type: Any.Type, _ key: WireKey, _ expected: String) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath + [key], debugDescription: expected))
    }

    func string(_ name: String) throws -> String? {
        guard let key = try present(name) else { return nil }
        if let text = try? decode(String.self, forKey: key) { return text.isEmpty ? nil : text }
        if let number = try? decode(Int64.self, forKey: key) { return String(number) }
        return try decode(String.self, forKey: key)  // throws a typed error naming the field
    }

    func requiredString(_ name: String) throws -> String {
        guard let value = try string(name) else { throw missing(name) }
        return value
    }

    /// A string field read as one of `T`'s raw values, in any case; absent is `fallback` (or an
    /// error without one), and a value Till does not know is an error naming the field.
    func enumeration<T: RawRepresentable>(_ name: String, default fallback: T? = nil) throws -> T where T.RawValue == String {
        guard let text = try string(name) else {
            if let fallback { return fallback }
            throw missing(name)
        }
        guard let value = T(rawValue: text.lowercased()) else {
            throw DecodingError.dataCorruptedError(forKey: WireKey(name), in: self,
                                                   debugDescription: "unknown \(name.replacingOccurrences(of: "_", with: " ")) '\(text)'")
        }
        return value
    }

    func int64(_ name: String) throws -> Int64? {
        guard let key = try present(name) else { return nil }
        if let number = try? decode(Int64.self, forKey: key) { return number }
        // The docs type unit_amount as a string; accept "500" as well as 500.
        if let text = try? decode(String.self, forKey: key) {
            if text.isEmpty { return nil }
            if let number = Int64(text) { return number }
        }
        if let real = try? decode(Double.self, forKey: key), real.rounded() == real, abs(real) < 9e18 {
            return Int64(real)
        }
        throw mismatch(Int64.self, key, "expected a whole number")
    }

    func requiredInt64(_ name: String) throws -> Int64 {
        guard let value = try int64(name) else { throw missing(name) }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        guard let key = try present(name) else { return nil }
        if let flag = try? decode(Bool.self, forKey: key) { return flag }
        if let text = try? decode(String.self, forKey: key) {
            switch text.lowercased() {
            case "": return nil
            case "true": return true
            case "false": return false
            default: break
            }
        }
        if let number = try? decode(Int64.self, forKey: key), number == 0 || number == 1 { return number == 1 }
        throw mismatch(Bool.self, key, "expected true or false")
    }

    /// A Unix timestamp in seconds or milliseconds (values above 10^11 are milliseconds).
    func timestamp(_ name: String) throws -> Date? {
        guard let value = try int64(name) else { return nil }
        return WireTime.date(value)
    }

    func requiredTimestamp(_ name: String) throws -> Date {
        guard let value = try timestamp(name) else { throw missing(name) }
        return value
    }

    /// A string map; `null` reads as empty and non-string values are kept as their JSON text.
    func metadata(_ name: String) throws -> [String: String] {
        guard let key = try present(name) else { return [:] }
        if let map = try? decode([String: String].self, forKey: key) { return map }
        if let text = try? decode(String.self, forKey: key), text.isEmpty { return [:] }
        let nested = try nestedContainer(keyedBy: WireKey.self, forKey: key)
        var map: [String: String] = [:]
        for inner in nested.allKeys {
            if let value = try nested.string(inner.stringValue) { map[inner.stringValue] = value }
            else if let flag = try? nested.bool(inner.stringValue) { map[inner.stringValue] = String(flag) }
        }
        return map
    }

    /// `livemode`, or `live_mode` as some payloads spell it.
    func livemode() throws -> Bool? {
        try bool("livemode") ?? bool("live_mode")
    }

    /// A nested object when present and not `null`/`""`.
    func object<T: Decodable>(_ type: T.Type, _ name: String) throws -> T? {
        guard let key = try present(name) else { return nil }
        if let text = try? decode(String.self, forKey: key), text.isEmpty { return nil }
        return try decode(T.self, forKey: key)
    }

    func missing(_ name: String) -> DecodingError {
        .keyNotFound(WireKey(name), .init(codingPath: codingPath, debugDescription: "required field is missing or null"))
    }
}

enum WireTime {
    /// Seconds or milliseconds since 1970, told apart by size.
    static func date(_ value: Int64) -> Date {
        value > 100_000_000_000 ? Date(timeIntervalSince1970: Double(value) / 1000)
            : Date(timeIntervalSince1970: Double(value))
    }
}

/// A JSON path such as `line_items.data[0].price.currency` for a decoding error.
func jsonPath(_ codingPath: [CodingKey]) -> String {
    var path = ""
    for key in codingPath {
        if let index = key.intValue {
            path += "[\(index)]"
        } else if key.stringValue.hasPrefix("Index ") {
            path += "[\(key.stringValue.dropFirst(6))]"
        } else {
            path += path.isEmpty ? key.stringValue : "." + key.stringValue
        }
    }
    return path
}
