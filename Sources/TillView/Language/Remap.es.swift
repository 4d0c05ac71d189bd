import TillCore

// Los nombres de tablas, acciones y teclas quedan como los escribe keys.toml.
extension RemapPhrase {
    public static let spanish: [RemapPhrase: String] = [
        .unknownAction: "acción desconocida \"{action}\" en [{table}]; acciones allí: {actions}",
        .unknownTable: "tabla desconocida [{table}]; tablas: {tables}",
        .unknownKey: "tecla desconocida \"{name}\"; escribe las teclas como docs/keys.md: Enter, Esc, Tab, Ctrl-P, ↑ o Up, "
            + "PgDn, Home, F5, Space, o un solo carácter",
        .unknownKeySuggestion: "tecla desconocida \"{name}\" (¿quisiste decir \"{suggestion}\"?)",
        .arrivesAs: "{name} llega a Till como {other}, así que no se puede asignar por sí sola",
        .noKey: "{action} necesita al menos una tecla",
        .handledByTerminal: "{action} en [{table}] no se puede reasignar: la gestiona el terminal",
        .typesEveryKey: "{action} en [{table}] no se puede reasignar: toda tecla imprimible escribe texto",
        .keptForQuitting: "{key} se reserva para salir (siempre)",
        .keptForRepainting: "{key} se reserva para redibujar la pantalla",
        .typesText: "{key} escribe texto en [{table}]; da a {action} una tecla que no sea texto (Ctrl-…, F1…, Enter, Esc, "
            + "flechas)",
        .clash: "{key} sería a la vez {first} y {second} en [{table}]",
    ]
}
