import Dispatch
import Foundation
import Logging
import Synchronization
import TillCore
import TillStore

/// Keeps a till in step with the rest of the shop: twice a second it asks the store whether anyone
/// changed it (`changeToken`, SQLite's `PRAGMA data_version`: no query of the tables), and only
/// then lists the parked tickets again (`.parked(.shopListed)`); every 10 s it renews this till's
/// lease on its name. A timer on a queue of its own, never the curses thread, never a busy loop.
public final class ShopWatch: @unchecked Sendable {
    // Touched only in init, start and stop (the caller's thread) and by the timer's own queue.
    private let timer: DispatchSourceTimer
    private let seen: Mutex<Seen>
    private struct Seen: Sendable {
        var token: Int64?
        var tickets: [ParkedTicket]
        var lastRenewal = Date()
        var storeAway = false
    }

    /// How often the store is asked whether it changed.
    public static let interval: DispatchTimeInterval = .milliseconds(500)
    /// How often the lease is renewed (a third of its length).
    public static let renewal: TimeInterval = 10

    /// - Parameter known: the tickets the till started with (a change from them is posted).
    public init(shop: ShopScope, lease: TillLease?, known: [ParkedTicket], inbox: ActionInbox, logger: Logger,
                interval: DispatchTimeInterval = ShopWatch.interval) {
        let queue = DispatchQueue(label: "till.shop-watch", qos: .utility)
        timer = DispatchSource.makeTimerSource(queue: queue)
        seen = Mutex(Seen(tickets: known))
        timer.setEventHandler { [self] in
            self.seen.withLock { seen in
                let now = Date()
                if let lease, now.timeIntervalSince(seen.lastRenewal) >= Self.renewal {
                    seen.lastRenewal = now
                    do { try shop.store.renew(lease, now: now) } catch {
                        logger.warning("till name lease: \(error)")
                    }
                }
                do {
                    let token = try shop.store.changeToken()
                    guard token != seen.token else { return }
                    let tickets = try shop.store.parkedTickets(account: shop.account)
                    seen.token = token
                    if seen.storeAway {
                        seen.storeAway = false
                        logger.info("shop store reachable again")
                    }
                    guard tickets != seen.tickets else { return }
                    seen.tickets = tickets
                    inbox.post(.parked(.shopListed(tickets)))
                } catch {
                    if !seen.storeAway {
                        seen.storeAway = true
                        logger.warning("shop store unreachable: \(error)")
                    }
                }
            }
        }
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(50))
    }

    public func start() { timer.activate() }

    public func stop() { timer.cancel() }
}
