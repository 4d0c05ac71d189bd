import TillCore

/// Why a line of keys.toml is refused (TillCore's `KeyBindingProblem`), in the till's language:
/// the TUI and the command line (`till keys`, `till doctor`, start-up) say it with this one table.
public enum RemapPhrase: String, PhraseTable {
    case unknownAction
    case unknownTable
    case unknownKey
    case unknownKeySuggestion
    case arrivesAs
    case noKey
    case handledByTerminal
    case typesEveryKey
    case keptForQuitting
    case keptForRepainting
    case typesText
    case clash
}

extension KeyBindingProblem {
    /// Why, in `language`: names (tables, actions, keys) as keys.toml writes them.
    public func text(_ language: Language) -> String {
        switch self {
        case .unknownAction(let action, let table, let actions):
            RemapPhrase.unknownAction.text(language, "action", action, "table", table,
                                           "actions", actions.joined(separator: ", "))
        case .unknownTable(let table, let tables):
            RemapPhrase.unknownTable.text(language, "table", table,
                                          "tables", tables.map { "[\($0)]" }.joined(separator: " "))
        case .keyName(.unknown(let name, let suggestion?)):
            RemapPhrase.unknownKeySuggestion.text(language, "name", name, "suggestion", suggestion)
        case .keyName(.unknown(let name, nil)):
            RemapPhrase.unknownKey.text(language, "name", name)
        case .keyName(.arrivesAs(let name, let other)):
            RemapPhrase.arrivesAs.text(language, "name", name, "other", other)
        case .noKey(let action):
            RemapPhrase.noKey.text(language, "action", action)
        case .notRemappable(let action, let table, let handledByTerminal):
            (handledByTerminal ? RemapPhrase.handledByTerminal : .typesEveryKey).text(language, "action", action, "table", table)
        case .reserved(let key, let quits):
            (quits ? RemapPhrase.keptForQuitting : .keptForRepainting).text(language, "key", key)
        case .typesText(let key, let table, let action):
            RemapPhrase.typesText.text(language, "key", key, "table", table, "action", action)
        case .clash(let key, let first, let second, let table):
            RemapPhrase.clash.text(language, "key", key, "first", first, "second", second, "table", table)
        }
    }
}
