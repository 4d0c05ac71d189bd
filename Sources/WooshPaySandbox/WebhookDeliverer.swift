import AsyncHTTPClient
import Foundation
import GRDB
import Logging
import NIOCore

/// Sends queued events to webhook endpoints in the background, signed, retrying with backoff on
/// the account's clock; every attempt is logged in `webhook_attempts`. Deliveries live in the
/// database, so several sandbox processes on one file share them (a delivery is claimed with one
/// compare-and-set statement before it is sent) and a restart resumes what was pending.
///
/// The same loop runs the time sweeps: open sessions past `expires_at` are expired (and
/// `checkout.session.expired` emitted) and pending refunds that have settled announce it.
final class WebhookDeliverer: Sendable {
    /// Seconds of the account's clock before each retry; after the last the delivery has failed.
    /// About 2.7 days in all, as Stripe retries for up to three days.
    static let retryDelays: [Int64] = [60, 300, 1_800, 7_200, 18_000, 36_000, 86_400, 86_400]
    /// Most deliveries sent at once by one process.
    static let batch = 8

    private let store: Store
    private let configuration: SandboxConfiguration
    private let logger: Logger
    private let owner = UUID().uuidString
    private let doorbell = Doorbell()
    private let state = LoopState()
    private let http: HTTPClient

    init(store: Store, configuration: SandboxConfiguration, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        var http = HTTPClient.Configuration(redirectConfiguration: .disallow)
        http.connectionPool.retryConnectionEstablishment = false
        http.timeout = .init(connect: .seconds(5))
        self.http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: http)
    }

    /// The base clock in milliseconds (each account adds its offset).
    private var baseNow: Int64 { Int64((configuration.clock().timeIntervalSince1970 * 1000).rounded(.down)) }
    private var wallNow: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Something may be due now (a write emitted an event, a clock moved).
    func wake() { doorbell.ring() }

    /// Starts the loop (once).
    func start(baseURL: String) {
        state.start(Task { [self] in await run(baseURL: baseURL) })
    }

    /// Stops the loop; an attempt in flight is abandoned (its claim is released, nothing logged).
    func stop() async {
        if let task = state.stop() {
            task.cancel()
            doorbell.ring()
            await task.value
        }
        try? await http.shutdown()
    }

    /// Sweeps, then claims what is due up to `batch` attempts in flight. Attempts run as their
    /// own tasks, so an endpoint that never answers holds one slot until its timeout, not the
    /// loop; each one ending rings the doorbell to free its slot.
    private func run(baseURL: String) async {
        let inFlight = Counter()
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                var busy = false
                do {
                    if try !Sweeps.run(store.writer, account: nil, baseNow: baseNow, baseURL: baseURL).isEmpty { busy = true }
                    let room = Self.batch - inFlight.value
                    let due = room > 0 ? try claim(limit: room) : []
                    for delivery in due {
                        inFlight.add(1)
                        group.addTask {
                            await self.attempt(delivery)
                            inFlight.add(-1)
                            self.doorbell.ring()
                        }
                    }
                    // A full claim may have left more due; an empty one, or no room, waits.
                    if due.count == room && room > 0 { busy = true }
                } catch {
                    logger.error("webhook delivery loop: \(error)")
                }
                if Task.isCancelled { break }
                if !busy { await doorbell.wait(timeout: configuration.webhookPollInterval) }
            }
            group.cancelAll()
        }
    }

    /// One claimed delivery: what to send and where.
    struct Delivery: Sendable {
        var seq: Int64
        var account: String
        var event: String
        var eventType: String
        var endpoint: String
        var url: String
        var secret: String
        var attempts: Int
        var offset: Int64
        var body: String
        var pending: Int64
    }

    /// Claims due deliveries whose host this process may send to (a claim is one compare-and-set,
    /// so two sandbox processes never send the same attempt).
    private func claim(limit: Int) throws -> [Delivery] {
        let baseNow = baseNow, wall = wallNow
        let sql = """
            SELECT d.seq, d.account, d.event, d.endpoint, d.url, d.secret, d.attempts, a.clock_offset_ms, e.type, e.body
            FROM webhook_deliveries d JOIN accounts a ON a.id = d.account JOIN events e ON e.id = d.event
            WHERE d.state = 'pending' AND d.next_attempt <= ? + a.clock_offset_ms
              AND (d.claimed_until IS NULL OR d.claimed_until < ?)
            ORDER BY d.next_attempt, d.seq LIMIT 64
            """
        // A read first: the loop's idle tick must not take the write lock.
        let candidates = try store.writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: [baseNow, wall])
        }
        guard !candidates.isEmpty else { return [] }
        let hold = wall + Int64(configuration.webhookTimeout.components.seconds) * 1000 + 60_000
        return try store.writer.write { db -> [Delivery] in
            var claimed: [Delivery] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: [baseNow, wall]) where claimed.count < limit {
                let url: String = row["url"]
                guard let host = URLComponents(string: url)?.host,
                      WebhookEndpoints.isAllowed(host: host, allowedHosts: configuration.allowedWebhookHosts) else { continue }
                let seq: Int64 = row["seq"]
                try db.execute(sql: """
                    UPDATE webhook_deliveries SET claimed_until = ?, claimed_by = ?
                    WHERE seq = ? AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)
                    """, arguments: [hold, owner, seq, wall])
                guard db.changesCount == 1 else { continue }
                let event: String = row["event"]
                let pending = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM webhook_deliveries WHERE event = ? AND state = 'pending'",
                                                 arguments: [event]) ?? 0
                claimed.append(Delivery(seq: seq, account: row["account"], event: event, eventType: row["type"],
                                        endpoint: row["endpoint"], url: url, secret: row["secret"], attempts: row["attempts"],
                                        offset: row["clock_offset_ms"], body: row["body"], pending: pending))
            }
            return claimed
        }
    }

    /// Sends one attempt and records it: done on 2xx, else a retry on the account's clock (or failed).
    private func attempt(_ delivery: Delivery) async {
        let payload = Data(Events.withPending(JSON(stored: delivery.body), delivery.pending).text.utf8)
        let started = ContinuousClock.now
        let outcome = await WebhookPost.send(http: http, url: delivery.url, payload: payload, secret: delivery.secret,
                                             timestamp: baseNow / 1000, timeout: configuration.webhookTimeout)
        let duration = ContinuousClock.now - started
        if Task.isCancelled {
            // Stopped mid-attempt: not an attempt the receiver answered; another run sends it.
            _ = try? await store.writer.write { db in
                try db.execute(sql: "UPDATE webhook_deliveries SET claimed_until = NULL, claimed_by = NULL WHERE seq = ? AND claimed_by = ?",
                               arguments: [delivery.seq, owner])
            }
            return
        }
        let durationMS = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        do {
            try await store.writer.write { db in
                let offset = try Int64.fetchOne(db, sql: "SELECT clock_offset_ms FROM accounts WHERE id = ?",
                                                arguments: [delivery.account]) ?? delivery.offset
                let at = baseNow + offset
                let number = delivery.attempts + 1
                var next: Int64? = nil
                let state: String
                if outcome.succeeded {
                    state = "succeeded"
                } else if number <= Self.retryDelays.count {
                    state = "pending"
                    next = at + Self.retryDelays[number - 1] * 1000
                } else {
                    state = "failed"
                }
                try db.execute(sql: """
                    INSERT INTO webhook_attempts (id, account, delivery, event, event_type, endpoint, url, attempt, at, status, error,
                        duration_ms, next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [try Identifiers.fresh("wha_", table: "webhook_attempts", in: db), delivery.account, delivery.seq, delivery.event, delivery.eventType, delivery.endpoint,
                                     delivery.url, number, at, outcome.status, outcome.error, durationMS, next])
                // A delivery canceled meanwhile (its endpoint deleted) stays canceled.
                try db.execute(sql: """
                    UPDATE webhook_deliveries SET attempts = ?, state = CASE state WHEN 'pending' THEN ? ELSE state END,
                        next_attempt = COALESCE(?, next_attempt), claimed_until = NULL, claimed_by = NULL
                    WHERE seq = ?
                    """, arguments: [number, state, next, delivery.seq])
            }
        } catch {
            logger.error("webhook attempt not recorded: \(error)")
        }
    }
}

/// Forwards events as the sandbox delivers them (`till sandbox listen --forward-to`): signed,
/// with the same headers, over its own HTTP client.
public final class WebhookForwarder: Sendable {
    private let http: HTTPClient

    public init() {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(5))
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// POSTs `payload` signed with `secret` at the current time; the status, or why there was none.
    public func post(url: String, payload: Data, secret: String, timeout: Duration = .seconds(10)) async -> WebhookPost.Outcome {
        await WebhookPost.send(http: http, url: url, payload: payload, secret: secret,
                               timestamp: Int64(Date().timeIntervalSince1970), timeout: timeout)
    }

    public func shutdown() async { try? await http.shutdown() }
}

/// One signed POST of an event.
public enum WebhookPost {
    /// What came of one POST: the status, or why there was none.
    public struct Outcome: Sendable {
        public var status: Int?
        public var error: String?
        public var succeeded: Bool { status.map { (200..<300).contains($0) } ?? false }
    }

    /// POSTs `payload` with `Wooshpay-Signature`; a non-2xx, a redirect, a refused connection or
    /// no answer within `timeout` is a failure, said in words.
    static func send(http: HTTPClient, url: String, payload: Data, secret: String, timestamp: Int64,
                            timeout: Duration) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "WooshPay-Sandbox/1.0 (Till; webhooks)")
        request.headers.add(name: WebhookSignature.headerName,
                            value: WebhookSignature.header(payload: payload, secret: secret, timestamp: timestamp))
        request.body = .bytes(ByteBuffer(bytes: payload))
        let seconds = timeout.components.seconds
        let nanos = seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        do {
            let response = try await http.execute(request, timeout: .nanoseconds(max(1, nanos)))
            _ = try? await response.body.collect(upTo: 1 << 20)
            let status = Int(response.status.code)
            return Outcome(status: status, error: (200..<300).contains(status) ? nil : "the endpoint answered \(status)")
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            return Outcome(status: nil, error: "no answer within \(seconds > 0 ? "\(seconds) s" : "\(nanos / 1_000_000) ms") (timed out)")
        } catch {
            return Outcome(status: nil, error: "could not reach the endpoint: \(error)")
        }
    }
}

/// `Wooshpay-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" keyed by the endpoint's secret>`.
public enum WebhookSignature {
    public static let headerName = "Wooshpay-Signature"

    /// The header's value for `payload` sent at `timestamp` (Unix seconds).
    public static func header(payload: Data, secret: String, timestamp: Int64) -> String {
        let message = Array("\(timestamp).".utf8) + Array(payload)
        let mac = HMACSHA256.digest(key: Array(secret.utf8), message: message)
        return "t=\(timestamp),v1=" + mac.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The secret `till sandbox listen` signs with: derived from the account's key, so it stays
    /// the same from one run to the next (as `stripe listen`'s does) and reveals nothing of the key.
    public static func listenSecret(secretKey: String) -> String {
        let mac = HMACSHA256.digest(key: Array(secretKey.utf8), message: Array("till sandbox listen".utf8))
        return "whsec_" + mac.prefix(16).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Whether `host` may receive webhooks: loopback always, others only when listed.
    public static func isAllowed(host: String, allowedHosts: Set<String>) -> Bool {
        WebhookEndpoints.isAllowed(host: host, allowedHosts: allowedHosts)
    }
}

/// Attempts in flight.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    func add(_ delta: Int) { lock.lock(); count += delta; lock.unlock() }
}

/// Wakes the delivery loop early: a ring before the wait makes the next wait return at once.
final class Doorbell: @unchecked Sendable {
    private let lock = NSLock()
    private var rung = false
    private var waiter: CheckedContinuation<Void, Never>?

    func ring() {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume()
        } else {
            rung = true
            lock.unlock()
        }
    }

    /// Returns on a ring or after `timeout`, whichever comes first.
    func wait(timeout: Duration) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { self?.ring() }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if rung || Task.isCancelled {
                rung = false
                lock.unlock()
                continuation.resume()
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
        timer.cancel()
    }
}

/// The loop's task, started and stopped once.
private final class LoopState: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var stopped = false

    func start(_ new: Task<Void, Never>) {
        lock.lock()
        defer { lock.unlock() }
        if task != nil || stopped { new.cancel(); return }
        task = new
    }

    func stop() -> Task<Void, Never>? {
        lock.lock()
        defer { lock.unlock() }
        stopped = true
        let current = task
        task = nil
        return current
    }
}
