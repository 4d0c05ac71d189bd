import Foundation

/// The language Till speaks to the operator. TillCore only carries the choice; the words are the
/// view's (TillView's phrase tables) and the command line's.
public enum Language: String, CaseIterable, Hashable, Sendable {
    case english = "en"
    case spanish = "es"

    /// The language of a POSIX locale name ("es_ES.UTF-8", "es_ES@euro", "es", "es-MX", "en_GB"),
    /// when Till speaks it; nil for "C", "POSIX", an empty name and languages Till lacks ("ko-KR").
    public init?(locale: String) {
        // language[_territory][.codeset][@modifier], or a BCP 47 tag with "-".
        let name = locale.prefix { $0 != "." && $0 != "@" && $0 != "_" && $0 != "-" }.lowercased()
        guard let language = Language(rawValue: name) else { return nil }
        self = language
    }

    /// `language = "auto"`: the locale the environment names for messages, as POSIX orders it
    /// (`LC_ALL`, else `LC_MESSAGES`, else `LANG`: the first one set and not empty decides, so
    /// `LC_ALL=C` is English whatever `LANG` says). English when it names no language Till speaks.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[variable], !value.isEmpty {
                return Language(locale: value) ?? .english
            }
        }
        return .english
    }
}

/// `language` in config.toml and `--language`: a language, or `auto` (from the environment).
public enum LanguageSetting: Hashable, Sendable {
    case auto
    case fixed(Language)

    /// "auto", "en" or "es" (any case); nil otherwise.
    public init?(parsing text: String) {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if word == "auto" { self = .auto; return }
        guard let language = Language(rawValue: word) else { return nil }
        self = .fixed(language)
    }

    /// The words accepted, for error messages.
    public static let accepted = "auto, en, es"

    /// The language this setting means in `environment`.
    public func resolved(in environment: [String: String]) -> Language {
        switch self {
        case .auto: Language.fromEnvironment(environment)
        case .fixed(let language): language
        }
    }
}
