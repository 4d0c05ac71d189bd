import Foundation

/// Where Till keeps its files, following the XDG base directory rules: an XDG variable wins when
/// it is an absolute path (XDG says relative values are invalid and must be ignored); otherwise
/// the usual dot-directory in HOME. The one place that knows these paths.
public struct TillPaths: Sendable, Hashable {
    /// `$XDG_CONFIG_HOME/till`, else `~/.config/till`.
    public var config: URL
    /// `$XDG_STATE_HOME/till`, else `~/.local/state/till`.
    public var state: URL
    /// `$XDG_CACHE_HOME/till`, else `~/.cache/till`.
    public var cache: URL
    /// `$XDG_DATA_HOME/till`, else `~/.local/share/till`.
    public var data: URL

    /// The paths for an environment (defaults to the process environment).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func base(_ variable: String, _ fallback: String) -> URL {
            if let value = environment[variable], value.hasPrefix("/") {
                return URL(fileURLWithPath: value, isDirectory: true)
            }
            return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(fallback, isDirectory: true)
        }
        config = base("XDG_CONFIG_HOME", ".config").appendingPathComponent("till", isDirectory: true)
        state = base("XDG_STATE_HOME", ".local/state").appendingPathComponent("till", isDirectory: true)
        cache = base("XDG_CACHE_HOME", ".cache").appendingPathComponent("till", isDirectory: true)
        data = base("XDG_DATA_HOME", ".local/share").appendingPathComponent("till", isDirectory: true)
    }

    /// The settings file, `config.toml` (holds the secret key: 0600 in a 0700 folder).
    public var configFile: URL { config.appendingPathComponent("config.toml") }
    /// The operator's key remaps, `keys.toml` (see docs/keys.md).
    public var keysFile: URL { config.appendingPathComponent("keys.toml") }
    /// The log file: nothing is printed while curses owns the screen.
    public var logFile: URL { state.appendingPathComponent("till.log") }
    /// The catalog cache database.
    public var catalogCache: URL { cache.appendingPathComponent("catalog.sqlite") }
    /// The embedded sandbox's database.
    public var sandboxDatabase: URL { data.appendingPathComponent("sandbox.sqlite") }
    /// The embedded sandbox's lease: the process holding an exclusive `flock` on it serves the
    /// data folder's one sandbox for every till (see `SharedSandbox`).
    public var sandboxLease: URL { data.appendingPathComponent("sandbox.lock") }
    /// Where the embedded sandbox listens (its port, and the pid serving it), so every till of the
    /// data folder uses that one address.
    public var sandboxAddress: URL { data.appendingPathComponent("sandbox-address.json") }
    /// The shop store every till of this host shares (drafts, parked tickets, refunds, shifts, tills).
    public var shopStore: URL { data.appendingPathComponent("shop.sqlite") }
    /// The embedded sandbox's local account key.
    public var sandboxKey: URL { config.appendingPathComponent("sandbox-key") }
    /// The JSON files of earlier versions below are read once, into the shop store (`ShopImport`).
    /// One account's unsent checkout draft, kept across a crash or quit (see `AccountFingerprint`).
    public func drafts(account: String) -> URL {
        state.appendingPathComponent("drafts", isDirectory: true).appendingPathComponent("\(account).json")
    }

    /// One account's parked tickets (open carts and unpaid sessions set aside).
    public func parked(account: String) -> URL {
        state.appendingPathComponent("parked", isDirectory: true).appendingPathComponent("\(account).json")
    }
    /// The checkout URLs typed for one real account, kept as its defaults.
    public func checkoutURLs(account: String) -> URL {
        state.appendingPathComponent("checkout-urls", isDirectory: true).appendingPathComponent("\(account).json")
    }
    /// One account's refund journal: every refund Till asked for, with its idempotency key.
    public func refundJournal(account: String) -> URL {
        state.appendingPathComponent("refunds", isDirectory: true).appendingPathComponent("\(account).json")
    }
    /// One account's closed shifts (Z reports); the next shift starts where the last ended.
    public func shifts(account: String) -> URL {
        state.appendingPathComponent("shifts", isDirectory: true).appendingPathComponent("\(account).json")
    }
    /// The folder one account's saved receipts go in.
    public func receipts(account: String) -> URL {
        state.appendingPathComponent("receipts", isDirectory: true).appendingPathComponent(account, isDirectory: true)
    }
    /// One session's saved receipt. The id comes from the API, so anything but letters, digits,
    /// `-` and `_` becomes `_`: it can never name another folder.
    public func receipt(account: String, session: String) -> URL {
        let name = String(session.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_") ? Character(scalar) : "_"
        })
        return receipts(account: account).appendingPathComponent((name.isEmpty ? "_" : name) + ".txt")
    }

    /// Create a directory (and parents) private to the user.
    public static func ensureDirectory(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }
}
