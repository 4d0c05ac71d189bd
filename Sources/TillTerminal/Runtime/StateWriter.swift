import Dispatch
import Foundation
import Logging
import Synchronization

/// Writes to the shop store off the curses thread: each save is queued on one serial queue, so the
/// writes happen in the order the reducer asked for them, each its own short transaction, and a
/// crash loses at most the change in flight. The writer remembers whether the latest save of each
/// kind succeeded, so a request queued behind a save (`after`) goes out only when its save did.
public final class StateWriter: Sendable {
    private let queue: DispatchQueue
    private let logger: Logger
    /// What → why its latest save failed (absent: it succeeded). Only touched on `queue`.
    private let failures = Mutex<[String: String]>([:])
    private let failed: (@Sendable (_ what: String, _ reason: String) -> Void)?

    /// - Parameters:
    ///   - queue: the serial queue the writes run on (a private one by default).
    ///   - failed: told of each failed save (the runtime puts it on the status line).
    public init(logger: Logger, queue: DispatchQueue = DispatchQueue(label: "till.state", qos: .utility),
                failed: (@Sendable (_ what: String, _ reason: String) -> Void)? = nil) {
        self.logger = logger
        self.queue = queue
        self.failed = failed
    }

    /// Queue a save; returns at once. A failure is logged under `what`, remembered for `after`
    /// and reported to `failed`.
    public func save(_ what: String, _ write: @escaping @Sendable () throws -> Void) {
        queue.async { [self] in
            do {
                try write()
                failures.withLock { $0[what] = nil }
            } catch {
                let reason = "\(error)"
                failures.withLock { $0[what] = reason }
                logger.warning("\(what) not saved: \(reason)")
                failed?(what, reason)
            }
        }
    }

    /// Queue `body` behind every save queued so far; it is given why the latest save of `what`
    /// failed, or nil when it succeeded (or there was none).
    public func after(_ what: String, _ body: @escaping @Sendable (_ failure: String?) -> Void) {
        queue.async { [self] in body(failures.withLock { $0[what] }) }
    }

    /// Queue work in order with the saves (a claim after the park before it).
    public func run(_ body: @escaping @Sendable () -> Void) {
        queue.async(execute: body)
    }

    /// Wait until every queued save is stored (at quit).
    public func finish() {
        queue.sync {}
    }
}
