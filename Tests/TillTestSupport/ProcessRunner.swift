import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended, with what it wrote. A process killed by a signal never gets here:
/// `runProcess` throws instead, so no test can read a crash as exit status 0.
public struct ProcessResult: Sendable {
    /// The exit status (0–255).
    public var status: Int32
    public var stdout: String
    /// Empty when stderr was merged into stdout.
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// stdout parsed as a JSON object.
    public func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        guard let dictionary = object as? [String: Any] else { throw CocoaError(.propertyListReadCorrupt) }
        return dictionary
    }
}

/// A child that did not exit by itself.
public struct ProcessKilled: Error, CustomStringConvertible {
    public let executable: String
    public let signal: Int32
    public let output: String
    public var description: String {
        "\((executable as NSString).lastPathComponent) was killed by signal \(signal); it wrote:\n\(output)"
    }
}

/// The one process runner of the test targets: posix_spawn with a clean signal mask, `input` on
/// stdin (none: /dev/null), stdout and stderr into temporary files (never a pipe a forked
/// grandchild could hold open), waited for with waitpid. Blocking: call it off the concurrency
/// pool (`onThread`) when an in-process server must keep running.
public func runProcess(_ executable: String, _ arguments: [String], input: String? = nil,
                       environment: [String: String], mergeStderr: Bool = false) throws -> ProcessResult {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("till-run-\(UUID().uuidString)").path
    if let input { try input.write(toFile: base + ".in", atomically: true, encoding: .utf8) }
    defer { for suffix in [".in", ".out", ".err"] { unlink(base + suffix) } }
    let pid = try spawnChild(executable, arguments, environment: environment,
                             stdin: input == nil ? "/dev/null" : base + ".in", stdout: base + ".out",
                             stderr: mergeStderr ? nil : base + ".err")
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // Decoded as the bytes are (String(contentsOfFile:) would drop a byte-order mark the child wrote).
    func text(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
    let stdout = text(base + ".out")
    let stderr = mergeStderr ? "" : text(base + ".err")
    // WIFEXITED: the low 7 bits are 0; anything else (a signal, a core dump) is a failure.
    guard status & 0x7F == 0 else {
        throw ProcessKilled(executable: executable, signal: status & 0x7F, output: stdout + stderr)
    }
    return ProcessResult(status: (status >> 8) & 0xFF, stdout: stdout, stderr: stderr)
}

/// Starts `executable` with stdin read from the file `stdin`, stdout written to the file `stdout`,
/// and stderr to the file `stderr` (nil: into stdout), a clean signal mask; returns its pid.
func spawnChild(_ executable: String, _ arguments: [String], environment: [String: String],
                stdin: String, stdout: String, stderr: String?) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if let stderr {
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    } else {
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
    }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var attributes = SpawnAttributes()
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes.value, argv, envp)
    guard spawned == 0 else {
        throw TmuxError(message: "cannot run \(executable): \(String(cString: strerror(spawned)))")
    }
    return pid
}

/// Run the built `till` with `input` on stdin; returns (exit status, stdout and stderr merged).
/// Throws when till was killed by a signal.
public func runTill(_ arguments: [String], input: String, environment: [String: String]) throws -> (Int32, String) {
    let result = try runProcess(tillBinary, arguments, input: input, environment: environment, mergeStderr: true)
    return (result.status, result.stdout)
}

/// Run blocking work (tmux round trips, child processes) on its own thread, never on the
/// concurrency pool.
public func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
        }
    }
}

/// Spawn attributes for child processes of the test runner: an empty signal mask and default
/// dispositions. (Test threads block most signals; a tmux server inheriting that mask never
/// exits on kill-server.)
public struct SpawnAttributes: ~Copyable {
    public var value = posix_spawnattr_t()

    public init() {
        posix_spawnattr_init(&value)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&value, &empty)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&value, &all)
        posix_spawnattr_setflags(&value, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    }

    deinit {
        var value = value
        posix_spawnattr_destroy(&value)
    }
}
