import Synchronization
import TillCore

/// Where effect results wait for the curses thread. Posting wakes the loop through the pipe;
/// a result of cancellable work carries its ticket, and is dropped at delivery if that work was
/// cancelled (or replaced) meanwhile.
public final class ActionInbox: Sendable {
    /// One queued result.
    public struct Entry: Sendable {
        public var action: RuntimeAction
        public var ticket: Ticket?
        /// Run once the action has been reduced (nil: nothing).
        public var afterDelivery: (@Sendable () -> Void)?
    }

    /// Identity of one run of cancellable work.
    public struct Ticket: Hashable, Sendable {
        public var id: CancelID
        public var generation: UInt64
    }

    private let queue = Mutex<[Entry]>([])
    private let wakeUp: @Sendable () -> Void

    /// `wake` is called after each post (the wake pipe's `wake`).
    public init(wake: @escaping @Sendable () -> Void) {
        wakeUp = wake
    }

    /// Queue a result and wake the loop; `afterDelivery` runs once it has been reduced.
    public func post(_ action: RuntimeAction, ticket: Ticket? = nil, afterDelivery: (@Sendable () -> Void)? = nil) {
        queue.withLock { $0.append(Entry(action: action, ticket: ticket, afterDelivery: afterDelivery)) }
        wakeUp()
    }

    /// Everything queued so far, oldest first.
    public func drain() -> [Entry] {
        queue.withLock { entries in
            defer { entries.removeAll(keepingCapacity: true) }
            return entries
        }
    }
}
