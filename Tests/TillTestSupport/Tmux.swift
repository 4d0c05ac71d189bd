import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server (its own socket name) driving one session, for end-to-end tests.
/// Always `kill()` it: the server outlives the test otherwise.
public final class Tmux: Sendable {
    public let socket = "till-test-\(UUID().uuidString)"
    public let session = "till"

    /// Keys sent as keys (not literal text), counted as tmux was asked to send them.
    private let keys = Mutex(0)

    public init() {}

    /// How many keys (tmux key names, not literal text) were sent to the session so far.
    public var keysSent: Int { keys.withLock { $0 } }

    /// Whether tmux is installed (the end-to-end tests skip without it).
    public static var isInstalled: Bool { executable != nil }

    public static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Run a tmux command on this server; returns stdout. posix_spawn + waitpid with output in
    /// temporary files: the first command forks the server, which must not inherit a pipe we wait
    /// on, and Foundation's Process may never notice a child that exits on another thread.
    @discardableResult
    public func run(_ arguments: [String], detached: Bool = false) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, detached ? "/dev/null" : outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, detached ? "/dev/null" : errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([Tmux.executable!, "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var attributes = SpawnAttributes()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, Tmux.executable!, &actions, &attributes.value, argv, environ)
        guard spawned == 0 else { throw TmuxError(message: "cannot run tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        // Exited normally with status 0: the low 7 bits (signal) and the exit code are both zero.
        guard status == 0 else {
            let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed (wait status \(status)): \(errors)")
        }
        return output
    }

    /// Start the session running a shell command at a size.
    public func start(command: String, width: Int, height: Int, environment: [String: String]) throws {
        var arguments = ["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append(command)
        try run(arguments, detached: true)
        try run(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    /// Type keys (tmux key names, or literal text with `literal`).
    public func send(_ keys: String..., literal: Bool = false) throws {
        try run(["send-keys", "-t", session] + (literal ? ["-l"] : []) + keys)
        if !literal { self.keys.withLock { $0 += keys.count } }
    }

    /// Types `parts` as separate writes to the terminal, `gap` apart, in one tmux command: tmux
    /// waits for each `run-shell` before the next part, so the gaps do not depend on how fast a
    /// client process starts (a scanner's burst split across reads, deterministically).
    public func sendInBursts(_ parts: [String], gap: String = "0.01") throws {
        var arguments: [String] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { arguments += [";", "run-shell", "sleep \(gap)", ";"] }
            arguments += ["send-keys", "-t", session, "-l", part]
        }
        try run(arguments)
    }

    /// The visible screen as text.
    public func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", session])
    }

    /// A tmux format value for the pane, e.g. "#{alternate_on}".
    public func value(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Wait until the screen satisfies `condition`; returns that screen or throws with the last one.
    @discardableResult
    public func waitFor(_ what: String, timeout: TimeInterval = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxError(message: "timed out waiting for \(what); screen was:\n\(last)")
    }

    /// Wait until the screen shows `text`.
    @discardableResult
    public func waitFor(text: String, timeout: TimeInterval = 15) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Stop the server (and everything in it).
    public func kill() {
        _ = try? run(["kill-server"], detached: true)
    }
}

extension Tmux {
    /// Waits until the screen shows every text of `all` and none of `none` at once: a screen
    /// caught while Till is still drawing its frame may have only part of it.
    @discardableResult
    public func waitFor(all: [String], none: [String] = [], timeout: TimeInterval = 15) throws -> String {
        try waitFor("\(all) without \(none)", timeout: timeout) { screen in
            all.allSatisfy { screen.contains($0) } && !none.contains { screen.contains($0) }
        }
    }

    /// On a running Till: a new product with one GBP price in one form (`2`, `N`), as an
    /// operator types it; the prices pane then shows the price, selected.
    public func createPriceWithNewProduct(_ name: String, amount: String) throws {
        try send("2", "N")
        try waitFor(text: "Product name")
        try send(name, literal: true)
        try send("Tab", "Tab", "Tab")
        try send(amount, literal: true)
        try send("Enter")
        try waitFor(text: "Created price GBP \(amount)")
    }
}

public struct TmuxError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
