// Por qué Till rechaza config.toml o keys.toml, en español. Los huecos, los mismos que en inglés.

extension ConfigPhrase {
    static let spanish: [ConfigPhrase: String] = [
        .nulCharacter: "no se admite un carácter NUL",
        .notTOML: "no es TOML",
        .unknownSetting: "ajuste desconocido '{key}' (se conocen: {known})",
        .width: "{key} debe ser {widths} (columnas)", .or: " o ",
        .notString: "'{key}' debe ser un texto entre comillas",
        .secretKey: "secret_key: {reason}",
        .printer: "printer debe ser \"tcp://HOST:9100\", un archivo de dispositivo como \"/dev/usb/lp0\", "
            + "o \"file:RUTA\" (no \"{value}\")",
        .printerCodePage: "printer_codepage debe ser uno de {accepted}",
        .printerQR: "printer_qr debe ser \"native\" o \"raster\"",
        .lockAfter: "lock_after debe ser un tiempo como \"5m\", \"90s\" o \"1h\", u \"off\"",
        .language: "language debe ser uno de {accepted}",
        .permissionsNotATable: "permissions debe ser una tabla ([permissions] con {actions})",
        .unknownPermission: "permissions: acción desconocida '{key}' (se conocen: {actions})",
        .permissionSetting: "permissions.{key} debe ser uno de {accepted}, entre comillas",
        .keysUnreadable: "no se pudo leer",
        .keysNotUTF8: "no es texto UTF-8",
        .keysNotATable: "{scope} no es una tabla: las teclas van bajo una tabla como [cart]",
        .keysNotKeys: "{action} en [{scope}] espera una tecla entre comillas o una lista de ellas: {action} = \"Ctrl-K\" "
            + "o {action} = [\"Ctrl-K\", \"F2\"]",
    ]
}
