import Foundation
import Testing

/// What a `till` run printed and how it ended (the toolkit's one process runner).
typealias RunResult = ProcessResult

/// Runs the built `till` binary with a private HOME and XDG folders, so no real config is read.
struct TillProcess {
    let home: String
    var environment: [String: String]

    init() throws {
        home = NSTemporaryDirectory() + "till-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        environment = [
            "HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
        ]
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: home) }

    var configPath: String { home + "/config/till/config.toml" }
    var logPath: String { home + "/state/till/till.log" }

    static var binary: String { tillBinary }

    /// Runs `till args…` to completion on a plain thread (never blocking the concurrency pool,
    /// which the in-process sandbox needs). A till killed by a signal throws.
    func run(_ arguments: [String], key: String? = nil) async throws -> RunResult {
        var environment = self.environment
        if let key { environment["WOOSHPAY_SECRET_KEY"] = key }
        return try await onThread { [environment] in
            try runProcess(tillBinary, arguments, environment: environment)
        }
    }
}
