import ArgumentParser
import Foundation
import TillCatalog
import TillCore
import TillView
import WooshPay

/// `till products import FILE.csv`: a spreadsheet's catalog into the account.
struct ProductsImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create products and prices from a CSV file (columns: name, description, price, currency, sku or barcode, nickname, active).",
        discussion: """
            Rows already in the account (same SKU, else same name, amount, currency and nickname) are \
            skipped, so a run can be repeated. Bad rows are reported with their line numbers and the \
            good ones still import; the exit status is 4 when any row failed.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file (UTF-8 or UTF-16 with a BOM; `,` or `;` between fields).") var file: String
    @Option(help: "Currency for rows without one (ISO 4217, e.g. GBP).") var currency: String?
    @Flag(help: "Check everything and print what would be created, changed and skipped; send nothing that writes.")
    var dryRun = false
    @Flag(help: "Give matching products the file's name, description and active flag.") var update = false
    @Option(help: "Write the rows that failed to this CSV file, with a reason column.") var report: String?
    @Option(help: "Products worked on at once (1-32).") var concurrency = 8

    func validate() throws {
        if let currency { do { _ = try Currency(currency) } catch { throw ValidationError("--currency: \(Says.any(error))") } }
        guard (1...32).contains(concurrency) else { throw ValidationError(CLIPhrase.concurrencyRange.said) }
    }

    func run() async throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            CommandRunner.fail(CLIPhrase.cannotRead.said("file", file, "error", (error as NSError).localizedDescription), code: ExitStatus.usage)
        }
        let catalog: CatalogFile
        do {
            catalog = try CatalogFile.parse(data, defaultCurrency: try currency.map { try Currency($0) })
        } catch let error as CatalogFileError {
            CommandRunner.fail("\(file): \(Says.catalogFile(error))", code: ExitStatus.usage)
        }
        let started = ContinuousClock.now
        try await CommandRunner.run(global, write: !dryRun) { runner in
            let output = runner.output
            if !catalog.unknownColumns.isEmpty {
                Diagnostics.line(CLIPhrase.columnsIgnored.said("columns", catalog.unknownColumns.joined(separator: ", ")))
            }
            let snapshot = try await ImportRunner.snapshot(runner.client)
            let plan = ImportPlan(file: catalog, snapshot: snapshot, update: update)
            var outcomes = Dictionary(plan.outcomes.map { ($0.line, $0.outcome) }, uniquingKeysWith: { a, _ in a })
            var stop: APIFailure? = nil
            if dryRun {
                if !output.json {
                    for (line, outcome) in plan.outcomes where !outcome.isFailure {
                        output.line(CLIPhrase.dryRunLine.said("line", String(line), "action", ImportSummary.would(outcome.action), "detail", Says.outcome(outcome)))
                    }
                }
            } else {
                let rowsToSend = plan.groups.reduce(0) { $0 + $1.lines.count }
                let progress = ProgressBar(total: rowsToSend, enabled: !output.json && isatty(STDERR_FILENO) == 1)
                let result = await ImportRunner(client: runner.client, concurrency: concurrency).run(plan) { done in
                    progress.advance(by: done.count)
                }
                progress.finish()
                for (line, ran) in result.results {
                    if case .failed(let reason) = ran { outcomes[line] = .fail(reason) }
                }
                stop = result.stop
            }
            let failures = outcomes.filter(\.value.isFailure).sorted { $0.key < $1.key }
            if !output.json {
                for (line, outcome) in failures { Diagnostics.line(CLIPhrase.failedLine.said("line", String(line), "detail", Says.outcome(outcome))) }
            }
            if let report {
                let fields = Dictionary((catalog.rows.map { ($0.line, $0.fields) }
                                         + catalog.problems.map { ($0.line, $0.fields) }), uniquingKeysWith: { a, _ in a })
                let data = try CatalogExport.report(header: catalog.header, failures: failures.map {
                    (fields: fields[$0.key] ?? [], reason: Says.outcome($0.value))
                })
                do { try data.write(to: URL(fileURLWithPath: report)) } catch {
                    throw CommandFailure(CLIPhrase.cannotWriteReport.said("file", report, "error", (error as NSError).localizedDescription),
                                         code: ExitStatus.usage)
                }
            }
            let summary = ImportSummary(file: file, dryRun: dryRun, outcomes: outcomes, warnings: catalog.unknownColumns,
                                        seconds: (ContinuousClock.now - started).seconds, stop: stop)
            if output.json {
                output.json(try summary.json())
            } else {
                output.line(summary.sentence)
            }
            if let stop {
                throw CommandFailure([CLIPhrase.runStopped.said("error", Says.api(stop)), CLIPhrase.runAgainSkips.said],
                                     code: ExitStatus.code(for: stop))
            }
            if !failures.isEmpty { throw CommandFailure([], code: ExitStatus.rowsFailed) }
        }
    }
}

/// `till products export`: the catalog as CSV in the columns `import` reads.
struct ProductsExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every product and its active prices as CSV (the columns import reads).")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Include archived products.") var all = false
    @Flag(help: "Start with a UTF-8 byte-order mark (so Excel reads accents right).") var bom = false
    @Option(name: [.short, .long], help: "Write to this file instead of standard output.") var output: String?

    func run() async throws {
        try await CommandRunner.run(global) { runner in
            let snapshot = try await ImportRunner.snapshot(runner.client)
            let data = try CatalogExport.csv(header: CatalogExport.header,
                                             rows: CatalogExport.rows(snapshot, all: all), byteOrderMark: bom)
            if let output {
                do { try data.write(to: URL(fileURLWithPath: output)) } catch {
                    throw CommandFailure(CLIPhrase.cannotWrite.said("file", output, "error", (error as NSError).localizedDescription),
                                         code: ExitStatus.usage)
                }
            } else if isatty(STDOUT_FILENO) == 1 {
                // On a terminal, names and descriptions from the API are text to read: controls made visible.
                let text = String(decoding: data, as: UTF8.self)
                for line in text.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast() {
                    runner.output.line(String(line))
                }
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

/// What an import did (or a dry run would do), for people and as JSON.
struct ImportSummary {
    var file: String
    var dryRun: Bool
    var outcomes: [Int: ImportPlan.Outcome]
    var warnings: [String]
    var seconds: Double
    var stop: APIFailure?

    func count(_ action: String) -> Int { outcomes.values.filter { $0.action == action }.count }

    var sentence: String {
        let counts = ["file", file, "rows", String(outcomes.count), "created", String(count("create")),
                      "updated", String(count("update")), "skipped", String(count("skip")), "failed", String(count("fail"))]
        if dryRun {
            return Phrases.fill(CLIPhrase.dryRunSummary.said, Self.pairs(counts))
        }
        return Phrases.fill(CLIPhrase.importSummary.said, Self.pairs(counts + ["seconds", String(format: "%.1f", seconds)]))
    }

    static func pairs(_ flat: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: stride(from: 0, to: flat.count - 1, by: 2).map { (flat[$0], flat[$0 + 1]) })
    }

    /// What a dry run would do with a row (`create`, `update`, `skip`), in words.
    static func would(_ action: String) -> String {
        switch action {
        case "create": CLIPhrase.wouldCreate.said
        case "update": CLIPhrase.wouldUpdate.said
        case "skip": CLIPhrase.wouldSkip.said
        default: action
        }
    }

    func json() throws -> Data {
        struct Row: Encodable { var line: Int; var action: String; var detail: String }
        struct Body: Encodable {
            var object = "import_summary"
            var file: String
            var dry_run: Bool
            var rows: Int
            var created: Int
            var updated: Int
            var skipped: Int
            var failed: Int
            var seconds: Double
            var stopped: String?
            var unknown_columns: [String]
            var failures: [Row]
            var actions: [Row]?
        }
        let sorted = outcomes.sorted { $0.key < $1.key }
        let body = Body(file: file, dry_run: dryRun, rows: outcomes.count, created: count("create"),
                        updated: count("update"), skipped: count("skip"), failed: count("fail"),
                        seconds: (seconds * 1000).rounded() / 1000, stopped: stop?.description,
                        unknown_columns: warnings,
                        failures: sorted.filter { $0.value.isFailure }.map {
                            Row(line: $0.key, action: "fail", detail: Says.outcome($0.value, in: .english))
                        },
                        actions: dryRun ? sorted.map {
                            Row(line: $0.key, action: $0.value.action, detail: Says.outcome($0.value, in: .english))
                        } : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(body)
    }
}

extension ImportPlan.Outcome {
    var isFailure: Bool { if case .fail = self { true } else { false } }
}

/// Lines on stderr in the `till: ` form, controls made visible (they quote the file and the API).
enum Diagnostics {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data(("till: " + sanitize(text) + "\n").utf8))
    }
}

/// A one-line progress bar on stderr (rows done, rate, time left), redrawn at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let enabled: Bool
    private var done = 0
    private let start = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant? = nil

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 0
    }

    func advance(by rows: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += rows
        let now = ContinuousClock.now
        if let lastDraw, now - lastDraw < .milliseconds(100), done < total { return }
        lastDraw = now
        draw(elapsed: (now - start).seconds)
    }

    /// Clears the bar so the summary starts on a clean line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(elapsed: Double) {
        let width = 30
        let filled = total == 0 ? width : min(width, done * width / total)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = "\r\u{1B}[K\(bar) " + CLIPhrase.progress.said("done", String(done), "total", String(total), "rate", String(format: "%.0f", rate), "left", Self.clock(left))
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
