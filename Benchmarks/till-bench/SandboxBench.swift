import Foundation
import Synchronization
import WooshPaySandbox
#if canImport(Glibc)
import Glibc
#endif

/// A test secret key, built from parts so no tracked text looks like a key.
func benchSecretKey() -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    var random = SplitMix64(seed: UInt64(getpid()) &* 7919 &+ UInt64(time(nil)))
    return ["sk", "test", String((0..<24).map { _ in alphabet[Int(random.next() % 36)] })].joined(separator: "_")
}

func basicAuthorization(_ key: String) -> String { "Basic " + Data("\(key):".utf8).base64EncodedString() }

/// Fresh idempotency keys without a system call per key.
final class KeyMaker: @unchecked Sendable {
    private let lock = NSLock()
    private var random = SplitMix64(seed: UInt64(time(nil)) ^ 0x5EED)
    func next() -> String {
        lock.lock(); defer { lock.unlock() }
        return String(random.next(), radix: 36) + String(random.next(), radix: 36)
    }
}

/// An API server under test on a loopback port: Till's sandbox (`till sandbox`) or localstripe.
struct Server {
    var name: String
    var port: Int
    var child: Child

    /// `till sandbox` on a fresh file database (WAL), as `till sandbox` runs by default.
    static func tillSandbox(till: String, databasePath: String) throws -> Server {
        let child = try Child([till, "sandbox", "--port", "0", "--db", databasePath])
        guard let url = child.await("listening on http://127\\.0\\.0\\.1:[0-9]+", seconds: 30),
              let port = Int(url.split(separator: ":").last ?? "") else {
            let said = child.output
            child.stop()
            throw BenchError("till sandbox did not start: \(said.prefix(300))")
        }
        return Server(name: "Till sandbox", port: port, child: child)
    }

    /// localstripe on a free port, from scratch (its store is a pickle file it rewrites on writes).
    static func localstripe(command: String) throws -> Server {
        let port = freePort()
        let child = try Child([command, "--port", "\(port)", "--from-scratch"])
        let deadline = monotonicSeconds() + 30
        while monotonicSeconds() < deadline {
            if let connection = try? LoopbackHTTP(port: port),
               let (status, _) = try? connection.send(LoopbackHTTP.request("GET", "/v1/products?limit=1", host: connection.hostHeader,
                                                                         authorization: basicAuthorization(benchSecretKey()))),
               status == 200 {
                return Server(name: "localstripe", port: port, child: child)
            }
            usleep(100_000)
        }
        let said = child.output
        child.stop()
        throw BenchError("localstripe did not answer on port \(port): \(said.suffix(300))")
    }
}

func jsonID(_ body: [UInt8]) -> String? {
    (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?["id"] as? String
}

func jsonEscaped(_ text: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
    let array = String(decoding: data, as: UTF8.self)
    return String(array.dropFirst().dropLast())
}

/// "product list (100), 16 clients" → "product-list.16-clients" (its row id in `BenchRows`).
func rowID(_ label: String) -> String {
    let parts = label.split(separator: ",").map { part in
        part.replacingOccurrences(of: #"\([^)]*\)"#, with: "", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "-")
    }
    return parts.joined(separator: ".")
}

/// nginx from the distribution serving one file, the floor a loopback HTTP/1.1 server can reach
/// on this machine: started on a free port with a temporary prefix and config, in the foreground
/// (`daemon off`, one process), as a child of the benchmark, and stopped with it.
struct Nginx {
    var port: Int
    var child: Child
    var folder: URL

    static var binary: String? {
        for path in ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return nil
    }

    /// Serves `body` as application/json for every path.
    static func start(serving body: [UInt8]) throws -> Nginx {
        guard let binary else { throw BenchError("nginx is not installed (Debian: apt-get install nginx)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-bench-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("www"), withIntermediateDirectories: true)
        try Data(body).write(to: folder.appendingPathComponent("www/product.json"))
        let port = freePort()
        let p = folder.path
        let config = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(p)/nginx.pid;
            error_log \(p)/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path \(p)/body; proxy_temp_path \(p)/proxy; fastcgi_temp_path \(p)/fastcgi;
                uwsgi_temp_path \(p)/uwsgi; scgi_temp_path \(p)/scgi;
                keepalive_requests 10000000;
                keepalive_timeout 60s;
                types { application/json json; }
                default_type application/json;
                server {
                    listen 127.0.0.1:\(port);
                    root \(p)/www;
                    location / { try_files /product.json =404; }
                }
            }
            """
        try Data(config.utf8).write(to: folder.appendingPathComponent("nginx.conf"))
        let child = try Child([binary, "-p", p, "-e", "\(p)/error.log", "-c", "\(p)/nginx.conf"])
        let deadline = monotonicSeconds() + 10
        while monotonicSeconds() < deadline {
            if let connection = try? LoopbackHTTP(port: port),
               let (status, answer) = try? connection.send(LoopbackHTTP.request("GET", "/v1/products/x", host: connection.hostHeader, authorization: "")),
               status == 200, answer == body {
                return Nginx(port: port, child: child, folder: folder)
            }
            usleep(20_000)
        }
        let said = child.output
        child.stop()
        try? FileManager.default.removeItem(at: folder)
        throw BenchError("nginx did not serve on port \(port): \(said.suffix(300))")
    }

    func stop() {
        child.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

struct SandboxBench {
    var options: Options
    var report: Report

    struct Operation {
        var name: String
        var shared: Bool
        var make: @Sendable (Int, Int) -> [UInt8]
    }

    /// Seeds a server with `count` products of the 1k catalog through its API; returns their ids.
    func seed(_ server: Server, authorization: String, count: Int) throws -> [String] {
        let catalog = Catalog(count: 1_000)
        let connection = try LoopbackHTTP(port: server.port)
        var ids: [String] = []
        for item in catalog.items.prefix(count) {
            var body = "{\"name\":\(jsonEscaped(item.name))"
            if let description = item.description { body += ",\"description\":\(jsonEscaped(description))" }
            body += "}"
            let (status, response) = try connection.send(LoopbackHTTP.request(
                "POST", "/v1/products", host: connection.hostHeader, authorization: authorization, json: body))
            guard status == 200, let id = jsonID(response) else {
                throw BenchError("\(server.name): product create answered \(status): \(String(decoding: response.prefix(200), as: UTF8.self))")
            }
            ids.append(id)
        }
        return ids
    }

    func operations(_ server: Server, authorization: String, productIDs: [String], tillOnly: (prices: [String], sessions: [String])?) -> [Operation] {
        let host = "127.0.0.1:\(server.port)"
        let keys = KeyMaker()
        let ids = productIDs
        var operations: [Operation] = [
            Operation(name: "product create", shared: true) { worker, n in
                LoopbackHTTP.request("POST", "/v1/products", host: host, authorization: authorization,
                                     json: "{\"name\":\"Bench ☕ \(worker)-\(n)\",\"description\":\"Crème \(n)\"}",
                                     idempotencyKey: keys.next())
            },
            Operation(name: "product retrieve", shared: true) { _, n in
                LoopbackHTTP.request("GET", "/v1/products/\(ids[n % ids.count])", host: host, authorization: authorization)
            },
            Operation(name: "product list (100)", shared: true) { _, _ in
                LoopbackHTTP.request("GET", "/v1/products?limit=100", host: host, authorization: authorization)
            },
        ]
        if let (prices, sessions) = tillOnly {
            let lineItems = prices.prefix(3).enumerated().map { "{\"price\":\"\($1)\",\"quantity\":\($0 + 1)}" }.joined(separator: ",")
            let sessionBody = "{\"mode\":\"payment\",\"success_url\":\"http://127.0.0.1/ok\",\"cancel_url\":\"http://127.0.0.1/no\",\"line_items\":[\(lineItems)]}"
            operations += [
                Operation(name: "price create", shared: false) { _, n in
                    LoopbackHTTP.request("POST", "/v1/prices", host: host, authorization: authorization,
                                         json: "{\"product\":\"\(ids[n % ids.count])\",\"currency\":\"GBP\",\"unit_amount\":\(100 + n % 900)}",
                                         idempotencyKey: keys.next())
                },
                Operation(name: "session create (3 line items)", shared: false) { _, _ in
                    LoopbackHTTP.request("POST", "/v1/checkout/sessions", host: host, authorization: authorization,
                                         json: sessionBody, idempotencyKey: keys.next())
                },
                Operation(name: "session retrieve", shared: false) { _, n in
                    LoopbackHTTP.request("GET", "/v1/checkout/sessions/\(sessions[n % sessions.count])", host: host, authorization: authorization)
                },
            ]
        }
        return operations
    }

    /// Runs every operation sequentially and with 16 clients; returns req/s by "operation, mode".
    func measure(_ server: Server, _ operations: [Operation], onlyShared: Bool) -> [String: LoadResult] {
        var results: [String: LoadResult] = [:]
        for operation in operations where operation.shared || !onlyShared {
            for clients in [1, 16] {
                // Warm-up: connections, caches, the JIT-less but lazy parts of each server.
                _ = runLoad(port: server.port, clients: clients, seconds: 1, maxRequests: options.quick ? 10 : 50, make: operation.make)
                let result = runLoad(port: server.port, clients: clients, seconds: options.phaseSeconds,
                                     maxRequests: options.phaseRequests, make: operation.make)
                let label = "\(operation.name), \(clients == 1 ? "sequential" : "16 clients")"
                print(String(format: "  %@ %@: %d requests in %.2f s = %.0f req/s, p50 %.0f µs, p99 %.0f µs%@", server.name, label,
                             result.requests, result.seconds, result.perSecond, percentile(result.latencies, 0.5),
                             percentile(result.latencies, 0.99), result.errors > 0 ? ", \(result.errors) errors: \(result.firstError ?? "")" : ""))
                fflush(nil)
                results[label] = result
            }
        }
        return results
    }

    /// The floor row: nginx serving the very bytes the sandbox answers for one product, measured
    /// with the same client, turn about with the sandbox's retrieve (sandbox, nginx, sandbox, nginx;
    /// the better of each pair), so other work on the machine weighs on both alike.
    func nginxFloor(_ server: Server, authorization: String, productID: String, connection: LoopbackHTTP, retrieve: Operation) {
        let nginx: Nginx
        do {
            let (status, body) = try connection.send(LoopbackHTTP.request("GET", "/v1/products/\(productID)", host: connection.hostHeader,
                                                                         authorization: authorization))
            guard status == 200 else { throw BenchError("retrieve answered \(status)") }
            nginx = try Nginx.start(serving: body)
            print("  nginx serves the same \(body.count)-byte product JSON on port \(nginx.port)")
        } catch {
            report.fail("nginx floor: \(error)")
            return
        }
        defer { nginx.stop() }
        let nginxHost = "127.0.0.1:\(nginx.port)"
        let staticGet: @Sendable (Int, Int) -> [UInt8] = { _, _ in
            LoopbackHTTP.request("GET", "/v1/products/\(productID)", host: nginxHost, authorization: authorization)
        }
        for clients in [1, 16] {
            let mode = clients == 1 ? "sequential" : "16 clients"
            // One connection is a ping-pong: on a quiet VM every request would wait for an idle
            // vCPU to wake, and both servers would measure that wait. Idle-class spinners keep the
            // cores awake and give way to every real thread, for both servers alike.
            let awake = clients == 1 ? CoresAwake() : nil
            defer { awake?.stop() }
            var best: (till: LoadResult?, nginx: LoadResult?) = (nil, nil)
            _ = runLoad(port: nginx.port, clients: clients, seconds: 1, maxRequests: options.quick ? 10 : 50, make: staticGet)
            for _ in 0..<2 {
                let mine = runLoad(port: server.port, clients: clients, seconds: options.phaseSeconds / 2,
                                   maxRequests: options.phaseRequests, make: retrieve.make)
                let theirs = runLoad(port: nginx.port, clients: clients, seconds: options.phaseSeconds / 2,
                                     maxRequests: options.phaseRequests, make: staticGet)
                if mine.perSecond > best.till?.perSecond ?? -1 { best.till = mine }
                if theirs.perSecond > best.nginx?.perSecond ?? -1 { best.nginx = theirs }
            }
            guard let mine = best.till, let theirs = best.nginx, theirs.perSecond > 0 else { continue }
            if theirs.errors > 0 { report.fail("nginx \(mode): \(theirs.errors) errors, first: \(theirs.firstError ?? "")") }
            report.add("nginx.\(rowID(mode))", "nginx, the same product JSON as a static file, \(mode) (the floor)",
                       "\(grouped(theirs.perSecond)) req/s (p50 \(grouped(percentile(theirs.latencies, 0.5))) µs, p99 \(grouped(percentile(theirs.latencies, 0.99))) µs)")
            let ratio = mine.perSecond / theirs.perSecond
            let goal = clients == 1 ? 0.8 : 0.5
            report.add("vs-nginx.\(rowID(mode))", "product retrieve against nginx, \(mode), turn about",
                       "\(grouped(mine.perSecond)) req/s against \(grouped(theirs.perSecond)) req/s; \(f2(ratio))×",
                       goal: "≥ \(f1(goal))× nginx", met: ratio >= goal)
        }
    }

    /// `till products list --limit 1` against the sandbox: process start, config, one GET, exit.
    func commandLine(_ server: Server) {
        var environment = ProcessInfo.processInfo.environment
        environment["WOOSHPAY_API_BASE"] = "http://127.0.0.1:\(server.port)"
        environment["WOOSHPAY_SECRET_KEY"] = benchSecretKey()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("till-bench-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        environment["HOME"] = home.path
        for name in ["XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"] { environment.removeValue(forKey: name) }
        var times: [Double] = []
        for _ in 0..<(options.quick ? 3 : 20) {
            let start = monotonicSeconds()
            guard let child = try? Child([options.till, "products", "list", "--limit", "1"], environment: environment) else { break }
            var status: Int32 = 0
            waitpid(child.pid, &status, 0)
            unlink(child.outputPath)
            if status == 0 { times.append((monotonicSeconds() - start) * 1000) }
        }
        times.sort()
        if times.isEmpty { report.fail("till products list did not succeed") } else {
            report.add("cli", "`till products list --limit 1` (start, one GET, exit), median of \(times.count)", "\(f1(percentile(times, 0.5))) ms")
        }
    }

    func run() {
        report.begin("sandbox throughput", key: "sandbox")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-bench-sb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let authorization = basicAuthorization(benchSecretKey())
        var till: [String: LoadResult] = [:]
        var tillOperations: [Operation] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let server = try Server.tillSandbox(till: options.till, databasePath: folder.appendingPathComponent("sandbox.sqlite").path)
            defer { server.child.stop() }
            let ids = try seed(server, authorization: authorization, count: options.seedProducts)
            let connection = try LoopbackHTTP(port: server.port)
            var prices: [String] = []
            for (n, id) in ids.prefix(3).enumerated() {
                let (status, body) = try connection.send(LoopbackHTTP.request(
                    "POST", "/v1/prices", host: connection.hostHeader, authorization: authorization,
                    json: "{\"product\":\"\(id)\",\"currency\":\"GBP\",\"unit_amount\":\(250 * (n + 1))}"))
                guard status == 200, let price = jsonID(body) else { throw BenchError("price create answered \(status)") }
                prices.append(price)
            }
            var sessions: [String] = []
            let lineItems = prices.enumerated().map { "{\"price\":\"\($1)\",\"quantity\":\($0 + 1)}" }.joined(separator: ",")
            for _ in 0..<20 {
                let (status, body) = try connection.send(LoopbackHTTP.request(
                    "POST", "/v1/checkout/sessions", host: connection.hostHeader, authorization: authorization,
                    json: "{\"mode\":\"payment\",\"success_url\":\"http://127.0.0.1/ok\",\"cancel_url\":\"http://127.0.0.1/no\",\"line_items\":[\(lineItems)]}"))
                guard status == 200, let session = jsonID(body) else { throw BenchError("session create answered \(status)") }
                sessions.append(session)
            }
            tillOperations = operations(server, authorization: authorization, productIDs: ids, tillOnly: (prices, sessions))
            till = measure(server, tillOperations, onlyShared: false)
            nginxFloor(server, authorization: authorization, productID: ids[0], connection: connection,
                  retrieve: tillOperations.first { $0.name == "product retrieve" }!)
            commandLine(server)
        } catch {
            report.fail("Till sandbox: \(error)")
            return
        }

        var localstripe: [String: LoadResult]?
        if let command = options.localstripe {
            do {
                let server = try Server.localstripe(command: command)
                defer { server.child.stop() }
                let ids = try seed(server, authorization: authorization, count: options.seedProducts)
                localstripe = measure(server, operations(server, authorization: authorization, productIDs: ids, tillOnly: nil), onlyShared: true)
            } catch {
                report.fail("localstripe: \(error)")
            }
        } else {
            report.note("localstripe not found (Benchmarks/run installs it with pip); no ratios measured.")
        }

        for operation in tillOperations {
            for mode in ["sequential", "16 clients"] {
                let label = "\(operation.name), \(mode)"
                guard let mine = till[label] else { continue }
                if mine.errors > 0 { report.fail("\(label): \(mine.errors) errors, first: \(mine.firstError ?? "")") }
                var value = "\(grouped(mine.perSecond)) req/s (p50 \(grouped(percentile(mine.latencies, 0.5))) µs, p99 \(grouped(percentile(mine.latencies, 0.99))) µs)"
                if operation.shared, let theirs = localstripe?[label], theirs.perSecond > 0 {
                    let ratio = mine.perSecond / theirs.perSecond
                    value += "; localstripe \(grouped(theirs.perSecond)) req/s; ratio \(f1(ratio))×"
                    if theirs.errors > 0 { report.note("localstripe \(label): \(theirs.errors) errors, first: \(theirs.firstError ?? "")") }
                    // Reads of one product: twice localstripe (and near nginx, the floor row); everything else five times.
                    let goal = operation.name == "product retrieve" ? 2.0 : 5.0
                    report.add(rowID(label), label, value, goal: "≥ \(Int(goal))× localstripe", met: ratio >= goal)
                } else if operation.shared {
                    report.add(rowID(label), label, value, goal: "localstripe not measured", met: nil)
                } else {
                    report.add(rowID(label), label + " (localstripe has none)", value)
                }
                if label == "product retrieve, sequential" {
                    let p50 = percentile(mine.latencies, 0.5)
                    let mean = mine.latencies.isEmpty ? .nan : mine.latencies.reduce(0, +) / Double(mine.latencies.count)
                    report.add("product-retrieve.round-trip", "product retrieve, sequential round trip", "p50 \(f1(p50)) µs, mean \(f1(mean)) µs")
                }
            }
        }
    }
}

/// One spinning thread per core under `SCHED_IDLE`: it runs only when nothing else wants the core,
/// so the core never halts, and a woken client or server thread gets it at once.
final class CoresAwake: @unchecked Sendable {
    private let running = Atomic<Bool>(true)
    private let done = DispatchGroup()

    init() {
        for _ in 0..<ProcessInfo.processInfo.activeProcessorCount {
            done.enter()
            Thread.detachNewThread { [self] in
                var parameters = sched_param()
                let schedIdle: Int32 = 5  // SCHED_IDLE (Linux), behind _GNU_SOURCE in sched.h
                pthread_setschedparam(pthread_self(), schedIdle, &parameters)
                while running.load(ordering: .relaxed) {}
                done.leave()
            }
        }
    }

    func stop() {
        running.store(false, ordering: .relaxed)
        done.wait()
    }
}
