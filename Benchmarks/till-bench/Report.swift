import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One measured figure and, when there is one, its goal and whether it was met.
struct Figure {
    /// The row's stable id (`section.row`), listed in `BenchRows.all` and in docs/performance.md.
    var id: String
    var section: String
    var name: String
    var value: String
    var goal: String = ""
    /// nil: no goal (recorded only).
    var met: Bool? = nil
}

/// Everything one run measured, printed as one table at the end.
final class Report {
    private(set) var figures: [Figure] = []
    private(set) var notes: [String] = []
    private(set) var failures: [String] = []
    var section = ""
    var sectionKey = ""

    /// Records a figure as row `row` of the current section; a row missing from `BenchRows.all`
    /// breaks the run (the list is what docs/performance.md is checked against).
    func add(_ row: String, _ name: String, _ value: String, goal: String = "", met: Bool? = nil) {
        let id = "\(sectionKey).\(row)"
        if !BenchRows.all.contains(id) { fail("row `\(id)` is not listed in BenchRows.all (Benchmarks/till-bench/Rows.swift)") }
        figures.append(Figure(id: id, section: section, name: name, value: value, goal: goal, met: met))
        print("  \(name): \(value)" + (goal.isEmpty ? "" : "  [goal \(goal): \(met == true ? "met" : met == false ? "MISSED" : "—")]"))
        fflush(nil)
    }

    func note(_ text: String) {
        notes.append("\(section): \(text)")
        print("  note: \(text)")
    }

    /// A section that could not run: the run goes on, and the exit status says it broke.
    func fail(_ text: String) {
        failures.append("\(section): \(text)")
        print("  FAILED: \(text)")
        fflush(nil)
    }

    func begin(_ name: String, key: String) {
        section = name
        sectionKey = key
        print("\n== \(name)")
        fflush(nil)
    }

    func printTable(command: String) {
        print("\n## Results\n")
        print(Machine.describe())
        print("Command: `\(command)`\n")
        print("| row | section | figure | measured | goal | met? |")
        print("|---|---|---|---|---|---|")
        for figure in figures {
            let met = figure.met.map { $0 ? "yes" : "**no**" } ?? "—"
            print("| `\(figure.id)` | \(figure.section) | \(figure.name) | \(figure.value) | \(figure.goal.isEmpty ? "—" : figure.goal) | \(met) |")
        }
        // Every listed row appears, so a table pasted from any run (--only too) agrees with the list.
        let measured = Set(figures.map(\.id))
        for id in BenchRows.all where !measured.contains(id) {
            print("| `\(id)` | — | — | not measured in this run | — | — |")
        }
        if !notes.isEmpty {
            print("\nNotes:")
            for note in notes { print("- \(note)") }
        }
        if !failures.isEmpty {
            print("\nBroken (did not produce figures):")
            for failure in failures { print("- \(failure)") }
        }
        let goals = figures.filter { $0.met != nil }
        print("\n\(goals.filter { $0.met == true }.count) of \(goals.count) goals met; \(figures.count) figures; \(failures.count) sections broken.")
    }
}

enum Machine {
    static func describe() -> String {
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true)[1]) }
            .map { String(format: "%.1f GiB", Double($0) / 1_048_576) } ?? "?"
        let model = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "?"
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        let swift = shell("swift --version 2>&1 | head -1").trimmingCharacters(in: .whitespacesAndNewlines)
        #if DEBUG
        let build = "debug build (figures are not comparable with the goals)"
        #else
        let build = "release build"
        #endif
        return """
            Machine: \(cores) cores (\(model)), \(memory) memory, load average \(load) at the end; \
            \(swift.isEmpty ? "Swift ?" : swift); \(build); \(Date().formatted(.iso8601)).

            """
    }
}

// MARK: - Small process and time helpers

func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))]
}

func f1(_ x: Double) -> String { String(format: "%.1f", x) }
func f2(_ x: Double) -> String { String(format: "%.2f", x) }
func f3(_ x: Double) -> String { String(format: "%.3f", x) }
func grouped(_ x: Double) -> String {
    let n = Int(x.rounded())
    let digits = String(abs(n))
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}

/// A child process with stdout (and stderr) sent to a file, so the caller can read what it said.
final class Child {
    let pid: pid_t
    let outputPath: String

    init(_ command: [String], environment: [String: String]? = nil) throws {
        outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("till-bench-\(UUID().uuidString).out").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = command.map { strdup($0) } + [nil]
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; env.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, command[0], &actions, nil, argv, env)
        guard status == 0 else { throw BenchError("cannot start \(command[0]): \(String(cString: strerror(status)))") }
        self.pid = pid
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// Waits until the output matches `pattern` (a regular expression), returning the first match.
    func await(_ pattern: String, seconds: Double) -> String? {
        let deadline = monotonicSeconds() + seconds
        let regex = try! NSRegularExpression(pattern: pattern)
        while monotonicSeconds() < deadline {
            let text = output
            if let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
               let range = Range(match.range, in: text) {
                return String(text[range])
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return nil }
            usleep(20_000)
        }
        return nil
    }

    /// SIGTERM, then SIGKILL after a second; reaps the child and removes its output file.
    func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid { unlink(outputPath); return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        unlink(outputPath)
    }
}

/// CPU time (user + system) of a process so far, in seconds, from /proc/<pid>/stat.
func cpuSeconds(pid: pid_t) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = text.lastIndex(of: ")") else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    // After the command: state(0) ... utime is field 14 of the line, 12th here; stime the 13th.
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// A free loopback TCP port (bound and released at once).
func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}
