import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `till sandbox` as its own server: where it says it listens, the host it binds, and a clean stop
/// on SIGINT and SIGTERM that finishes the requests already being served.
@Suite("till sandbox in the foreground", .serialized)
struct SandboxCommandTests {
    static func start(_ folder: TemporaryFolder, _ arguments: [String]) throws -> BackgroundProcess {
        try BackgroundProcess(tillBinary, ["sandbox"] + arguments,
                              environment: folder.environment.merging(["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]) { $1 })
    }

    /// The base URL from the "listening on" line.
    static func listening(_ server: BackgroundProcess) async throws -> String {
        try await onThread { try server.waitForOutput("WooshPay sandbox listening on (http://[0-9.]+:[0-9]+)\n") }
    }

    /// POST /v1/products; returns the status and body.
    static func createProduct(_ base: String, key: String, idempotencyKey: String, name: String) async throws -> (Int, String) {
        var request = URLRequest(url: try #require(URL(string: base + "/v1/products")))
        request.httpMethod = "POST"
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["name": name])
        request.timeoutInterval = 60
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.2"])
    func itSaysWhereItListensOnTheHostAsked(host: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let server = try Self.start(folder, ["--host", host, "--port", "0", "--db", folder.path + "/sandbox.sqlite"])
        let base = try await Self.listening(server)
        #expect(base.hasPrefix("http://\(host):"))
        let (status, body) = try await Self.createProduct(base, key: TestKeys.random(), idempotencyKey: UUID().uuidString,
                                                          name: "Listening")
        #expect(status == 200, "\(body)")
        #expect(body.contains("prod_"))
        if host != "127.0.0.1" {
            // Bound to that address only.
            let other = base.replacingOccurrences(of: host, with: "127.0.0.1")
            await #expect(throws: (any Error).self) {
                _ = try await Self.createProduct(other, key: TestKeys.random(), idempotencyKey: UUID().uuidString, name: "Elsewhere")
            }
        }
        server.signal(SIGINT)
        #expect(try await onThread { try server.finish() } == 0)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsItOnceTheRequestsInFlightAreAnswered(signal: Int32) async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        // Every API request takes 3 s inside the server, so one can be caught in flight.
        let server = try Self.start(folder, ["--port", "0", "--db", folder.path + "/sandbox.sqlite", "--latency-ms", "3000"])
        let base = try await Self.listening(server)
        let key = TestKeys.random()
        for _ in 0..<3 {
            // The same request twice at once: the one that holds the key inside the server is in
            // flight for 3 s; the other is answered at once with "still being processed", which
            // says so. Then the signal, while the first is still being served.
            let idempotencyKey = UUID().uuidString
            let requests = (0..<2).map { _ in
                Task { try await Self.createProduct(base, key: key, idempotencyKey: idempotencyKey, name: "In flight") }
            }
            let inFlight: (Int, String)? = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for request in requests { group.addTask { try await request.value } }
                let first = try await group.next()!
                guard first.0 == 409, first.1.contains("idempotency_key_in_use") else {
                    _ = try await group.next()
                    return nil  // both ran one after the other: try again
                }
                server.signal(signal)
                return try await group.next()!
            }
            guard let (status, body) = inFlight else { continue }
            #expect(status == 200, "the request in flight was cut off: \(body)")
            #expect(try await onThread { try server.finish() } == 0, "\(server.stderr)")
            return
        }
        Issue.record("no request was caught in flight")
    }
}
