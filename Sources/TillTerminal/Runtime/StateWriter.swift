import Dispatch
import Foundation
import Logging
import TillCore
import TillStore

/// What the writer tells its owner (the runtime turns each into an action for the status line).
public enum StateWriterEvent: Hashable, Sendable {
    /// A write found the store unreachable: it is kept at the head of the line and retried, and
    /// everything behind it waits. Told once per outage.
    case unreachable(reason: String)
    /// The store answered again and every write that waited for it is stored (`saved` of them).
    case reachable(saved: Int)
    /// A save failed for a reason other than an unreachable store (it would fail again): it is
    /// dropped, and a request waiting for it (`after`) is told.
    case failed(what: StoreWrite, reason: String)
}

/// Writes to the shop store off the curses thread, one line of work in the order the reducer
/// asked for it, each write its own short transaction.
///
/// When the store cannot be reached (`ShopStoreError.unavailable`: a PostgreSQL server gone, a cut
/// link, a locked or full SQLite file) the write at the head is kept and retried with capped
/// exponential backoff, and everything behind it waits its turn: nothing acknowledged is dropped
/// and nothing is written out of order. A request queued behind a save (`after`: the checkout
/// create behind its draft, the refund behind its journal entry) so goes out by itself once its
/// save is stored, never before. A newer draft replaces one still waiting at the end of the line
/// (only the newest cart of a till matters); writes of other kinds are never merged or reordered.
public final class StateWriter: @unchecked Sendable {
    /// How long to wait between attempts while the store is unreachable.
    public struct Backoff: Sendable {
        public var first: TimeInterval
        public var cap: TimeInterval

        public init(first: TimeInterval, cap: TimeInterval) {
            self.first = first
            self.cap = cap
        }

        /// 0.1 s, doubling to 3 s: a server back within a second is found within a fraction of it,
        /// and a long outage costs one failed connect every 3 s.
        public static let standard = Backoff(first: 0.1, cap: 3)

        func delay(attempt: Int) -> TimeInterval {
            min(cap, first * pow(2, Double(min(attempt - 1, 30))))
        }
    }

    private enum Job {
        /// A write; `coalesces`: a newer save of the same `what` replaces it while it waits.
        case save(what: StoreWrite, coalesces: Bool, write: @Sendable () throws -> Void)
        /// Work given the latest failure of `what` (nil: saved).
        case after(what: StoreWrite, body: @Sendable (_ failure: String?) -> Void)
        /// Work in order with the saves; `unreachable` answers instead while the store is away.
        case run(body: @Sendable () -> Void, unreachable: @Sendable (_ reason: String) -> Void)
    }

    private struct Line {
        var jobs: [Job] = []
        /// A pump is scheduled or running on the queue.
        var pumping = false
        /// The head job is being carried out (so it cannot be replaced).
        var headRunning = false
        /// Why the store is unreachable, while it is.
        var away: String?
        /// Failed attempts of the head write in a row.
        var attempts = 0
        /// Writes stored since the store came back.
        var savedSinceAway = 0
        /// What → why its latest save failed for good (absent: it succeeded).
        var failures: [StoreWrite: String] = [:]
    }

    private let queue: DispatchQueue
    private let logger: Logger
    private let backoff: Backoff
    private let events: (@Sendable (StateWriterEvent) -> Void)?
    private let condition = NSCondition()
    private var line = Line()

    /// - Parameters:
    ///   - queue: the serial queue the writes run on (a private one by default; tests may hold it).
    ///   - events: told when the store becomes unreachable, when it is back, and of each save that
    ///     failed for good (the runtime puts them on the status line).
    public init(logger: Logger, queue: DispatchQueue = DispatchQueue(label: "till.state", qos: .utility),
                backoff: Backoff = .standard, events: (@Sendable (StateWriterEvent) -> Void)? = nil) {
        self.logger = logger
        self.queue = queue
        self.backoff = backoff
        self.events = events
    }

    /// Queue a save; returns at once. `coalesces`: a later save of the same `what` replaces this
    /// one while it still waits at the end of the line (a till's draft: only the newest counts).
    public func save(_ what: StoreWrite, coalesces: Bool = false, _ write: @escaping @Sendable () throws -> Void) {
        enqueue(.save(what: what, coalesces: coalesces, write: write))
    }

    /// Queue `body` behind every save queued so far; it is given why the latest save of `what`
    /// failed for good, or nil when it was stored (or there was none). While the store is
    /// unreachable it waits, however long that takes.
    public func after(_ what: StoreWrite, _ body: @escaping @Sendable (_ failure: String?) -> Void) {
        enqueue(.after(what: what, body: body))
    }

    /// Queue work in order with the saves (a claim after the park before it). While the store is
    /// unreachable the work is not done: `unreachable` is called instead (at once, or when the
    /// store is found away while the work waits), so an operator's request is answered rather
    /// than held for an outage.
    public func run(_ body: @escaping @Sendable () -> Void,
                    unreachable: @escaping @Sendable (_ reason: String) -> Void) {
        condition.lock()
        let away = line.away
        condition.unlock()
        if let away {
            unreachable(away)
            return
        }
        enqueue(.run(body: body, unreachable: unreachable))
    }

    /// How many jobs wait (the one being carried out included).
    public var pending: Int {
        condition.lock()
        defer { condition.unlock() }
        return line.jobs.count
    }

    /// Why the store is unreachable, while it is.
    public var unreachableReason: String? {
        condition.lock()
        defer { condition.unlock() }
        return line.away
    }

    /// Waits until every queued job is done. With `patience`, gives up once the store has been
    /// unreachable for that long in this wait (at quit: an outage must not keep a till from
    /// quitting for ever; a slow store that answers is waited for). Returns how many jobs were
    /// left undone.
    @discardableResult
    public func finish(patience: TimeInterval? = nil) -> Int {
        condition.lock()
        defer { condition.unlock() }
        var deadline = patience.map { Date().addingTimeInterval($0) }
        while !line.jobs.isEmpty || line.pumping {
            guard let limit = deadline, let patience else {
                condition.wait()
                continue
            }
            if !condition.wait(until: limit) {
                if line.away != nil { break }
                deadline = Date().addingTimeInterval(patience)
            }
        }
        return line.jobs.count
    }

    private func enqueue(_ job: Job) {
        condition.lock()
        if case .save(let what, true, _) = job, let last = line.jobs.indices.last,
           !(last == 0 && line.headRunning), case .save(what, true, _) = line.jobs[last] {
            line.jobs[last] = job
        } else {
            line.jobs.append(job)
        }
        let start = !line.pumping
        line.pumping = true
        condition.unlock()
        if start { queue.async { self.pump() } }
    }

    /// Carries out the jobs at the head of the line until it is empty or the store is unreachable
    /// (then it comes back after the backoff). Runs on `queue` only.
    private func pump() {
        while true {
            condition.lock()
            guard let job = line.jobs.first else {
                let back = line.away.map { _ in line.savedSinceAway }
                line.away = nil
                if let back {
                    // Said before the line counts as done, so whoever waits in `finish` sees it
                    // said; then the line is looked at again (more may have come meanwhile).
                    condition.unlock()
                    logger.info("shop store reachable again: \(back) waiting writes stored")
                    events?(.reachable(saved: back))
                    continue
                }
                line.pumping = false
                condition.broadcast()
                condition.unlock()
                return
            }
            line.headRunning = true
            condition.unlock()

            switch job {
            case .save(let what, _, let write):
                do {
                    try write()
                    finishHead { line in
                        line.failures[what] = nil
                        if line.away != nil { line.savedSinceAway += 1 }
                    }
                } catch let error as ShopStoreError where error.isUnreachable {
                    let reason = "\(error)"
                    condition.lock()
                    line.headRunning = false
                    line.attempts += 1
                    let first = line.away == nil
                    line.away = reason
                    if first { line.savedSinceAway = 0 }
                    // Operators' requests behind it are answered now rather than held.
                    var answered: [@Sendable (String) -> Void] = []
                    line.jobs.removeAll { job in
                        guard case .run(_, let unreachable) = job else { return false }
                        answered.append(unreachable)
                        return true
                    }
                    let delay = backoff.delay(attempt: line.attempts)
                    condition.broadcast()
                    condition.unlock()
                    if first {
                        logger.warning("shop store unreachable, retrying (\(what) waits): \(reason)")
                        events?(.unreachable(reason: reason))
                    }
                    for answer in answered { answer(reason) }
                    queue.asyncAfter(deadline: .now() + delay) { self.pump() }
                    return
                } catch {
                    let reason = "\(error)"
                    finishHead { $0.failures[what] = reason }
                    logger.warning("\(what) not saved: \(reason)")
                    events?(.failed(what: what, reason: reason))
                }
            case .after(let what, let body):
                let failure = finishHead { $0.failures[what] }
                body(failure)
            case .run(let body, _):
                finishHead { _ in () }
                body()
            }
        }
    }

    /// Takes the head job off the line after it was carried out.
    @discardableResult
    private func finishHead<T>(_ change: (inout Line) -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        line.jobs.removeFirst()
        line.headRunning = false
        line.attempts = 0
        let result = change(&line)
        condition.broadcast()
        return result
    }
}

extension ShopStoreError {
    /// Whether the store could not be reached or used for now (a server gone, a cut link, a busy
    /// or full file), so the same write may succeed later; other errors would only repeat.
    var isUnreachable: Bool {
        if case .unavailable = self { return true }
        return false
    }
}

extension StateWriter {
    /// The writer's events as the actions the reducer takes.
    public static func events(to inbox: ActionInbox) -> @Sendable (StateWriterEvent) -> Void {
        { event in
            switch event {
            case .unreachable(let reason): inbox.post(.storeUnreachable(reason: reason))
            case .reachable(let saved): inbox.post(.storeReachable(saved: saved))
            case .failed(let what, let reason): inbox.post(.storeWriteFailed(what: what, reason: reason))
            }
        }
    }
}
