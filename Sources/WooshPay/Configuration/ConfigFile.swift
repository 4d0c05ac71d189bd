import Foundation

/// The settings Till keeps in `config.toml`. The file holds a secret key, so it is written 0600 in
/// a 0700 folder and refused, like ssh does, when group or others can read it.
public struct ConfigFile: Sendable, Equatable {
    public var secretKey: SecretKey?
    public var apiBase: String?
    public var successURL: String?
    public var cancelURL: String?
    public var defaultCurrency: String?

    /// The keys the file may hold; any other key is an error naming its line.
    public static let knownKeys = ["secret_key", "api_base", "success_url", "cancel_url", "default_currency"]

    public init(secretKey: SecretKey? = nil, apiBase: String? = nil, successURL: String? = nil,
                cancelURL: String? = nil, defaultCurrency: String? = nil) {
        self.secretKey = secretKey
        self.apiBase = apiBase
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.defaultCurrency = defaultCurrency
    }

    /// Whether no setting is present.
    public var isEmpty: Bool { self == ConfigFile() }

    /// Reads the settings from TOML text; `path` only names the file in errors.
    public init(parsing text: String, path: String) throws(ConfigurationError) {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: text)
        } catch {
            throw .syntax(path: path, line: error.line, message: error.message)
        }
        self.init()
        for key in document.keys {
            let entry = document.entries[key]!
            guard Self.knownKeys.contains(key) else {
                throw .syntax(path: path, line: entry.line, message: "unknown setting '\(SecretKey.redactingSecrets(in: key))' (known: "
                    + Self.knownKeys.joined(separator: ", ") + ")")
            }
            guard case .string(let value) = entry.value else {
                throw .syntax(path: path, line: entry.line, message: "'\(key)' must be a string in quotes")
            }
            switch key {
            case "secret_key":
                do {
                    secretKey = try SecretKey(value)
                } catch {
                    throw .syntax(path: path, line: entry.line, message: "secret_key: \(error.description)")
                }
            case "api_base": apiBase = value
            case "success_url": successURL = value
            case "cancel_url": cancelURL = value
            default: defaultCurrency = value
            }
        }
    }

    /// The settings as TOML text.
    public var text: String {
        var document = TOMLDocument()
        if let secretKey { document["secret_key"] = .string(secretKey.rawValue) }
        if let apiBase { document["api_base"] = .string(apiBase) }
        if let successURL { document["success_url"] = .string(successURL) }
        if let cancelURL { document["cancel_url"] = .string(cancelURL) }
        if let defaultCurrency { document["default_currency"] = .string(defaultCurrency) }
        return document.text(header: "Till configuration. Holds a secret key: keep it chmod 600.")
    }

    /// Reads the file at `path`; nil when there is none. Refuses a file group or others can read.
    public static func read(at path: String, checkPermissions: Bool = true) throws(ConfigurationError) -> ConfigFile? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .io(path: path, message: String(cString: strerror(errno)))
        }
        let mode = Int(info.st_mode) & 0o7777
        if checkPermissions, mode & 0o077 != 0 {
            throw .insecurePermissions(path: path, mode: mode)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, message: "could not be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .io(path: path, message: "is not UTF-8 text")
        }
        return try ConfigFile(parsing: text, path: path)
    }

    /// Writes the file atomically with mode 0600, creating its folder with mode 0700.
    public func write(to path: String) throws(ConfigurationError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io(path: folder, message: "could not create the folder (\(error.localizedDescription))")
        }
        // Write a private temporary file, then rename it over the old one, so the key is never
        // in a file with looser permissions and a crash never leaves half a file.
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw .io(path: temporary, message: String(cString: strerror(errno))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        let written = (try? handle.write(contentsOf: Data(text.utf8))) != nil
        let synced = fchmod(descriptor, 0o600) == 0 && fsync(descriptor) == 0
        close(descriptor)
        guard written, synced else {
            unlink(temporary)
            throw .io(path: path, message: "could not be written")
        }
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw .io(path: path, message: message)
        }
    }
}
