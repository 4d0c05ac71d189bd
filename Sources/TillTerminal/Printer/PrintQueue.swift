import Foundation
import Synchronization
import TillConfig
#if canImport(Glibc)
import Glibc
#endif

/// One queue per printer. A printer's raw port takes one connection at a time, and a device file
/// mixes what two writers send: so within a process a printer's jobs run one after another on its
/// own serial queue, and across the tills of a host they take turns by `flock` on a lock file per
/// printer in the state folder (`printer-<address>.lock`). Each job is whole before the next
/// starts; none is ever interleaved with another. Jobs never run on the curses thread.
public final class PrintQueue: Sendable {
    public let link: PrinterLink
    private let lockPath: String
    private let queue: DispatchQueue

    /// Queues by lock file, so every `PrintQueue` of one printer in a process shares one.
    private static let queues = Mutex<[String: DispatchQueue]>([:])

    /// - Parameter lockFolder: where the lock files are (the state folder; made 0700 if missing).
    public init(link: PrinterLink, lockFolder: String) {
        self.link = link
        let name = link.address.description.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }
        let path = lockFolder + "/printer-" + String(name) + ".lock"
        lockPath = path
        try? FileManager.default.createDirectory(atPath: lockFolder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        queue = Self.queues.withLock { queues in
            if let queue = queues[path] { return queue }
            let queue = DispatchQueue(label: "till.printer", qos: .utility)
            queues[path] = queue
            return queue
        }
    }

    /// Queues a job; `done` is told how it went, on the printer's queue.
    public func submit(_ bytes: [UInt8], done: @escaping @Sendable (Result<Void, PrintFailure>) -> Void) {
        queue.async { [self] in done(runNow(bytes)) }
    }

    /// Runs a job on the calling thread, in turn with every other till of the host.
    public func print(_ bytes: [UInt8]) -> Result<Void, PrintFailure> {
        queue.sync { runNow(bytes) }
    }

    private func runNow(_ bytes: [UInt8]) -> Result<Void, PrintFailure> {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            return .failure(PrintFailure("could not open the printer's lock file \(lockPath): \(String(cString: strerror(errno)))"))
        }
        defer { close(fd) }
        // Another till's job holds it only while it runs, which its own timeouts bound.
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                return .failure(PrintFailure("could not lock the printer's lock file: \(String(cString: strerror(errno)))"))
            }
        }
        defer { flock(fd, LOCK_UN) }
        do {
            try link.send(bytes)
            return .success(())
        } catch {
            return .failure(error)
        }
    }
}
