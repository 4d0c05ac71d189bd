import Foundation
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
            report.add("`till products list --limit 1` (start, one GET, exit), median of \(times.count)", "\(f1(percentile(times, 0.5))) ms")
        }
    }

    func run() {
        report.begin("sandbox throughput")
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
                    report.add(label, value, goal: "≥ 5× localstripe", met: ratio >= 5)
                } else if operation.shared {
                    report.add(label, value, goal: "≥ 5× localstripe (not measured)", met: nil)
                } else {
                    report.add(label + " (localstripe has none)", value)
                }
                if label == "product retrieve, sequential" {
                    let p50 = percentile(mine.latencies, 0.5)
                    let mean = mine.latencies.isEmpty ? .nan : mine.latencies.reduce(0, +) / Double(mine.latencies.count)
                    report.add("product retrieve, sequential round trip", "p50 \(f1(p50)) µs, mean \(f1(mean)) µs",
                               goal: "< 100 µs", met: p50 < 100)
                }
            }
        }
    }
}
