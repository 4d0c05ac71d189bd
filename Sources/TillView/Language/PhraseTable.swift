import TillCore

/// One area's words (the tabs, the products pane, the status messages, a CLI command…): each case
/// names a phrase, and each language has a table of them (a Swift file per language, so a
/// translator reads one file). Placeholders are written `{name}` and filled by `text(_:_:)`.
///
/// A phrase missing from a language's table is said in English (never a blank or a key name);
/// `PhraseCheck` (run by the tests for every table) fails for any phrase missing in Spanish and
/// for any phrase whose placeholders differ between the languages.
public protocol PhraseTable: CaseIterable, Hashable, Sendable where AllCases == [Self] {
    static var english: [Self: String] { get }
    static var spanish: [Self: String] { get }
}

extension PhraseTable {
    /// The table of `language`.
    public static func table(_ language: Language) -> [Self: String] {
        switch language {
        case .english: english
        case .spanish: spanish
        }
    }

    /// This phrase in `language` (English when the language lacks it), with each `{name}` replaced by
    /// `values[name]`. Values are put in once and never read for placeholders themselves, so a
    /// product called "{amount}" stays as it is. A placeholder without a value is left as written.
    public func text(_ language: Language, _ values: [String: String] = [:]) -> String {
        let template = Self.table(language)[self] ?? Self.english[self] ?? "\(self)"
        return Phrases.fill(template, values)
    }

    /// Shorthand for a phrase with placeholders: `.refunded.text(lang, "amount", a, "id", id)`.
    public func text(_ language: Language, _ pairs: String...) -> String {
        var values: [String: String] = [:]
        var index = 0
        while index + 1 < pairs.count {
            values[pairs[index]] = pairs[index + 1]
            index += 2
        }
        return text(language, values)
    }
}

/// Helpers shared by every table.
public enum Phrases {
    /// `template` with each `{name}` that `values` has replaced, in one pass.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, template.contains("{") else { return template }
        var out = ""
        out.reserveCapacity(template.utf8.count + 16)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"),
               let value = values[String(rest[afterOpen..<close])] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out.append("{")
                rest = rest[afterOpen...]
            }
        }
        out += rest
        return out
    }

    /// The placeholder names in `template` (`{amount}` → "amount").
    public static func placeholders(in template: String) -> Set<String> {
        var names = Set<String>()
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            let name = rest[afterOpen..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.insert(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

/// What the tests check of a table: every phrase in English and in Spanish, the same placeholders
/// in both, nothing empty.
public enum PhraseCheck {
    public static func problems<T: PhraseTable>(_ table: T.Type) -> [String] {
        var problems: [String] = []
        for phrase in T.allCases {
            guard let english = T.english[phrase], !english.isEmpty else {
                problems.append("\(T.self).\(phrase): no English"); continue
            }
            guard let spanish = T.spanish[phrase], !spanish.isEmpty else {
                problems.append("\(T.self).\(phrase): missing in Spanish"); continue
            }
            let a = Phrases.placeholders(in: english), b = Phrases.placeholders(in: spanish)
            if a != b {
                problems.append("\(T.self).\(phrase): placeholders differ (en \(a.sorted()), es \(b.sorted()))")
            }
        }
        return problems
    }
}
