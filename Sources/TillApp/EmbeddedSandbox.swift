import Foundation
import Logging
import TillConfig
import WooshPaySandbox
#if canImport(Glibc)
import Glibc
#endif

/// Where the embedded sandbox listens first.
public enum EmbeddedSandbox {
    /// The port tried first (when none is recorded, or the recorded one is taken); 12111 is left to
    /// `till sandbox --port`'s default for a standalone server.
    public static let preferredPort = 12112
}

/// The embedded sandbox a data folder's tills share: one server, at one address, for every till
/// (and command) of the host using that folder, so a cashier URL made on any of them keeps
/// working while any of them runs.
///
/// The first to open takes the lease (`SandboxLease`) and serves on the recorded port (else
/// 12112, else a free one), recording where. The others use that address without serving, and
/// try the lease every `takeoverInterval` off the curses thread: when the server quits or is
/// killed, one of them takes over at the same address (`SO_REUSEADDR`, so connections left in
/// TIME_WAIT do not block the bind).
public actor SharedSandbox {
    /// Where every till of the data folder reaches the sandbox (fixed for this process).
    public nonisolated let baseURL: String
    /// What the operator should know about the start (the recorded port was taken), in words.
    public nonisolated let notices: [String]
    /// The process that served it when this one opened, when that was not this one.
    public nonisolated let servedByAtOpen: Int32?

    /// How often a till that does not serve tries to take the lease over.
    public static let takeoverInterval: Duration = .milliseconds(250)

    private let lease: SandboxLease
    private let template: SandboxConfiguration
    private let databasePath: String
    private let preferredPort: Int
    private let logger: Logger
    private let onServing: @Sendable (String) -> Void
    private var server: Sandbox?
    private var watcher: Task<Void, Never>?
    private var closed = false
    private var warnedMove = false

    /// Whether this process serves the sandbox now.
    public var isServing: Bool { server != nil }

    /// Where this process serves it, if it does.
    public var servingURL: String? { server?.baseURL }

    private init(baseURL: String, notices: [String], servedBy: Int32?, lease: SandboxLease,
                 template: SandboxConfiguration, databasePath: String, preferredPort: Int, server: Sandbox?,
                 logger: Logger, onServing: @escaping @Sendable (String) -> Void) {
        self.baseURL = baseURL
        self.notices = notices
        self.servedByAtOpen = servedBy
        self.lease = lease
        self.template = template
        self.databasePath = databasePath
        self.preferredPort = preferredPort
        self.server = server
        self.logger = logger
        self.onServing = onServing
    }

    /// Serve the data folder's sandbox, or use the one already served.
    /// - Parameters:
    ///   - template: faults, timeouts and clock for when this process serves; its host, port and
    ///     database are the data folder's.
    ///   - preferredPort: tried when no port is recorded or the recorded one is taken (tests give
    ///     their own, so they do not contend for 12112).
    ///   - onServing: called with the base URL when this process takes over serving later.
    public static func open(paths: TillPaths, template: SandboxConfiguration = SandboxConfiguration(),
                            preferredPort: Int = EmbeddedSandbox.preferredPort, logger: Logger,
                            onServing: @escaping @Sendable (String) -> Void = { _ in })
        async throws -> SharedSandbox {
        let lease = try SandboxLease(paths: paths)
        let databasePath = paths.sandboxDatabase.path
        // The holder records its address right after binding; a few seconds covers a slow start.
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            if lease.tryAcquire() {
                do {
                    let (server, notices) = try await serve(lease: lease, template: template, databasePath: databasePath,
                                                            preferredPort: preferredPort, logger: logger)
                    return SharedSandbox(baseURL: server.baseURL, notices: notices, servedBy: nil, lease: lease,
                                         template: template, databasePath: databasePath, preferredPort: preferredPort,
                                         server: server, logger: logger, onServing: onServing)
                } catch {
                    lease.close()
                    throw error
                }
            }
            if let address = lease.readAddress(), let pid = address.pid, SandboxLease.isAlive(pid) {
                let shared = SharedSandbox(baseURL: address.baseURL, notices: [], servedBy: pid, lease: lease,
                                           template: template, databasePath: databasePath, preferredPort: preferredPort,
                                           server: nil, logger: logger, onServing: onServing)
                await shared.watch()
                logger.info("using the embedded sandbox served by pid \(pid) at \(address.baseURL)")
                return shared
            }
            // Held, but its holder has not recorded where yet (it is starting).
            guard ContinuousClock.now < deadline else {
                lease.close()
                throw SharedSandboxError.holderSilent(lockPath: lease.lockPath, addressPath: lease.addressPath)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Stop serving (if this process does) and give the lease up; another till takes over.
    public func close() async {
        closed = true
        watcher?.cancel()
        await watcher?.value
        watcher = nil
        if let server {
            await server.stop()
            self.server = nil
            // Still holding the lease: the next server binds the same port and waits for no one.
            let port = URLComponents(string: server.baseURL)?.port ?? 0
            if port > 0 { try? lease.record(SandboxAddress(port: port, pid: nil)) }
        }
        lease.close()
    }

    /// Pays an open session as the cashier's Pay does, when this process serves (tests and tools).
    public func completePayment(session id: String) async throws -> Bool? {
        guard let server else { return nil }
        return try await server.completePayment(session: id)
    }

    private func watch() {
        watcher = Task { [weak self] in
            while !Task.isCancelled {
                do { try await Task.sleep(for: SharedSandbox.takeoverInterval) } catch { return }
                guard let self else { return }
                if await self.tryTakeOver() { return }
            }
        }
    }

    /// One non-blocking try at the lease; serves when it is free. True once this process serves.
    private func tryTakeOver() async -> Bool {
        guard !closed, server == nil else { return server != nil }
        guard lease.tryAcquire() else {
            noteMove()
            return false
        }
        do {
            let (server, notices) = try await Self.serve(lease: lease, template: template, databasePath: databasePath,
                                                         preferredPort: preferredPort, logger: logger)
            self.server = server
            logger.notice("took over serving the embedded sandbox at \(server.baseURL)")
            for notice in notices { logger.warning("\(notice)") }
            if server.baseURL != baseURL {
                logger.warning("this till still talks to \(baseURL): restart it to follow the sandbox to \(server.baseURL)")
            }
            onServing(server.baseURL)
            return true
        } catch {
            logger.error("could not take over serving the embedded sandbox: \(error)")
            lease.release()
            return false
        }
    }

    /// The server moved (its port was taken when it took over): said once in the log, as this
    /// process's client cannot follow it.
    private func noteMove() {
        guard !warnedMove, let address = lease.readAddress(), address.baseURL != baseURL,
              let pid = address.pid, SandboxLease.isAlive(pid) else { return }
        warnedMove = true
        logger.warning("the embedded sandbox moved to \(address.baseURL) (its port was taken); this till still talks to \(baseURL): restart it to follow")
    }

    /// Bind and serve with the lease held: the recorded port, else 12112, else a free one; then
    /// record where. A recorded port that another program holds is said in `notices`.
    private static func serve(lease: SandboxLease, template: SandboxConfiguration, databasePath: String,
                              preferredPort: Int, logger: Logger) async throws -> (Sandbox, [String]) {
        let recorded = lease.readAddress()
        var candidates: [Int] = []
        if let port = recorded?.port { candidates.append(port) }
        if !candidates.contains(preferredPort) { candidates.append(preferredPort) }
        candidates.append(0)
        var taken: [Int] = []
        for port in candidates {
            var configuration = template
            configuration.host = "127.0.0.1"
            configuration.port = port
            configuration.databasePath = databasePath
            // The previous server may still be closing (it dropped the lease first, or closed
            // cleanly a moment ago, in this process or another): the recorded port frees as it
            // finishes. Only a program that keeps it past that is a stranger.
            let waitUntil = ContinuousClock.now + .seconds(3)
            while port != 0, port == recorded?.port, SandboxLease.isTaken(port: port), ContinuousClock.now < waitUntil {
                try await Task.sleep(for: .milliseconds(20))
            }
            if port != 0, SandboxLease.isTaken(port: port) {
                logger.warning("port \(port) is taken by another program; trying another")
                taken.append(port)
                continue
            }
            let server: Sandbox
            do {
                server = try await Sandbox.start(configuration)
            } catch {
                // Taken between the check and the bind (another till of another data folder
                // starting at the same moment): the next candidate; port 0 says any other error.
                guard port != 0 else { throw error }
                logger.warning("port \(port) could not be bound (\(error)); trying another")
                taken.append(port)
                continue
            }
            let bound = URLComponents(string: server.baseURL)?.port ?? port
            do {
                try lease.record(SandboxAddress(port: bound, pid: getpid()))
            } catch {
                await server.stop()
                throw error
            }
            var notices: [String] = []
            if let first = taken.first, first == recorded?.port {
                notices.append("Port \(first), where this data folder's embedded sandbox served before, is taken by "
                    + "another program; the sandbox now serves at \(server.baseURL) (recorded in \(lease.addressPath)). "
                    + "Cashier URLs made at port \(first) no longer open.")
            }
            logger.info("serving the embedded sandbox at \(server.baseURL)")
            return (server, notices)
        }
        // Unreachable: port 0 either binds or throws.
        throw SharedSandboxError.noPort
    }
}

/// Why the shared embedded sandbox could not be opened.
public enum SharedSandboxError: Error, CustomStringConvertible, Equatable {
    /// The lease or address file could not be opened or written.
    case lease(path: String, reason: String)
    /// Another process holds the lease but recorded no address in time.
    case holderSilent(lockPath: String, addressPath: String)
    case noPort

    public var description: String {
        switch self {
        case .lease(let path, let reason): "\(path): \(reason)"
        case .holderSilent(let lockPath, let addressPath):
            "another process holds the embedded sandbox's lease (\(lockPath)) but has recorded no address in "
                + "\(addressPath); if no till is running, that process is stuck: `fuser \(lockPath)` names it"
        case .noPort: "no free loopback port for the embedded sandbox"
        }
    }
}
