import Foundation

/// A strict reader and writer for the small part of TOML Till's config file uses:
/// comments, `[section]` headers, bare keys, basic and literal strings, integers and booleans.
/// Anything else is an error naming the line, so a typo never silently changes a setting.
public struct TOMLDocument: Sendable, Equatable {
    /// A value Till understands.
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case boolean(Bool)
    }

    /// A key with the line it was read from (0 for values set in code).
    public struct Entry: Sendable, Equatable {
        public var value: Value
        public var line: Int
    }

    /// Values by dotted key (`section.key`, or `key` before any section), in file order.
    public private(set) var keys: [String] = []
    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// The value for a dotted key.
    public subscript(key: String) -> Value? {
        get { entries[key]?.value }
        set {
            if let newValue {
                if entries[key] == nil { keys.append(key) }
                entries[key] = Entry(value: newValue, line: entries[key]?.line ?? 0)
            } else {
                entries[key] = nil
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The error a parse failure carries: a line number (1-based) and what is wrong there.
    public struct ParseError: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    /// Parses the subset; throws on the first line it cannot read.
    public init(parsing text: String) throws(ParseError) {
        var section: String? = nil
        var lineNumber = 0
        // A byte-order mark some editors write is not part of the first key.
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        // "\r\n" is a single Character in Swift, so CRLF needs its own separator.
        for rawLine in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            var scanner = Scanner(line, lineNumber)
            scanner.skipSpaces()
            if scanner.atEndOrComment { continue }
            if scanner.peek == "[" {
                scanner.advance()
                scanner.skipSpaces()
                if scanner.peek == "[" {
                    throw ParseError(line: lineNumber, message: "arrays of tables ([[…]]) are not supported")
                }
                let name = try scanner.bareKey()
                scanner.skipSpaces()
                guard scanner.peek == "]" else {
                    throw ParseError(line: lineNumber, message: "expected ']' to close the section header")
                }
                scanner.advance()
                try scanner.expectLineEnd()
                if keys.contains(where: { $0.hasPrefix(name + ".") }) || keys.contains(name) {
                    throw ParseError(line: lineNumber, message: "section [\(name)] is defined twice")
                }
                section = name
                continue
            }
            let key = try scanner.bareKey()
            scanner.skipSpaces()
            guard scanner.peek == "=" else {
                throw ParseError(line: lineNumber, message: "expected '=' after the key '\(key)'")
            }
            scanner.advance()
            scanner.skipSpaces()
            let value = try scanner.value()
            try scanner.expectLineEnd()
            let fullKey = section.map { "\($0).\(key)" } ?? key
            if let earlier = entries[fullKey] {
                throw ParseError(line: lineNumber,
                                 message: "the key '\(fullKey)' is already set on line \(earlier.line)")
            }
            keys.append(fullKey)
            entries[fullKey] = Entry(value: value, line: lineNumber)
        }
    }

    /// The document as TOML text: root keys first, then one block per section.
    public func text(header: String? = nil) -> String {
        var out = ""
        if let header {
            for line in header.split(separator: "\n", omittingEmptySubsequences: false) {
                out += line.isEmpty ? "#\n" : "# \(line)\n"
            }
            out += "\n"
        }
        let root = keys.filter { !$0.contains(".") }
        for key in root { out += "\(key) = \(Self.render(entries[key]!.value))\n" }
        var sections: [String] = []
        for key in keys where key.contains(".") {
            let name = String(key[..<key.firstIndex(of: ".")!])
            if !sections.contains(name) { sections.append(name) }
        }
        for name in sections {
            out += "\n[\(name)]\n"
            for key in keys where key.hasPrefix(name + ".") {
                out += "\(key.dropFirst(name.count + 1)) = \(Self.render(entries[key]!.value))\n"
            }
        }
        return out
    }

    static func render(_ value: Value) -> String {
        switch value {
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .string(let text):
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F {
                        out += String(format: "\\u%04X", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
    }
}

/// Walks one line by Unicode scalars.
private struct Scanner {
    let scalars: [Unicode.Scalar]
    let line: Int
    var index = 0

    init(_ text: Substring, _ line: Int) {
        scalars = Array(text.unicodeScalars)
        self.line = line
    }

    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    mutating func advance() { index += 1 }
    var atEndOrComment: Bool { peek == nil || peek == "#" }

    mutating func skipSpaces() {
        while let c = peek, c == " " || c == "\t" { advance() }
    }

    func fail(_ message: String) -> TOMLDocument.ParseError {
        TOMLDocument.ParseError(line: line, message: message)
    }

    mutating func expectLineEnd() throws(TOMLDocument.ParseError) {
        skipSpaces()
        guard atEndOrComment else { throw fail("unexpected text after the value") }
    }

    static func isBareKeyScalar(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    mutating func bareKey() throws(TOMLDocument.ParseError) -> String {
        var key = ""
        while let c = peek, Scanner.isBareKeyScalar(c) {
            key.unicodeScalars.append(c)
            advance()
        }
        if key.isEmpty {
            if peek == "\"" || peek == "'" { throw fail("quoted keys are not supported; use a bare key") }
            throw fail("expected a key (letters, digits, _ or -)")
        }
        if peek == "." { throw fail("dotted keys are not supported; use a [section]") }
        return key
    }

    mutating func value() throws(TOMLDocument.ParseError) -> TOMLDocument.Value {
        guard let c = peek else { throw fail("expected a value after '='") }
        switch c {
        case "\"":
            if index + 2 < scalars.count, scalars[index + 1] == "\"", scalars[index + 2] == "\"" {
                throw fail("multi-line strings are not supported")
            }
            return .string(try basicString())
        case "'":
            advance()
            var text = ""
            while let s = peek, s != "'" {
                text.unicodeScalars.append(s)
                advance()
            }
            guard peek == "'" else { throw fail("unterminated string: expected a closing '") }
            advance()
            return .string(text)
        case "t", "f":
            var word = ""
            while let s = peek, Scanner.isBareKeyScalar(s) {
                word.unicodeScalars.append(s)
                advance()
            }
            if word == "true" { return .boolean(true) }
            if word == "false" { return .boolean(false) }
            throw fail("expected a string in quotes, a number, true or false, not '\(word)'")
        case "+", "-", "0"..."9":
            var digits = ""
            if c == "+" || c == "-" {
                digits.unicodeScalars.append(c)
                advance()
            }
            var previousUnderscore = true
            while let s = peek, ("0"..."9").contains(s) || s == "_" {
                if s == "_" {
                    if previousUnderscore { throw fail("misplaced '_' in a number") }
                    previousUnderscore = true
                } else {
                    digits.unicodeScalars.append(s)
                    previousUnderscore = false
                }
                advance()
            }
            if previousUnderscore { throw fail("expected digits in the number") }
            if let s = peek, s == "." || s == "e" || s == "E" || Scanner.isBareKeyScalar(s) {
                throw fail("only whole decimal numbers are supported")
            }
            let unsigned = digits.hasPrefix("-") || digits.hasPrefix("+") ? digits.dropFirst() : Substring(digits)
            if unsigned.count > 1, unsigned.hasPrefix("0") { throw fail("leading zeros are not allowed") }
            guard let number = Int64(digits) else { throw fail("the number is too large") }
            return .integer(number)
        default:
            throw fail("expected a string in quotes, a number, true or false")
        }
    }

    mutating func basicString() throws(TOMLDocument.ParseError) -> String {
        advance()  // opening quote
        var text = ""
        while true {
            guard let c = peek else { throw fail("unterminated string: expected a closing \"") }
            advance()
            if c == "\"" { return text }
            if c.value < 0x20 && c != "\t" || c.value == 0x7F {
                throw fail("control characters must be escaped in strings")
            }
            guard c == "\\" else {
                text.unicodeScalars.append(c)
                continue
            }
            guard let e = peek else { throw fail("unterminated escape at the end of the line") }
            advance()
            switch e {
            case "\"": text += "\""
            case "\\": text += "\\"
            case "n": text += "\n"
            case "t": text += "\t"
            case "r": text += "\r"
            case "b": text += "\u{08}"
            case "f": text += "\u{0C}"
            case "u", "U":
                let count = e == "u" ? 4 : 8
                var hex = ""
                for _ in 0..<count {
                    guard let h = peek, h.properties.isASCIIHexDigit else {
                        throw fail("\\\(e) needs \(count) hex digits")
                    }
                    hex.unicodeScalars.append(h)
                    advance()
                }
                guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                    throw fail("\\\(e)\(hex) is not a Unicode scalar value")
                }
                text.unicodeScalars.append(scalar)
            default:
                throw fail("unknown escape \\\(e)")
            }
        }
    }
}
