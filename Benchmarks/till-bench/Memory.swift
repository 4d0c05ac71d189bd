import Foundation
import GRDB
import TillCore
import TillApp
import TillConfig
import TillTerminal
import WooshPay
import WooshPaySandbox
#if canImport(Glibc)
import Glibc
#endif

/// Fills a sandbox database with a generated catalog for the account of `key`: one product and
/// price go through the API (so the account row and the rows' shape are the sandbox's own), the
/// catalog is then written in SQL in that shape, because 100,000 HTTP creates would take minutes.
func seedSandboxDatabase(path: String, key: String, catalog: Catalog) async throws {
    let sandbox = try await Sandbox.start(SandboxConfiguration(databasePath: path))
    let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: key, baseURL: sandbox.baseURL))
    let product = try await client.createProduct(ProductDraft(name: "Shape"))
    _ = try await client.createPrice(PriceDraft(product: .existing(id: product.id), amount: Money(minorUnits: 100, currency: .gbp)))
    await client.shutdown()
    await sandbox.stop()

    let database = try DatabaseQueue(path: path)
    try await database.write { db in
        guard let shape = try Row.fetchOne(db, sql: "SELECT account, created, metadata FROM products WHERE id = ?", arguments: [product.id]),
              let priceShape = try Row.fetchOne(db, sql: "SELECT currency, metadata FROM prices WHERE product = ?", arguments: [product.id]) else {
            throw BenchError("seed rows not found")
        }
        let account: String = shape["account"]
        let metadata: String = shape["metadata"]
        let priceMetadata: String = priceShape["metadata"]
        let upper = (priceShape["currency"] as String) == (priceShape["currency"] as String).uppercased()
        try db.execute(sql: "DELETE FROM prices WHERE product = ?", arguments: [product.id])
        try db.execute(sql: "DELETE FROM products WHERE id = ?", arguments: [product.id])
        let insertProduct = try db.makeStatement(sql: """
            INSERT INTO products (id, account, name, description, active, created, updated, metadata, url, images)
            VALUES (?, ?, ?, ?, 1, ?, ?, ?, NULL, NULL)
            """)
        let insertPrice = try db.makeStatement(sql: """
            INSERT INTO prices (id, account, product, currency, unit_amount, active, nickname, lookup_key, metadata, created)
            VALUES (?, ?, ?, ?, ?, 1, NULL, NULL, ?, ?)
            """)
        // Oldest first, so the newest (item 0) gets the highest sequence number and lists first.
        for (index, item) in catalog.items.enumerated().reversed() {
            let created = item.created * 1000
            try insertProduct.execute(arguments: [item.id, account, item.name, item.description, created, created, metadata])
            for (n, price) in item.prices.enumerated() {
                try insertPrice.execute(arguments: ["price_" + Catalog.base36(UInt64(index * 4 + n) &+ 0x2_0000_0000_0000, width: 14), account, item.id,
                                                    upper ? price.currency : price.currency.lowercased(), price.amount, priceMetadata, created])
            }
        }
    }
    try await database.close()
}

/// A fresh HOME for a real `till`, with its sandbox key.
struct TillHome {
    let folder: URL
    let environment: [String: String]
    let paths: TillPaths
    let key: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-bench-home-\(UUID().uuidString)")
        environment = ["HOME": folder.path, "TERM": "xterm-256color", "LANG": "C.UTF-8",
                       "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        paths = TillPaths(environment: environment)
        try TillPaths.ensureDirectory(paths.data)
        try TillPaths.ensureDirectory(paths.config)
        key = try SandboxKey.loadOrCreate(at: paths.sandboxKey)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

struct ProcessBench {
    var options: Options
    var report: Report

    // MARK: Start-up: real `till`, no key, embedded sandbox, fresh HOME, in a pty.

    func startup() {
        report.begin("start to first frame (real till, embedded sandbox)", key: "startup")
        guard let home = try? TillHome() else { report.fail("no temporary HOME"); return }
        defer { home.remove() }
        var times: [Double] = []
        for run in 0..<options.startupRuns {
            do {
                let start = monotonicSeconds()
                let terminal = try PseudoTerminal(command: [options.till], environment: home.environment, columns: 80, rows: 24)
                var seen: Double?
                let deadline = monotonicSeconds() + 10
                while seen == nil && monotonicSeconds() < deadline {
                    terminal.drain(waitMilliseconds: 1)
                    if String(decoding: terminal.output, as: UTF8.self).contains("SANDBOX") { seen = (monotonicSeconds() - start) * 1000 }
                }
                terminal.finish(quitKeys: Array("q".utf8))
                if let seen { times.append(seen) } else { report.fail("run \(run + 1): no first frame within 10 s") }
            } catch {
                report.fail("run \(run + 1): \(error)")
            }
        }
        guard let first = times.first else { return }
        report.add("first", "first run (creates the sandbox database)", "\(f1(first)) ms", goal: "≤ 200 ms", met: first <= 200)
        let warm = times.dropFirst().sorted()
        if !warm.isEmpty {
            let median = warm[warm.count / 2]
            report.add("later", "later runs, median of \(warm.count)", "\(f1(median)) ms (\(f1(warm.first!))–\(f1(warm.last!)))",
                       goal: "≤ 200 ms", met: median <= 200)
        }
    }

    // MARK: Catalog sync: N products from `till sandbox` into TillCore state, page by page.

    func sync() async {
        let count = options.syncProducts
        report.begin("catalog sync (\(grouped(Double(count))) products from the sandbox into state)", key: "sync")
        do {
            let home = try TillHome()
            defer { home.remove() }
            try await seedSandboxDatabase(path: home.paths.sandboxDatabase.path, key: home.key, catalog: Catalog(count: count))
            let server = try Server.tillSandbox(till: options.till, databasePath: home.paths.sandboxDatabase.path)
            defer { server.child.stop() }
            let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: home.key, baseURL: "http://127.0.0.1:\(server.port)"))
            defer { Task { await client.shutdown() } }
            let reducer = AppReducer(listRows: { _ in ListRows(products: 20, prices: 20, cart: 20, history: 20) })
            var best = Double.infinity
            var reducerShare = 0.0
            for _ in 0..<(options.quick ? 1 : 3) {
                var state = AppState(environment: EnvironmentInfo(mode: .sandbox, apiHost: "127.0.0.1"),
                                     settings: Settings(successURL: "http://127.0.0.1/ok", cancelURL: "http://127.0.0.1/no"),
                                     now: PureBench.epoch)
                let start = monotonicSeconds()
                var inReducer = 0.0
                // A refresh as `r` starts it: the reducer asks for each page in turn.
                var effects = reducer.reduce(into: &state, action: .products(.reloadRequested))
                var pages = 0
                while let cursorEffect = effects.first(where: { if case .loadProductsPage = $0 { true } else { false } }) {
                    guard case .loadProductsPage(let cursor) = cursorEffect else { break }
                    let result: Result<Page<Product>, APIFailure>
                    do { result = .success(try await client.listProducts(limit: 100, startingAfter: cursor)) } catch { result = .failure(error) }
                    if case .failure(let failure) = result { throw BenchError("list failed: \(failure)") }
                    let t0 = monotonicSeconds()
                    effects = reducer.reduce(into: &state, action: .catalog(.productsPageLoaded(startingAfter: cursor, result)))
                    inReducer += monotonicSeconds() - t0
                    pages += 1
                    if pages > count / 100 + 10 { throw BenchError("more pages than products") }
                }
                let elapsed = monotonicSeconds() - start
                guard state.catalog.items.count == count else {
                    throw BenchError("state holds \(state.catalog.items.count) products, expected \(count)")
                }
                if elapsed < best { best = elapsed; reducerShare = inReducer }
            }
            report.add("pages", "sync \(grouped(Double(count))) products, pages of 100 (best of \(options.quick ? 1 : 3))",
                       "\(grouped(best * 1000)) ms (reducer \(grouped(reducerShare * 1000)) ms, HTTP + decoding the rest)",
                       goal: count == 10_000 ? "≤ 1 s" : "", met: count == 10_000 ? best <= 1 : nil)
        } catch {
            report.fail("\(error)")
        }
    }

    // MARK: Memory and idle CPU of the real `till`, under tmux.

    /// Seeds a fresh HOME's sandbox with `count` generated products and their prices.
    func seededHome(count: Int) async -> TillHome? {
        do {
            let home = try TillHome()
            let seedStart = monotonicSeconds()
            try await seedSandboxDatabase(path: home.paths.sandboxDatabase.path, key: home.key, catalog: Catalog(count: count))
            print("  seeded \(count) products with prices in \(f1(monotonicSeconds() - seedStart)) s")
            return home
        } catch {
            report.fail("seeding: \(error)")
            return nil
        }
    }

    /// Waits until `pid` has used under 20 ms of CPU over half a second (the price sync that follows
    /// a load and the cache save are done); false when it never settles within `seconds`.
    func waitIdle(pid: pid_t, seconds: Double) -> Bool {
        let deadline = monotonicSeconds() + seconds
        var last = cpuSeconds(pid: pid) ?? 0
        while monotonicSeconds() < deadline {
            usleep(500_000)
            guard let now = cpuSeconds(pid: pid) else { return false }
            if now - last < 0.02 { return true }
            last = now
        }
        return false
    }

    /// The real `till` in a tmux session, started and followed until its catalog loaded.
    struct RunningTill {
        var pid: pid_t
        var firstFrame: Double?
        var loaded: Double
    }

    func startTill(socket: String, session: String, exports: String, count: Int) -> RunningTill? {
        let start = monotonicSeconds()
        _ = shell("tmux -L \(socket) -f /dev/null new-session -d -s \(session) -x 80 -y 24 \"env -i \(exports) '\(options.till)'; sleep 600\"")
        var firstFrame: Double?, loaded: Double?
        let deadline = monotonicSeconds() + 900
        while loaded == nil && monotonicSeconds() < deadline {
            let text = shell("tmux -L \(socket) capture-pane -p -t \(session)")
            if firstFrame == nil && text.contains("SANDBOX") { firstFrame = (monotonicSeconds() - start) * 1000 }
            if text.contains("Loaded \(groupedDigits(count)) products.") { loaded = (monotonicSeconds() - start) * 1000 }
            if loaded == nil { usleep(firstFrame == nil ? 5_000 : 50_000) }
        }
        let panePID = shell("tmux -L \(socket) display -p -t \(session) '#{pane_pid}'").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let loaded, let pid = shell("cat /proc/\(panePID)/task/\(panePID)/children").split(separator: " ").first.flatMap({ pid_t(String($0)) }) else {
            return nil
        }
        return RunningTill(pid: pid, firstFrame: firstFrame, loaded: loaded)
    }

    /// Four tills on one host and one account, each with the whole catalog: private memory of each,
    /// then keystrokes through Till's engine in a pty while the other three sit idle (their timers,
    /// the shop store's change checks and the shared sandbox included).
    func tills(count: Int) async {
        report.begin("four tills on one host (\(grouped(Double(count))) products each)", key: "tills")
        guard shell("command -v tmux").contains("tmux") else { report.fail("tmux is not installed"); return }
        guard let home = await seededHome(count: count) else { return }
        defer { home.remove() }
        let socket = "till-bench-\(UUID().uuidString.prefix(8))"
        defer { _ = shell("tmux -L \(socket) kill-server") }
        let exports = home.environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        var running: [RunningTill] = []
        for n in 0..<4 {
            guard let till = startTill(socket: socket, session: "t\(n)", exports: exports, count: count) else {
                report.fail("till \(n + 1) never loaded its catalog; screen:\n\(shell("tmux -L \(socket) capture-pane -p -t t\(n)"))")
                return
            }
            _ = waitIdle(pid: till.pid, seconds: 300)
            running.append(till)
        }
        for till in running { _ = waitIdle(pid: till.pid, seconds: 120) }
        let privates = running.map { Double(procStatusKiB(pid: $0.pid, field: "RssAnon:") ?? 0) / 1024 }
        let residents = running.map { Double(procStatusKiB(pid: $0.pid, field: "VmRSS:") ?? 0) / 1024 }
        report.add("private", "private memory of each of four tills (resident)",
                   privates.map { f1($0) }.joined(separator: ", ") + " MiB (resident " + residents.map { f1($0) }.joined(separator: ", ")
                   + " MiB); \(f1(privates.reduce(0, +))) MiB private together")
        // The fourth till's keys, measured as the keys section measures them (key → end of doupdate).
        _ = shell("tmux -L \(socket) send-keys -t t3 q")
        _ = shell("tmux -L \(socket) kill-session -t t3")
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        do {
            let cpuBefore = running.prefix(3).map { cpuSeconds(pid: $0.pid) ?? 0 }
            let started = monotonicSeconds()
            let scenario = try measureTerminal(command: [me, "child", "--products", "\(count)"], keys: options.keys, filterQuery: "product 0123")
            let elapsed = monotonicSeconds() - started
            let others = zip(running.prefix(3), cpuBefore).map { ((cpuSeconds(pid: $0.pid) ?? 0) - $1) / elapsed * 100 }
            report.add("keystroke", "the fourth till's keys with three idle tills beside it: cursor move / filter keystroke, key → end of doupdate",
                       "p99 \(f3(scenario.moves.percentile(0.99))) ms / \(f3(scenario.filters.percentile(0.99))) ms "
                       + "(p50 \(f3(scenario.moves.percentile(0.5))) / \(f3(scenario.filters.percentile(0.5)))); the three idle tills used "
                       + others.map { f2($0) }.joined(separator: ", ") + " % of a core")
        } catch {
            report.fail("keys beside three tills: \(error)")
        }
    }

    func memory(count: Int, key: String) async {
        let million = key == "scale"
        let prefix = million ? "1m." : ""
        report.begin("real till with \(grouped(Double(count))) products (resident memory\(million ? "" : ", idle CPU"))", key: key)
        guard shell("command -v tmux").contains("tmux") else { report.fail("tmux is not installed"); return }
        guard let home = await seededHome(count: count) else { return }
        defer { home.remove() }
        if let keep = options.keepSeeded, !million {
            do {
                try? FileManager.default.removeItem(atPath: keep)
                try FileManager.default.copyItem(at: home.folder, to: URL(fileURLWithPath: keep))
                print("  seeded HOME kept in \(keep)")
            } catch {
                report.note("--keep-seeded: \(error)")
            }
        }
        let socket = "till-bench-\(UUID().uuidString.prefix(8))"
        defer { _ = shell("tmux -L \(socket) kill-server") }
        let exports = home.environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        func screen() -> String { shell("tmux -L \(socket) capture-pane -p -t t") }
        func waitFor(_ text: String, seconds: Double) -> Bool {
            let deadline = monotonicSeconds() + seconds
            while monotonicSeconds() < deadline {
                if screen().contains(text) { return true }
                usleep(50_000)
            }
            return false
        }
        for (run, label) in ["first start (from the API)", "second start (cached catalog, refreshed behind it)"].enumerated() {
            guard let till = startTill(socket: socket, session: "t", exports: exports, count: count) else {
                report.fail("\(label): catalog never loaded; screen:\n\(screen())")
                _ = shell("tmux -L \(socket) kill-session -t t")
                continue
            }
            let pid = till.pid
            // After the price sync that follows the load, and the cache save: the state a till keeps.
            let settled = waitIdle(pid: pid, seconds: million ? 600 : 120)
            if !settled { report.note("\(label): still busy after the wait; memory read anyway") }
            let rss = procStatusKiB(pid: pid, field: "VmRSS:") ?? 0
            let anonymous = procStatusKiB(pid: pid, field: "RssAnon:") ?? 0
            let files = procStatusKiB(pid: pid, field: "RssFile:") ?? 0
            let privateMiB = Double(anonymous) / 1024, residentMiB = Double(rss) / 1024
            report.add(prefix + (run == 0 ? "first.resident" : "second.resident"), "\(label), after the price sync: resident",
                       "\(f1(residentMiB)) MiB (private \(f1(privateMiB)) MiB, mapped files \(f1(Double(files) / 1024)) MiB)",
                       goal: million ? "private ≤ 300 MiB" : "private ≤ 30 MiB, resident ≤ 72 MiB",
                       met: million ? privateMiB <= 300 : privateMiB <= 30 && residentMiB <= 72)
            let frame = till.firstFrame ?? -1
            report.add(prefix + (run == 0 ? "first.times" : "second.times"), "\(label): first frame, all loaded",
                       "\(grouped(frame)) ms, \(grouped(till.loaded)) ms",
                       goal: run == 1 ? "first frame ≤ 200 ms" : "", met: run == 1 ? (frame >= 0 && frame <= 200) : nil)
            if run == 0 {
                let smaps = shell("cat /proc/\(pid)/smaps_rollup")
                print(smaps.split(separator: "\n").prefix(8).map { "    " + $0 }.joined(separator: "\n"))
                largestMappings(pid: pid)
            }
            if run == 1 && !million { idleCPU(pid: pid, screen: screen, waitFor: waitFor, send: { keys in _ = shell("tmux -L \(socket) send-keys -t t \(keys)") }) }
            _ = shell("tmux -L \(socket) send-keys -t t q")
            usleep(500_000)
            _ = shell("tmux -L \(socket) kill-session -t t")
        }
    }

    /// Where the resident memory is, by mapping (the ten largest), printed for the notes.
    func largestMappings(pid: pid_t) {
        let smaps = shell("cat /proc/\(pid)/smaps")
        var current = ""
        var sizes: [String: Int] = [:]
        for line in smaps.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = parts.first, first.contains("-"), parts.count >= 5 {
                current = parts.count >= 6 ? String(parts[5...].joined(separator: " ")).components(separatedBy: "/").last ?? "" : "[anonymous]"
                if current.isEmpty { current = "[anonymous]" }
            } else if parts.first == "Rss:", let kib = Int(parts[1]) {
                sizes[current, default: 0] += kib
            }
        }
        let top = sizes.sorted { $0.value > $1.value }.prefix(10)
        print("    resident by mapping: " + top.map { "\($0.key) \(f1(Double($0.value) / 1024)) MiB" }.joined(separator: ", "))
    }

    /// Opens a checkout session from the loaded catalog (product → price → cart → checkout) and
    /// measures the CPU `till` uses over 10 s while it polls the session.
    func idleCPU(pid: pid_t, screen: () -> String, waitFor: (String, Double) -> Bool, send: (String) -> Void) {
        send("Enter")          // the selected product's prices
        usleep(1_500_000)
        send("Enter")          // add the selected price to the cart
        usleep(500_000)
        send("3")              // cart
        usleep(300_000)
        send("Enter")          // checkout form (Enter on the cart's empty quick-add line)
        usleep(500_000)
        send("Enter")          // create the session: the session pane polls it
        guard waitFor("cs_", 10) else {
            report.fail("no checkout session on screen; screen:\n\(screen())")
            return
        }
        usleep(1_000_000)
        guard let before = cpuSeconds(pid: pid) else { report.fail("cannot read CPU time"); return }
        let seconds = options.quick ? 3.0 : 10.0
        usleep(UInt32(seconds * 1_000_000))
        guard let after = cpuSeconds(pid: pid) else { report.fail("cannot read CPU time"); return }
        let share = (after - before) / seconds * 100
        report.add("idle-cpu", "idle CPU over \(Int(seconds)) s, open session being polled", "\(f2(share)) % of one core (\(grouped((after - before) * 1000)) ms CPU)")
    }
}

/// Run a shell command and return its stdout (posix_spawn, output through a temporary file).
func shell(_ command: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)").path
    defer { unlink(path) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let parts: [String] = ["/bin/sh", "-c", command]
    let argv = parts.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ) == 0 else { return "" }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}
