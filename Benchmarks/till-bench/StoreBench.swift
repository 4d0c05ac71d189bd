import Foundation
import Synchronization
import TillCore
import TillStore

/// The shop store (SQLite, WAL, one short `BEGIN IMMEDIATE` transaction per change): a park, a
/// resume (the compare-and-set claim) and a journal append, p50/p99, for one till alone and for 8
/// tills at once (8 threads, each with its own connection, as 8 processes would have). The same
/// rows for PostgreSQL when `TILL_BENCH_POSTGRES_URL` names a server (`Benchmarks/run` starts a
/// throwaway one on loopback with `.ci/postgres` when it can).
struct StoreBench {
    let options: Options
    let report: Report

    func run() {
        report.begin("store", key: "store")
        let folder = NSTemporaryDirectory() + "till-bench-store-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let operations = options.quick ? 100 : 1_000
        do {
            let alone = try measure(tills: 1, operations: operations) {
                try SQLiteShopStore(path: folder + "/alone.sqlite", busyTimeout: 30)
            }
            add(alone, key: "sqlite.1", label: "1 till")
            let eight = try measure(tills: 8, operations: operations / 4) {
                try SQLiteShopStore(path: folder + "/eight.sqlite", busyTimeout: 30)
            }
            add(eight, key: "sqlite.8", label: "8 tills at once")
        } catch {
            report.fail("\(error)")
        }
        guard let url = ProcessInfo.processInfo.environment["TILL_BENCH_POSTGRES_URL"], !url.isEmpty else {
            report.add("postgres", "PostgreSQL", "not measured (TILL_BENCH_POSTGRES_URL is not set)")
            return
        }
        do {
            // Each run under accounts of its own, so the journal read in each append starts empty.
            let run = UUID().uuidString.prefix(8)
            let alone = try measure(tills: 1, operations: operations, account: "bench-\(run)-1") {
                try PostgresShopStore(url: url)
            }
            add(alone, key: "postgres.1", label: "PostgreSQL, 1 till")
            let eight = try measure(tills: 8, operations: operations / 4, account: "bench-\(run)-8") {
                try PostgresShopStore(url: url)
            }
            add(eight, key: "postgres.8", label: "PostgreSQL, 8 tills at once")
        } catch {
            report.fail("PostgreSQL: \(error)")
        }
    }

    /// Milliseconds per operation of each kind, all tills together, sorted.
    struct Timings {
        var park: [Double] = [], resume: [Double] = [], journal: [Double] = []
    }

    private func add(_ timings: Timings, key: String, label: String) {
        for (row, name, values) in [("park", "park", timings.park), ("resume", "resume (claim)", timings.resume),
                                    ("journal", "journal append", timings.journal)] {
            let sorted = values.sorted()
            report.add("\(key).\(row)", "\(name), \(label) (\(sorted.count))",
                       "p50 \(f2(percentile(sorted, 0.5))) ms, p99 \(f2(percentile(sorted, 0.99))) ms")
        }
    }

    /// - Parameter open: opens one till's connection to the store (the first also creates it).
    private func measure(tills: Int, operations: Int, account: String = "bench",
                         open: () throws -> any ShopStore) throws -> Timings {
        let stores = try (0..<tills).map { _ in try open() }
        let results = Mutex<Timings>(Timings())
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: tills) { index in
            let store = stores[index]
            var local = Timings()
            let clock = ContinuousClock()
            func time(_ body: () throws -> Void) rethrows -> Double {
                let start = clock.now
                try body()
                let elapsed = clock.now - start
                return Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            }
            do {
                let cart = try Cart(lines: [CartLine(item: .oneOff(name: "Tea"), unitAmount: Money(minorUnits: 250, currency: .gbp))])
                for n in 0..<operations {
                    let id = "T\(index)-\(n)"
                    let ticket = ParkedTicket(id: id, label: id, content: .cart(cart), parkedAt: Date(), till: "T\(index)")
                    local.park.append(try time { try store.park(ticket, account: account) })
                    local.resume.append(try time {
                        _ = try store.claimParked(id: id, account: account, till: "T\(index)", purpose: .resume, now: Date())
                    })
                    // The runtime's append: one row, whatever the journal's length.
                    local.journal.append(try time {
                        try store.applyJournal(.begin(RefundJournal.Entry(idempotencyKey: id, sessionId: "cs_1", paymentIntentId: "pi_1",
                                                                          amount: Money(minorUnits: 1, currency: .gbp), created: Date())),
                                               account: account)
                    })
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
            results.withLock { all in
                all.park += local.park
                all.resume += local.resume
                all.journal += local.journal
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw StoreBenchError(message: failure) }
        return results.withLock { $0 }
    }
}

struct StoreBenchError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
