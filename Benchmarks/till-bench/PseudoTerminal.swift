import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process on a fresh pseudo-terminal of a given size, with a report pipe on fd 3.
final class PseudoTerminal {
    let master: Int32
    let report: Int32
    let pid: pid_t
    private var reportBuffer: [UInt8] = []
    /// Bytes the child wrote to the terminal since the last `takeOutput`.
    private(set) var output: [UInt8] = []

    init(command: [String], environment: [String: String], columns: Int, rows: Int) throws {
        // posix_openpt/unlockpt/ptsname by hand: Glibc's Swift module does not export them.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, UInt(0x4004_5431) /* TIOCSPTLCK */, &unlock) == 0,
              ioctl(master, UInt(0x8004_5430) /* TIOCGPTN */, &number) == 0 else {
            throw BenchError("no pseudo-terminal")
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { throw BenchError("pipe") }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The child is a session leader, so opening the slave makes it its controlling terminal.
        // Close the master first: it may itself be fd 3, where the report pipe goes.
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, 0x80)  // POSIX_SPAWN_SETSID (glibc)

        var env = environment
        env["BENCH_REPORT_FD"] = "3"
        let argv = command.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        close(pipeFDs[1])
        guard status == 0 else { throw BenchError("spawn \(command[0]): \(String(cString: strerror(status)))") }
        self.master = master
        self.report = pipeFDs[0]
        self.pid = pid
    }

    /// Send bytes as if typed.
    func type(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Read terminal output and report lines until one report line arrives (or the timeout).
    /// Returns the line's number (nanoseconds), then drains what the frame wrote.
    func awaitReport(timeoutMilliseconds: Int32 = 10_000) -> UInt64? {
        var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: report, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(Double(timeoutMilliseconds) / 1000)
        while Date() < deadline {
            if let newline = reportBuffer.firstIndex(of: 10) {
                let line = String(decoding: reportBuffer[..<newline], as: UTF8.self)
                reportBuffer.removeSubrange(...newline)
                drain()
                return UInt64(line)
            }
            fds[0].revents = 0
            fds[1].revents = 0
            guard poll(&fds, 2, 100) > 0 else { continue }
            if fds[0].revents & Int16(POLLIN) != 0 {
                let n = read(master, &buffer, buffer.count)
                if n > 0 { output += buffer[..<n] }
            }
            if fds[1].revents & Int16(POLLIN | POLLHUP) != 0 {
                let n = read(report, &buffer, buffer.count)
                if n > 0 { reportBuffer += buffer[..<n] } else if n == 0 { return nil }
            }
        }
        return nil
    }

    /// Read everything already written to the terminal.
    func drain(waitMilliseconds: Int32 = 0) {
        var fd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while poll(&fd, 1, waitMilliseconds) > 0 && fd.revents & Int16(POLLIN) != 0 {
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }
            output += buffer[..<n]
        }
    }

    /// Forgets report lines already written (after a key that may or may not report a frame).
    func discardReports() {
        var fd = pollfd(fd: report, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while poll(&fd, 1, 0) > 0 && fd.revents & Int16(POLLIN) != 0 {
            if read(report, &buffer, buffer.count) <= 0 { break }
        }
        reportBuffer.removeAll()
    }

    /// Output since the last call.
    func takeOutput() -> [UInt8] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    /// The child's resident set size in KiB (from /proc): all of it, or `field` ("RssAnon:" is
    /// the private heap and stacks, without mapped library files).
    func residentKiB(_ field: String = "VmRSS:") -> Int? {
        procStatusKiB(pid: pid, field: field)
    }

    /// Ask the child to stop and reap it.
    func finish(quitKeys: [UInt8]) {
        type(quitKeys)
        var status: Int32 = 0
        for _ in 0..<50 {
            drain(waitMilliseconds: 20)
            if waitpid(pid, &status, WNOHANG) == pid { break }
        }
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        close(master)
        close(report)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A "kB" field of /proc/<pid>/status.
func procStatusKiB(pid: pid_t, field: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(field) {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
    }
    return nil
}
