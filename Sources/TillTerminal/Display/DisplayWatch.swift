import Dispatch
import Foundation
import Logging
import Synchronization
import TillCore
import TillStore

/// Follows one till's display record in the shop store: every `interval` it asks the store
/// whether anything changed (`changeToken`: SQLite's `PRAGMA data_version`, PostgreSQL's
/// LISTEN/NOTIFY count; no query of the tables), and only then reads the record, handing a
/// different one to `changed`. A timer on a queue of its own, never the curses thread.
public final class DisplayWatch: @unchecked Sendable {
    // Touched only in init, start and stop (the caller's thread) and by the timer's own queue.
    private let timer: DispatchSourceTimer
    private let seen = Mutex<Seen>(Seen())
    private struct Seen: Sendable {
        var token: Int64?
        var record: CustomerDisplay?
        var away = false
    }

    /// 50 ms: a change reaches the display well inside its 300 ms goal (see docs/performance.md).
    public static let interval: DispatchTimeInterval = .milliseconds(50)

    /// - Parameters:
    ///   - changed: told of each new record (and of the first one read); on the watch's queue.
    ///   - failed: told once when the store stops answering, and again (nil) when it answers again.
    public init(store: any ShopStore, till: String, logger: Logger, interval: DispatchTimeInterval = DisplayWatch.interval,
                changed: @escaping @Sendable (CustomerDisplay?) -> Void,
                failed: @escaping @Sendable (String?) -> Void = { _ in }) {
        let queue = DispatchQueue(label: "till.display-watch", qos: .userInitiated)
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler { [self] in
            self.seen.withLock { seen in
                do {
                    let token = try store.changeToken()
                    if seen.away {
                        seen.away = false
                        logger.info("shop store reachable again")
                        failed(nil)
                    }
                    guard token != seen.token else { return }
                    let record = try store.customerDisplay(till: till)
                    let first = seen.token == nil
                    seen.token = token
                    guard first || record != seen.record else { return }
                    seen.record = record
                    changed(record)
                } catch {
                    if !seen.away {
                        seen.away = true
                        logger.warning("shop store unreachable: \(error)")
                        failed("\(error)")
                    }
                }
            }
        }
        timer.schedule(deadline: .now(), repeating: interval, leeway: .milliseconds(5))
    }

    public func start() { timer.activate() }

    public func stop() { timer.cancel() }
}
