import Foundation

/// Every row `till-bench` can print, by id (`section.row`). docs/performance.md's results table
/// lists the same ids in its first column; `till-bench check-doc` (run by `--quick`, so CI) fails
/// when either side has a row the other lacks, so the document cannot fall behind the benchmark.
enum BenchRows {
    static let sandboxOperations = ["product-create", "product-retrieve", "product-list", "price-create", "session-create", "session-retrieve"]
    static let scales = ["10k", "100k", "1m"]

    static let all: [String] = {
        var rows = [
            "filter.load", "filter.p50", "filter.p99", "filter.first", "filter.made-here",
            "quickadd.p50", "quickadd.p99",
            "view.move", "view.page", "view.noop", "view.filter",
            "qr.80x24", "qr.120x40",
        ]
        for key in ["move", "scroll", "page", "filter"] { rows += ["keys.\(key).time", "keys.\(key).bytes"] }
        rows += ["keys.noop.bytes", "keys.first-paint", "keys.repaint", "keys.resident", "keys.mixed.move", "keys.mixed.filter",
                 "startup.first", "startup.later", "sync.pages"]
        // What each structure of a till holds with the catalog in state (in process, malloc's count).
        for scale in scales {
            rows += ["breakdown.\(scale).items", "breakdown.\(scale).index", "breakdown.\(scale).memo",
                     "breakdown.\(scale).prices", "breakdown.\(scale).cache", "breakdown.\(scale).total",
                     "breakdown.\(scale).filter-p99", "breakdown.\(scale).load"]
        }
        rows += ["breakdown.sandbox"]
        for operation in sandboxOperations {
            rows += ["sandbox.\(operation).sequential", "sandbox.\(operation).16-clients"]
        }
        rows += ["sandbox.product-retrieve.round-trip", "sandbox.nginx.sequential", "sandbox.nginx.16-clients",
                 "sandbox.vs-nginx.sequential", "sandbox.vs-nginx.16-clients", "sandbox.cli"]
        rows += ["memory.first.resident", "memory.first.times", "memory.second.resident", "memory.second.times", "memory.idle-cpu",
                 "scale.1m.first.resident", "scale.1m.first.times", "scale.1m.second.resident", "scale.1m.second.times",
                 "tills.private", "tills.keystroke"]
        rows += ["import.rows", "import.again", "store.postgres"]
        for backend in ["sqlite", "postgres"] {
            for tills in ["1", "8"] {
                for operation in ["park", "resume", "journal"] { rows.append("store.\(backend).\(tills).\(operation)") }
            }
        }
        rows += ["display.sqlite.lag", "display.postgres.lag"]
        return rows
    }()

    /// The ids in the first column of the table under the document's "## Results" heading.
    static func documented(in text: String) -> [String] {
        var ids: [String] = []
        var inResults = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { inResults = line == "## Results" }
            guard inResults, line.hasPrefix("| `") else { continue }
            let cell = line.dropFirst(3)
            guard let end = cell.firstIndex(of: "`") else { continue }
            ids.append(String(cell[..<end]))
        }
        return ids
    }

    /// What differs between the document's table and this list, in words; empty when they agree.
    static func disagreements(document text: String) -> [String] {
        let documented = documented(in: text)
        var problems: [String] = []
        let listed = Set(all)
        let inDocument = Set(documented)
        for id in all where !inDocument.contains(id) { problems.append("row `\(id)` is in the benchmark but not in the document's table") }
        for id in documented where !listed.contains(id) { problems.append("row `\(id)` is in the document's table but not in the benchmark") }
        var seen = Set<String>()
        for id in documented where !seen.insert(id).inserted { problems.append("row `\(id)` is in the document's table twice") }
        return problems
    }
}

/// `till-bench check-doc [PATH]`: exit 1 when docs/performance.md and `BenchRows.all` disagree.
func checkDocument(path: String) -> Bool {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        print("check-doc: cannot read \(path)")
        return false
    }
    let problems = BenchRows.disagreements(document: text)
    if problems.isEmpty {
        print("check-doc: \(path) lists the benchmark's \(BenchRows.all.count) rows")
        return true
    }
    print("check-doc: \(path) and the benchmark's rows disagree (regenerate its table from a run of Benchmarks/run):")
    for problem in problems { print("  - \(problem)") }
    return false
}
