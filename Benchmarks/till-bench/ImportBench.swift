import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `till products import` of a shop-sized CSV into the embedded sandbox: the real binary, a fresh
/// HOME and no key, as a shop's first import runs (issue #26: 10,000 rows in under 30 s).
struct ImportBench {
    var options: Options
    var report: Report

    func run() {
        let rows = options.quick ? 1_000 : 10_000
        report.begin("catalog import (\(grouped(Double(rows))) CSV rows into the embedded sandbox, real till)", key: "import")
        do {
            let home = try TillHome()
            defer { home.remove() }
            // A product in three has a second price (same name, another SKU), as a shop's sizes do.
            var text = "name,description,price,currency,sku,nickname\n"
            var line = 0
            var product = 0
            while line < rows {
                text += "Item \(product),Shelf \(product % 40),\(product % 50).\(String(format: "%02d", product % 100)),GBP,"
                    + String(format: "50%011d", line) + ",Regular\n"
                line += 1
                if product % 3 == 0, line < rows {
                    text += "Item \(product),,\(product % 50 + 1).00,GBP," + String(format: "50%011d", line) + ",Large\n"
                    line += 1
                }
                product += 1
            }
            let file = home.folder.appendingPathComponent("catalog.csv")
            try Data(text.utf8).write(to: file)

            let start = monotonicSeconds()
            let (status, output) = runTill(["products", "import", file.path, "--json"], environment: home.environment)
            let elapsed = monotonicSeconds() - start
            guard status == 0,
                  let summary = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
                  summary["created"] as? Int == rows else {
                throw BenchError("the import did not create every row (exit \(status)): \(output.prefix(400))")
            }
            report.add("rows", "import \(grouped(Double(rows))) rows (\(product) products), start to exit",
                       "\(f1(elapsed)) s (\(grouped(Double(rows) / elapsed)) rows/s)",
                       goal: rows == 10_000 ? "< 30 s" : "", met: rows == 10_000 ? elapsed < 30 : nil)

            let again = monotonicSeconds()
            let (rerun, second) = runTill(["products", "import", file.path, "--json"], environment: home.environment)
            guard rerun == 0, second.contains("\"skipped\":\(rows)") else {
                throw BenchError("the second run did not skip every row (exit \(rerun)): \(second.prefix(400))")
            }
            report.add("again", "the same file again (every row skipped)", "\(f1(monotonicSeconds() - again)) s")
        } catch {
            report.fail("\(error)")
        }
    }

    /// Runs the real `till` to its end; its stdout, and its stderr after it when it failed.
    func runTill(_ arguments: [String], environment: [String: String]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: options.till)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return (-1, "\(error)") }
        let errors = ThreadResult()
        Thread.detachNewThread { errors.set(err.fileHandleForReading.readDataToEndOfFile()) }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        return (process.terminationStatus, process.terminationStatus == 0 ? text : text + String(decoding: errors.get(), as: UTF8.self))
    }
}

/// A value one thread sets and another waits for.
final class ThreadResult: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Data?

    func set(_ data: Data) {
        condition.lock()
        value = data
        condition.signal()
        condition.unlock()
    }

    func get() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}
