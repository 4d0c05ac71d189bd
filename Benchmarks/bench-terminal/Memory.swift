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

/// `bench-terminal memory --till PATH [--products N]`: the real `till` with N products in its
/// embedded sandbox. Seeds the sandbox database of a fresh HOME (the first 2,000 products through
/// the API, the rest copied in SQL in the same shape, because 100,000 HTTP creates take over 20
/// minutes on a shared 2-core machine), starts `till` in
/// an 80×24 pseudo-terminal, waits until the whole catalog is loaded (page by page, in the
/// background), and reads its resident memory. A second start shows the cached catalog.
func runMemory() async throws {
    guard let till = option("--till") else { throw BenchError("memory needs --till PATH") }
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("till-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: home) }
    let environment = ["HOME": home.path, "TERM": "xterm-256color", "LANG": "C.UTF-8",
                       "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    let directories = TillPaths(environment: environment)
    try TillPaths.ensureDirectory(directories.data)
    let key = try SandboxKey.loadOrCreate(at: directories.sandboxKey)

    // Seed: N products through the API, 16 at a time.
    let seedStart = Date()
    let sandbox = try await Sandbox.start(SandboxConfiguration(databasePath: directories.sandboxDatabase.path))
    let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: key, baseURL: sandbox.baseURL))
    let count = productCount
    let throughAPI = min(count, 2_000)
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<16 {
            group.addTask {
                var i = worker
                while i < throughAPI {
                    _ = try await client.createProduct(ProductDraft(name: "Product \(String(format: "%06d", i))"))
                    i += 16
                }
            }
        }
        try await group.waitForAll()
    }
    await client.shutdown()
    await sandbox.stop()
    if count > throughAPI {
        // The rest: copies of the API-made rows (same account, timestamps, shape), new ids and names.
        let database = try DatabaseQueue(path: directories.sandboxDatabase.path)
        try await database.write { db in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
                INSERT INTO products (id, account, name, description, active, created, updated, metadata, url, images)
                SELECT 'prod_' || (7000000000000000000 + i), p.account, printf('Product %06d', i), NULL, 1,
                       p.created, p.updated, '{}', NULL, NULL
                FROM n, (SELECT account, created, updated FROM products ORDER BY seq LIMIT 1) AS p
                """, arguments: [throughAPI, count])
        }
        try await database.close()
    }
    print(String(format: "seeded %d products in %.1f s", count, Date().timeIntervalSince(seedStart)))
    fflush(nil)

    // The screen is read through tmux (the byte stream only carries the changed cells).
    let socket = "till-bench-\(UUID().uuidString)"
    defer { _ = shell("tmux -L \(socket) kill-server") }
    let exports = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
    for run in ["first start (loads from the API)", "second start (cached catalog, refresh behind it)"] {
        let start = monotonicNanos()
        _ = shell("tmux -L \(socket) -f /dev/null new-session -d -s t -x 80 -y 24 \"env -i \(exports) '\(till)'; sleep 600\"")
        var firstFrame: Double?, loaded: Double?
        let deadline = Date().addingTimeInterval(600)
        while loaded == nil && Date() < deadline {
            let screen = shell("tmux -L \(socket) capture-pane -p -t t")
            if firstFrame == nil && screen.contains("SANDBOX") {
                firstFrame = Double(monotonicNanos() - start) / 1_000_000
            }
            if screen.contains("Loaded \(count) products.") {
                loaded = Double(monotonicNanos() - start) / 1_000_000
            }
            if loaded == nil { usleep(50_000) }
        }
        usleep(2_000_000)  // let the cache save and the heap settle
        let panePID = shell("tmux -L \(socket) display -p -t t '#{pane_pid}'").trimmingCharacters(in: .whitespacesAndNewlines)
        let child = shell("cat /proc/\(panePID)/task/\(panePID)/children").split(separator: " ").first.map(String.init) ?? ""
        let rss = pid_t(child).flatMap { procStatusKiB(pid: $0, field: "VmRSS:") }
        let anonymous = pid_t(child).flatMap { procStatusKiB(pid: $0, field: "RssAnon:") }
        let lastScreen = shell("tmux -L \(socket) capture-pane -p -t t")
        _ = shell("tmux -L \(socket) send-keys -t t q")
        usleep(1_000_000)
        _ = shell("tmux -L \(socket) kill-session -t t")
        print(String(format: "%@: first frame %.0f ms, all %d loaded at %@ ms, resident %@ (private %@)",
                     run, firstFrame ?? -1, count, loaded.map { String(format: "%.0f", $0) } ?? "never",
                     rss.map { "\($0 / 1024) MiB" } ?? "?", anonymous.map { "\($0 / 1024) MiB" } ?? "?"))
        if loaded == nil { print(lastScreen) }
        fflush(nil)
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
