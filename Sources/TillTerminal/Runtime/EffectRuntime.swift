import Foundation
import Logging
import Synchronization
import TillConfig
import TillCore
import TillStore
import WooshPay

/// The one place TillCore's effect descriptions become I/O: WooshPay requests, the catalog
/// cache, the shop store (written on its own serial queue, in order), the reducer's timers and the
/// clipboard, and quitting. Results come back as actions through the inbox (which wakes the
/// curses loop); due timers are collected by the curses thread with `fireTimers(now:)`.
public final class EffectRuntime: Sendable {
    private let client: WooshPayClient?
    private let cache: CatalogCache?
    private let shop: ShopScope?
    private let receipts: ReceiptPrinter?
    private let writer: StateWriter
    private let inbox: ActionInbox
    private let logger: Logger
    private let clipboard: Clipboard
    private let bell: Bell
    private let timers = Mutex(TimerTable())
    private let quitting = Mutex(false)
    private let running = Mutex<Running>(Running())
    private let inFlight = Mutex<InFlight>(InFlight())
    /// Products per page while loading the catalog (the API's maximum).
    public static let productPageSize = 100

    private struct Running: Sendable {
        var nextGeneration: UInt64 = 1
        var tasks: [CancelID: (generation: UInt64, task: Task<Void, Never>)] = [:]
    }

    /// Every request task not yet finished, cancelled ones included, so `settled()` can wait for them.
    private struct InFlight: Sendable {
        var next: UInt64 = 0
        var tasks: [UInt64: Task<Void, Never>] = [:]
    }

    /// - Parameters:
    ///   - client: the account's client; nil runs no requests (benchmarks of the screen alone).
    ///   - shop: this till's place in the shop store (draft, parked tickets, journal, shifts, URL
    ///     defaults), written on one background serial queue; nil keeps nothing (benchmarks).
    ///   - clipboard: where `.copyToClipboard` goes (OSC 52 on the terminal).
    ///   - bell: what `.bell` rings (curses' beep on the terminal).
    ///   - writer: the serial writer (tests hold its queue); by default one that reports an
    ///     unreachable store, its return and failed saves to the status line (`StateWriter.events(to:)`).
    public init(client: WooshPayClient?, cache: CatalogCache?, shop: ShopScope?,
                receipts: ReceiptPrinter? = nil, inbox: ActionInbox, logger: Logger,
                clipboard: Clipboard = .none, bell: Bell = .none, writer: StateWriter? = nil) {
        self.client = client
        self.cache = cache
        self.shop = shop
        self.receipts = receipts
        self.writer = writer ?? StateWriter(logger: logger, events: StateWriter.events(to: inbox))
        self.inbox = inbox
        self.logger = logger
        self.clipboard = clipboard
        self.bell = bell
    }

    /// Carry out one effect. Called on the curses thread; nothing here blocks it.
    public func execute(_ effect: Effect) {
        switch effect {
        case .loadCatalogCache:
            guard let cache else {
                inbox.post(.catalog(.cacheLoaded([])))
                return
            }
            spawn {
                do {
                    let products = try await cache.load()
                    return .catalog(.cacheLoaded(products))
                } catch {
                    self.logger.warning("catalog cache unreadable: \(error)")
                    return .catalog(.cacheLoaded([]))
                }
            }
        case .saveCatalogCache(let products):
            guard let cache else { return }
            Task {
                do { try await cache.save(products) } catch {
                    self.logger.warning("catalog cache not saved: \(error)")
                }
                // A whole catalog was just decoded page by page and the previous one dropped:
                // hand the freed heap back to the system rather than keep it resident.
                CatalogCache.returnFreedMemory()
            }
        case .loadProductsPage(let cursor):
            cancellable(.productsLoad) { client in
                let result = await Self.result {
                    try await client.listProducts(limit: Self.productPageSize, startingAfter: cursor)
                }
                return .catalog(.productsPageLoaded(startingAfter: cursor, result))
            }
        case .loadCatalogPricesPage(let cursor):
            cancellable(.catalogPricesLoad) { client in
                let result = await Self.result {
                    try await client.listPrices(active: true, limit: Self.productPageSize, startingAfter: cursor)
                }
                return .catalog(.catalogPricesPageLoaded(startingAfter: cursor, result))
            }
        case .findPrice(let code):
            request { client in
                .quickAdd(.codeLookedUp(code: code, await Self.result { () async throws(APIFailure) -> PriceMatch? in
                    guard let price = try await client.listPrices(active: true, lookupKeys: [code], limit: 1).items.first else {
                        return nil
                    }
                    return PriceMatch(price: price, product: try await client.getProduct(price.productId))
                }))
            }
        case .loadQuickAddPrices(let productId):
            request { client in
                .quickAdd(.pricesLoaded(productId: productId, await Self.result {
                    try await client.allPrices(product: productId).collect()
                }))
            }
        case .createProduct(let draft, let key):
            request { client in
                .products(.productCreated(await Self.result { try await client.createProduct(draft, idempotencyKey: key) }))
            }
        case .updateProduct(let id, let update):
            request { client in
                .products(.productUpdated(await Self.result { try await client.updateProduct(id, update) }))
            }
        case .loadPrices(let productId):
            cancellable(.pricesLoad) { client in
                let result = await Self.result { try await client.allPrices(product: productId).collect() }
                return .prices(.pricesLoaded(productId: productId, result))
            }
        case .createPrice(let draft, let key):
            request { client in
                .prices(.priceCreated(await Self.result { try await client.createPrice(draft, idempotencyKey: key) }))
            }
        case .createCheckoutSession(let draft, let key):
            // The adapter's own mapping of a draft (price lines by id, one-off lines inline).
            let draftRequest = CheckoutSessionRequest(draft)
            let scope = shop
            // Queued behind the draft write that marks it sent (the reducer's saveDraft comes
            // first), and sent only if that write succeeded: the key is stored before the request
            // goes, so a kill -9 mid-create is finished with it at the next start, never made again
            // under a new key. A failed save sends nothing.
            writer.after(.cart) { [self] failure in
                if let failure {
                    inbox.post(.checkout(.draftNotSaved(reason: failure)))
                    return
                }
                // The sale says which till made it, in which of its shifts, and which draft
                // (its idempotency key) it came from.
                var request = draftRequest
                if let scope {
                    request.metadata["till"] = scope.till
                    let closed = (try? scope.store.shifts(account: scope.account, till: scope.till).closed.last?.number) ?? nil
                    request.metadata["shift"] = String((closed ?? 0) + 1)
                }
                request.clientReferenceId = key
                let sent = request
                self.request { client in
                    .checkout(.sessionCreated(await Self.result {
                        try await client.createCheckoutSession(sent, idempotencyKey: key)
                    }))
                }
            }
        case .loadSessionsPage(let cursor):
            cancellable(.historyLoad) { client in
                .history(.pageLoaded(startingAfter: cursor, await Self.result {
                    try await client.listCheckoutSessions(limit: HistoryFeature.pageSize, startingAfter: cursor)
                }))
            }
        case .loadReportPage(let from, let through, let cursor):
            // The window ends now, read once for the first page; later pages carry it on.
            let end = through ?? Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
            cancellable(.reportsLoad) { client in
                .reports(.pageLoaded(from: from, through: end, startingAfter: cursor, await Self.result {
                    try await client.listCheckoutSessions(limit: ReportsFeature.pageSize, startingAfter: cursor,
                                                          created: CreatedFilter(from: from, through: end))
                }))
            }
        case .closeShift(let report):
            guard let shop else {
                inbox.post(.reports(.shiftClosed(.failure(ShiftCloseFailure(message: "the shift log is not set up in this run.")))))
                return
            }
            let inbox = inbox
            // On the writer's queue: off the curses thread, and on disk before Till quits. While the
            // store is unreachable the operator is told at once (nothing is closed).
            writer.run({
                do {
                    let log = try shop.store.updateShifts(account: shop.account, till: shop.till) { log in
                        _ = try log.close(report, at: report.window.end)
                        return log
                    }
                    inbox.post(.reports(.shiftClosed(.success(log))))
                } catch {
                    let current = try? shop.store.shifts(account: shop.account, till: shop.till)
                    inbox.post(.reports(.shiftClosed(.failure(ShiftCloseFailure(message: "\(error)", current: current,
                                                                                       refusal: error as? ShiftLogError)))))
                }
            }, unreachable: { reason in
                inbox.post(.reports(.shiftClosed(.failure(ShiftCloseFailure(message: reason, storeUnreachable: true)))))
            })
        case .fetchSession(let id):
            request { client in
                .session(.sessionFetched(id: id, await Self.result { try await client.getCheckoutSession(id) }))
            }
        case .pollSession(let id, let delay):
            cancellable(.sessionPoll) { client in
                try? await Task.sleep(for: delay)
                if Task.isCancelled { return nil }
                return .session(.sessionPolled(id: id, await Self.result { try await client.getCheckoutSession(id) }))
            }
        case .expireSession(let id):
            request { client in
                .session(.sessionExpired(id: id, await Self.result { try await client.expireCheckoutSession(id) }))
            }
        case .scheduleTick(let id, let at):
            timers.withLock { $0.schedule(id, at: at) }
        case .cancel(.tick(let id)):
            timers.withLock { $0.cancel(id) }
        case .cancel(let id):
            cancel(id)
        case .saveDraft(let draft):
            guard let shop else { return }
            // Only the newest draft of a till matters: one waiting behind an outage is replaced.
            writer.save(.cart, coalesces: true) { try shop.saveDraft(draft) }
        case .parkTicket(let ticket):
            guard let shop else { return }
            let inbox = inbox
            // A write like the draft's: kept and retried while the store is unreachable (the cart
            // is gone from the screen, so the ticket must not be); given back when refused for good.
            writer.save(.parkedTicket) {
                do { try shop.store.park(ticket, account: shop.account) } catch let error as ShopStoreError where error.isUnreachable {
                    throw error
                } catch {
                    inbox.post(.parked(.parkFailed(ticket, StoreFailure(message: "\(error)"))))
                }
            }
        case .claimParked(let id, let purpose):
            let inbox = inbox
            guard let shop else {
                inbox.post(.parked(.claimAnswered(id: id, purpose: purpose, .failure(StoreFailure(message: "no shop store in this run")))))
                return
            }
            // In order behind the writes before it (a park then an undo's resume). A resumed cart
            // is this till's draft in the claim's own transaction: a kill right after it loses nothing.
            writer.run({
                let answer: Result<ParkedClaim, StoreFailure>
                do {
                    answer = .success(try shop.store.claimParked(id: id, account: shop.account, till: shop.till,
                                                                 purpose: purpose, now: Date(), draftDefaults: shop.defaults))
                } catch {
                    answer = .failure(StoreFailure(message: "\(error)"))
                }
                inbox.post(.parked(.claimAnswered(id: id, purpose: purpose, answer)))
            }, unreachable: { reason in
                inbox.post(.parked(.claimAnswered(id: id, purpose: purpose, .failure(StoreFailure(message: reason)))))
            })
        case .saveURLDefaults(let success, let cancel):
            guard let shop else { return }
            writer.save(.checkoutURLDefaults) {
                try shop.store.saveURLDefaults(account: shop.account, successURL: success, cancelURL: cancel)
            }
        case .recordRefund(let change):
            guard let shop else { return }
            // One row written (or added), never the whole journal read: an append costs the same
            // on the first day as on the thousandth.
            writer.save(.refundJournal) { try shop.store.applyJournal(change, account: shop.account) }
        case .createRefund(let entry):
            // Queued behind the journal write of its entry, and sent only if that write succeeded:
            // the key is stored before the request goes.
            let request = RefundRequest(entry)
            writer.after(.refundJournal) { [self] failure in
                if let failure {
                    inbox.post(.refunds(.journalNotSaved(entry, reason: failure)))
                    return
                }
                self.request { client in
                    .refunds(.refundAnswered(idempotencyKey: entry.idempotencyKey, await Self.result {
                        try await client.createRefund(request, idempotencyKey: entry.idempotencyKey)
                    }))
                }
            }
        case .fetchRefund(let id, let delay):
            request { client in
                if delay > .zero { try? await Task.sleep(for: delay) }
                return .refunds(.refundFetched(id: id, await Self.result { try await client.retrieveRefund(id: id) }))
            }
        case .saveReceipt(let session, let refunds):
            guard let receipts else {
                inbox.post(.receiptFinished(.failure(ReceiptFailure(message: "receipts are not set up in this run"))))
                return
            }
            let inbox = inbox
            // The command may take its time (a printer): never on the curses thread.
            DispatchQueue.global(qos: .utility).async {
                inbox.post(.receiptFinished(receipts.deliver(session, refunds: refunds)))
            }
        case .printSlip(let session):
            guard let receipts else {
                inbox.post(.slipFinished(.failure(ReceiptFailure(message: "receipts are not set up in this run"))))
                return
            }
            let inbox = inbox
            // The printer's queue may wait for another till's job: never on the curses thread.
            DispatchQueue.global(qos: .utility).async {
                inbox.post(.slipFinished(receipts.printSlip(session)))
            }
        case .showCustomer(let display):
            guard let shop else { return }
            // In order with the draft: the display never shows a cart older than the one saved.
            writer.save(.customerDisplay) { try shop.store.showCustomer(display, till: shop.till) }
        case .copyToClipboard(let text):
            clipboard.copy(text)
        case .bell:
            bell.ring()
        case .quit:
            quitting.withLock { $0 = true }
            cancelAll()
        case .checkPIN(let name, let pin, let purpose):
            let inbox = inbox
            guard let shop else {
                inbox.post(.operators(.pinChecked(name: name, purpose: purpose,
                                                  .failure(StoreFailure(message: "no shop store in this run")), now: Date())))
                return
            }
            // scrypt takes tens of milliseconds: never on the curses thread. A sign-in is audited by
            // the store; an approval is audited with the action it approves.
            DispatchQueue.global(qos: .userInitiated).async {
                let answer: Result<PINCheck, StoreFailure>
                do {
                    answer = .success(try shop.store.checkPIN(name: name, pin: pin, now: Date(), till: shop.till,
                                                              audit: purpose == .signIn ? .signIn : nil))
                } catch {
                    answer = .failure(StoreFailure(message: "\(error)"))
                }
                inbox.post(.operators(.pinChecked(name: name, purpose: purpose, answer, now: Date())))
            }
        case .audit(let note):
            guard let shop else { return }
            let entry = AuditEntry(time: Date(), till: shop.till, operatorName: note.operatorName, action: note.action,
                                   objectId: note.objectId, amount: note.amount, approvedBy: note.approvedBy)
            writer.save(.auditTrail) { try shop.store.appendAudit(entry) }
        case .loadOperators:
            guard let shop else { return }
            let inbox = inbox
            // A store that cannot be read now (or is away) keeps the list the till has.
            writer.run({
                guard let roster = try? shop.store.operators() else { return }
                inbox.post(.operators(.rosterLoaded(roster)))
            }, unreachable: { _ in })
        case .loadAudit(let limit):
            guard let shop else { return }
            let inbox = inbox
            // While the store is away the reports pane keeps the entries it shows.
            writer.run({
                let entries = (try? shop.store.audit(AuditQuery(limit: limit))) ?? []
                inbox.post(.operators(.auditLoaded(entries)))
            }, unreachable: { _ in })
        case .idleLock(let after):
            timers.withLock { $0.schedule(.idleLock, at: Date().addingTimeInterval(after)) }
        }
    }

    /// Whether `.quit` has been carried out.
    public var hasQuit: Bool { quitting.withLock { $0 } }

    /// The nearest timer deadline (the curses loop's poll timeout), if a timer is set.
    public var nextDeadline: Date? { timers.withLock { $0.nextDeadline } }

    /// The timers due at `now`, removed and turned into `.ticked` actions.
    public func fireTimers(now: Date) -> [RuntimeAction] {
        timers.withLock { $0.fire(now: now) }
    }

    /// Wait until every queued save (draft, parked tickets, journal, URL defaults) is stored; with
    /// `patience`, give up once the store has been unreachable that long (at quit). Returns how
    /// many writes were left unsaved.
    @discardableResult
    public func finishWrites(patience: TimeInterval? = nil) -> Int {
        writer.finish(patience: patience)
    }


    /// Whether a result of cancellable work may be delivered: its run is still the live one.
    /// Accepting it ends the run.
    public func accept(_ ticket: ActionInbox.Ticket) -> Bool {
        running.withLock { state in
            guard let current = state.tasks[ticket.id], current.generation == ticket.generation else { return false }
            state.tasks[ticket.id] = nil
            return true
        }
    }

    /// Cancel in-flight work with this identity; its result is never delivered.
    public func cancel(_ id: CancelID) {
        let task = running.withLock { $0.tasks.removeValue(forKey: id)?.task }
        task?.cancel()
    }

    /// Cancel everything (at quit).
    public func cancelAll() {
        let tasks = running.withLock { state in
            defer { state.tasks.removeAll() }
            return state.tasks.values.map(\.task)
        }
        for task in tasks { task.cancel() }
    }

    /// Run a request and post its result; nothing without a client.
    private func request(_ work: @escaping @Sendable (WooshPayClient) async -> RuntimeAction) {
        guard let client else { return }
        spawn { await work(client) }
    }

    private func spawn(_ work: @escaping @Sendable () async -> RuntimeAction) {
        let inbox = inbox
        tracked { inbox.post(await work()) }
    }

    /// A task that `settled()` waits for until it has finished.
    @discardableResult
    private func tracked(_ work: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        inFlight.withLock { state in
            let id = state.next
            state.next += 1
            // Registered before the lock is let go, so the task's own removal always comes after.
            let task = Task { [self] in
                await work()
                _ = inFlight.withLock { $0.tasks.removeValue(forKey: id) }
            }
            state.tasks[id] = task
            return task
        }
    }

    /// Returns once every request started so far has finished, cancelled or replaced ones
    /// included, and posted whatever it was going to post: a signal that nothing more will arrive
    /// from them, where waiting a while would only be a guess.
    public func settled() async {
        while true {
            let tasks = inFlight.withLock { Array($0.tasks.values) }
            if tasks.isEmpty { return }
            for task in tasks { await task.value }
        }
    }

    /// Run a request under an identity; a newer run with the same identity replaces (cancels) the older.
    private func cancellable(_ id: CancelID,
                             _ work: @escaping @Sendable (WooshPayClient) async -> RuntimeAction?) {
        guard let client else { return }
        let inbox = inbox
        running.withLock { state in
            let generation = state.nextGeneration
            state.nextGeneration += 1
            let ticket = ActionInbox.Ticket(id: id, generation: generation)
            let task = tracked {
                guard let action = await work(client), !Task.isCancelled else { return }
                var afterDelivery: (@Sendable () -> Void)?
                if Self.freesCatalogHeap(action) {
                    afterDelivery = { DispatchQueue.global(qos: .utility).async { CatalogCache.returnFreedMemory() } }
                }
                inbox.post(action, ticket: ticket, afterDelivery: afterDelivery)
            }
            state.tasks[id]?.task.cancel()
            state.tasks[id] = (generation, task)
        }
    }

    /// Whether reducing `action` drops a whole catalog's worth of heap: the price sync's last page
    /// swaps the synced prices in, and the old ones, the grown buffers and the search index built
    /// before them go. Their heap goes back to the system once that is done (not on a timer,
    /// which a slow rebuild outlasts), rather than staying resident as free pages. "Last" as the
    /// reducer reads it: no cursor to go on from (an empty page that says `has_more` ends it too).
    static func freesCatalogHeap(_ action: RuntimeAction) -> Bool {
        if case .catalog(.catalogPricesPageLoaded(_, .success(let page))) = action { return page.nextCursor == nil }
        return false
    }

    /// The adapter throws `APIFailure`; closures infer untyped throws, so anything else is mapped.
    static func result<T>(_ body: () async throws -> T) async -> Result<T, APIFailure> {
        do {
            return .success(try await body())
        } catch let failure as APIFailure {
            return .failure(failure)
        } catch {
            return .failure(APIFailure(kind: .transport, message: "\(error)"))
        }
    }
}
