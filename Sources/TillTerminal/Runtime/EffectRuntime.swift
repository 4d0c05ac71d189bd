import Foundation
import Logging
import Synchronization
import TillCore
import WooshPay

/// Turns TillCore's effect descriptions into I/O: WooshPay requests, the catalog cache and the
/// draft file. Results come back as actions through the inbox (which wakes the curses loop).
/// Timers, the clipboard and quitting belong to the curses thread (see `TillProgram`).
public final class EffectRuntime: Sendable {
    private let client: WooshPayClient
    private let cache: CatalogCache?
    private let drafts: DraftStore?
    private let inbox: ActionInbox
    private let logger: Logger
    private let running = Mutex<Running>(Running())
    /// Products per page while loading the catalog (the API's maximum).
    public static let productPageSize = 100

    private struct Running: Sendable {
        var nextGeneration: UInt64 = 1
        var tasks: [CancelID: (generation: UInt64, task: Task<Void, Never>)] = [:]
    }

    public init(client: WooshPayClient, cache: CatalogCache?, drafts: DraftStore?, inbox: ActionInbox,
                logger: Logger) {
        self.client = client
        self.cache = cache
        self.drafts = drafts
        self.inbox = inbox
        self.logger = logger
    }

    /// Start the I/O one effect describes. Effects that are not I/O are ignored here.
    public func execute(_ effect: Effect) {
        switch effect {
        case .loadCatalogCache:
            guard let cache else {
                inbox.post(.products(.cacheLoaded([])))
                return
            }
            spawn {
                do {
                    let products = try await cache.load()
                    return .products(.cacheLoaded(products))
                } catch {
                    self.logger.warning("catalog cache unreadable: \(error)")
                    return .products(.cacheLoaded([]))
                }
            }
        case .saveCatalogCache(let products):
            guard let cache else { return }
            Task {
                do { try await cache.save(products) } catch {
                    self.logger.warning("catalog cache not saved: \(error)")
                }
            }
        case .loadProductsPage(let cursor):
            cancellable(.productsLoad) { client in
                let result = await Self.result {
                    try await client.listProducts(limit: Self.productPageSize, startingAfter: cursor)
                }
                return .products(.productsPageLoaded(startingAfter: cursor, result))
            }
        case .createProduct(let draft, let key):
            spawn { [client] in
                .products(.productCreated(await Self.result { try await client.createProduct(draft, idempotencyKey: key) }))
            }
        case .updateProduct(let id, let update):
            spawn { [client] in
                .products(.productUpdated(await Self.result { try await client.updateProduct(id, update) }))
            }
        case .loadPrices(let productId):
            cancellable(.pricesLoad) { client in
                let result = await Self.result { try await client.allPrices(product: productId).collect() }
                return .prices(.pricesLoaded(productId: productId, result))
            }
        case .createPrice(let draft, let key):
            spawn { [client] in
                .prices(.priceCreated(await Self.result { try await client.createPrice(draft, idempotencyKey: key) }))
            }
        case .createCheckoutSession(let draft, let key):
            let request = Self.request(for: draft)
            spawn { [client] in
                .checkout(.sessionCreated(await Self.result {
                    try await client.createCheckoutSession(request, idempotencyKey: key)
                }))
            }
        case .loadSessionsPage(let cursor):
            cancellable(.historyLoad) { client in
                .history(.pageLoaded(startingAfter: cursor, await Self.result {
                    try await client.listCheckoutSessions(limit: HistoryFeature.pageSize, startingAfter: cursor)
                }))
            }
        case .fetchSession(let id):
            spawn { [client] in
                .session(.sessionFetched(id: id, await Self.result { try await client.getCheckoutSession(id) }))
            }
        case .pollSession(let id, let delay):
            cancellable(.sessionPoll) { client in
                try? await Task.sleep(for: delay)
                if Task.isCancelled { return nil }
                return .session(.sessionPolled(id: id, await Self.result { try await client.getCheckoutSession(id) }))
            }
        case .expireSession(let id):
            spawn { [client] in
                .session(.sessionExpired(id: id, await Self.result { try await client.expireCheckoutSession(id) }))
            }
        case .cancel(let id):
            cancel(id)
        case .saveDraft(let draft):
            guard let drafts else { return }
            do { try drafts.save(draft) } catch {
                logger.warning("draft not saved: \(error)")
            }
        case .scheduleTick, .copyToClipboard, .bell, .quit:
            break
        }
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

    private func spawn(_ work: @escaping @Sendable () async -> AppAction) {
        let inbox = inbox
        Task { inbox.post(await work()) }
    }

    /// Run work under an identity; a newer run with the same identity replaces (cancels) the older.
    private func cancellable(_ id: CancelID,
                             _ work: @escaping @Sendable (WooshPayClient) async -> AppAction?) {
        let client = client, inbox = inbox
        running.withLock { state in
            let generation = state.nextGeneration
            state.nextGeneration += 1
            let ticket = ActionInbox.Ticket(id: id, generation: generation)
            let task = Task {
                guard let action = await work(client), !Task.isCancelled else { return }
                inbox.post(action, ticket: ticket)
            }
            state.tasks[id]?.task.cancel()
            state.tasks[id] = (generation, task)
        }
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

    /// The adapter's request for a checkout draft: price lines by id, one-off lines as price_data.
    public static func request(for draft: CheckoutDraft) -> CheckoutSessionRequest {
        let items = draft.cart.lines.map { line -> CheckoutSessionRequest.Item in
            switch line.item {
            case .price(let id, _): .price(id: id, quantity: line.quantity)
            case .oneOff(let name): .inline(name: name, description: nil, amount: line.unitAmount, quantity: line.quantity)
            }
        }
        return CheckoutSessionRequest(items: items, successURL: draft.successURL, cancelURL: draft.cancelURL)
    }
}
