import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Test keys are built at run time so no key-shaped literal is committed.
public enum TestKeys {
    public static func random(prefix: String = "sk_test_", length: Int = 24) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return prefix + String((0..<length).map { _ in alphabet.randomElement()! })
    }
}

/// A test key built at run time.
public func randomTestKey() -> String { TestKeys.random(length: 32) }

/// A fresh temporary folder, removed by `cleanUp()`.
public struct TemporaryFolder: Sendable {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "till-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func cleanUp() { try? FileManager.default.removeItem(atPath: path) }

    /// An environment whose HOME and XDG folders point inside this folder.
    public var environment: [String: String] {
        ["HOME": path + "/home", "XDG_CONFIG_HOME": path + "/config", "XDG_STATE_HOME": path + "/state"]
    }
}

/// A fresh temporary folder per test (the caller removes it).
public func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("till-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A file's permission bits.
public func permissions(_ url: URL) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// A throwaway HOME with its own XDG folders, so `till` starts its own embedded sandbox.
public struct TemporaryHome: Sendable {
    public let path: String

    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("till-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public var environment: [String: String] {
        ["HOME": path, "XDG_CONFIG_HOME": path + "/config", "XDG_STATE_HOME": path + "/state",
         "XDG_CACHE_HOME": path + "/cache", "XDG_DATA_HOME": path + "/data", "LANG": "C.UTF-8"]
    }

    /// The shell command tmux runs: till with no key, then the tty settings and its exit status
    /// (last, so a test that sees the status also sees the settings; on a line of its own, as a
    /// killed till leaves the tty raw, where a plain echo can start mid-line and wrap).
    public var command: String { command(arguments: "") }

    /// The same, with extra arguments for till (already quoted for the shell).
    public func command(arguments: String) -> String {
        "env -u WOOSHPAY_SECRET_KEY -u WOOSHPAY_API_BASE -u NO_COLOR -u ESCDELAY '\(tillBinary)' \(arguments); "
            + "status=$?; stty -a; printf '\\r\\nTILL_EXIT=%s\\r\\n' $status; sleep 600"
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The pid of the process the pane's shell is running (till).
public func tillPID(_ tmux: Tmux) throws -> pid_t {
    let shell = try tmux.value("#{pane_pid}")
    let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
    guard let pid = children.split(separator: " ").first.flatMap({ pid_t($0) }) else {
        throw TmuxError(message: "no till process under the pane's shell \(shell)")
    }
    return pid
}
