import Foundation
@testable import TillStore
#if canImport(Glibc)
import Glibc
#endif

/// A TCP forwarder on 127.0.0.1 between a store and its server, that a test cuts (every connection
/// and the listening socket gone, as when a network link drops) and brings back on the same port.
final class LoopbackProxy: @unchecked Sendable {
    private(set) var port: UInt16 = 0
    private let targetPort: UInt16
    private let lock = NSLock()
    private var listener: Int32 = -1
    private var acceptorDone: DispatchSemaphore?
    private var open: Set<Int32> = []

    init(to targetPort: UInt16) throws {
        self.targetPort = targetPort
        try start()
    }

    deinit { cut() }

    /// Listens again (on the same port after a cut).
    func start() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socket, 16) == 0 else {
            close(socket)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        let done = DispatchSemaphore(value: 0)
        lock.withLock {
            listener = socket
            acceptorDone = done
        }
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(socket, nil, nil)
                if client < 0 { break }
                forward(client)
            }
            close(socket)
            done.signal()
        }
    }

    /// Drops every connection and stops listening; returns once the port is free again.
    func cut() {
        let (socket, done, connections) = lock.withLock { () -> (Int32, DispatchSemaphore?, Set<Int32>) in
            defer { listener = -1; acceptorDone = nil }
            return (listener, acceptorDone, open)
        }
        for connection in connections { shutdown(connection, Int32(SHUT_RDWR)) }
        guard socket >= 0 else { return }
        shutdown(socket, Int32(SHUT_RDWR))
        done?.wait()
    }

    private func forward(_ client: Int32) {
        let server = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(targetPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(server)
            close(client)
            return
        }
        lock.withLock {
            open.insert(client)
            open.insert(server)
        }
        // Two pumps; whichever ends first ends the other, and the last closes both sockets.
        let remaining = Locked(2)
        let finish: @Sendable () -> Void = { [self] in
            shutdown(client, Int32(SHUT_RDWR))
            shutdown(server, Int32(SHUT_RDWR))
            if remaining.withLock({ $0 -= 1; return $0 }) == 0 {
                lock.withLock {
                    open.remove(client)
                    open.remove(server)
                }
                close(client)
                close(server)
            }
        }
        Thread.detachNewThread { Self.pump(from: client, to: server); finish() }
        Thread.detachNewThread { Self.pump(from: server, to: client); finish() }
    }

    private static func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            var sent = 0
            while sent < count {
                let written = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + sent, count - sent) }
                if written <= 0 { return }
                sent += written
            }
        }
    }

    private static func loopback(_ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A port on 127.0.0.1 that nothing listens on (bound for a moment, then let go).
    static func closedPort() throws -> UInt16 {
        let proxy = try LoopbackProxy(to: 9)
        let port = proxy.port
        proxy.cut()
        return port
    }

    /// A socket on 127.0.0.1 that takes connections into its backlog and never answers.
    static func silentListener() throws -> (port: UInt16, close: () -> Void) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(0)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard listen(socket, 4) == 0 else { throw POSIXError(.EIO) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return (UInt16(bigEndian: address.sin_port), { close(socket) })
    }
}

/// A PostgreSQL shop store reached through a `LoopbackProxy` in front of the tests' server, so a
/// test can cut the link and bring it back (`proxy.cut()`, `proxy.start()`).
struct ProxiedPostgresStore {
    /// The server's own URL for this place (a second connection that never goes through the proxy).
    let url: String
    let server: PostgresLocation
    /// Where `store` connects: the proxy's port on 127.0.0.1, without TLS.
    let through: PostgresLocation
    let proxy: LoopbackProxy
    let store: PostgresShopStore

    init(place: String) throws {
        url = try PostgresTesting.url(for: place)
        server = try PostgresLocation(url: url)
        proxy = try LoopbackProxy(to: UInt16(server.port))
        var through = server
        through.host = "127.0.0.1"
        through.port = Int(proxy.port)
        through.tlsMode = .disable
        self.through = through
        store = try PostgresShopStore(server: through, callTimeout: 10)
    }
}
