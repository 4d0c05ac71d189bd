import Foundation
import Hummingbird
import Logging

/// A webhook endpoint on loopback for the tests: records every POST (headers and exact body) and
/// answers as `reply` says for the n-th request (0-based): a status, or no answer at all until
/// the receiver stops (a receiver that times out).
public final class WebhookReceiver: @unchecked Sendable {
    public enum Reply: Sendable { case status(Int), hang }

    public struct Hit: Sendable {
        public var signature: String?
        public var contentType: String?
        public var body: Data
        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        public var type: String { json["type"] as? String ?? "" }
        public var id: String { json["id"] as? String ?? "" }
    }

    public let url: String
    private let lock = NSLock()
    private var hits: [Hit] = []
    private var hung: [CheckedContinuation<Void, Never>] = []
    private var released = false
    private let task: Task<Void, any Error>

    private init(url: String, task: Task<Void, any Error>) {
        self.url = url
        self.task = task
    }

    public static func start(path: String = "/hooks", reply: @escaping @Sendable (Int) -> Reply = { _ in .status(200) }) async throws -> WebhookReceiver {
        let box = ReceiverBox()
        let router = Router()
        router.post(RouterPath(path)) { request, context -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            func header(_ name: String) -> String? {
                request.headers.first { $0.name.canonicalName == name }?.value
            }
            let index = box.receiver!.record(Hit(signature: header("wooshpay-signature"), contentType: header("content-type"),
                                                 body: Data(body.readableBytesView)))
            switch reply(index) {
            case .status(let code): return Response(status: .init(code: code))
            case .hang:
                await box.receiver!.hang()
                return Response(status: .ok)
            }
        }
        let port = PortBox()
        var logger = Logger(label: "test.receiver")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in port.set(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.run() }
        let bound = try await port.wait()
        let receiver = WebhookReceiver(url: "http://127.0.0.1:\(bound)\(path)", task: task)
        box.receiver = receiver
        return receiver
    }

    private func record(_ hit: Hit) -> Int {
        lock.lock()
        defer { lock.unlock() }
        hits.append(hit)
        return hits.count - 1
    }

    private func hang() async {
        await withCheckedContinuation { continuation in
            lock.lock()
            if released {
                lock.unlock()
                continuation.resume()
            } else {
                hung.append(continuation)
                lock.unlock()
            }
        }
    }

    private func releaseAll() -> [CheckedContinuation<Void, Never>] {
        lock.lock()
        defer { lock.unlock() }
        released = true
        let waiting = hung
        hung = []
        return waiting
    }

    public var received: [Hit] {
        lock.lock()
        defer { lock.unlock() }
        return hits
    }

    /// Waits until `condition` holds for what was received (polled; fails after `seconds`).
    public func wait(seconds: Double = 30, _ what: String = "webhooks", until condition: ([Hit]) -> Bool) async throws -> [Hit] {
        try await waitFor(seconds: seconds, what) { let now = received; return condition(now) ? now : nil }
    }

    public func stop() async {
        for continuation in releaseAll() { continuation.resume() }
        task.cancel()
        _ = try? await task.value
    }
}

public struct TimedOut: Error, CustomStringConvertible {
    public var what: String
    public init(what: String) { self.what = what }
    public var description: String { "timed out waiting for \(what)" }
}

/// Polls `probe` until it gives a value; a condition wait with a generous bound, never a fixed sleep.
public func waitFor<T>(seconds: Double = 30, _ what: String, _ probe: () async throws -> T?) async throws -> T {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while true {
        if let value = try await probe() { return value }
        if ContinuousClock.now > deadline { throw TimedOut(what: what) }
        try await Task.sleep(for: .milliseconds(10))
    }
}

private final class ReceiverBox: @unchecked Sendable {
    var receiver: WebhookReceiver?
}

private final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?
    private var waiter: CheckedContinuation<Int, any Error>?

    func set(_ value: Int) {
        lock.lock()
        port = value
        let waiter = self.waiter
        self.waiter = nil
        lock.unlock()
        waiter?.resume(returning: value)
    }

    func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            if let port {
                lock.unlock()
                continuation.resume(returning: port)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}

/// HMAC-SHA256 written out here from FIPS 180-4 and RFC 2104, independent of the sandbox's
/// swift-crypto, to check `Wooshpay-Signature` as a receiver would.
public enum IndependentHMAC {
    public static func sha256(_ message: [UInt8]) -> [UInt8] {
        let k: [UInt32] = [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        ]
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var data = message
        let bitLength = UInt64(message.count) * 8
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        for chunk in stride(from: 0, to: data.count, by: 64) {
            var w = [UInt32](repeating: 0, count: 64)
            for i in 0..<16 {
                w[i] = data[chunk + 4 * i ..< chunk + 4 * i + 4].reduce(0) { $0 << 8 | UInt32($1) }
            }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (i, v) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ v }
        }
        return h.flatMap { v in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> UInt32($0)) } }
    }

    public static func hex(key: String, message: [UInt8]) -> String {
        var block = Array(key.utf8)
        if block.count > 64 { block = sha256(block) }
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = sha256(block.map { $0 ^ 0x36 } + message)
        return sha256(block.map { $0 ^ 0x5c } + inner).map { String(format: "%02x", $0) }.joined()
    }

    /// Checks `t=…,v1=…` over `t.body` with `secret`; returns the timestamp when it matches.
    public static func verify(header: String?, body: Data, secret: String) -> Int64? {
        guard let header else { return nil }
        var timestamp: String?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = pair[1] }
            if pair[0] == "v1" { signatures.append(pair[1]) }
        }
        guard let timestamp, let seconds = Int64(timestamp) else { return nil }
        let expected = hex(key: secret, message: Array("\(timestamp).".utf8) + Array(body))
        return signatures.contains(expected) ? seconds : nil
    }
}
