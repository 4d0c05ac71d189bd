// till-bench: every figure in docs/performance.md, in one run, printed as one table against the
// goals. Benchmarks/run builds it (release) with `till` and the C reference and runs it; CI runs
// `till-bench --quick` (debug, small sizes) to check that every part still runs.
//
//   till-bench [--quick] --till PATH [--reference PATH] [--localstripe CMD] [--only a,b] [--products N] [--no-million]
//   till-bench child --products N [--mixed]     (internal) Till's engine in the pty
//   till-bench check-doc [docs/performance.md]   the document's table lists exactly the benchmark's rows
//
// Sections: filter, view, breakdown, keys, startup, sync, sandbox, memory, scale, tills, import, store, display.
import Foundation
import TillApp
#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

struct Options {
    var quick = arguments.contains("--quick")
    var till = option("--till") ?? ".build/release/till"
    var reference = option("--reference")
    var localstripe = option("--localstripe")
    var only = option("--only").map { Set($0.split(separator: ",").map(String.init)) }
    var products: Int
    var syncProducts: Int
    var keys: Int
    var startupRuns: Int
    var phaseSeconds: Double
    var phaseRequests: Int
    var seedProducts: Int
    /// Whether the full run also measures 1,000,000 products (`--no-million` leaves them out).
    var scaleMillion = !arguments.contains("--quick") && !arguments.contains("--no-million")
    /// `--keep-seeded DIR`: the memory section copies its seeded HOME (sandbox database and key,
    /// before any till ran in it) to DIR, for `Benchmarks/memory-profile`.
    var keepSeeded = option("--keep-seeded")

    init() {
        products = Int(option("--products") ?? "") ?? (quick ? 10_000 : 100_000)
        syncProducts = quick ? 1_000 : 10_000
        keys = Int(option("--keys") ?? "") ?? (quick ? 40 : 400)
        startupRuns = quick ? 2 : 7
        phaseSeconds = Double(option("--seconds") ?? "") ?? (quick ? 0.5 : 4)
        phaseRequests = quick ? 100 : 100_000
        seedProducts = quick ? 50 : 1_000
    }

    func runs(_ section: String) -> Bool { only?.contains(section) ?? true }
}

if arguments.first == "check-doc" {
    exit(checkDocument(path: arguments.dropFirst().first ?? "docs/performance.md") ? 0 : 1)
}

// The heap thresholds the real till sets at start, so the in-process figures (keystrokes, the
// memory breakdown, the engine in the pty) are the till's own.
ProcessHeap.returnFreedMemoryPromptly()

if arguments.first == "child" {
    await runChild(products: Int(option("--products") ?? "") ?? 100_000, mixed: arguments.contains("--mixed"))
}

let options = Options()
let report = Report()
// CI (`--quick`) checks first that docs/performance.md's table has exactly the benchmark's rows.
let documentAgrees = !options.quick || checkDocument(path: "docs/performance.md")
print("till-bench\(options.quick ? " --quick" : ""): till \(options.till), reference \(options.reference ?? "none"), "
      + "localstripe \(options.localstripe ?? "none"), \(options.products) products")
if options.runs("filter") || options.runs("view") { PureBench(options: options, report: report).run() }
if options.runs("breakdown") { await MemoryBreakdown(options: options, report: report).run() }
if options.runs("keys") { TerminalBench(options: options, report: report).run() }
let processes = ProcessBench(options: options, report: report)
if options.runs("startup") { processes.startup() }
if options.runs("sync") { await processes.sync() }
if options.runs("sandbox") { SandboxBench(options: options, report: report).run() }
if options.runs("memory") { await processes.memory(count: options.products, key: "memory") }
if options.runs("scale") && options.scaleMillion { await processes.memory(count: 1_000_000, key: "scale") }
if options.runs("tills") { await processes.tills(count: options.products) }
if options.runs("import") { ImportBench(options: options, report: report).run() }
if options.runs("store") { StoreBench(options: options, report: report).run() }
if options.runs("display") { DisplayBench(options: options, report: report).run() }
report.printTable(command: ProcessInfo.processInfo.environment["TILL_BENCH_COMMAND"] ?? CommandLine.arguments.joined(separator: " "))
if options.only == nil && !options.quick {
    let measured = Set(report.figures.map(\.id))
    let missing = BenchRows.all.filter { !measured.contains($0) }
    if !missing.isEmpty { print("\nRows not measured in this run: " + missing.joined(separator: ", ")) }
}
if !documentAgrees { print("\ndocs/performance.md's table disagrees with the benchmark's rows (see check-doc above).") }
exit(report.failures.isEmpty && !report.figures.isEmpty && documentAgrees ? 0 : 1)
