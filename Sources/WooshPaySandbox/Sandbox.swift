import Foundation
import GRDB
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// A running WooshPay-compatible sandbox server.
public final class Sandbox: Sendable {
    /// Where it listens, e.g. "http://127.0.0.1:54321" (no trailing slash).
    public let baseURL: String
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    private let engine: Engine

    private init(baseURL: String, group: ServiceGroup, task: Task<Void, any Error>, engine: Engine) {
        self.baseURL = baseURL
        self.group = group
        self.task = task
        self.engine = engine
    }

    /// Opens the database, binds, and serves in the background until `stop()`.
    public static func start(_ configuration: SandboxConfiguration) async throws -> Sandbox {
        try await launch(configuration, signals: [])
    }

    /// Serves in the foreground until SIGINT or SIGTERM, calling `onListening` with the base URL once bound.
    public static func serve(_ configuration: SandboxConfiguration,
                             onListening: @Sendable (String) -> Void) async throws {
        let sandbox = try await launch(configuration, signals: [.sigint, .sigterm])
        onListening(sandbox.baseURL)
        do {
            try await sandbox.task.value
        } catch {
            await sandbox.engine.webhooks.stop()
            sandbox.engine.store.close()
            throw error
        }
        await sandbox.engine.webhooks.stop()
        sandbox.engine.store.close()
    }

    /// Stops accepting connections, finishes requests in flight, and closes the database.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        await engine.webhooks.stop()
        engine.store.close()
    }

    /// Pays an open checkout session as the hosted cashier's Pay does (complete, paid, its payment
    /// intent succeeded), for tests and tools that have no browser. Returns false when there is no
    /// open session with that id (unknown, already paid, or expired by its account's clock).
    public func completePayment(session id: String) async throws -> Bool {
        let baseNow = engine.baseNow
        let baseURL = engine.baseURL
        defer { engine.webhooks.wake() }
        return try await engine.store.writer.write { db in
            guard let row = try Row.fetchOne(try db.cachedStatement(sql: """
                SELECT checkout_sessions.*, accounts.clock_offset_ms FROM checkout_sessions
                JOIN accounts ON accounts.id = checkout_sessions.account WHERE checkout_sessions.id = ?
                """), arguments: [id]),
                  Sessions.effectiveStatus(row, now: baseNow + (row["clock_offset_ms"] as Int64)) == "open" else { return false }
            try Cashier.markPaid(db, row, call: .system(account: row["account"], offset: row["clock_offset_ms"],
                                                        baseNow: baseNow, baseURL: baseURL))
            return true
        }
    }

    private static func launch(_ configuration: SandboxConfiguration, signals: [UnixSignal]) async throws -> Sandbox {
        var logger = Logger(label: "till.sandbox")
        logger.logLevel = .error
        let engine = try Engine(configuration: configuration, logger: logger)
        let ready = Ready()
        let app = Application(
            router: Routes.router(engine),
            server: HTTPServerBuilder { responder in SandboxChannel(responder: responder, engine: engine) },
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil,
                                 availableConnectionsDelegate: MaximumAvailableConnections(max(1, configuration.maxConnections))),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                engine.setBaseURL(baseURL(host: configuration.host, port: port))
                ready.resolve(.success(port))
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: signals, logger: logger))
        let task = Task {
            do {
                try await group.run()
                ready.resolve(.failure(SandboxError.stoppedBeforeListening))
            } catch {
                ready.resolve(.failure(error))
                throw error
            }
        }
        let port: Int
        do {
            port = try await ready.wait()
        } catch {
            await engine.webhooks.stop()
            engine.store.close()
            throw error
        }
        let sandbox = Sandbox(baseURL: baseURL(host: configuration.host, port: port), group: group, task: task, engine: engine)
        // Deliveries and time sweeps, in the background; a restart resumes what the database holds.
        engine.webhooks.start(baseURL: sandbox.baseURL)
        return sandbox
    }

    private static func baseURL(host: String, port: Int) -> String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
}

/// Hummingbird's HTTP/1 child channel with the sandbox's handlers: `RawReads` in front of the
/// codec, and after it the slow-client guard and `FastReads`. Slow or half-open clients are
/// dropped and connections capped, so no client can hold every file descriptor (see
/// SlowClientGuard). Faults and added latency are applied in Engine.api, on Hummingbird's path
/// only, so while either is on neither fast path is installed.
struct SandboxChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let responder: HTTPChannelHandler.Responder
    let engine: Engine

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let (engine, responder) = (engine, responder)
        return channel.eventLoop.makeCompletedFuture { () -> HTTP1Channel in
            let configuration = engine.configuration
            let slowClients = SlowClientGuard(head: configuration.headTimeout, body: configuration.bodyTimeout,
                                              idle: configuration.idleTimeout)
            var handlers: [any RemovableChannelHandler] = [slowClients]
            if configuration.failRate == 0 && configuration.latencyMilliseconds == 0 {
                let ledger = CodecLedger()
                try channel.pipeline.syncOperations.addHandler(
                    RawReads(engine: engine, routes: Routes.reads, ledger: ledger, slowClients: slowClients))
                handlers.append(FastReads(engine: engine, routes: Routes.reads, ledger: ledger))
            }
            // Made here, on the channel's event loop, and used by HTTP1Channel's setup right after.
            let afterCodec = NIOLoopBound(handlers, eventLoop: channel.eventLoop)
            return HTTP1Channel(responder: responder, configuration: .init(additionalChannelHandlers: afterCodec.value))
        }.flatMap { http1 in http1.setup(channel: channel, logger: logger) }
    }

    func handle(value: Value, logger: Logger) async {
        await HTTP1Channel(responder: responder).handle(value: value, logger: logger)
    }
}

/// Why a sandbox did not start.
public enum SandboxError: Error, CustomStringConvertible {
    case stoppedBeforeListening
    /// The database file could not be created.
    case databaseFile(path: String, reason: String)
    /// The database path (or its -wal or -shm) exists and is not the sandbox's database; nothing was changed.
    case notADatabase(path: String, what: String)
    /// The database path (or its -wal or -shm) is a symbolic link, which the sandbox never follows.
    case symbolicLink(path: String, target: String)

    public var description: String {
        switch self {
        case .stoppedBeforeListening: "The sandbox server stopped before it was listening."
        case .databaseFile(let path, let reason): "The database file \(path) could not be created: \(reason)."
        case .notADatabase(let path, let what):
            "\(path) is not a sandbox database: it is \(what). Nothing was changed; give --db a new path or a sandbox database."
        case .symbolicLink(let path, let target):
            "\(path) is a symbolic link (to \(target)); the sandbox does not follow links for its database. "
                + "Nothing was changed; give --db the real path."
        }
    }
}

/// A one-shot result the server's start-up reports to whoever waits for it.
private final class Ready: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Int, any Error>?
    private var waiter: CheckedContinuation<Int, any Error>?

    func resolve(_ value: Result<Int, any Error>) {
        lock.lock()
        guard result == nil else { lock.unlock(); return }
        result = value
        let waiter = self.waiter
        self.waiter = nil
        lock.unlock()
        waiter?.resume(with: value)
    }

    func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            if let result {
                lock.unlock()
                continuation.resume(with: result)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
