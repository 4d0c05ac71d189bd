import Foundation
import TillCore
import TOMLKit

/// `keys.toml` as written: for each table, each action's key names and the line they are on.
/// Only the shape is checked here (tables of strings or lists of strings); whether the tables,
/// actions and keys exist is the binding table's to say (TillView's `BindingTable.remapped(by:)`).
public struct KeysFile: Sendable, Equatable {
    /// Each `action = "key"` or `action = ["k1", "k2"]` in table `[scope]`, in the order of their
    /// lines (the line is that of the action's name).
    public var entries: [KeyRemap]

    /// Reads TOML text (TOMLKit); `path` only names the file in errors.
    public init(parsing text: String, path: String) throws(KeysFileError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw KeysFileError(path: path, line: max(1, error.source.begin.line), problem: .syntax(error.description))
        } catch {
            throw KeysFileError(path: path, line: 1, problem: .notTOML)
        }
        // TOMLKit keeps no positions for values, so each name's line is found in the text.
        let source = KeysSource(text)
        var entries: [KeyRemap] = []
        for scope in table.keys {
            guard let actions = table[scope]?.table else {
                throw KeysFileError(path: path, line: source.line(of: [scope]), problem: .notATable(scope))
            }
            for action in actions.keys {
                let line = source.line(of: [scope, action])
                let value = actions[action]
                let keys: [String]?
                if let single = value?.string {
                    keys = [single]
                } else if let list = value?.array {
                    let strings = list.compactMap { $0.string }
                    keys = strings.count == list.count ? strings : nil
                } else {
                    keys = nil
                }
                guard let keys else {
                    throw KeysFileError(path: path, line: line, problem: .notKeys(action: action, scope: scope))
                }
                entries.append(KeyRemap(scope: scope, action: action, keys: keys, line: line))
            }
        }
        self.entries = entries.sorted { $0.line < $1.line }
    }

    /// Reads the file at `path`; nil when there is none.
    public static func read(at path: String) throws(KeysFileError) -> KeysFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeysFileError(path: path, line: 1, problem: .unreadable)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KeysFileError(path: path, line: 1, problem: .notUTF8)
        }
        return try KeysFile(parsing: text, path: path)
    }
}

/// A keys file Till refuses, with the line at fault.
public struct KeysFileError: Error, Hashable, Sendable {
    public let path: String
    public let line: Int
    public let problem: KeysProblem

    /// A binding the table refuses (TillView's `BindingTable.remapped(by:)` says why).
    public static func binding(_ problem: KeyBindingProblem, path: String, line: Int) -> KeysFileError {
        KeysFileError(path: path, line: line, problem: .binding(problem))
    }
}

/// Why Till refuses keys.toml, as a value: the command line words it in its language.
public enum KeysProblem: Hashable, Sendable {
    /// TOMLKit's own words about a syntax error.
    case syntax(String)
    case notTOML
    case unreadable
    case notUTF8
    /// A top-level name that is not a table (`[cart]`).
    case notATable(String)
    /// An action whose value is not a key in quotes or a list of them.
    case notKeys(action: String, scope: String)
    /// A binding the table refuses: an unknown table, action or key name, a clash.
    case binding(KeyBindingProblem)
}

/// Finds the line that names a key path (`[cart]` then `check-out = …`, or `cart.check-out = …`,
/// or a `[cart.check-out]` header), since TOMLKit gives positions only for syntax errors.
struct KeysSource {
    /// Per line: the key path it defines (table header plus key), or nil.
    private let definitions: [[String]?]

    init(_ text: String) {
        var table: [String] = []
        var definitions: [[String]?] = []
        // "\r\n" is a single Character in Swift, so CRLF needs its own separator.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }
                table = Self.dottedKey(Self.upTo(inner, "]"))
                definitions.append(table)
            } else if line.hasPrefix("#") || !line.contains("=") {
                definitions.append(nil)
            } else {
                let key = Self.dottedKey(Self.upTo(line, "="))
                definitions.append(key.isEmpty ? nil : table + key)
            }
        }
        self.definitions = definitions
    }

    /// The first line (1-based) that defines `path`, else its table's (an inline table), else 1.
    func line(of path: [String]) -> Int {
        var path = path
        while !path.isEmpty {
            if let index = definitions.firstIndex(where: { $0 == path }) { return index + 1 }
            path.removeLast()
        }
        return 1
    }

    /// The text before the first `stop` outside quotes.
    private static func upTo(_ text: Substring, _ stop: Character) -> Substring {
        var quote: Character? = nil
        for index in text.indices {
            let c = text[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == stop {
                return text[..<index]
            }
        }
        return text
    }

    /// `a."b.c" . d` → ["a", "b.c", "d"].
    private static func dottedKey(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character? = nil
        for c in text {
            if let open = quote {
                if c == open { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts.allSatisfy(\.isEmpty) ? [] : parts
    }
}
