// till-bench: every figure in docs/performance.md, in one run, printed as one table against the
// goals. Benchmarks/run builds it (release) with `till` and the C reference and runs it; CI runs
// `till-bench --quick` (debug, small sizes) to check that every part still runs.
//
//   till-bench [--quick] --till PATH [--reference PATH] [--localstripe CMD] [--only a,b] [--products N]
//   till-bench child --products N [--mixed]     (internal) Till's engine in the pty
//
// Sections: filter, view, keys, startup, sync, sandbox, memory, import, store, display.
import Foundation
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

if arguments.first == "child" {
    await runChild(products: Int(option("--products") ?? "") ?? 100_000, mixed: arguments.contains("--mixed"))
}

let options = Options()
let report = Report()
print("till-bench\(options.quick ? " --quick" : ""): till \(options.till), reference \(options.reference ?? "none"), "
      + "localstripe \(options.localstripe ?? "none"), \(options.products) products")
if options.runs("filter") || options.runs("view") { PureBench(options: options, report: report).run() }
if options.runs("keys") { TerminalBench(options: options, report: report).run() }
let processes = ProcessBench(options: options, report: report)
if options.runs("startup") { processes.startup() }
if options.runs("sync") { await processes.sync() }
if options.runs("sandbox") { SandboxBench(options: options, report: report).run() }
if options.runs("memory") { await processes.memory() }
if options.runs("import") { ImportBench(options: options, report: report).run() }
if options.runs("store") { StoreBench(options: options, report: report).run() }
if options.runs("display") { DisplayBench(options: options, report: report).run() }
report.printTable(command: ProcessInfo.processInfo.environment["TILL_BENCH_COMMAND"] ?? CommandLine.arguments.joined(separator: " "))
exit(report.failures.isEmpty && !report.figures.isEmpty ? 0 : 1)
