import Foundation
import Logging
import TillCore
import TillTerminal
import TillView
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Child: Till's real engine, program, reducer and view on the pty, with no network.

/// `till-bench child --products N [--mixed]`: the catalog is the C reference's rows, or with
/// `--mixed` the generated mixed-script catalog.
func runChild(products count: Int, mixed: Bool) async -> Never {
    let reportFD = Int32(ProcessInfo.processInfo.environment["BENCH_REPORT_FD"] ?? "") ?? -1
    let wake = try! WakePipe()
    let inbox = ActionInbox(wake: { wake.wake() })
    let state = AppState(environment: EnvironmentInfo(mode: .sandbox, apiHost: "127.0.0.1:0"),
                         settings: Settings(successURL: "http://127.0.0.1/sandbox/success",
                                            cancelURL: "http://127.0.0.1/sandbox/cancel"),
                         now: Date(timeIntervalSince1970: 1_764_000_000))
    let products = mixed ? Catalog(count: count).products : plainProducts(count)
    let outcome = await TillLauncher.runOnCursesThread(wake: wake, logFD: nil, onFrame: { timing in
        guard timing.hadKey, reportFD >= 0 else { return }
        let line = Array("\(timing.updatedAt - timing.inputAt)\n".utf8)
        _ = line.withUnsafeBytes { write(reportFD, $0.baseAddress, $0.count) }
    }) {
        let runtime = EffectRuntime(client: nil, cache: nil, shop: nil, inbox: inbox, logger: Logger(label: "bench"))
        let program = TillProgram(state: state, runtime: runtime, inbox: inbox)
        program.dispatch(.catalog(.cacheLoaded(CatalogItems(products))))
        return program
    }
    if case .failure(let error) = outcome { FileHandle.standardError.write(Data("\(error)\n".utf8)) }
    exit(0)
}

// MARK: - Driver

struct KeyStats {
    var latencies: [UInt64] = []
    var bytes: [Int] = []

    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        let sorted = latencies.sorted()
        return Double(sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))]) / 1_000_000
    }

    var meanBytes: Double { bytes.isEmpty ? .nan : Double(bytes.reduce(0, +)) / Double(bytes.count) }
}

let esc: UInt8 = 0x1B
let pageDownKey: [UInt8] = [esc] + Array("[6~".utf8)

/// One key, one frame: latency reported by the child, bytes counted at the master.
func press(_ terminal: PseudoTerminal, _ key: [UInt8], into stats: inout KeyStats) {
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
    var moves = KeyStats(), scrolls = KeyStats(), pages = KeyStats(), filters = KeyStats(), noops = KeyStats()
    var firstPaintBytes = 0
    var repaintBytes = 0
    var residentKiB: Int?
}

func measureTerminal(command: [String], keys: Int, filterQuery: String) throws -> Scenario {
    var environment = ProcessInfo.processInfo.environment
    environment["TERM"] = "xterm-256color"
    environment["LANG"] = environment["LANG"] ?? "C.UTF-8"
    for name in ["LINES", "COLUMNS", "ESCDELAY", "NO_COLOR"] { environment.removeValue(forKey: name) }
    let terminal = try PseudoTerminal(command: command, environment: environment, columns: 80, rows: 24)
    // The first frame, then silence (half a second) so it is whole.
    var firstFrame: [UInt8] = []
    let settleDeadline = Date().addingTimeInterval(60)
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
    result.firstPaintBytes = firstFrame.count
    let j = Array("j".utf8), k = Array("k".utf8)
    for _ in 0..<keys { press(terminal, k, into: &result.noops) }  // k at the top changes nothing
    for i in 0..<keys { press(terminal, i % 2 == 0 ? j : k, into: &result.moves) }
    for _ in 0..<40 { var ignored = KeyStats(); press(terminal, j, into: &ignored) }  // bar to the page bottom
    for _ in 0..<keys { press(terminal, j, into: &result.scrolls) }
    for _ in 0..<keys { press(terminal, pageDownKey, into: &result.pages) }
    // Ctrl-L: everything repainted.
    // (Till's engine reports no key frame for a repaint, so count until the output is quiet.)
    _ = terminal.takeOutput()
    terminal.type([0x0C])
    var repaint: [UInt8] = []
    repeat {
        terminal.drain(waitMilliseconds: 300)
        let more = terminal.takeOutput()
        if more.isEmpty { break }
        repaint += more
    } while true
    terminal.discardReports()
    result.repaintBytes = repaint.count
    result.residentKiB = terminal.residentKiB()
    var ignored = KeyStats()
    press(terminal, Array("/".utf8), into: &ignored)
    let query = Array(filterQuery.utf8)
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

struct TerminalBench {
    var options: Options
    var report: Report

    func run() {
        report.begin("keys through ncurses into a pty (\(grouped(Double(options.products))) products, 80×24)", key: "keys")
        let keys = options.keys
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let till: Scenario
        do {
            till = try measureTerminal(command: [me, "child", "--products", "\(options.products)"], keys: keys, filterQuery: "product 0123")
        } catch {
            report.fail("Till child: \(error)")
            return
        }
        var reference: Scenario?
        if let path = options.reference {
            do { reference = try measureTerminal(command: [path], keys: keys, filterQuery: "product 0123") } catch {
                report.fail("C reference: \(error)")
            }
        } else {
            report.note("no C reference given (--reference); Benchmarks/run builds it")
        }
        func timeRow(_ row: String, _ name: String, _ mine: KeyStats, _ theirs: KeyStats?, bytesGoal: Bool) {
            let p99 = mine.percentile(0.99)
            var value = "p50 \(f3(mine.percentile(0.5))) ms, p99 \(f3(p99)) ms"
            if let theirs, !theirs.latencies.isEmpty {
                let ratio = p99 / theirs.percentile(0.99)
                value += " (C: p50 \(f3(theirs.percentile(0.5))), p99 \(f3(theirs.percentile(0.99))); \(f2(ratio))×)"
                report.add("\(row).time", "\(name): key → end of doupdate", value, goal: "p99 ≤ 2× C", met: ratio <= 2)
                let bytesRatio = mine.meanBytes / max(theirs.meanBytes, 1)
                let bytes = "\(f1(mine.meanBytes)) B mean, max \(mine.bytes.max() ?? 0) (C: \(f1(theirs.meanBytes)); \(f2(bytesRatio))×)"
                if bytesGoal {
                    report.add("\(row).bytes", "\(name): bytes written", bytes, goal: "≤ 1.1× C", met: bytesRatio <= 1.1)
                } else {
                    report.add("\(row).bytes", "\(name): bytes written", bytes)
                }
            } else {
                report.add("\(row).time", "\(name): key → end of doupdate", value)
                report.add("\(row).bytes", "\(name): bytes written", "\(f1(mine.meanBytes)) B mean")
            }
        }
        timeRow("move", "cursor move (j/k)", till.moves, reference?.moves, bytesGoal: true)
        timeRow("scroll", "one-line scroll", till.scrolls, reference?.scrolls, bytesGoal: true)
        timeRow("page", "page down", till.pages, reference?.pages, bytesGoal: false)
        timeRow("filter", "filter keystroke (\"product 0123\")", till.filters, reference?.filters, bytesGoal: false)
        let noopMax = till.noops.bytes.max() ?? -1
        report.add("noop.bytes", "no-op key: bytes written", "\(noopMax) B (max over \(till.noops.bytes.count) keys)", goal: "0 B", met: noopMax == 0)
        report.add("first-paint", "first paint: bytes", "\(till.firstPaintBytes) B" + (reference.map { " (C: \($0.firstPaintBytes) B)" } ?? ""))
        report.add("repaint", "Ctrl-L repaint: bytes", "\(till.repaintBytes) B" + (reference.map { " (C: \($0.repaintBytes) B)" } ?? ""))
        if let kib = till.residentKiB {
            report.add("resident", "engine + reducer + view child, resident", "\(kib / 1024) MiB" + (reference?.residentKiB.map { " (C: \($0 / 1024) MiB)" } ?? ""))
        }
        // The same, with the mixed-script catalog (CJK and emoji rows): recorded, no reference.
        do {
            let mixed = try measureTerminal(command: [me, "child", "--products", "\(options.products)", "--mixed"],
                                            keys: max(20, keys / 4), filterQuery: "latte 12")
            report.add("mixed.move", "mixed-script catalog: cursor move", "p99 \(f3(mixed.moves.percentile(0.99))) ms, \(f1(mixed.moves.meanBytes)) B mean")
            report.add("mixed.filter", "mixed-script catalog: filter keystroke", "p99 \(f3(mixed.filters.percentile(0.99))) ms, \(f1(mixed.filters.meanBytes)) B mean")
        } catch {
            report.fail("Till child (mixed catalog): \(error)")
        }
    }
}
