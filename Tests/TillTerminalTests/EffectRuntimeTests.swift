import Foundation
import Logging
import Synchronization
import Testing
import TillConfig
import TillCore
import TillStore
import WooshPay
import WooshPaySandbox
@testable import TillTerminal

/// A runtime wired to an in-process sandbox, with a counter standing in for the wake pipe.
struct RuntimeFixture {
    let sandbox: Sandbox
    let client: WooshPayClient
    let inbox: ActionInbox
    let runtime: EffectRuntime

    static func make(latencyMilliseconds: Int = 0) async throws -> RuntimeFixture {
        let sandbox = try await Sandbox.start(SandboxConfiguration(latencyMilliseconds: latencyMilliseconds))
        let key = randomTestKey()
        let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: key, baseURL: sandbox.baseURL))
        let counter = WakeCounter()
        let inbox = ActionInbox(wake: { counter.count.withLock { $0 += 1 } })
        let runtime = EffectRuntime(client: client, cache: nil, shop: nil, inbox: inbox,
                                    logger: Logger(label: "test"))
        return RuntimeFixture(sandbox: sandbox, client: client, inbox: inbox, runtime: runtime, counter: counter)
    }

    let counter: WakeCounter

    init(sandbox: Sandbox, client: WooshPayClient, inbox: ActionInbox, runtime: EffectRuntime,
         counter: WakeCounter) {
        self.sandbox = sandbox
        self.client = client
        self.inbox = inbox
        self.runtime = runtime
        self.counter = counter
    }

    /// Results as the curses thread would take them: cancelled work filtered out.
    func delivered(waitingFor count: Int, timeout: Duration = .seconds(10)) async throws -> [RuntimeAction] {
        var actions: [RuntimeAction] = []
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        // Drained at least once, so `waitingFor: 0` takes whatever has been posted.
        repeat {
            for entry in inbox.drain() {
                if let ticket = entry.ticket, !runtime.accept(ticket) { continue }
                actions.append(entry.action)
            }
            if actions.count < count { try await Task.sleep(for: .milliseconds(20)) }
        } while actions.count < count && clock.now < deadline
        return actions
    }

    func stop() async {
        runtime.cancelAll()
        await client.shutdown()
        await sandbox.stop()
    }
}

final class WakeCounter: Sendable {
    let count = Mutex(0)
}

@Suite("Effect runtime against an in-process sandbox", .serialized)
struct EffectRuntimeTests {
    @Test func createsAndListsThenReportsBackThroughTheInbox() async throws {
        let fixture = try await RuntimeFixture.make()
        do {
            fixture.runtime.execute(.createProduct(ProductDraft(name: "Green tea"), idempotencyKey: UUID().uuidString))
            let created = try await fixture.delivered(waitingFor: 1)
            guard case .products(.productCreated(.success(let product)))? = created.first else {
                Issue.record("expected productCreated, got \(created)")
                await fixture.stop()
                return
            }
            #expect(product.name == "Green tea")
            #expect(fixture.counter.count.withLock { $0 } >= 1)

            fixture.runtime.execute(.loadProductsPage(startingAfter: nil))
            let loaded = try await fixture.delivered(waitingFor: 1)
            guard case .catalog(.productsPageLoaded(startingAfter: nil, .success(let page)))? = loaded.first else {
                Issue.record("expected productsPageLoaded, got \(loaded)")
                await fixture.stop()
                return
            }
            #expect(page.items.map(\.id) == [product.id])
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    @Test("the price sync's last page, once reduced, returns the freed heap; other pages do not")
    func theLastPriceSyncPageTrimsAfterDelivery() async throws {
        let price = Price(id: "price_1", productId: "prod_1", currency: .gbp, unitAmount: 250, created: Date(timeIntervalSince1970: 0))
        let pricePage = { (items: [Price], hasMore: Bool) in
            RuntimeAction.catalog(.catalogPricesPageLoaded(startingAfter: nil, .success(Page<Price>(items: items, hasMore: hasMore))))
        }
        #expect(EffectRuntime.freesCatalogHeap(pricePage([price], false)))
        #expect(!EffectRuntime.freesCatalogHeap(pricePage([price], true)))
        // An empty page ends the sync whatever it says of more (no cursor to go on from), as the reducer reads it.
        #expect(EffectRuntime.freesCatalogHeap(pricePage([], true)))
        #expect(!EffectRuntime.freesCatalogHeap(.catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: [], hasMore: false))))))

        let fixture = try await RuntimeFixture.make()
        fixture.runtime.execute(.loadCatalogPricesPage(startingAfter: nil))
        fixture.runtime.execute(.loadProductsPage(startingAfter: nil))
        var entries: [ActionInbox.Entry] = []
        let deadline = ContinuousClock.now + .seconds(10)
        while entries.count < 2 && ContinuousClock.now < deadline {
            entries += fixture.inbox.drain()
            if entries.count < 2 { try await Task.sleep(for: .milliseconds(20)) }
        }
        await fixture.stop()
        let prices = entries.first { if case .catalog(.catalogPricesPageLoaded) = $0.action { true } else { false } }
        let products = entries.first { if case .catalog(.productsPageLoaded) = $0.action { true } else { false } }
        #expect(prices != nil && prices?.afterDelivery != nil)
        #expect(products != nil && products?.afterDelivery == nil)
    }

    @Test func cancelledWorkNeverDeliversItsResult() async throws {
        let fixture = try await RuntimeFixture.make(latencyMilliseconds: 300)
        fixture.runtime.execute(.loadProductsPage(startingAfter: nil))
        fixture.runtime.execute(.cancel(.productsLoad))
        // A later, different request is answered as usual.
        fixture.runtime.execute(.fetchSession(id: "cs_missing"))
        // Every request started has finished, the cancelled one included: what it could post is posted.
        await fixture.runtime.settled()
        let actions = try await fixture.delivered(waitingFor: 0, timeout: .zero)
        #expect(actions.count == 1)
        if case .session(.sessionFetched(id: "cs_missing", .failure(let failure)))? = actions.first {
            #expect(failure.status == 404)
        } else {
            Issue.record("expected a failed sessionFetched, got \(actions)")
        }
        await fixture.stop()
    }

    @Test func aNewerRunReplacesTheOlderOneWithTheSameIdentity() async throws {
        let fixture = try await RuntimeFixture.make(latencyMilliseconds: 200)
        fixture.runtime.execute(.loadPrices(productId: "prod_old"))
        fixture.runtime.execute(.loadPrices(productId: "prod_new"))
        await fixture.runtime.settled()
        let actions = try await fixture.delivered(waitingFor: 0, timeout: .zero)
        #expect(actions.count == 1)
        if case .prices(.pricesLoaded(productId: let id, _))? = actions.first {
            #expect(id == "prod_new")
        } else {
            Issue.record("expected pricesLoaded, got \(actions)")
        }
        await fixture.stop()
    }

    @Test func timersClipboardAndQuitAreRunByTheRuntime() throws {
        let copied = Mutex<[String]>([])
        let inbox = ActionInbox(wake: {})
        let runtime = EffectRuntime(client: nil, cache: nil, shop: nil, inbox: inbox, logger: Logger(label: "test"),
                                    clipboard: Clipboard { text in copied.withLock { $0.append(text) } })
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        runtime.execute(.scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(1)))
        #expect(runtime.nextDeadline == t0.addingTimeInterval(1))
        #expect(runtime.fireTimers(now: t0).isEmpty)
        #expect(runtime.fireTimers(now: t0.addingTimeInterval(2)) == [.ticked(.sessionCountdown, now: t0.addingTimeInterval(2))])
        #expect(runtime.nextDeadline == nil)
        runtime.execute(.scheduleTick(id: .sessionCountdown, at: t0))
        runtime.execute(.cancel(.tick(.sessionCountdown)))
        #expect(runtime.nextDeadline == nil)

        runtime.execute(.copyToClipboard("https://x.test/pay/cs_1"))
        #expect(copied.withLock { $0 } == ["https://x.test/pay/cs_1"])
        #expect(!runtime.hasQuit)
        runtime.execute(.quit)
        #expect(runtime.hasQuit)
        // No client: requests are not run, and nothing is posted.
        runtime.execute(.fetchSession(id: "cs_1"))
        #expect(inbox.drain().isEmpty)
    }

    @Test func draftsAreWrittenOffTheCallingThreadInOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ShopScope(store: try SQLiteShopStore(path: folder.appendingPathComponent("shop.sqlite").path),
                              account: "a", till: "t-1",
                              defaults: DraftDefaults(successURL: "http://127.0.0.1/ok", cancelURL: "http://127.0.0.1/no"))
        func draft(_ name: String) throws -> CheckoutDraft {
            var cart = Cart()
            try cart.add(CartLine(item: .oneOff(name: name), unitAmount: Money(minorUnits: 125, currency: .gbp)))
            return CheckoutDraft(cart: cart, successURL: "http://127.0.0.1/ok", cancelURL: "http://127.0.0.1/no",
                                 idempotencyKey: "key-\(name)")
        }
        // A held queue: save returns at once and nothing is on disk until the queue runs.
        let queue = DispatchQueue(label: "test.drafts")
        queue.suspend()
        let writer = StateWriter(logger: Logger(label: "test"), queue: queue)
        let tea = try draft("Tea"), cake = try draft("Cake")
        writer.save(.cart) { try store.saveDraft(tea) }
        writer.save(.cart) { try store.saveDraft(cake) }
        #expect(try store.loadDraft() == nil)
        queue.resume()
        writer.finish()
        #expect(try store.loadDraft() == (try draft("Cake")))

        // Through the runtime, the same: the last change is on disk once writes are finished.
        let runtime = EffectRuntime(client: nil, cache: nil, shop: store, inbox: ActionInbox(wake: {}),
                                    logger: Logger(label: "test"))
        for name in ["Scone", "Bun", "Pie"] { runtime.execute(.saveDraft(try draft(name))) }
        runtime.finishWrites()
        #expect(try store.loadDraft() == (try draft("Pie")))
    }

    @Test func aReportPageIsListedUpToNowAndNamesTheEndItUsed() async throws {
        let fixture = try await RuntimeFixture.make()
        let from = Date(timeIntervalSince1970: 1_700_000_000)
        let before = Date()
        fixture.runtime.execute(.loadReportPage(from: from, through: nil, startingAfter: nil))
        let answers = try await fixture.delivered(waitingFor: 1)
        await fixture.stop()
        guard case .reports(.pageLoaded(from: from, let through, startingAfter: nil, .success(let page)))? = answers.first else {
            Issue.record("expected reports pageLoaded, got \(answers)")
            return
        }
        #expect(page.items.isEmpty)
        // The runtime's clock at the request, to the millisecond (what `created` is compared in).
        #expect(through >= before.addingTimeInterval(-0.001) && through <= Date())
        #expect((through.timeIntervalSince1970 * 1000).rounded(.down) == through.timeIntervalSince1970 * 1000)
    }

    @Test func aZReportIsSavedOnceAndASecondCloseOfTheSameShiftSavesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shop = ShopScope(store: try SQLiteShopStore(path: folder.appendingPathComponent("shop.sqlite").path),
                             account: "a", till: "t-1")
        let inbox = ActionInbox(wake: {})
        let runtime = EffectRuntime(client: nil, cache: nil, shop: shop, inbox: inbox, logger: Logger(label: "test"))
        let end = Date(timeIntervalSince1970: 1_700_000_000)
        let report = ShiftReport(window: ShiftWindow(start: nil, end: end), figures: [])
        runtime.execute(.closeShift(report))
        runtime.execute(.closeShift(report))
        runtime.finishWrites()
        var saved = ShiftLog()
        _ = try saved.close(report, at: end)
        #expect(try shop.store.shifts(account: "a", till: "t-1") == saved)
        // Another till's shift log is its own.
        #expect(try shop.store.shifts(account: "a", till: "t-2") == ShiftLog())
        let answers = inbox.drain().map(\.action)
        #expect(answers.first == .reports(.shiftClosed(.success(saved))))
        let refusal = ShiftLogError.notTheOpenShift(expectedStart: end, reportStart: nil)
        #expect(answers.last == .reports(.shiftClosed(.failure(ShiftCloseFailure(message: refusal.description, current: saved,
                                                                                 refusal: refusal)))))

        // Without a shift log, nothing is saved and the answer says so.
        let bare = EffectRuntime(client: nil, cache: nil, shop: nil, inbox: inbox, logger: Logger(label: "test"))
        bare.execute(.closeShift(report))
        guard case .reports(.shiftClosed(.failure))? = inbox.drain().first?.action else {
            Issue.record("expected a failed close")
            return
        }
    }
}
