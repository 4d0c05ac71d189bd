import Foundation

/// A request body as one JSON object, whichever encoding the client chose: JSON (Till's adapter)
/// or `application/x-www-form-urlencoded` with Stripe's bracket notation (WooshPay's and Stripe's
/// client libraries). Both give the same tree, so every handler validates once and names a bad
/// parameter the same way (`line_items[0][price]`), and equal requests get one idempotency digest.
enum RequestBody {
    enum Encoding: Equatable { case json, form }

    /// The encoding `Content-Type` names; nil for a type the sandbox does not take (415). No
    /// header: JSON when the body starts like JSON, else form (curl's `-d` sends form).
    static func encoding(contentType: String?, body: Data) -> Encoding? {
        guard let contentType, !contentType.trimmingCharacters(in: .whitespaces).isEmpty else {
            let first = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
            return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .form
        }
        let media = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        switch media {
        case "application/json": return .json
        case "application/x-www-form-urlencoded": return .form
        default: return nil
        }
    }

    /// 415 in WooshPay's error shape.
    static func unsupported(_ contentType: String) -> APIError {
        let shown = String(contentType.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(100).map(Character.init))
        return APIError(status: 415, type: "invalid_request_error", code: "unsupported_content_type",
                        message: "Content-Type \(shown) is not supported: send application/x-www-form-urlencoded "
                            + "(as Stripe-style client libraries do) or application/json.",
                        param: nil)
    }

    /// Parses a body (already bounded to 1 MiB) into an object, or throws the 400 that says why.
    static func parse(_ raw: Data, encoding: Encoding) throws -> JSON {
        if raw.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return .object([]) }
        let parsed: JSON
        switch encoding {
        case .json:
            if let violation = JSONLimits.violation(in: raw) { throw violation }
            guard let json = JSON.parse(raw), case .object = json else { throw APIError.malformedJSON }
            parsed = json
        case .form:
            parsed = try FormBody.parse(raw)
        }
        if let param = parsed.firstNULParameter() {
            throw APIError.invalid(param, "Invalid \(param): must not contain a NUL character (U+0000).")
        }
        return parsed
    }
}

/// `application/x-www-form-urlencoded` with bracket notation, as Stripe's clients encode:
/// `metadata[k]=v`, `line_items[0][price_data][product_data][name]=Tea`, `expand[]=x`. Every
/// value is a string; the handlers take `"true"` and `"320"` where they want a boolean or an
/// integer. An object whose keys are all indices (`0`, `1`, …) is an array, except under
/// `metadata`, whose keys are the caller's own.
enum FormBody {
    /// A node while the tree is built: members keep their first appearance's order.
    private indirect enum Node {
        case value(String)
        case list([Node])
        case map(keys: [String], members: [String: Node])
    }

    static func parse(_ raw: Data) throws -> JSON {
        let text = String(decoding: raw, as: UTF8.self)
        var root = Node.map(keys: [], members: [:])
        var count = 0
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            count += 1
            if count > JSONLimits.maxValues {
                throw APIError.invalid(nil, "The request body holds more than \(JSONLimits.maxValues) values.",
                                       code: "request_too_many_values")
            }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count == 2 ? parts[1] : "") else {
                throw APIError.invalid(nil, "The request body is not valid application/x-www-form-urlencoded (a bad %-escape).")
            }
            if name.isEmpty { continue }
            let path = try keys(of: name)
            try insert(&root, path: path[...], value: value, name: name)
        }
        return json(root, underMetadata: false)
    }

    /// `+` is a space, then %-escapes; nil when an escape is not valid UTF-8 hex.
    private static func decode(_ part: Substring) -> String? {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.contains("%") ? spaced.removingPercentEncoding : spaced
    }

    /// `a[b][0][]` → ["a", "b", "0", ""] (the empty key appends).
    private static func keys(of name: String) throws -> [String] {
        guard let open = name.firstIndex(of: "[") else { return [name] }
        var keys = [String(name[..<open])]
        var rest = name[open...]
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else {
                throw APIError.invalid(name, "Invalid parameter name \(name): brackets do not match.")
            }
            keys.append(String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        guard !keys[0].isEmpty else { throw APIError.invalid(name, "Invalid parameter name \(name).") }
        if keys.count > JSONLimits.maxDepth {
            throw APIError.invalid(nil, "The request body nests objects and arrays deeper than \(JSONLimits.maxDepth) levels.",
                                   code: "request_too_deep")
        }
        if keys.dropLast().contains("") {
            throw APIError.invalid(name, "Invalid parameter name \(name): [] may only end a name; give indices ([0], [1]) inside.")
        }
        return keys
    }

    private static func insert(_ node: inout Node, path: ArraySlice<String>, value: String, name: String) throws {
        let conflict = APIError.invalid(name, "Invalid \(name): the parameter is given both as a value and with [keys].")
        guard let key = path.first else {
            // The leaf: a repeated scalar keeps its last value; a value where keys were given conflicts.
            if case .value = node { node = .value(value); return }
            if case .map(let keys, _) = node, keys.isEmpty { node = .value(value); return }
            throw conflict
        }
        if key.isEmpty {
            // `expand[]=a&expand[]=b`: append.
            switch node {
            case .list(var items):
                items.append(.value(value))
                node = .list(items)
            case .map(let keys, _) where keys.isEmpty:
                node = .list([.value(value)])
            default:
                throw conflict
            }
            return
        }
        var keys: [String]
        var members: [String: Node]
        switch node {
        case .map(let k, let m): (keys, members) = (k, m)
        case .list(let items) where items.isEmpty: (keys, members) = ([], [:])
        default: throw conflict
        }
        var child = members[key] ?? .map(keys: [], members: [:])
        if members[key] == nil { keys.append(key) }
        try insert(&child, path: path.dropFirst(), value: value, name: name)
        members[key] = child
        node = .map(keys: keys, members: members)
    }

    private static func json(_ node: Node, underMetadata: Bool) -> JSON {
        switch node {
        case .value(let text): return .string(text)
        case .list(let items): return .array(items.map { json($0, underMetadata: false) })
        case .map(let keys, let members):
            let indices = keys.compactMap { key -> Int? in
                guard !key.isEmpty, key.count < 7, key.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
                return Int(key)
            }
            if !underMetadata, !keys.isEmpty, indices.count == keys.count {
                // line_items[0], line_items[1], …: in index order.
                let ordered = zip(indices, keys).sorted { $0.0 < $1.0 }
                return .array(ordered.map { json(members[$0.1]!, underMetadata: false) })
            }
            // Sorted as the JSON decoder sorts members, so equal requests serialize equally.
            return .object(keys.sorted().map { key in
                JSON.Member(key: key, value: json(members[key]!, underMetadata: key == "metadata"))
            })
        }
    }
}

extension JSON {
    /// The body as the idempotency digest sees it: scalars as their text (`320`, `"320"`, `true`
    /// and `"true"` alike, as the handlers take them), members sorted. A form body and a JSON body
    /// that ask for the same thing therefore get the same digest.
    var canonical: JSON {
        switch self {
        case .null, .string: return self
        case .bool(let flag): return .string(flag ? "true" : "false")
        case .int(let number): return .string(String(number))
        case .double(let number):
            if number.rounded() == number, abs(number) < 1e15 { return .string(String(Int64(number))) }
            return .string(String(number))
        case .array(let items): return .array(items.map(\.canonical))
        case .object(let members):
            return .object(members.sorted { $0.key < $1.key }.map { JSON.Member(key: $0.key, value: $0.value.canonical) })
        }
    }
}
