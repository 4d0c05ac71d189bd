import Foundation
import Logging
import TillConfig
import WooshPay

/// Where Till's logs go: the XDG state log file, never a terminal that curses owns.
public enum TillLogging {
    /// Every logger of the process writes to the log file (the TUI).
    public static func bootstrapFileLog(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = TillPaths(environment: environment).logFile.path
        LoggingSystem.bootstrap { label in
            if let handler = try? FileLogHandler(label: label, path: path) { return handler }
            return SwiftLogNoOpLogHandler()
        }
    }

    /// The command line's request logger: the log file, and stderr too with `--verbose`.
    public static func requestLogger(_ paths: TillPaths, verbose: Bool) -> Logger {
        var handlers: [LogHandler] = []
        if let file = try? FileLogHandler(label: "till", path: paths.logFile.path) { handlers.append(file) }
        if verbose { handlers.append(StandardErrorLogHandler(label: "till")) }
        guard !handlers.isEmpty else { return WooshPayConfiguration.silentLogger }
        return Logger(label: "till.wooshpay") { _ in MultiplexLogHandler(handlers) }
    }
}
