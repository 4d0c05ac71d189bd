import Dispatch
import Foundation
import Logging

/// Saves state files (the draft, the parked tickets, the URL defaults) off the curses thread:
/// each save is queued on one serial queue, so the writes happen in the order the reducer asked
/// for them, each atomically (`PrivateFile`), and a crash loses at most the change in flight.
public final class StateWriter: Sendable {
    private let queue: DispatchQueue
    private let logger: Logger

    /// - Parameter queue: the serial queue the writes run on (a private one by default).
    public init(logger: Logger, queue: DispatchQueue = DispatchQueue(label: "till.state", qos: .utility)) {
        self.logger = logger
        self.queue = queue
    }

    /// Queue a save; returns at once. A failure is logged under `what`.
    public func save(_ what: String, _ write: @escaping @Sendable () throws -> Void) {
        queue.async { [logger] in
            do { try write() } catch {
                logger.warning("\(what) not saved: \(error)")
            }
        }
    }

    /// Wait until every queued save is on disk (at quit).
    public func finish() {
        queue.sync {}
    }
}
