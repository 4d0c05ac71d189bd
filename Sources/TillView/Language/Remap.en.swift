import TillCore

extension RemapPhrase {
    public static let english: [RemapPhrase: String] = [
        .unknownAction: "unknown action \"{action}\" in [{table}]; actions there: {actions}",
        .unknownTable: "unknown table [{table}]; tables: {tables}",
        .unknownKey: "unknown key \"{name}\"; write keys as docs/keys.md does: Enter, Esc, Tab, Ctrl-P, ↑ or Up, PgDn, "
            + "Home, F5, Space, or one character",
        .unknownKeySuggestion: "unknown key \"{name}\" (did you mean \"{suggestion}\"?)",
        .arrivesAs: "{name} reaches Till as {other}, so it cannot be bound on its own",
        .noKey: "{action} needs at least one key",
        .handledByTerminal: "{action} in [{table}] cannot be remapped: the terminal handles it",
        .typesEveryKey: "{action} in [{table}] cannot be remapped: every printable key types text",
        .keptForQuitting: "{key} is kept for quitting (always)",
        .keptForRepainting: "{key} is kept for repainting the screen",
        .typesText: "{key} types text in [{table}]; give {action} a key that is not text (Ctrl-…, F1…, Enter, Esc, arrows)",
        .clash: "{key} would be both {first} and {second} in [{table}]",
    ]
}
