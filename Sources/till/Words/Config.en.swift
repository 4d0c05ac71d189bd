// Why Till refuses config.toml or keys.toml, in English. Spanish is in Config.es.swift.

extension ConfigPhrase {
    static let english: [ConfigPhrase: String] = [
        .nulCharacter: "a NUL character is not allowed",
        .notTOML: "not TOML",
        .unknownSetting: "unknown setting '{key}' (known: {known})",
        .width: "{key} must be {widths} (columns)", .or: " or ",
        .notString: "'{key}' must be a string in quotes",
        .secretKey: "secret_key: {reason}",
        .printer: "printer must be \"tcp://HOST:9100\", a device file such as \"/dev/usb/lp0\", or \"file:PATH\" (not \"{value}\")",
        .printerCodePage: "printer_codepage must be one of {accepted}",
        .printerQR: "printer_qr must be \"native\" or \"raster\"",
        .lockAfter: "lock_after must be a time such as \"5m\", \"90s\" or \"1h\", or \"off\"",
        .language: "language must be one of {accepted}",
        .permissionsNotATable: "permissions must be a table ([permissions] with {actions})",
        .unknownPermission: "permissions: unknown action '{key}' (known: {actions})",
        .permissionSetting: "permissions.{key} must be one of {accepted}, in quotes",
        .keysUnreadable: "could not be read",
        .keysNotUTF8: "is not UTF-8 text",
        .keysNotATable: "{scope} is not a table: keys go under a table such as [cart]",
        .keysNotKeys: "{action} in [{scope}] takes a key in quotes or a list of them: {action} = \"Ctrl-K\" or "
            + "{action} = [\"Ctrl-K\", \"F2\"]",
    ]
}
