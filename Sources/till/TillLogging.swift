import Foundation
import Logging
import WooshPay

/// Logging for the TUI: every logger writes to the XDG state log file, never the terminal.
enum TillLogging {
    static func bootstrapFileLog(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = TillPaths(environment: environment).logFile
        LoggingSystem.bootstrap { label in
            if let handler = try? FileLogHandler(label: label, path: path) { return handler }
            return SwiftLogNoOpLogHandler()
        }
    }
}
