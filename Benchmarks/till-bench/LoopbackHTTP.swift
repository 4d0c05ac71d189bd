import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal blocking HTTP/1.1 keep-alive client for loopback benchmarks: one socket, one request
/// at a time, Content-Length or chunked bodies. The same client drives Till's sandbox and
/// localstripe, so their figures differ only by the server.
final class LoopbackHTTP {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    /// One read buffer for the connection's life (not a fresh 64 KiB per read).
    private var chunk = [UInt8](repeating: 0, count: 65536)
    let hostHeader: String

    init(port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw BenchError("connect 127.0.0.1:\(port): \(String(cString: strerror(errno)))") }
        self.fd = fd
        hostHeader = "127.0.0.1:\(port)"
    }

    deinit { close(fd) }

    /// Sends one request and reads its whole response.
    func send(_ request: [UInt8]) throws -> (status: Int, body: [UInt8]) {
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { write(fd, $0.baseAddress! + sent, request.count - sent) }
            guard n > 0 else { throw BenchError("write: \(String(cString: strerror(errno)))") }
            sent += n
        }
        // Head: found by scanning bytes; only the status and the two framing headers are read.
        var headEnd: Int?
        var searchFrom = start
        while headEnd == nil {
            headEnd = find([13, 10, 13, 10], from: searchFrom)
            if headEnd == nil { searchFrom = max(start, buffer.count - 3); try fill() }
        }
        let status = buffer.count - start >= 12 ? Int(buffer[start + 9] - 48) * 100 + Int(buffer[start + 10] - 48) * 10 + Int(buffer[start + 11] - 48) : 0
        var length: Int?
        var chunked = false
        var line = start
        while line < headEnd! {
            guard let lineEnd = find([13, 10], from: line), lineEnd <= headEnd! else { break }
            if LoopbackHTTP.hasPrefix(buffer, line, "content-length:") {
                var n = 0
                for byte in buffer[(line + 15)..<lineEnd] where byte >= 48 && byte <= 57 { n = n * 10 + Int(byte - 48) }
                length = n
            } else if LoopbackHTTP.hasPrefix(buffer, line, "transfer-encoding:") {
                chunked = String(decoding: buffer[line..<lineEnd], as: UTF8.self).lowercased().contains("chunked")
            }
            line = lineEnd + 2
        }
        start = headEnd! + 4
        var body: [UInt8] = []
        if chunked {
            while true {
                var lineEnd = find([13, 10], from: start)
                while lineEnd == nil { try fill(); lineEnd = find([13, 10], from: start) }
                let sizeText = String(decoding: buffer[start..<lineEnd!], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw BenchError("bad chunk") }
                start = lineEnd! + 2
                while buffer.count - start < size + 2 { try fill() }
                body += buffer[start..<start + size]
                start += size + 2
                if size == 0 { break }
            }
        } else {
            let length = length ?? 0
            while buffer.count - start < length { try fill() }
            body = Array(buffer[start..<start + length])
            start += length
        }
        if start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
        else if start > 1 << 16 { buffer.removeFirst(start); start = 0 }
        return (status, body)
    }

    /// Whether the header line at `at` starts with `prefix` (ASCII, case-insensitive).
    private static func hasPrefix(_ buffer: [UInt8], _ at: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard buffer.count - at >= count else { return false }
        let bytes = prefix.utf8Start
        for i in 0..<count where buffer[at + i] | 0x20 != bytes[i] | 0x20 { return false }
        return true
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard buffer.count - from >= needle.count else { return nil }
        var i = from
        outer: while i <= buffer.count - needle.count {
            for j in 0..<needle.count where buffer[i + j] != needle[j] {
                i += 1
                continue outer
            }
            return i
        }
        return nil
    }

    private func fill() throws {
        if start > 0 && start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { throw BenchError(n == 0 ? "connection closed by the server" : "read: \(String(cString: strerror(errno)))") }
        buffer.append(contentsOf: chunk[..<n])
    }

    /// A request's bytes.
    static func request(_ method: String, _ path: String, host: String, authorization: String,
                        json: String? = nil, idempotencyKey: String? = nil) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: \(authorization)\r\nAccept: application/json\r\n"
        if let idempotencyKey { text += "Idempotency-Key: \(idempotencyKey)\r\n" }
        if let json {
            text += "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n" + json
        } else {
            text += "\r\n"
        }
        return Array(text.utf8)
    }
}

/// What one load phase measured.
struct LoadResult {
    var requests: Int
    var seconds: Double
    /// Per-request round trips in microseconds, sorted.
    var latencies: [Double]
    var errors: Int
    var firstError: String?

    var perSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }
}

/// Runs `clients` threads, each with its own keep-alive connection, issuing requests made by
/// `make(worker, n)` until `maxRequests` in all or `seconds` have passed (whichever is first).
func runLoad(port: Int, clients: Int, seconds: Double, maxRequests: Int,
             make: @escaping @Sendable (Int, Int) -> [UInt8]) -> LoadResult {
    final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var latencies: [Double] = []
        var errors = 0
        var firstError: String?
    }
    let shared = Shared()
    let deadline = monotonicSeconds() + seconds
    let group = DispatchGroup()
    let begin = monotonicSeconds()
    for worker in 0..<clients {
        group.enter()
        let thread = Thread {
            defer { group.leave() }
            var local: [Double] = []
            var errors = 0
            var firstError: String?
            do {
                var connection = try LoopbackHTTP(port: port)
                while monotonicSeconds() < deadline {
                    shared.lock.lock()
                    let n = shared.next
                    shared.next += 1
                    shared.lock.unlock()
                    if n >= maxRequests { break }
                    let request = make(worker, n)
                    let t0 = monotonicSeconds()
                    do {
                        let (status, body) = try connection.send(request)
                        local.append((monotonicSeconds() - t0) * 1e6)
                        if status != 200 {
                            errors += 1
                            if firstError == nil { firstError = "HTTP \(status): \(String(decoding: body.prefix(200), as: UTF8.self))" }
                        }
                    } catch {
                        errors += 1
                        if firstError == nil { firstError = "\(error)" }
                        connection = try LoopbackHTTP(port: port)
                    }
                }
            } catch {
                errors += 1
                if firstError == nil { firstError = "\(error)" }
            }
            shared.lock.lock()
            shared.latencies += local
            shared.errors += errors
            if shared.firstError == nil { shared.firstError = firstError }
            shared.lock.unlock()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    group.wait()
    let elapsed = monotonicSeconds() - begin
    return LoadResult(requests: shared.latencies.count, seconds: elapsed, latencies: shared.latencies.sorted(),
                      errors: shared.errors, firstError: shared.firstError)
}
