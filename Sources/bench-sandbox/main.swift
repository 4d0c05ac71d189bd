import AsyncHTTPClient
import Foundation
import NIOCore
import WooshPaySandbox

// Requests per second for the sandbox: product create, and session create with 3 line items,
// sequential and with 16 concurrent clients. Talks only to an in-process sandbox on loopback;
// each phase is bounded in request count and in time.
//
// swift run -c release bench-sandbox [--requests N] [--seconds S] [--db PATH|:memory:]

struct Options {
    var requests = 2000
    var seconds = 20.0
    var database: String? = nil

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--requests": requests = min(max(Int(iterator.next() ?? "") ?? requests, 1), 100_000)
            case "--seconds": seconds = min(max(Double(iterator.next() ?? "") ?? seconds, 1), 120)
            case "--db": database = iterator.next()
            default: break
            }
        }
    }
}

let options = Options(CommandLine.arguments)
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-sandbox-\(UUID().uuidString)")
let databasePath = options.database ?? folder.appendingPathComponent("sandbox.sqlite").path
defer { try? FileManager.default.removeItem(at: folder) }

let sandbox = try await Sandbox.start(SandboxConfiguration(host: "127.0.0.1", port: 0, databasePath: databasePath))
let client = HTTPClient(
    eventLoopGroupProvider: .singleton,
    configuration: .init(connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)))

let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
let key = "sk_test_" + String((0..<24).map { _ in alphabet.randomElement()! })
let authorization = "Basic " + Data("\(key):".utf8).base64EncodedString()

@Sendable func post(_ path: String, _ body: String) async throws -> String {
    var request = HTTPClientRequest(url: sandbox.baseURL + path)
    request.method = .POST
    request.headers.add(name: "Authorization", value: authorization)
    request.headers.add(name: "Content-Type", value: "application/json")
    request.headers.add(name: "Idempotency-Key", value: UUID().uuidString)
    request.body = .bytes(ByteBuffer(string: body))
    let response = try await client.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 1 << 20)
    guard response.status == .ok else { throw BenchError.status(Int(response.status.code), String(buffer: bytes)) }
    return String(buffer: bytes)
}

enum BenchError: Error { case status(Int, String) }

func id(in json: String) -> String {
    let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    return object?["id"] as? String ?? ""
}

/// Runs `work` up to `options.requests` times (or until the time bound) over `clients` workers.
func measure(_ label: String, clients: Int, _ work: @escaping @Sendable (Int) async throws -> Void) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(options.seconds * 1000))
    let counter = Counter(limit: options.requests)
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<clients {
            group.addTask {
                while ContinuousClock.now < deadline, let n = counter.take() { try await work(n) }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let done = counter.taken
    let padded = label.padding(toLength: 46, withPad: " ", startingAt: 0)
    print(padded + String(format: "%6d requests in %6.2f s = %8.1f requests/s", done, seconds, Double(done) / seconds))
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    let limit: Int
    init(limit: Int) { self.limit = limit }
    func take() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < limit else { return nil }
        next += 1
        return next
    }
    var taken: Int { lock.lock(); defer { lock.unlock() }; return next }
}

print("bench-sandbox: \(options.requests) requests per phase (at most \(options.seconds) s), database \(options.database ?? "temporary file (WAL)")")
// Warm up connections and the database.
for n in 0..<50 { _ = try await post("/v1/products", "{\"name\":\"warm \(n)\"}") }
var prices: [String] = []
for n in 0..<3 {
    let product = id(in: try await post("/v1/products", "{\"name\":\"Item \(n)\"}"))
    prices.append(id(in: try await post("/v1/prices", "{\"product\":\"\(product)\",\"currency\":\"GBP\",\"unit_amount\":\(250 * (n + 1))}")))
}
let sessionBody = """
    {"mode":"payment","success_url":"https://example.com/ok","cancel_url":"https://example.com/cancel",\
    "line_items":[{"price":"\(prices[0])","quantity":1},{"price":"\(prices[1])","quantity":2},{"price":"\(prices[2])","quantity":3}]}
    """

try await measure("product create, sequential", clients: 1) { n in _ = try await post("/v1/products", "{\"name\":\"Product \(n)\"}") }
try await measure("product create, 16 concurrent clients", clients: 16) { n in _ = try await post("/v1/products", "{\"name\":\"Product \(n)\"}") }
try await measure("session create (3 line items), sequential", clients: 1) { _ in _ = try await post("/v1/checkout/sessions", sessionBody) }
try await measure("session create (3 line items), 16 concurrent", clients: 16) { _ in _ = try await post("/v1/checkout/sessions", sessionBody) }

try await client.shutdown()
await sandbox.stop()
