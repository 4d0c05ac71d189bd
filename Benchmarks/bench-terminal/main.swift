// bench-terminal: Till's terminal figures (docs/performance.md).
//
//   bench-terminal [--keys N] [--products N] [--reference PATH]   key latency and bytes, Till vs C
//   bench-terminal startup --till PATH [--runs N]                   start to first frame, embedded sandbox
//   bench-terminal memory --till PATH [--products N]                real till with N products: RSS
//   bench-terminal child [--products N]                             (internal) Till's engine in the pty
import Foundation
import Logging
import TillCore
import TillTerminal
import TillView
#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, default value: String? = nil) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}
let productCount = Int(option("--products", default: "100000")!)!

/// The catalog the figures use: productCount products, newest first.
func makeProducts(_ count: Int) -> [Product] {
    (0..<count).map { i in
        Product(id: "prod_\(1_554_351_292_598_452_224 + i)", name: "Product \(String(format: "%06d", count - i))",
                description: nil, active: true, created: Date(timeIntervalSince1970: 1_764_000_000 - Double(i)))
    }
}

// MARK: - Child: Till's real engine, program, reducer and view on the pty, with no network.

func runChild() async -> Never {
    let reportFD = Int32(ProcessInfo.processInfo.environment["BENCH_REPORT_FD"] ?? "") ?? -1
    let wake = try! WakePipe()
    let inbox = ActionInbox(wake: { wake.wake() })
    let state = AppState(environment: EnvironmentInfo(mode: .sandbox, apiHost: "127.0.0.1:0"),
                         settings: Settings(successURL: "http://127.0.0.1/sandbox/success",
                                            cancelURL: "http://127.0.0.1/sandbox/cancel"),
                         now: Date(timeIntervalSince1970: 1_764_000_000))
    let products = makeProducts(productCount)
    let outcome = await TillLauncher.runOnCursesThread(wake: wake, logFD: nil, onFrame: { timing in
        guard timing.hadKey, reportFD >= 0 else { return }
        let line = Array("\(timing.updatedAt - timing.inputAt)\n".utf8)
        _ = line.withUnsafeBytes { write(reportFD, $0.baseAddress, $0.count) }
    }) {
        let runtime = EffectRuntime(client: nil, cache: nil, drafts: nil, inbox: inbox, logger: Logger(label: "bench"))
        let program = TillProgram(state: state, runtime: runtime, inbox: inbox)
        program.dispatch(.products(.cacheLoaded(products)))
        return program
    }
    if case .failure(let error) = outcome { FileHandle.standardError.write(Data("\(error)\n".utf8)) }
    exit(0)
}

// MARK: - Driver

struct Stats {
    var latencies: [UInt64] = []
    var bytes: [Int] = []

    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        let sorted = latencies.sorted()
        let index = min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))
        return Double(sorted[index]) / 1_000_000
    }

    var meanBytes: Double { bytes.isEmpty ? .nan : Double(bytes.reduce(0, +)) / Double(bytes.count) }
}

let esc: UInt8 = 0x1B
let pageDownKey: [UInt8] = [esc] + Array("[6~".utf8)
let pageUpKey: [UInt8] = [esc] + Array("[5~".utf8)

/// One key, one frame: latency reported by the child, bytes counted at the master.
func press(_ terminal: PseudoTerminal, _ key: [UInt8], into stats: inout Stats) {
    _ = terminal.takeOutput()
    terminal.type(key)
    guard let latency = terminal.awaitReport() else {
        FileHandle.standardError.write(Data("no frame after key \(key)\n".utf8))
        return
    }
    stats.latencies.append(latency)
    stats.bytes.append(terminal.takeOutput().count)
}

struct Scenario {
    var moves = Stats(), scrolls = Stats(), pages = Stats(), filters = Stats(), noops = Stats()
    var residentKiB: Int?
    var anonymousKiB: Int?
}

func measure(command: [String], keys: Int) throws -> Scenario {
    var environment = ProcessInfo.processInfo.environment
    environment["TERM"] = "xterm-256color"
    environment["LANG"] = environment["LANG"] ?? "C.UTF-8"
    environment.removeValue(forKey: "LINES")
    environment.removeValue(forKey: "COLUMNS")
    environment.removeValue(forKey: "ESCDELAY")
    let terminal = try PseudoTerminal(command: command, environment: environment, columns: 80, rows: 24)
    // Wait for the first frame, then for the output to settle (half a second of silence).
    var firstFrame: [UInt8] = []
    let settleDeadline = Date().addingTimeInterval(30)
    while Date() < settleDeadline {
        terminal.drain(waitMilliseconds: 500)
        let more = terminal.takeOutput()
        if more.isEmpty && !firstFrame.isEmpty { break }
        firstFrame += more
    }
    guard !firstFrame.isEmpty else {
        terminal.finish(quitKeys: [])
        throw BenchError("\(command[0]) drew nothing in the pseudo-terminal")
    }
    var result = Scenario()
    let j = Array("j".utf8), k = Array("k".utf8)
    // No-op: k at the top of the list changes nothing.
    for _ in 0..<keys { press(terminal, k, into: &result.noops) }
    // Cursor moves inside the page: j, k, j, k …
    for i in 0..<keys { press(terminal, i % 2 == 0 ? j : k, into: &result.moves) }
    // One-line scrolls: walk the bar to the bottom of the page, then every j scrolls by one.
    for _ in 0..<40 { var ignored = Stats(); press(terminal, j, into: &ignored) }
    for _ in 0..<keys { press(terminal, j, into: &result.scrolls) }
    for _ in 0..<keys { press(terminal, pageDownKey, into: &result.pages) }
    result.residentKiB = terminal.residentKiB()
    result.anonymousKiB = terminal.residentKiB("RssAnon:")
    // Filter keystrokes: "/" then a query typed one character at a time, cleared and typed again.
    var ignored = Stats()
    press(terminal, Array("/".utf8), into: &ignored)
    let query = Array("product 0123".utf8)
    var typed = 0
    while typed < keys {
        for byte in query where typed < keys {
            press(terminal, [byte], into: &result.filters)
            typed += 1
        }
        for _ in query { press(terminal, [0x7F], into: &ignored) }
    }
    terminal.finish(quitKeys: [esc, esc] + Array("q".utf8))
    return result
}

func row(_ name: String, _ till: Stats, _ reference: Stats?) -> String {
    func f(_ x: Double) -> String { x.isNaN ? "—" : String(format: "%.3f", x) }
    func b(_ s: Stats) -> String { s.bytes.isEmpty ? "—" : String(format: "%.0f (max %d)", s.meanBytes, s.bytes.max()!) }
    let r = reference ?? Stats()
    return "| \(name) | \(f(till.percentile(0.5))) | \(f(till.percentile(0.99))) | \(b(till)) | "
        + "\(f(r.percentile(0.5))) | \(f(r.percentile(0.99))) | \(b(r)) |"
}

func runDriver() throws {
    let keys = Int(option("--keys", default: "400")!)!
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    print("Measuring Till (\(productCount) products, \(keys) keys per figure, 80×24)…")
    let till = try measure(command: [me, "child", "--products", "\(productCount)"], keys: keys)
    var reference: Scenario?
    if let path = option("--reference") {
        print("Measuring the C reference \(path)…")
        reference = try measure(command: [path], keys: keys)
    }
    print("")
    print("| figure | Till p50 ms | Till p99 ms | Till bytes mean (max) | C p50 ms | C p99 ms | C bytes mean (max) |")
    print("|---|---|---|---|---|---|---|")
    print(row("cursor move (j/k)", till.moves, reference?.moves))
    print(row("one-line scroll (j at page bottom)", till.scrolls, reference?.scrolls))
    print(row("page down", till.pages, reference?.pages))
    print(row("filter keystroke", till.filters, reference?.filters))
    print(row("no-op key (k at top)", till.noops, reference?.noops))
    print("")
    func mib(_ kib: Int?) -> String { kib.map { "\($0 / 1024) MiB" } ?? "?" }
    print("Resident memory after loading \(productCount) products: Till \(mib(till.residentKiB)) "
        + "(private \(mib(till.anonymousKiB)))"
        + (reference.map { ", C reference \(mib($0.residentKiB)) (private \(mib($0.anonymousKiB)))" } ?? ""))
}

// MARK: - Start-up: real `till`, no key, embedded sandbox, fresh HOME.

func runStartup() throws {
    guard let till = option("--till") else { throw BenchError("startup needs --till PATH") }
    let runs = Int(option("--runs", default: "7")!)!
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("till-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    var environment = ["HOME": home.path, "TERM": "xterm-256color", "LANG": "C.UTF-8",
                       "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    environment["XDG_CONFIG_HOME"] = nil
    var times: [Double] = []
    for run in 0..<runs {
        let start = monotonicNanos()
        let terminal = try PseudoTerminal(command: [till], environment: environment, columns: 80, rows: 24)
        var seen: Double?
        let deadline = Date().addingTimeInterval(10)
        while seen == nil && Date() < deadline {
            terminal.drain(waitMilliseconds: 1)
            if String(decoding: terminal.output, as: UTF8.self).contains("SANDBOX") {
                seen = Double(monotonicNanos() - start) / 1_000_000
            }
        }
        terminal.finish(quitKeys: Array("q".utf8))
        if let seen {
            times.append(seen)
            print(String(format: "run %d%@: %.1f ms", run + 1, run == 0 ? " (fresh HOME: creates key and database)" : "", seen))
        } else {
            print("run \(run + 1): no first frame within 10 s")
        }
    }
    let warm = times.dropFirst().sorted()
    if !warm.isEmpty {
        print(String(format: "start → first frame (embedded sandbox), median of %d warm runs: %.1f ms; first run %.1f ms",
                     warm.count, warm[warm.count / 2], times[0]))
    }
}

switch arguments.first {
case "child": await runChild()
case "startup": try runStartup()
case "memory": try await runMemory()
default: try runDriver()
}
