import Dispatch
import Foundation
import Logging
import TillCore

/// Saves drafts off the curses thread: each save is queued on one serial queue, so the writes
/// happen in the order the reducer asked for them, each atomically (`DraftStore.save` writes a
/// temporary file and renames it), and a crash loses at most the change in flight.
public final class DraftWriter: Sendable {
    /// The store the writes go to.
    public let store: DraftStore
    private let queue: DispatchQueue
    private let logger: Logger

    /// - Parameter queue: the serial queue the writes run on (a private one by default).
    public init(store: DraftStore, logger: Logger,
                queue: DispatchQueue = DispatchQueue(label: "till.drafts", qos: .utility)) {
        self.store = store
        self.logger = logger
        self.queue = queue
    }

    /// Queue a save of `draft`; returns at once.
    public func save(_ draft: CheckoutDraft) {
        queue.async { [store, logger] in
            do { try store.save(draft) } catch {
                logger.warning("draft not saved: \(error)")
            }
        }
    }

    /// Wait until every queued save is on disk (at quit).
    public func finish() {
        queue.sync {}
    }
}
