import Foundation
import Testing
import WooshPaySandbox
#if canImport(Glibc)
import Glibc
#endif

/// The GETs answered in front of the HTTP codec (RawReads) against the same GETs through the
/// codec: byte for byte the same responses, and everything unusual still reaching the codec.
@Suite("Raw reads: plain GETs answered before the HTTP codec", .serialized)
struct RawReadsTests {
    /// One response as it came off the socket.
    struct Wire: Equatable {
        var statusLine: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        static func == (a: Wire, b: Wire) -> Bool {
            a.statusLine == b.statusLine && a.body == b.body
                && a.headers.map { "\($0.name): \($0.value)" } == b.headers.map { "\($0.name): \($0.value)" }
        }

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

        /// The headers with the two values that differ per response (the request id, the second) masked.
        var comparable: Wire {
            var copy = self
            copy.headers = headers.map { header in
                switch header.name.lowercased() {
                case "request-id": (header.name, header.value.hasPrefix("req_") && header.value.count == 20 ? "req_…" : header.value)
                case "date": (header.name, header.value.hasSuffix(" GMT") ? "… GMT" : header.value)
                default: header
                }
            }
            return copy
        }
    }

    /// Reads whole responses off a connection, keeping what arrived after the last one.
    final class Reader {
        let connection: RawConnection
        private var pending: [UInt8] = []

        init(_ connection: RawConnection) { self.connection = connection }

        func next() -> Wire? {
            while true {
                if let wire = take() { return wire }
                var chunk = [UInt8](repeating: 0, count: 65536)
                let n = recv(connection.fd, &chunk, chunk.count, 0)
                if n <= 0 { return nil }
                pending += chunk[0..<n]
            }
        }

        private func take() -> Wire? {
            guard let end = (0..<max(0, pending.count - 3)).first(where: { pending[$0..<$0 + 4] == [13, 10, 13, 10] }) else { return nil }
            let lines = String(decoding: pending[..<end], as: UTF8.self).components(separatedBy: "\r\n")
            let headers = lines.dropFirst().map { line -> (name: String, value: String) in
                let parts = line.split(separator: ":", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
            }
            let length = Int(headers.first { $0.name.lowercased() == "content-length" }?.value ?? "0") ?? 0
            guard pending.count >= end + 4 + length else { return nil }
            let wire = Wire(statusLine: lines[0], headers: headers, body: Array(pending[(end + 4)..<(end + 4 + length)]))
            pending.removeFirst(end + 4 + length)
            return wire
        }
    }

    static func get(_ target: String, key: String?, extra: String = "") -> String {
        "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (key.map { "Authorization: \(basicAuth($0))\r\n" } ?? "") + extra + "\r\n"
    }

    /// The same GET three ways on one kept-alive connection: plain (answered by RawReads), with an
    /// encoded query byte (RawReads leaves it; FastReads answers it after the codec), and with a
    /// `Connection` header (both leave it: Hummingbird's router answers).
    static func threeWays(_ reader: Reader, _ path: String, key: String?) throws -> (raw: Wire, fast: Wire, router: Wire) {
        let separator = path.contains("?") ? "&" : "?"
        var answers: [Wire] = []
        for request in [get(path, key: key), get(path + separator + "unused=%31", key: key),
                        get(path, key: key, extra: "Connection: keep-alive\r\n")] {
            #expect(reader.connection.write(request))
            answers.append(try #require(reader.next(), "no answer to \(request)"))
        }
        return (answers[0], answers[1], answers[2])
    }

    /// In memory (reads through the pool) and on a file (retrieves on the event loop's own connection).
    @Test(arguments: [false, true]) func plainGETsAnswerTheSameBytesAsTheCodecPath(onFile: Bool) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-rawreads-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = onFile ? folder.appendingPathComponent("sandbox.sqlite").path : ":memory:"
        try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = try #require(api.key)
            // Every kind of value a product's JSON holds: escapes, control bytes, non-ASCII, nulls,
            // metadata, images; and one with nothing optional.
            let full = try await api.product("Tea \"Earl\" \\ Grey\n\t☕ \u{1B}[0m", extra: [
                "description": "Crème / brûlée\r\n<b>", "url": "https://example.com/t?a=1&b=\"2\"",
                "images": ["https://example.com/a.png", "https://example.com/b \"c\".png"],
                "metadata": ["b": "2", "a": "x\"y", "é": "z"],
            ])
            #expect(full.status == 200)
            let bare = try await api.product("Bare")
            let archived = try await api.product("Old", extra: ["active": false, "images": [String]()])
            let price = try await api.price(product: bare.id, amount: 1234)
            #expect(price.status == 200)
            #expect(try await api.post("/v1/prices/\(price.id)", ["nickname": "Café \"x\"", "lookup_key": "tea_1",
                                                                  "metadata": ["k": "v"]]).status == 200)

            let connection = try RawConnection(port: sandbox.baseURL.port)
            let reader = Reader(connection)
            let paths = [
                "/v1/products/\(full.id)", "/v1/products/\(bare.id)", "/v1/products/\(archived.id)",
                "/v1/products", "/v1/products?limit=2", "/v1/products?limit=1&starting_after=\(archived.id)",
                "/v1/products?active=false", "/v1/products?limit=100&active=true",
                "/v1/products?ending_before=\(full.id)",
                "/v1/prices/\(price.id)", "/v1/prices", "/v1/checkout/sessions",
                // Refusals: unknown ids, bad parameters.
                "/v1/products/prod_missing", "/v1/prices/price_missing", "/v1/products?limit=0",
                "/v1/products?active=maybe", "/v1/products?starting_after=prod_missing",
            ]
            for path in paths {
                let (raw, fast, router) = try Self.threeWays(reader, path, key: key)
                #expect(raw.comparable == fast.comparable, "\(path): raw \(raw) against FastReads \(fast)")
                #expect(raw.body == router.body, "\(path): the router's body differs")
                #expect(raw.statusLine == router.statusLine, "\(path)")
                #expect(Set(raw.comparable.headers.map { "\($0.name.lowercased()): \($0.value)" })
                        == Set(router.comparable.headers.map { "\($0.name.lowercased()): \($0.value)" }), "\(path)")
            }
            // Without a key, and with a malformed one.
            for extra in ["", "Authorization: Bearer nope\r\n"] {
                #expect(connection.write(Self.get("/v1/products", key: nil, extra: extra)))
                let raw = try #require(reader.next())
                #expect(connection.write(Self.get("/v1/products", key: nil, extra: extra + "Connection: keep-alive\r\n")))
                let router = try #require(reader.next())
                #expect(raw.statusLine == "HTTP/1.1 401 Unauthorized")
                #expect(raw.body == router.body)
            }
            // A write between two reads is seen by the second: nothing is cached.
            #expect(try await api.post("/v1/products/\(bare.id)", ["name": "Renamed"]).status == 200)
            #expect(connection.write(Self.get("/v1/products/\(bare.id)", key: key)))
            let renamed = try #require(reader.next())
            #expect(String(decoding: renamed.body, as: UTF8.self).contains("\"name\":\"Renamed\""))
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrderWhateverPathTheyTake() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = try #require(api.key)
            let tea = try await api.product("Tea")
            let connection = try RawConnection(port: sandbox.baseURL.port)
            let reader = Reader(connection)
            let body = "{\"name\":\"Pipelined\"}"
            let post = "POST /v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(basicAuth(key))\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
            let chunked = "POST /v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(basicAuth(key))\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\(String(body.utf8.count, radix: 16))\r\n\(body)\r\n0\r\n\r\n"
            // A plain GET, a POST (the codec's), a GET behind it (must wait for the POST's answer),
            // then a GET split across writes, and last a chunked POST (the codec keeps the connection).
            let first = Self.get("/v1/products/\(tea.id)", key: key) + post + Self.get("/v1/products?limit=1", key: key)
            let split = Self.get("/v1/products/\(tea.id)", key: key)
            #expect(connection.write(first + split.prefix(10)))
            let one = try #require(reader.next())
            #expect(String(decoding: one.body, as: UTF8.self).contains("\"id\":\"\(tea.id)\""))
            let two = try #require(reader.next())
            #expect(String(decoding: two.body, as: UTF8.self).contains("\"name\":\"Pipelined\""))
            let three = try #require(reader.next())
            #expect(String(decoding: three.body, as: UTF8.self).contains("\"name\":\"Pipelined\""), "the list was answered before the POST")
            #expect(connection.write(String(split.dropFirst(10)) + chunked + Self.get("/v1/products?limit=1", key: key)))
            let four = try #require(reader.next())
            #expect(String(decoding: four.body, as: UTF8.self).contains("\"id\":\"\(tea.id)\""))
            let five = try #require(reader.next())
            #expect(five.statusLine == "HTTP/1.1 200 OK")
            let six = try #require(reader.next())
            #expect(six.statusLine == "HTTP/1.1 200 OK")
            #expect(String(decoding: six.body, as: UTF8.self).contains("\"name\":\"Pipelined\""))
            #expect(try await api.get("/v1/products?limit=100").data.count == 3)
        }
    }

    @Test func aBodySentInPiecesThenAPlainGETOnTheSameConnection() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = try #require(api.key)
            let connection = try RawConnection(port: sandbox.baseURL.port)
            let reader = Reader(connection)
            let body = "{\"name\":\"In pieces\",\"description\":\"\(String(repeating: "x", count: 3000))\"}"
            #expect(connection.write("POST /v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(basicAuth(key))\r\n"
                                     + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body.prefix(100)))
            #expect(connection.write(String(body.dropFirst(100)) + Self.get("/v1/products?limit=1", key: key)))
            let created = try #require(reader.next())
            #expect(created.statusLine == "HTTP/1.1 200 OK")
            let listed = try #require(reader.next())
            #expect(String(decoding: listed.body, as: UTF8.self).contains("In pieces"))
            // A GET with a body is the codec's too (its body is not a request of its own).
            let get = "GET /v1/products?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(basicAuth(key))\r\nContent-Length: 4\r\n\r\nGET "
            #expect(connection.write(get + Self.get("/v1/products?limit=1", key: key)))
            #expect(try #require(reader.next()).statusLine == "HTTP/1.1 200 OK")
            #expect(try #require(reader.next()).statusLine == "HTTP/1.1 200 OK")
        }
    }

    @Test func aHeadTheCodecMustJudgeIsLeftToIt() async throws {
        try await withSandbox { sandbox in
            let key = freshKey()
            // Bare line feeds: whatever the codec answers, it answers (no connection left hanging).
            let bare = try RawConnection(port: sandbox.baseURL.port)
            #expect(bare.write("GET /v1/products HTTP/1.1\nHost: 127.0.0.1\nAuthorization: \(basicAuth(key))\n\n"))
            #expect(bare.readResponse() != nil || bare.readToEnd() != nil)
            // HTTP/1.0 is the codec's.
            let old = try RawConnection(port: sandbox.baseURL.port)
            #expect(old.write("GET /v1/products HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: \(basicAuth(key))\r\n\r\n"))
            let answer = try #require(old.readResponse())
            #expect(answer.hasPrefix("HTTP/1.0 200") || answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(100))")
            // A header line the codec refuses gets its 400.
            let broken = try RawConnection(port: sandbox.baseURL.port)
            #expect(broken.write("GET /v1/products HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n"))
            #expect(try #require(broken.readToEnd()).hasPrefix("HTTP/1.1 400"))
            // More header fields than the codec takes (1,000): refused as the codec refuses them, not answered in front.
            let crowded = try RawConnection(port: sandbox.baseURL.port)
            let fields = String(repeating: "X-F: a\r\n", count: 1_001)
            #expect(crowded.write("GET /v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(basicAuth(key))\r\n\(fields)\r\n"))
            let refusal = try #require(crowded.readToEnd())
            #expect(refusal.hasPrefix("HTTP/1.1 4"), "\(refusal.prefix(100))")
        }
    }

    @Test func aConnectionServedOnlyInFrontIsStillClosedWhenIdle() async throws {
        try await withSandbox(SlowClientTests.quick) { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = try #require(api.key)
            let connection = try RawConnection(port: sandbox.baseURL.port)
            let reader = Reader(connection)
            for _ in 0..<3 {
                #expect(connection.write(Self.get("/v1/products", key: key)))
                #expect(try #require(reader.next()).statusLine == "HTTP/1.1 200 OK")
            }
            #expect(reader.next() == nil, "the idle connection was not closed")
        }
    }
}
