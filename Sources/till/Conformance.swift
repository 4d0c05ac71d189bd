import Foundation

/// What docs/api-coverage.md says WooshPay answers, as data: each object's fields with their JSON
/// types, which ones Till needs, the list envelope and the error body. `till doctor` compares
/// every answer it gets with these and prints each difference; keep the two in step.
enum Conformance {
    /// A JSON value as it came, kinds kept apart (true is no number, 1 is no boolean).
    indirect enum JSON: Decodable {
        case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSON]), object([String: JSON])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null; return }
            if let value = try? container.decode(Bool.self) { self = .bool(value); return }
            if let value = try? container.decode(Int64.self) { self = .integer(value); return }
            if let value = try? container.decode(Double.self) { self = .number(value); return }
            if let value = try? container.decode(String.self) { self = .string(value); return }
            if let value = try? container.decode([JSON].self) { self = .array(value); return }
            self = .object(try container.decode([String: JSON].self))
        }

        var kind: String {
            switch self {
            case .null: "null"
            case .bool: "a boolean"
            case .integer: "an integer"
            case .number: "a fractional number"
            case .string(let text): "a string (\"\(text.prefix(24))\")"
            case .array: "an array"
            case .object: "an object"
            }
        }

        static func parse(_ data: Data) -> JSON? { try? JSONDecoder().decode(JSON.self, from: data) }
    }

    /// A field's expected type.
    indirect enum Kind: Sendable {
        case string
        /// A string starting with this prefix (ids).
        case id(String)
        /// One of these strings.
        case oneOf([String])
        case boolean
        case integer
        /// An integer amount in minor units; a digit string is accepted too (doc types some as strings).
        case amount
        /// Unix time: seconds, or milliseconds above 10^11.
        case timestamp
        /// An object of string values (`metadata`).
        case stringMap
        case array
        case object(Schema)
        /// A product id or an expanded product object.
        case productRef
        /// A list envelope of these objects.
        case list(Schema)

        var words: String {
            switch self {
            case .string: "a string"
            case .id(let prefix): "an id starting \(prefix)"
            case .oneOf(let values): "one of " + values.joined(separator: ", ")
            case .boolean: "a boolean"
            case .integer: "an integer"
            case .amount: "an integer amount"
            case .timestamp: "a Unix time (integer s or ms)"
            case .stringMap: "an object of strings"
            case .array: "an array"
            case .object: "an object"
            case .productRef: "a product id or object"
            case .list: "a list object"
            }
        }
    }

    struct Field: Sendable {
        var name: String
        var kind: Kind
        var required = false
        var nullable = true
        /// Another spelling the API may use (`livemode` / `live_mode`).
        var alias: String? = nil
    }

    struct Schema: Sendable {
        var name: String
        var fields: [Field]
    }

    static func must(_ name: String, _ kind: Kind) -> Field { Field(name: name, kind: kind, required: true, nullable: false) }
    static func may(_ name: String, _ kind: Kind, alias: String? = nil) -> Field {
        Field(name: name, kind: kind, alias: alias)
    }

    static let product = Schema(name: "product", fields: [
        must("id", .id("prod_")), must("name", .string), must("active", .boolean),
        must("created", .timestamp), may("description", .string), may("metadata", .stringMap),
        may("updated", .timestamp), may("livemode", .boolean, alias: "live_mode"),
        may("url", .string), may("images", .array), may("object", .oneOf(["product"])),
    ])

    static let price = Schema(name: "price", fields: [
        must("id", .id("price_")), must("active", .boolean), must("currency", .string),
        must("unit_amount", .amount), must("product", .productRef), must("created", .timestamp),
        may("nickname", .string), may("lookup_key", .string), may("metadata", .stringMap),
        may("type", .string), may("billing_scheme", .string),
        may("livemode", .boolean, alias: "live_mode"), may("object", .oneOf(["price"])),
    ])

    static let lineItem = Schema(name: "line item", fields: [
        must("id", .string), must("quantity", .integer), must("currency", .string),
        must("amount_subtotal", .amount), must("amount_total", .amount), must("price", .object(price)),
        may("description", .string),
    ])

    static let session = Schema(name: "checkout session", fields: [
        must("id", .id("cs_")), must("status", .oneOf(["open", "complete", "expired"])),
        must("payment_status", .oneOf(["unpaid", "paid", "no_payment_required"])),
        must("created", .timestamp), may("url", .string), may("success_url", .string),
        may("cancel_url", .string), may("currency", .string), may("amount_subtotal", .amount),
        may("amount_total", .amount), may("expires_at", .timestamp), may("payment_intent", .string),
        may("metadata", .stringMap), may("client_reference_id", .string), may("mode", .string),
        may("customer_email", .string), may("livemode", .boolean, alias: "live_mode"),
        may("line_items", .list(lineItem)), may("object", .oneOf(["checkout.session"])),
    ])

    static let paymentIntent = Schema(name: "payment intent", fields: [
        must("id", .id("pi_")),
        must("status", .oneOf(["requires_payment_method", "requires_confirmation", "requires_action",
                                   "processing", "requires_capture", "canceled", "succeeded"])),
        must("amount", .amount), must("currency", .string), may("created", .timestamp),
        may("amount_refunded", .amount),
    ])

    static let errorBody = Schema(name: "error", fields: [
        must("type", .oneOf(["api_error", "card_error", "idempotency_error", "invalid_request_error"])),
        must("message", .string), may("code", .string), may("param", .string),
    ])

    /// What was seen while checking (timestamp units), for the ✓ line.
    struct Seen {
        var timestampUnits: Set<String> = []
    }

    /// Every difference between `body` and `schema`, each naming its JSON path.
    static func differences(_ body: Data?, _ schema: Schema, seen: inout Seen) -> [String] {
        guard let body, let json = JSON.parse(body) else { return ["\(schema.name): the answer is not JSON"] }
        return differences(json, .object(schema), path: schema.name, seen: &seen)
    }

    /// A list answer: the envelope, then each item.
    static func listDifferences(_ body: Data?, _ schema: Schema, seen: inout Seen) -> [String] {
        guard let body, let json = JSON.parse(body) else { return ["list: the answer is not JSON"] }
        return differences(json, .list(schema), path: "list of \(schema.name)", seen: &seen)
    }

    /// An error answer: `{"error":{…}}` or the object bare (both read, doc).
    static func errorDifferences(_ body: Data, seen: inout Seen) -> [String] {
        guard let json = JSON.parse(body) else { return ["error: the body is not JSON"] }
        if case .object(let members) = json, let inner = members["error"] {
            return differences(inner, .object(errorBody), path: "error", seen: &seen)
        }
        return differences(json, .object(errorBody), path: "error", seen: &seen)
    }

    static func differences(_ value: JSON, _ kind: Kind, path: String, seen: inout Seen) -> [String] {
        func expected() -> [String] { ["\(path): \(value.kind), docs/api-coverage.md says \(kind.words)"] }
        switch (kind, value) {
        case (.string, .string):
            return []
        case (.id(let prefix), .string(let text)):
            return text.hasPrefix(prefix) ? [] : ["\(path): \"\(text.prefix(40))\" does not start \(prefix)"]
        case (.oneOf(let values), .string(let text)):
            return values.contains(text) ? [] : ["\(path): \"\(text.prefix(40))\" is not " + values.joined(separator: ", ")]
        case (.boolean, .bool), (.integer, .integer), (.array, .array):
            return []
        case (.amount, .integer(let amount)):
            return amount >= 0 ? [] : ["\(path): \(amount) is negative"]
        case (.amount, .string(let text)):
            return !text.isEmpty && text.allSatisfy(\.isASCIIDigit) ? [] : expected()
        case (.timestamp, .integer(let time)):
            let milliseconds = time > 100_000_000_000
            seen.timestampUnits.insert(milliseconds ? "milliseconds" : "seconds")
            let seconds = milliseconds ? Double(time) / 1000 : Double(time)
            // 2015 to 2100: anything else is a unit Till would misread.
            return (1_420_070_400...4_102_444_800).contains(seconds) ? []
                : ["\(path): \(time) is no time between 2015 and 2100 in seconds or milliseconds"]
        case (.stringMap, .object(let members)):
            return members.sorted { $0.key < $1.key }.compactMap { key, member in
                if case .string = member { return nil }
                if case .null = member { return nil }
                return "\(path).\(key): \(member.kind), metadata values are strings"
            }
        case (.productRef, .string(let text)):
            return text.hasPrefix("prod_") ? [] : ["\(path): \"\(text.prefix(40))\" does not start prod_"]
        case (.productRef, .object):
            return differences(value, .object(product), path: path, seen: &seen)
        case (.object(let schema), .object(let members)):
            var found: [String] = []
            for field in schema.fields {
                let member = members[field.name] ?? field.alias.flatMap { members[$0] }
                guard let member else {
                    if field.required { found.append("\(path).\(field.name): missing, Till needs it") }
                    continue
                }
                if case .null = member {
                    if !field.nullable { found.append("\(path).\(field.name): null, Till needs a value") }
                    continue
                }
                // "" reads as absent (doc: example).
                if case .string("") = member, field.nullable { continue }
                found += differences(member, field.kind, path: "\(path).\(field.name)", seen: &seen)
            }
            return found
        case (.list(let schema), .object(let members)):
            var found: [String] = []
            if let object = members["object"], case .string(let text) = object, text != "list" {
                found.append("\(path).object: \"\(text)\", docs say \"list\"")
            }
            switch members["has_more"] {
            case nil, .null?, .bool?: break
            case let other?: found.append("\(path).has_more: \(other.kind), docs say a boolean")
            }
            guard case .array(let items)? = members["data"] else {
                return found + ["\(path).data: \(members["data"]?.kind ?? "missing"), docs say an array"]
            }
            for (index, item) in items.enumerated() {
                found += differences(item, .object(schema), path: "\(path).data[\(index)]", seen: &seen)
            }
            return found
        case (.list(let schema), .array(let items)):
            // A bare array is accepted (doc).
            return items.enumerated().flatMap { index, item in
                differences(item, .object(schema), path: "\(path)[\(index)]", seen: &seen)
            }
        default:
            return expected()
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
