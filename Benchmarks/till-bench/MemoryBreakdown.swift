import Foundation
import TillCore
import TillTerminal
import WooshPay
import WooshPaySandbox
import TillView
#if canImport(Glibc)
import Glibc
#endif

/// This process's private (anonymous) resident memory in bytes, after giving the heap's free pages
/// back to the system: what the structure just built costs the machine, fragmentation included.
/// (malloc.h is not in Glibc's Swift module, so glibc's malloc_trim is looked up by name.)
func heapInUse() -> Int {
    #if canImport(Glibc)
    if let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") {
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
    }
    #endif
    return (procStatusKiB(pid: getpid(), field: "RssAnon:") ?? 0) * 1024
}

func mib(_ bytes: Int) -> String { f1(Double(bytes) / 1_048_576) + " MiB" }

/// Where a till's private memory goes, structure by structure, at 10k, 100k and 1M products: the
/// state a real till holds after a catalog load and the price sync that follows, built through
/// the app reducer in this process and weighed by the process's private memory before and after each step.
/// A regression then shows as a row (items, search index, ranking memo, price sync, cache), not as
/// one figure for the whole process.
struct MemoryBreakdown {
    var options: Options
    var report: Report

    /// The catalog's products as the adapter makes them: every string a fresh allocation (a
    /// generated name shared with the generator would not be counted).
    static func decodedProducts(_ catalog: Catalog) -> [Product] {
        catalog.items.map { item in
            Product(id: String(decoding: Array(item.id.utf8), as: UTF8.self), name: String(decoding: Array(item.name.utf8), as: UTF8.self),
                    description: item.description.map { String(decoding: Array($0.utf8), as: UTF8.self) }, active: true,
                    created: Date(timeIntervalSince1970: Double(item.created)))
        }
    }

    /// The same as the catalog keeps them (`CatalogItems`), built in a call of its own so that
    /// nothing of the decoded products outlives it.
    static func decodedItems(count: Int) -> CatalogItems {
        var items = CatalogItems(decodedProducts(Catalog(count: count)))
        items.shrinkToFit()
        return items
    }

    /// The catalog's active prices, newest first, as the price sync receives them.
    static func decodedPrices(_ catalog: Catalog) -> [Price] {
        var prices: [Price] = []
        prices.reserveCapacity(catalog.priceCount)
        for (index, item) in catalog.items.enumerated() {
            for (n, spec) in item.prices.enumerated() {
                prices.append(Price(id: "price_" + Catalog.base36(UInt64(index * 4 + n) &+ 0x2_0000_0000_0000, width: 14),
                                    productId: String(decoding: Array(item.id.utf8), as: UTF8.self),
                                    currency: Currency(apiCode: spec.currency), unitAmount: spec.amount,
                                    created: Date(timeIntervalSince1970: Double(item.created))))
            }
        }
        return prices
    }

    func run() async {
        let scales: [(key: String, count: Int)] = options.quick ? [("10k", 10_000)]
            : [("10k", 10_000), ("100k", 100_000)] + (options.scaleMillion ? [("1m", 1_000_000)] : [])
        for (key, count) in scales { await measure(key: key, count: count) }
        if !options.quick || options.only != nil { await sandbox(count: options.quick ? 10_000 : 100_000) }
    }

    func measure(key: String, count: Int) async {
        report.begin("memory by structure (\(grouped(Double(count))) products, in process, private memory)", key: "breakdown")
        let clock = ContinuousClock()
        func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
        let reducer = AppReducer(listRows: Layout.listRows)
        let start = heapInUse()

        // The catalog as the state keeps it, the decoded products it came from freed.
        var items = MemoryBreakdown.decodedItems(count: count)
        let afterItems = heapInUse()

        // A first load as the app does it: one refresh whose answer is the whole catalog (pages
        // only change how it arrives), then the price sync it starts. The state keeps its own
        // copy of the items, so the one weighed above goes once it is in: the difference is the index.
        var products = Array(items)
        var state = PureBench.freshState(reducer, products: [])
        _ = reducer.reduce(into: &state, action: .products(.reloadRequested))
        let load = ms(clock.measure {
            _ = reducer.reduce(into: &state, action: .catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: products, hasMore: false)))))
        })
        products = []
        items = CatalogItems()
        let afterIndex = heapInUse()

        _ = reducer.reduce(into: &state, action: .products(.filterStarted))
        var times: [Double] = []
        for query in ["creme", "latte 12", "e", "抹茶", "☕ mocha", "prod_0000"] {
            for character in query {
                times.append(ms(clock.measure { _ = reducer.reduce(into: &state, action: .products(.filterEdited(.inserted(String(character))))) }))
            }
            for _ in query {
                times.append(ms(clock.measure { _ = reducer.reduce(into: &state, action: .products(.filterEdited(.deletedBackward))) }))
            }
        }
        let afterMemo = heapInUse()

        var prices = MemoryBreakdown.decodedPrices(Catalog(count: count))
        var cursor: String?
        var offset = 0
        while offset < prices.count {
            let page = Array(prices[offset..<min(offset + 100, prices.count)])
            offset += page.count
            _ = reducer.reduce(into: &state, action: .catalog(.catalogPricesPageLoaded(
                startingAfter: cursor, .success(Page(items: page, hasMore: offset < prices.count)))))
            cursor = page.last?.id
        }
        prices = []
        let afterPrices = heapInUse()
        guard state.catalog.pricesSynced, state.catalog.items.count == count else {
            report.fail("\(key): the price sync did not complete in state")
            return
        }

        // The catalog cache, saved and read back as a start does (SQLite, its pages released).
        var cacheBytes = 0
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-bench-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let before = heapInUse()
            let cache = try CatalogCache(path: folder.appendingPathComponent("catalog.sqlite").path, account: "bench")
            try await cache.save(state.catalog.items)
            let loaded = try await cache.load()
            guard loaded.count == count else { throw BenchError("the cache gave back \(loaded.count) products") }
            cacheBytes = heapInUse() - before - loaded.footprint
            withExtendedLifetime(cache) {}
        } catch {
            report.fail("\(key): catalog cache: \(error)")
        }

        times.sort()
        let p99 = percentile(times, 0.99)
        let p99Goal = count >= 1_000_000 ? 10.0 : 5.0
        let label = "\(grouped(Double(count))) products"
        report.add("\(key).items", "\(label): catalog items (`CatalogItems`: one UTF-8 buffer, 16-byte records)", mib(afterItems - start))
        report.add("\(key).index", "\(label): search index and the list's rows", mib(afterIndex - afterItems))
        report.add("\(key).memo", "\(label): ranking memo after \(times.count) filter keys", mib(afterMemo - afterIndex))
        report.add("\(key).prices", "\(label): price sync (\(grouped(Double(state.catalog.catalogPrices.count))) products' active prices, codes, the index again)",
                   mib(afterPrices - afterMemo))
        report.add("\(key).cache", "\(label): catalog cache (SQLite, after a save and a load)", mib(max(cacheBytes, 0)))
        report.add("\(key).total", "\(label): all of the above", mib(afterPrices - start + max(cacheBytes, 0)))
        report.add("\(key).filter-p99", "\(label): filter keystroke through the reducer (\(times.count) keys), p99",
                   "\(f3(p99)) ms", goal: "≤ \(Int(p99Goal)) ms", met: p99 <= p99Goal)
        report.add("\(key).load", "\(label): catalog into state (one refresh answer, search keys built)", "\(f1(load)) ms")
        withExtendedLifetime(state) {}
    }

    /// The embedded sandbox, in this process as `till` runs it, after serving the whole catalog
    /// page by page (its SQLite caches, its event loops and buffers).
    func sandbox(count: Int) async {
        report.begin("memory by structure (\(grouped(Double(count))) products, in process, private memory)", key: "breakdown")
        do {
            let home = try TillHome()
            defer { home.remove() }
            try await seedSandboxDatabase(path: home.paths.sandboxDatabase.path, key: home.key, catalog: Catalog(count: count))
                let before = heapInUse()
            let sandbox = try await Sandbox.start(SandboxConfiguration(databasePath: home.paths.sandboxDatabase.path))
            let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: home.key, baseURL: sandbox.baseURL))
            var cursor: String?
            var seen = 0
            repeat {
                let page = try await client.listProducts(limit: 100, startingAfter: cursor)
                seen += page.items.count
                cursor = page.nextCursor
            } while cursor != nil
            await client.shutdown()
                let after = heapInUse()
            report.add("sandbox", "the embedded sandbox after serving \(grouped(Double(seen))) products in pages of 100 (its client shut down)",
                       mib(after - before))
            await sandbox.stop()
        } catch {
            report.fail("embedded sandbox: \(error)")
        }
    }
}
