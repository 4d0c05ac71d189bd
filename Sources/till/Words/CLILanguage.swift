import Foundation
import TillConfig
import TillCore
import TillView

/// The language of the command line's human output and messages (never of `--json`, CSV or exit
/// codes, which scripts read). Resolved once, before the arguments are parsed, so a usage error
/// speaks it too; a command that takes `GlobalOptions` resolves it again from the parsed flag.
enum CLILanguage {
    /// Written only at start (and by `CommandRunner` before it starts anything), read afterwards.
    nonisolated(unsafe) static var current: Language = .english

    /// `--language` as typed (when it is a language), else `language` in config.toml, else the
    /// locale (LC_ALL, LC_MESSAGES, LANG). A config file Till refuses leaves it to the locale.
    static func resolve(arguments: [String], environment: [String: String]) -> Language {
        settings(environment).language(flag: flag(in: arguments), environment: environment)
    }

    /// The settings, or the defaults when the config file cannot be read (its error is said later).
    static func settings(_ environment: [String: String]) -> TillSettings {
        (try? TillSettings.load(environment: environment)) ?? TillSettings(paths: TillPaths(environment: environment))
    }

    /// The value of `--language X` or `--language=X` before any `--`.
    static func flag(in arguments: [String]) -> LanguageSetting? {
        var found: LanguageSetting? = nil
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            let argument = arguments[index]
            if argument == "--language", index + 1 < arguments.count {
                found = LanguageSetting(parsing: arguments[index + 1]) ?? found
                index += 1
            } else if argument.hasPrefix("--language=") {
                found = LanguageSetting(parsing: String(argument.dropFirst("--language=".count))) ?? found
            }
            index += 1
        }
        return found
    }
}

extension PhraseTable {
    /// This phrase in the command line's language.
    var said: String { said() }

    /// This phrase in the command line's language, its `{name}`s filled: `.said("id", id)`.
    func said(_ pairs: String...) -> String { text(CLILanguage.current, Self.values(pairs)) }

    /// This phrase in English and in the command line's language, its `{name}`s filled with `Worded`
    /// values (each put in in its own language): `.worded(["id": Worded(id)])`.
    func worded(_ values: [String: Worded] = [:]) -> Worded {
        Worded(english: text(.english, values.mapValues(\.english)),
               said: text(CLILanguage.current, values.mapValues(\.said)))
    }

    /// `["id", id, "name", name]` as `["id": id, "name": name]`.
    static func values(_ pairs: [String]) -> [String: String] {
        Dictionary(stride(from: 0, to: pairs.count - 1, by: 2).map { (pairs[$0], pairs[$0 + 1]) },
                   uniquingKeysWith: { _, last in last })
    }
}
