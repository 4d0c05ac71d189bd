import Foundation
import TillConfig
#if canImport(Glibc)
import Glibc
#endif

/// Where the data folder's embedded sandbox listens, as recorded in `sandbox-address.json`.
public struct SandboxAddress: Codable, Equatable, Sendable {
    /// The loopback port; kept after the server stops, so the next one binds it again.
    public var port: Int
    /// The process serving it now; nil once it stopped on purpose.
    public var pid: Int32?

    public init(port: Int, pid: Int32?) {
        self.port = port
        self.pid = pid
    }

    /// "http://127.0.0.1:PORT".
    public var baseURL: String { "http://127.0.0.1:\(port)" }
}

/// The lease on a data folder's embedded sandbox: whoever holds an exclusive `flock` on
/// `sandbox.lock` serves it, and records its address beside it. A lock rather than
/// `SO_REUSEPORT`, which would spread connections over every process bound to the port,
/// including tills of another data folder (another HOME, a test) with another database.
/// The kernel drops the lock when its holder dies, however it dies.
final class SandboxLease: @unchecked Sendable {
    let lockPath: String
    let addressPath: String
    /// Our own open file description: `flock` locks conflict between descriptions, so two
    /// leases in one process exclude each other as two processes do.
    private let fd: Int32
    private let lock = NSLock()
    private var held = false
    private var closed = false

    init(paths: TillPaths) throws {
        try TillPaths.ensureDirectory(paths.data)
        lockPath = paths.sandboxLease.path
        addressPath = paths.sandboxAddress.path
        // CLOEXEC: a receipt command Till spawns must not inherit (and so keep) the lease.
        fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SharedSandboxError.lease(path: lockPath, reason: String(cString: strerror(errno))) }
    }

    deinit { close() }

    /// Takes the lease if nobody holds it; never blocks.
    func tryAcquire() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return false }
        if held { return true }
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                held = true
                return true
            }
            if errno != EINTR { return false }
        }
    }

    var isHeld: Bool {
        lock.lock()
        defer { lock.unlock() }
        return held
    }

    /// Gives the lease up (another process may take it at once).
    func release() {
        lock.lock()
        defer { lock.unlock() }
        guard held, !closed else { return }
        flock(fd, LOCK_UN)
        held = false
    }

    /// Releases and closes the lock file for good.
    func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        held = false
        Glibc.close(fd)
    }

    /// The recorded address, or nil when none (or an unreadable one) is recorded.
    func readAddress() -> SandboxAddress? {
        guard let data = FileManager.default.contents(atPath: addressPath),
              let address = try? JSONDecoder().decode(SandboxAddress.self, from: data),
              (1...65535).contains(address.port) else { return nil }
        return address
    }

    /// Records the address (only the lease holder writes it): a new file renamed over the old,
    /// so a reader never sees half of it.
    func record(_ address: SandboxAddress) throws {
        let data = try JSONEncoder().encode(address) + Data("\n".utf8)
        let temporary = addressPath + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SharedSandboxError.lease(path: temporary, reason: String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        Glibc.close(fd)
        guard written == data.count, rename(temporary, addressPath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SharedSandboxError.lease(path: addressPath, reason: reason)
        }
    }

    /// Whether a process with this pid exists (a zombie counts until it is reaped).
    static func isAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// Whether something listens on 127.0.0.1:`port`: a bind with `SO_REUSEADDR` (as the
    /// sandbox binds) fails only then, not for connections left in TIME_WAIT.
    static func isTaken(port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { Glibc.close(socketFD) }
        var one: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound != 0 && errno == EADDRINUSE
    }
}
