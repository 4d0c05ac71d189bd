import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import WooshPaySandbox

/// A one-thread HTTP/1.1 server on loopback answering every request from `answer(method, path)`
/// with `Connection: close`: a stand-in for an API that answers in shapes the sandbox never would.
final class TinyHTTPServer: @unchecked Sendable {
    let port: Int
    private let socket: Int32
    private let answer: @Sendable (String, String) -> (Int, String)

    init(answer: @escaping @Sendable (String, String) -> (Int, String)) throws {
        self.answer = answer
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socket = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in serve() }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func stop() { shutdown(socket, Int32(SHUT_RDWR)); close(socket) }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 { return }
            var request = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65536)
            // Read the head, then as much body as Content-Length says.
            while true {
                let count = read(client, &buffer, buffer.count)
                if count <= 0 { break }
                request += buffer[0..<count]
                let text = String(decoding: request, as: UTF8.self)
                if let end = text.range(of: "\r\n\r\n") {
                    let head = text[..<end.lowerBound].lowercased()
                    let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                    if text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length { break }
                }
            }
            let line = String(decoding: request, as: UTF8.self).split(separator: "\r\n").first ?? ""
            let parts = line.split(separator: " ")
            let (status, body) = answer(parts.count > 1 ? String(parts[0]) : "", parts.count > 1 ? String(parts[1]) : "")
            let date = DateFormatter()
            date.locale = Locale(identifier: "en_US_POSIX")
            date.timeZone = TimeZone(identifier: "GMT")
            date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let response = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
                + "Date: \(date.string(from: Date()))\r\nConnection: close\r\n\r\n" + body
            _ = response.utf8CString.withUnsafeBufferPointer { write(client, $0.baseAddress, $0.count - 1) }
            close(client)
        }
    }
}

@Suite("till doctor", .serialized)
struct DoctorCLITests {
    func lines(_ run: RunResult) -> [Substring] { run.stdout.split(separator: "\n") }

    @Test func everyCheckPassesOnTheSandbox() async throws {
        try await withSandbox { sandbox, till, key in
            let run = try await till.run(["doctor", "--api-base", sandbox.baseURL], key: key)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(!run.stdout.contains("✗"), "\(run.stdout)")
            for check in ["✓ config file", "✓ key: test mode", "✓ reach ", "✓ clock", "✓ create a product",
                          "✓ create a price with its product inline", "✓ create a session with a price id",
                          "✓ create a session with inline price data", "✓ page through prices",
                          "✓ find the price by its lookup key", "✓ the same create again (a replay)",
                          "✓ error: unknown id: HTTP 404", "✓ error: missing parameter: HTTP 400",
                          "✓ error: wrong key: HTTP 401", "✓ error: idempotency key reused: HTTP 409",
                          "✓ expire a session", "✓ clean up: archived 4 products and 3 prices, expired 2 sessions"] {
                #expect(run.stdout.contains(check), "\(check)\n\(run.stdout)")
            }
            #expect(run.stdout.contains("times in milliseconds"))
            #expect(lines(run).last?.hasPrefix("All ") == true)
            #expect(!run.stdout.contains(key) && !run.stderr.contains(key))
            // It cleaned up: nothing it made is left active.
            let left = try await catalog(sandbox, key: key)
            #expect(left.products.allSatisfy { !$0.active })
            #expect(left.prices.allSatisfy { !$0.active })
        }
    }

    @Test func withNoKeyItChecksTheEmbeddedSandbox() async throws {
        let till = try TillProcess()
        defer { till.cleanUp() }
        let run = try await till.run(["doctor", "--json"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let report = try run.json()
        #expect(report["ok"] as? Bool == true)
        let checks = try #require(report["checks"] as? [[String: Any]])
        #expect(checks.count > 20)
        #expect(checks.allSatisfy { $0["ok"] as? Bool == true })
        #expect((checks[1]["detail"] as? String)?.contains("embedded sandbox") == true)
    }

    @Test func aDeadPortIsACrossWithAReason() async throws {
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        let base = sandbox.baseURL
        await sandbox.stop()
        let till = try TillProcess()
        defer { till.cleanUp() }
        let run = try await till.run(["doctor", "--api-base", base], key: TestKeys.random())
        #expect(run.status == 1)
        #expect(run.stdout.contains("✗ reach \(base): Could not reach WooshPay"), "\(run.stdout)")
        #expect(run.stdout.contains("· the calls were not tried"))
        #expect(!run.stdout.contains("✓ create"))
    }

    @Test func aWrongKeyIsACrossWithAReasonAndNeverPrinted() async throws {
        try await withSandbox { sandbox, till, _ in
            let wrong = "sk_test_short"
            let run = try await till.run(["doctor", "--api-base", sandbox.baseURL], key: wrong)
            #expect(run.status == 1)
            #expect(run.stdout.contains("✗ key accepted: the key was refused: Invalid API key"), "\(run.stdout)")
            #expect(!run.stdout.contains(wrong) && !run.stderr.contains(wrong))
            // --key-env reads another variable; an unset one is named.
            let unset = try await till.run(["doctor", "--key-env", "TILL_NO_SUCH_KEY", "--api-base", sandbox.baseURL])
            #expect(unset.status == 1)
            #expect(unset.stdout.contains("✗ key: the environment variable TILL_NO_SUCH_KEY is not set"))
        }
    }

    @Test func aFieldOfAnotherTypeIsACrossNamingIt() async throws {
        let server = try TinyHTTPServer { method, path in
            if method == "GET", path.hasPrefix("/v1/products?") {
                return (200, #"{"object":"list","data":[],"has_more":false}"#)
            }
            if method == "POST", path == "/v1/products" {
                // created as a date string, not a Unix time.
                return (200, #"{"id":"prod_1","object":"product","name":"x","active":true,"created":"2026-12-07T10:00:00Z"}"#)
            }
            return (404, #"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such thing"}}"#)
        }
        defer { server.stop() }
        let till = try TillProcess()
        defer { till.cleanUp() }
        let run = try await till.run(["doctor", "--api-base", server.baseURL], key: TestKeys.random())
        #expect(run.status == 1)
        #expect(run.stdout.contains("✓ reach \(server.baseURL)"), "\(run.stdout)")
        #expect(run.stdout.contains("✗ create a product: WooshPay's answer could not be read at created"), "\(run.stdout)")
    }

    @Test func faultsAreRetriedAndReported() async throws {
        try await withSandbox(SandboxConfiguration(failRate: 0.15, seed: 26)) { sandbox, till, key in
            let run = try await till.run(["doctor", "--api-base", sandbox.baseURL], key: key)
            #expect([0, 1].contains(run.status), "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("✓ retries: "), "\(run.stdout)")
            #expect(run.stdout.contains(" were retried (") && run.stdout.contains("HTTP "), "\(run.stdout)")
            #expect(lines(run).last.map { $0.hasPrefix("All ") || $0.contains(" checks failed.") } == true)
        }
    }
}
