import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process left running (a server) while the test talks to it: stdout and stderr go to
/// temporary files the test reads while it runs. `finish()` reaps it; a child killed by a signal
/// throws there, like `runProcess`.
public final class BackgroundProcess: @unchecked Sendable {
    public let pid: pid_t
    private let base: String
    private let executable: String
    private var reaped = false

    public init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        self.executable = executable
        base = FileManager.default.temporaryDirectory.appendingPathComponent("till-bg-\(UUID().uuidString)").path
        pid = try spawnChild(executable, arguments, environment: environment,
                             stdin: "/dev/null", stdout: base + ".out", stderr: base + ".err")
    }

    deinit {
        if !reaped {
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        for suffix in [".out", ".err"] { unlink(base + suffix) }
    }

    public var stdout: String { (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "" }

    /// Waits until stdout holds a match of `pattern` and returns the match's first capture (or the
    /// whole match); throws with what it printed when the child ends first or the time runs out.
    @discardableResult
    public func waitForOutput(_ pattern: String, timeout: TimeInterval = 30) throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = stdout
            if let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) {
                let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
                return String(text[Range(range, in: text)!])
            }
            if hasEnded { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw TmuxError(message: "\((executable as NSString).lastPathComponent) never printed /\(pattern)/; stdout:\n\(stdout)\nstderr:\n\(stderr)")
    }

    /// Whether the child has exited (a zombie waiting to be reaped), without reaping it.
    public var hasEnded: Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    public func signal(_ number: Int32) {
        Glibc.kill(pid, number)
    }

    /// Waits for the child to exit and returns its exit status; throws when a signal killed it or
    /// it is still running after `timeout`.
    public func finish(timeout: TimeInterval = 30) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { throw TmuxError(message: "waitpid: \(String(cString: strerror(errno)))") }
            if Date() >= deadline {
                throw TmuxError(message: "still running after \(Int(timeout)) s; stdout:\n\(stdout)\nstderr:\n\(stderr)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        reaped = true
        guard status & 0x7F == 0 else {
            throw ProcessKilled(executable: executable, signal: status & 0x7F, output: stdout + stderr)
        }
        return (status >> 8) & 0xFF
    }
}
