import Foundation

/// Where Till keeps its files, following the XDG base directory rules.
public struct TillPaths: Sendable, Hashable {
    /// `$XDG_CONFIG_HOME/till/config.toml`, else `~/.config/till/config.toml`.
    public var configFile: String
    /// `$XDG_STATE_HOME/till/till.log`, else `~/.local/state/till/till.log`.
    public var logFile: String

    public init(configFile: String, logFile: String) {
        self.configFile = configFile
        self.logFile = logFile
    }

    /// The paths for this environment (HOME, XDG_CONFIG_HOME, XDG_STATE_HOME).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        // XDG says relative values are invalid and must be ignored.
        func base(_ variable: String, default fallback: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return (home as NSString).appendingPathComponent(fallback)
        }
        configFile = (base("XDG_CONFIG_HOME", default: ".config") as NSString)
            .appendingPathComponent("till/config.toml")
        logFile = (base("XDG_STATE_HOME", default: ".local/state") as NSString)
            .appendingPathComponent("till/till.log")
    }
}
