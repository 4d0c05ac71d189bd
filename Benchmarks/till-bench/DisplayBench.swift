import Foundation
import Logging
import Synchronization
import TillCore
import TillStore
import TillTerminal
import TillView

/// The customer display's lag: from the till starting its write of a new display record (one
/// short transaction) to `till display` having read it (`DisplayWatch`: the change token every
/// 50 ms, then the record) and drawn its frame at 80×24. Writes come at random moments against
/// the watch's period, as a till's keys do. Goal: p99 ≤ 300 ms. SQLite (two connections, as two
/// processes), and PostgreSQL when `TILL_BENCH_POSTGRES_URL` names a server.
struct DisplayBench {
    let options: Options
    let report: Report

    func run() {
        report.begin("display", key: "display")
        let folder = NSTemporaryDirectory() + "till-bench-display-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let samples = options.quick ? 30 : 300
        do {
            let path = folder + "/shop.sqlite"
            let lags = try measure(samples: samples, till: try SQLiteShopStore(path: path),
                                   display: try SQLiteShopStore(path: path))
            add(lags, label: "SQLite", row: "sqlite.lag")
        } catch {
            report.fail("display: \(error)")
        }
        guard let url = ProcessInfo.processInfo.environment["TILL_BENCH_POSTGRES_URL"], !url.isEmpty else {
            report.add("postgres.lag", "display lag, PostgreSQL", "not measured (TILL_BENCH_POSTGRES_URL is not set)")
            return
        }
        do {
            let lags = try measure(samples: samples, till: try PostgresShopStore(url: url), display: try PostgresShopStore(url: url))
            add(lags, label: "PostgreSQL", row: "postgres.lag")
        } catch {
            report.fail("display, PostgreSQL: \(error)")
        }
    }

    private func add(_ lags: [Double], label: String, row: String) {
        let sorted = lags.sorted()
        let p99 = percentile(sorted, 0.99)
        report.add(row, "display lag, till write → display frame, \(label) (\(sorted.count))",
                   "p50 \(f1(percentile(sorted, 0.5))) ms, p99 \(f1(p99)) ms", goal: "p99 ≤ 300 ms", met: p99 <= 300)
    }

    /// Milliseconds from each write's start to the display's frame of it.
    private func measure(samples: Int, till: any ShopStore, display: any ShopStore) throws -> [Double] {
        let name = "bench-\(UUID().uuidString.prefix(8))"
        let seen = Mutex<[Int: Double]>([:])
        let arrived = NSCondition()
        let watch = DisplayWatch(store: display, till: name, logger: Logger(label: "bench"), changed: { record in
            guard let record, case .cart(let lines, _) = record.screen, let n = lines.first?.quantity else { return }
            _ = renderCustomerDisplay(record, till: name, shownFor: 0, size: Size(width: 80, height: 24))
            let now = monotonicSeconds()
            arrived.lock()
            seen.withLock { $0[n] = now }
            arrived.broadcast()
            arrived.unlock()
        })
        watch.start()
        defer { watch.stop() }
        var lags: [Double] = []
        for n in 1...samples {
            // A random moment against the watch's 50 ms period.
            Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.08))
            let record = CustomerDisplay(shopName: "Bench", screen: .cart(
                lines: [.init(name: "Flat white", quantity: n, amount: Money(minorUnits: Int64(320 * n), currency: .gbp))],
                total: Money(minorUnits: Int64(320 * n), currency: .gbp)))
            let start = monotonicSeconds()
            try till.showCustomer(record, till: name)
            arrived.lock()
            let deadline = Date().addingTimeInterval(5)
            while seen.withLock({ $0[n] }) == nil {
                guard arrived.wait(until: deadline) else {
                    arrived.unlock()
                    throw StoreBenchError(message: "the display never saw record \(n)")
                }
            }
            arrived.unlock()
            lags.append((seen.withLock { $0[n] }! - start) * 1000)
        }
        return lags
    }
}
