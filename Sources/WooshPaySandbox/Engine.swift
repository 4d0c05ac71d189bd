import Crypto
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Request context that keeps the connection, so a fault can drop it without a response.
struct SandboxContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Thrown after the sandbox closed a connection on purpose (fault injection).
struct ConnectionDropped: Error {}

/// A finished API response before it becomes HTTP: what idempotency stores and replays.
struct Reply: Sendable {
    var status: Int
    var body: Data
    var requestID: String
    var replayed = false
    var retryAfter = false

    init(status: Int, body: Data, requestID: String, replayed: Bool = false) {
        self.status = status
        self.body = body
        self.requestID = requestID
        self.replayed = replayed
    }

    init(_ error: APIError, requestID: String) {
        self.init(status: error.status, body: error.body, requestID: requestID)
    }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("Request-Id")!
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}

/// The sandbox's request pipeline: faults, auth, body, idempotency, latency, then the handler
/// inside one database transaction.
final class Engine: Sendable {
    let store: Store
    let configuration: SandboxConfiguration
    let faults: FaultInjector
    let logger: Logger
    /// Sends the events a write emitted to the account's webhook endpoints.
    let webhooks: WebhookDeliverer
    private let base = BaseURL()
    private let accounts = AccountCache()

    static let maxBodyBytes = 1 << 20
    static let idempotencyWindowMilliseconds: Int64 = 24 * 60 * 60 * 1000

    init(configuration: SandboxConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.store = try Store(path: configuration.databasePath)
        self.faults = FaultInjector(rate: configuration.failRate, seed: configuration.seed)
        self.logger = logger
        self.webhooks = WebhookDeliverer(store: store, configuration: configuration, logger: logger)
    }

    var baseURL: String { base.value }
    func setBaseURL(_ url: String) { base.value = url }

    var baseNow: Int64 { Int64((configuration.clock().timeIntervalSince1970 * 1000).rounded(.down)) }

    private static let requestIDAlphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// "req_" and 16 random letters or digits, from two random words rather than 16 draws.
    static func freshRequestID() -> String {
        var random = SystemRandomNumberGenerator()
        return requestID(words: (random.next(), random.next()))
    }

    /// The request id two random words make.
    static func requestID(words: (UInt64, UInt64)) -> String {
        var words = words
        return String(unsafeUninitializedCapacity: 20) { buffer in
            for (i, byte) in "req_".utf8.enumerated() { buffer[i] = byte }
            for i in 0..<16 {
                let alphabet = requestIDAlphabet
                if i < 8 {
                    buffer[4 + i] = alphabet[Int(words.0 % 62)]
                    words.0 /= 62
                } else {
                    buffer[4 + i] = alphabet[Int(words.1 % 62)]
                    words.1 /= 62
                }
            }
            return 20
        }
    }

    // MARK: The pipeline

    /// Serves one `/v1` request. `write` runs the handler in a write transaction (POST); otherwise a read.
    func api(_ request: Request, _ context: SandboxContext, write: Bool, injectFaults: Bool = true,
             handler: @escaping Handler) async throws -> Response {
        let requestID = Engine.freshRequestID()
        var dropAfterCommit = false
        if injectFaults, let fault = faults.next() {
            switch fault {
            case .dropBeforeHandling: try await drop(context)
            case .serverError: return Engine.response(Reply(.internalFault, requestID: requestID))
            case .rateLimited:
                var reply = Reply(.rateLimited, requestID: requestID)
                reply.retryAfter = true
                return Engine.response(reply)
            case .dropAfterCommit: dropAfterCommit = true
            }
        }
        let reply = await handle(request, context, write: write, requestID: requestID, handler: handler)
        if dropAfterCommit { try await drop(context) }
        return Engine.response(reply)
    }

    /// SHA-256 of what identifies a keyed request (method, path, parsed body).
    static func fingerprint(_ text: String) -> Data { fingerprint(Data(text.utf8)) }

    static func fingerprint(_ data: Data) -> Data { Data(SHA256.hash(data: data)) }

    /// The most bytes of a too-large body read (and dropped) before the 413 is sent: a client that
    /// writes its whole body before reading would otherwise block on a full socket and never see
    /// it. Past this the connection is closed instead.
    static let drainLimit = 64 << 20

    /// The request body, at most `limit` bytes; a larger one is drained and refused with 413
    /// (sent with `Connection: close`).
    static func readBody(_ request: Request, _ context: SandboxContext, limit: Int) async throws -> Data {
        var collected = Data()
        var total = 0
        for try await chunk in request.body {
            total += chunk.readableBytes
            if total <= limit {
                collected.append(contentsOf: chunk.readableBytesView)
            } else if total > drainLimit {
                context.channel.close(promise: nil)
                throw APIError.tooLarge
            }
        }
        guard total <= limit else { throw APIError.tooLarge }
        return collected
    }

    private func drop(_ context: SandboxContext) async throws -> Never {
        try? await context.channel.close().get()
        throw ConnectionDropped()
    }

    private func handle(_ request: Request, _ context: SandboxContext, write: Bool, requestID: String,
                        handler: @escaping Handler) async -> Reply {
        var reservedKey: (account: String, key: String)?
        do {
            let account = accounts.account(secretKey: try Engine.secretKey(request.headers[.authorization]))
            var raw = Data()
            var body = JSON.object([])
            if write {
                raw = try await Engine.readBody(request, context, limit: Engine.maxBodyBytes)
                let contentType = request.headers[.contentType]
                guard let encoding = RequestBody.encoding(contentType: contentType, body: raw) else {
                    throw RequestBody.unsupported(contentType ?? "")
                }
                body = try RequestBody.parse(raw, encoding: encoding)
            }
            var query: [String: String] = [:]
            // Hummingbird decodes values only: `created%5Bgte%5D` is `created[gte]` too.
            for (name, value) in request.uri.queryParameters { query[String(name).removingPercentEncoding ?? String(name)] = String(value) }
            let id = context.parameters.get("id") ?? ""

            let idempotencyKey = write ? request.headers[.idempotencyKey] : nil
            if let key = idempotencyKey {
                guard !key.isEmpty, key.count <= 255 else {
                    throw APIError.invalid("Idempotency-Key", "Idempotency-Key must be 1 to 255 characters.", code: "idempotency_key_invalid")
                }
                // A digest of the parsed body (members sorted, scalars as text), so whitespace, member
                // order and the encoding (JSON or form) don't make a retry a conflict, and a 1 MiB body
                // costs 32 bytes for the 24 hours it is kept.
                let head = "\(request.method.rawValue) \(request.uri.path)\n"
                let fingerprint = Engine.fingerprint(head + body.canonical.text)
                // Rows an earlier sandbox wrote digest the body as it was typed (320 and "320" apart).
                let legacy = Engine.fingerprint(head + body.text)
                if let replay = try reserve(key: key, fingerprint: fingerprint, legacy: legacy, account: account,
                                            requestID: requestID) {
                    return replay
                }
                reservedKey = (account.id, key)
            }

            if configuration.latencyMilliseconds > 0 {
                try? await Task.sleep(for: .milliseconds(configuration.latencyMilliseconds))
            }
            if write, let gate = configuration.writeGate { await gate.pass() }

            var call = Call(account: account, baseNow: baseNow, body: body, query: query, id: id, baseURL: baseURL)
            call.requestID = requestID
            call.idempotencyKey = idempotencyKey
            if write {
                // Whatever the write emitted is delivered in the background, never before this reply.
                defer { if call.wakes.isRaised { webhooks.wake() } }
                return try writeNow { db in
                    try account.ensure(db, now: call.baseNow)
                    var call = call
                    try call.account.load(db)
                    var reply = Reply(.internalError, requestID: requestID)
                    try db.inSavepoint {
                        do {
                            reply = Reply(status: 200, body: try handler(db, call).serialized, requestID: requestID)
                            return .commit
                        } catch let error as APIError {
                            reply = Reply(error, requestID: requestID)
                            return .rollback
                        }
                    }
                    if let key = idempotencyKey {
                        try db.cachedStatement(sql: """
                            UPDATE idempotency_keys SET state = 'done', status = ?, body = ?, request_id = ?
                            WHERE account = ? AND key = ?
                            """).execute(arguments: [reply.status, reply.body, requestID, call.account.id, key])
                    }
                    return reply
                }
            } else {
                return try readNow { db in
                    var call = call
                    try call.account.load(db)
                    return Reply(status: 200, body: try handler(db, call).serialized, requestID: requestID)
                }
            }
        } catch let error as APIError {
            if let reservedKey { release(reservedKey) }
            return Reply(error, requestID: requestID)
        } catch {
            logger.error("sandbox request failed: \(String(describing: type(of: error)))")
            if let reservedKey { release(reservedKey) }
            return Reply(.internalError, requestID: requestID)
        }
    }

    /// Serves a GET on the calling thread (FastReads calls it on the event loop): the same
    /// authentication, handler and errors as `handle` gives a GET, with no body and no faults.
    func serveRead(authorization: String?, query: [String: String], id: String, handler: Handler) -> Reply {
        let requestID = Engine.freshRequestID()
        do {
            let account = try accounts.account(authorization: authorization)
            let call = Call(account: account, baseNow: baseNow, body: .object([]), query: query, id: id, baseURL: baseURL)
            return try readNow { db in
                var call = call
                try call.account.load(db)
                return Reply(status: 200, body: try handler(db, call).serialized, requestID: requestID)
            }
        } catch let error as APIError {
            return Reply(error, requestID: requestID)
        } catch {
            logger.error("sandbox request failed: \(String(describing: type(of: error)))")
            return Reply(.internalError, requestID: requestID)
        }
    }

    /// `serveRead` for RawReads: the same status and body, the body written into `body` from its
    /// writer index, straight from the rows when the route has a bytes handler (else the handler's
    /// tree, serialised). Returns the status and the request id.
    ///
    /// With the event loop's `reader`, a route's point read (a retrieve by id) is read on it: one
    /// prepared `SELECT`, its own snapshot; should that read fail, the pool's path reads it.
    func serveRead(authorization: String?, query: [String: String], id: String, route: ReadRoute,
                   reader: LoopReader? = nil, into body: inout ByteBuffer) -> (status: Int, requestID: String) {
        let requestID = reader?.requestID() ?? Engine.freshRequestID()
        let start = body.writerIndex
        do {
            let account = try accounts.account(authorization: authorization)
            if let point = route.point, let reader, let found = reader.writeOwned(point, id: id, account: account.id, to: &body) {
                guard found else { throw APIError.noSuch(point.kind, id, param: "id") }
                return (200, requestID)
            }
            let call = Call(account: account, baseNow: baseNow, body: .object([]), query: query, id: id, baseURL: baseURL)
            try readNow { db in
                if let bytes = route.bytes, try bytes(db, call, &body) { return }
                body.moveWriterIndex(to: start)
                var call = call
                try call.account.load(db)
                body.writeBytes(try route.handler(db, call).serialized)
            }
            return (200, requestID)
        } catch let error as APIError {
            body.moveWriterIndex(to: start)
            body.writeBytes(error.body)
            return (error.status, requestID)
        } catch {
            logger.error("sandbox request failed: \(String(describing: type(of: error)))")
            body.moveWriterIndex(to: start)
            body.writeBytes(APIError.internalError.body)
            return (APIError.internalError.status, requestID)
        }
    }

    /// Records the key as in flight, or answers for it: a replay of the stored response, or 409.
    private func reserve(key: String, fingerprint: Data, legacy: Data, account: Account, requestID: String) throws -> Reply? {
        let baseNow = baseNow
        return try writeNow { db -> Reply? in
            try account.ensure(db, now: baseNow)
            var account = account
            try account.load(db)
            let now = baseNow + account.clockOffsetMilliseconds
            try db.cachedStatement(sql: "DELETE FROM idempotency_keys WHERE account = ? AND created < ?").execute(
                           arguments: [account.id, now - Engine.idempotencyWindowMilliseconds])
            if let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM idempotency_keys WHERE account = ? AND key = ?"),
                                          arguments: [account.id, key]) {
                let stored: Data = row["fingerprint"]
                // Rows an older sandbox wrote hold the text itself rather than its digest.
                if stored != fingerprint && stored != legacy
                    && (stored.count == fingerprint.count || Engine.fingerprint(stored) != legacy) {
                    throw APIError(status: 409, type: "idempotency_error", code: "idempotency_key_reused",
                                   message: "Keys for idempotent requests can only be used with the same parameters they were first used with.",
                                   param: nil)
                }
                guard (row["state"] as String) == "done" else {
                    throw APIError(status: 409, type: "idempotency_error", code: "idempotency_key_in_use",
                                   message: "A request with this idempotency key is still being processed; retry later.",
                                   param: nil)
                }
                return Reply(status: row["status"], body: row["body"], requestID: row["request_id"], replayed: true)
            }
            try db.cachedStatement(sql: """
                INSERT INTO idempotency_keys (account, key, fingerprint, state, request_id, created)
                VALUES (?, ?, ?, 'pending', ?, ?)
                """).execute(arguments: [account.id, key, fingerprint, requestID, now])
            return nil
        }
    }

    /// Forgets a key whose request failed before it produced a response, so a retry can run it.
    private func release(_ reserved: (account: String, key: String)) {
        _ = try? writeNow { db in
            try db.cachedStatement(sql: "DELETE FROM idempotency_keys WHERE account = ? AND key = ? AND state = 'pending'").execute(
                           arguments: [reserved.account, reserved.key])
        }
    }

    // The database is used synchronously, on the thread that serves the request: GRDB's
    // synchronous calls run the block on the caller's thread (a serial queue's `sync`), so a
    // request does not hop to a GRDB queue's thread and back, which cost more than the SQL itself.
    // SQLite's work here is microseconds, so blocking the concurrency pool for it is cheaper
    // than two thread wake-ups. These are plain functions so the synchronous overloads are used.

    /// A write transaction, run on the calling thread (waits for the single writer).
    private func writeNow<T>(_ updates: (Database) throws -> T) throws -> T {
        try store.writer.write(updates)
    }

    /// A read (a WAL snapshot from the pool's readers), run on the calling thread. The snapshot's
    /// BEGIN and COMMIT are cached statements: GRDB's `read` parses both again for every read,
    /// which cost as much as the query. (Pool readers are opened read-only; GET handlers never write.)
    private func readNow<T>(_ value: (Database) throws -> T) throws -> T {
        try store.writer.unsafeRead { db in
            try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
            do {
                let result = try value(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                return result
            } catch {
                try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
                throw error
            }
        }
    }

    /// The secret key from `Authorization: Basic base64(key:)` (or `Bearer key`). Messages never echo the key.
    static func secretKey(_ header: String?) throws -> String {
        guard let header, !header.isEmpty else {
            throw APIError.unauthorized("You did not provide an API key. Use HTTP Basic auth with your test secret key as the user name and an empty password.")
        }
        let key: String
        if header.lowercased().hasPrefix("basic ") {
            guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                  let pair = String(data: data, encoding: .utf8) else {
                throw APIError.unauthorized("Invalid Authorization header: expected HTTP Basic with the secret key as the user name.")
            }
            key = String(pair.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        } else if header.lowercased().hasPrefix("bearer ") {
            key = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else {
            throw APIError.unauthorized("Invalid Authorization header: expected HTTP Basic with the secret key as the user name.")
        }
        if key.hasPrefix("sk_live_") {
            throw APIError.unauthorized("The sandbox takes test keys only (sk_test_…); a live key was refused.")
        }
        let rest = key.dropFirst("sk_test_".count)
        guard key.hasPrefix("sk_test_"), (8...200).contains(rest.count),
              rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw APIError.unauthorized("Invalid API key: the sandbox takes sk_test_ followed by 8 to 200 letters or digits.")
        }
        return key
    }

    static func response(_ reply: Reply) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[.requestID] = reply.requestID
        if reply.replayed { headers[.idempotentReplayed] = "true" }
        if reply.retryAfter { headers[.retryAfter] = "1" }
        // The body was drained, but the connection is not worth keeping for a client that sends 1 MiB+.
        if reply.status == 413 { headers[.connection] = "close" }
        return Response(status: .init(code: reply.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}

/// Accounts by secret key, so the two SHA-256 digests of a key are computed once, not per request
/// (and by the `Authorization` header a GET sent, so it is not decoded again either).
final class AccountCache: @unchecked Sendable {
    private let lock = NSLock()
    private var accounts: [String: Account] = [:]
    private var byHeader: [String: Account] = [:]

    /// The account of a request's `Authorization` header; throws `secretKey`'s refusals.
    func account(authorization: String?) throws -> Account {
        if let authorization {
            lock.lock()
            if let account = byHeader[authorization] { lock.unlock(); return account }
            lock.unlock()
        }
        let account = account(secretKey: try Engine.secretKey(authorization))
        lock.lock()
        if byHeader.count >= 1_024 { byHeader.removeAll() }
        byHeader[authorization ?? ""] = account
        lock.unlock()
        return account
    }

    func account(secretKey: String) -> Account {
        lock.lock()
        if let account = accounts[secretKey] { lock.unlock(); return account }
        lock.unlock()
        let account = Account(secretKey: secretKey)
        lock.lock()
        if accounts.count >= 1_024 { accounts.removeAll() }  // bounded: tests make many keys
        accounts[secretKey] = account
        lock.unlock()
        return account
    }
}

/// The base URL, known only once the listener is bound (the port may be ephemeral).
final class BaseURL: @unchecked Sendable {
    private let lock = NSLock()
    private var url = ""
    var value: String {
        get { lock.lock(); defer { lock.unlock() }; return url }
        set { lock.lock(); url = newValue; lock.unlock() }
    }
}

/// Gives every response a `Request-Id` and turns anything thrown (unknown route, a bug) into the
/// WooshPay error envelope instead of an empty body.
struct EnvelopeMiddleware: RouterMiddleware {
    typealias Context = SandboxContext

    func handle(_ request: Request, context: SandboxContext,
                next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as ConnectionDropped {
            throw error
        } catch let error as HTTPResponseError where error.status == .notFound || error.status == .methodNotAllowed {
            response = Engine.response(Reply(.unknownRoute, requestID: Engine.freshRequestID()))
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            response = Engine.response(Reply(.tooLarge, requestID: Engine.freshRequestID()))
        } catch {
            response = Engine.response(Reply(.internalError, requestID: Engine.freshRequestID()))
        }
        if response.headers[.requestID] == nil { response.headers[.requestID] = Engine.freshRequestID() }
        return response
    }
}
