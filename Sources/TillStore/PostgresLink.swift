import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the PostgreSQL server that the store's synchronous calls block on. It is
/// opened on first use and again on the first use after it was lost, so a server that went away
/// and came back is found again without a restart. Not thread-safe: its owner serialises calls.
final class PostgresLink {
    /// The event loop every store's connections run on: callers block on its futures
    /// (`EventLoopFuture.wait()`), so it is never a loop of theirs. One thread serves every store of
    /// the process, as PostgreSQL traffic is a few short queries a second.
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    /// postgres-nio's own log lines go nowhere: a trace of a query may show its values.
    static let logger = Logger(label: "till.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    /// How long one query may take before the connection is taken for lost.
    let callTimeout: TimeInterval
    private(set) var connection: PostgresConnection?
    /// Called on the event loop for each notification (on a link that listens).
    private let onNotification: (@Sendable () -> Void)?
    private let channel: String?

    /// - Parameter listen: a channel to LISTEN on from every connection this link opens, with what
    ///   to do on each notification (on the event loop, so it must be quick).
    init(location: PostgresLocation, callTimeout: TimeInterval,
         listen: (channel: String, onNotification: @Sendable () -> Void)? = nil) throws(ShopStoreError) {
        self.location = location
        self.callTimeout = callTimeout
        configuration = try Self.configuration(location)
        channel = listen?.channel
        onNotification = listen?.onNotification
    }

    deinit { connection.map(Self.close) }

    /// The open connection, opening one when there is none or it was lost.
    /// - Returns: the connection, and whether it is new (so a listener knows it may have missed
    ///   notifications).
    @discardableResult
    func connect() throws(ShopStoreError) -> (PostgresConnection, fresh: Bool) {
        if let connection, !connection.isClosed { return (connection, false) }
        connection = nil
        let future = PostgresConnection.connect(on: Self.group.next(), configuration: configuration,
                                                id: 1, logger: Self.logger)
        let opened: PostgresConnection
        do {
            // Connecting and logging in together: a server that takes the connection and never
            // answers is as unreachable as one that refuses it.
            opened = try Self.wait(future, seconds: location.connectTimeout + 1)
        } catch {
            future.whenSuccess(Self.close)
            throw .unavailable(location: location.description, reason: Self.unreachable(location, error))
        }
        if let channel, let onNotification {
            opened.addListener(channel: channel) { _, _ in onNotification() }
        }
        connection = opened
        return (opened, true)
    }

    /// Runs one statement, blocking the caller; a lost connection is dropped (the next call opens
    /// another) and thrown as `ShopStoreError.unavailable`, an SQL error as `PostgresServerError`.
    @discardableResult
    func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        let (connection, _) = try connect()
        do {
            return try Self.wait(connection.query(query, logger: Self.logger), seconds: callTimeout)
        } catch {
            if let server = PostgresServerError(error), !server.endsConnection { throw server }
            drop()
            throw ShopStoreError.unavailable(location: location.description, reason: Self.lost(error))
        }
    }

    /// Runs SQL text that takes no values (migrations, tests' set-up).
    func execute(_ sql: String) throws {
        try run(PostgresQuery(unsafeSQL: sql))
    }

    /// Closes the connection (a call that timed out leaves it in an unknown state).
    func drop() {
        connection.map(Self.close)
        connection = nil
    }

    /// Closes without waiting (the future `close()`, not the async one). The connection is held
    /// until it is closed: postgres-nio requires a connection to be closed before it goes away.
    @Sendable static func close(_ connection: PostgresConnection) {
        let closed: EventLoopFuture<Void> = connection.close()
        closed.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    // MARK: Waiting

    /// A call that got no answer in time.
    struct Timeout: Error {
        let seconds: TimeInterval
    }

    /// Blocks the calling thread (never one of `group`'s) until `future` completes or `seconds` pass.
    static func wait<T: Sendable>(_ future: EventLoopFuture<T>, seconds: TimeInterval) throws -> T {
        let promise = future.eventLoop.makePromise(of: T.self)
        future.cascade(to: promise)
        let timer = future.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
            promise.fail(Timeout(seconds: seconds))  // a later result is ignored
        }
        defer { timer.cancel() }
        return try promise.futureResult.wait()
    }

    // MARK: Configuration

    static func configuration(_ location: PostgresLocation) throws(ShopStoreError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let folder = location.socketFolder {
            configuration = .init(unixSocketPath: location.socketPath(in: folder), username: location.user,
                                  password: location.password, database: location.database)
        } else {
            configuration = .init(host: location.host ?? "localhost", port: location.port, username: location.user,
                                  password: location.password, database: location.database, tls: try tls(location))
        }
        configuration.options.connectTimeout = .milliseconds(Int64(location.connectTimeout * 1000))
        configuration.options.additionalStartupParameters = [("application_name", "till")]
        return configuration
    }

    static func tls(_ location: PostgresLocation) throws(ShopStoreError) -> PostgresConnection.Configuration.TLS {
        if location.tlsMode == .disable { return .disable }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.tlsMode {
        case .disable, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let root = location.rootCertificate {
            guard FileManager.default.isReadableFile(atPath: root) else {
                throw .unavailable(location: location.description, reason: "sslrootcert \(root) cannot be read")
            }
            tls.trustRoots = .file(root)
        }
        do {
            let context = try NIOSSLContext(configuration: tls)
            return location.tlsMode == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw .unavailable(location: location.description, reason: "TLS cannot be set up: \(error)")
        }
    }

    // MARK: Errors in words

    /// Why connecting failed, naming the host and port (the caller says which store).
    static func unreachable(_ location: PostgresLocation, _ error: any Error) -> String {
        if let server = PostgresServerError(error) {
            // Reached and answered: a login or database refused.
            return "the PostgreSQL server at \(location.endpoint) refused the connection: \(server.message)"
                + (server.sqlState == "28P01" && location.password == nil ? " (no password was given: put it in the URL or PGPASSWORD)" : "")
        }
        return "cannot reach the PostgreSQL server at \(location.endpoint): \(reason(error, location))"
    }

    /// Why a connection in use was lost.
    static func lost(_ error: any Error) -> String {
        if let error = error as? Timeout { return "the server gave no answer within \(Self.seconds(error.seconds)) s" }
        return "the connection to the server was lost (\(reason(error, nil)))"
    }

    /// "1", "2.5": seconds as a person writes them.
    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// An error in a few words; never the query's values or the password.
    static func reason(_ error: any Error, _ location: PostgresLocation?) -> String {
        switch error {
        case let error as Timeout:
            return "no answer within \(Self.seconds(error.seconds)) s"
        case let error as PSQLError:
            if let underlying = error.underlying { return reason(underlying, location) }
            switch error.code {
            case .sslUnsupported:
                return "the server does not offer TLS, which sslmode=\(location?.tlsMode.rawValue ?? "require") asks for"
            case .authMechanismRequiresPassword:
                return "the server asks for a password: put it in the URL (postgresql://USER:PASSWORD@…) or PGPASSWORD"
            case .unsupportedAuthMechanism:
                return "the server asks for a login method Till does not support (use scram-sha-256, md5, password or trust)"
            case .serverClosedConnection, .uncleanShutdown:
                return "the server closed the connection"
            case .clientClosedConnection:
                return "the connection was closed"
            default:
                return "\(error.code)"
            }
        case let error as NIOConnectionError:
            if let failure = error.connectionErrors.first { return reason(failure.error, location) }
            return "the host name \(error.host) could not be resolved"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode))
        case let error as NIOSSLError:
            return "TLS failed (\(error))"
        case let error as BoringSSLError:
            return "TLS failed (\(error))"
        case let error as ChannelError:
            if case .connectTimeout = error, let location {
                return "no answer within \(Self.seconds(location.connectTimeout)) s (connect_timeout)"
            }
            return "\(error)"
        default:
            if let server = PostgresServerError(error) { return server.message }
            return "\(error)"
        }
    }
}

/// An error the server sent (an SQL error, a refused login), with its SQLSTATE.
struct PostgresServerError: Error, CustomStringConvertible {
    let sqlState: String
    let message: String

    init(sqlState: String, message: String) {
        self.sqlState = sqlState
        self.message = message
    }

    init?(_ error: any Error) {
        guard let error = error as? PSQLError, error.code == .server, let info = error.serverInfo else { return nil }
        sqlState = info[.sqlState] ?? ""
        message = info[.message] ?? "error \(info[.sqlState] ?? "")"
    }

    /// Whether the server ended the session with it (shut down, terminated by an administrator).
    var endsConnection: Bool { sqlState.hasPrefix("08") || sqlState.hasPrefix("57P") }

    /// Whether the same statement may succeed later: the connection (08), the server going down
    /// or starting (57P), resources (53), or a lost race (serialization 40001, deadlock 40P01,
    /// lock not available 55P03). Anything else (a constraint, a type, the audit trigger) will
    /// be refused again.
    var isTransient: Bool {
        endsConnection || sqlState.hasPrefix("53") || ["40001", "40P01", "55P03"].contains(sqlState)
    }

    /// As a `ShopStoreError`: retried while transient, reported once otherwise.
    func storeError(location: String) -> ShopStoreError {
        isTransient ? .unavailable(location: location, reason: description) : .refused(location: location, reason: description)
    }

    var description: String { "\(message) (SQLSTATE \(sqlState))" }
}
