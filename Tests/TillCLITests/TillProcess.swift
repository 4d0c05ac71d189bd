import Foundation
import Testing

/// What a `till` run printed and how it ended.
struct RunResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout parsed as a JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        guard let dictionary = object as? [String: Any] else { throw CocoaError(.propertyListReadCorrupt) }
        return dictionary
    }
}

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

    /// `.build/<triple>/debug/till`: next to the running test executable (or a few folders up from it).
    static let binary: String = {
        var candidates: [URL] = []
        for start in [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])].compactMap({ $0 }) {
            var folder = start.resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("till"))
                folder.deleteLastPathComponent()
            }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }?.path
            ?? candidates.first!.path
    }()

    /// Runs `till args…` to completion on a plain thread (never blocking the concurrency pool,
    /// which the in-process sandbox needs).
    func run(_ arguments: [String], key: String? = nil) async throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        var environment = self.environment
        if let key { environment["WOOSHPAY_SECRET_KEY"] = key }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let errorData = ThreadBox<Data>()
                let reader = Thread { errorData.value = err.fileHandleForReading.readDataToEndOfFile() }
                reader.start()
                let outputData = out.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                while errorData.value == nil { usleep(1000) }
                continuation.resume(returning: RunResult(
                    status: process.terminationStatus,
                    stdout: String(decoding: outputData, as: UTF8.self),
                    stderr: String(decoding: errorData.value!, as: UTF8.self)))
            }
        }
    }
}

final class ThreadBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    var value: Value? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

enum TestKeys {
    static func random(prefix: String = "sk_test_", length: Int = 24) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return prefix + String((0..<length).map { _ in alphabet.randomElement()! })
    }
}
