import Foundation
import TillCore
import WooshPay

/// Carries out an `ImportPlan` through the client: a few products at a time, each product's requests
/// in order, every create with the key its row content gives it (`ImportKey`). A refusal fails the
/// rows it concerns and the others go on; a failure the client could not get past with its retries
/// (the API unreachable, or a write whose outcome is unknown) stops the run, and the rows not yet
/// sent are reported as not attempted.
public struct ImportRunner: Sendable {
    /// How a row ended.
    public enum Result: Hashable, Sendable {
        case done
        case failed(RowReason)
    }

    /// What stopped a run early.
    public struct Stop: Error, Sendable {
        public var failure: APIFailure
    }

    public let client: WooshPayClient
    /// Products worked on at once.
    public var concurrency: Int

    public init(client: WooshPayClient, concurrency: Int = 8) {
        self.client = client
        self.concurrency = max(1, concurrency)
    }

    /// Every product and price the account has (the snapshot a plan is made against).
    public static func snapshot(_ client: WooshPayClient) async throws(APIFailure) -> CatalogSnapshot {
        async let products = client.allProducts(pageSize: 100).collect()
        async let prices = client.allPrices(pageSize: 100).collect()
        do {
            return CatalogSnapshot(products: try await products, prices: try await prices)
        } catch let failure as APIFailure {
            throw failure
        } catch {
            throw APIFailure(kind: .transport, message: "\(error)")
        }
    }

    /// Runs the plan; `progress` is called with each group's rows as they finish. Returns each
    /// carried-out line's result and, when the run stopped early, why.
    public func run(_ plan: ImportPlan,
                    progress: @escaping @Sendable ([Int: Result]) -> Void) async -> (results: [Int: Result], stop: APIFailure?) {
        var results: [Int: Result] = [:]
        var stop: APIFailure? = nil
        await withTaskGroup(of: ([Int: Result], APIFailure?).self) { tasks in
            var next = 0
            var running = 0
            func startNext() {
                guard next < plan.groups.count else { return }
                let group = plan.groups[next]
                next += 1
                running += 1
                tasks.addTask { await self.carryOut(group) }
            }
            for _ in 0..<concurrency { startNext() }
            while running > 0, let finished = await tasks.next() {
                let (done, failure) = finished
                running -= 1
                results.merge(done) { a, _ in a }
                progress(done)
                if let failure, stop == nil { stop = failure }
                if stop == nil { startNext() }
            }
        }
        if let stop {
            let reason = RowReason.notAttempted(stop)
            for group in plan.groups {
                for line in group.lines where results[line] == nil { results[line] = .failed(reason) }
            }
        }
        return (results, stop)
    }

    /// One group's requests in order. A refusal fails the rows left; anything else also stops the run.
    func carryOut(_ group: ImportPlan.Group) async -> ([Int: Result], APIFailure?) {
        var results: [Int: Result] = [:]
        func fail(_ lines: some Sequence<Int>, _ failure: APIFailure) -> ([Int: Result], APIFailure?) {
            for line in lines where results[line] == nil { results[line] = .failed(.refused(failure)) }
            return (results, Self.stops(failure) ? failure : nil)
        }
        var productId: String
        var prices = group.prices[...]
        do {
            switch group.target {
            case .new(let draft):
                if let first = prices.first {
                    // The product and its first price in one request.
                    let price = try await client.createPrice(
                        PriceDraft(product: .inline(draft), amount: first.amount, nickname: first.nickname,
                                   lookupKey: first.sku),
                        idempotencyKey: ImportKey.of(["price-inline", draft.name, draft.description ?? "",
                                                      first.amount.currency.code, String(first.amount.minorUnits),
                                                      first.nickname ?? "", first.sku ?? ""]))
                    productId = price.productId
                    results[first.line] = .done
                    prices = prices.dropFirst()
                } else {
                    var product = draft
                    product.active = group.finalActive
                    let created = try await client.createProduct(
                        product, idempotencyKey: ImportKey.of(["product", draft.name, draft.description ?? "",
                                                               String(group.finalActive)]))
                    productId = created.id
                }
            case .existing(let product):
                productId = product.id
                var update = group.update ?? ProductUpdate()
                // An archived product takes no price: it is active while they are added, and
                // archived after them when the file says so (`needsArchive`).
                if !prices.isEmpty {
                    update.active = product.active ? nil : true
                }
                if update != ProductUpdate() {
                    _ = try await client.updateProduct(product.id, update, idempotencyKey: ImportKey.of([
                        "update", product.id, update.name ?? "", update.description ?? "",
                        update.active.map(String.init) ?? "",
                    ]))
                }
            }
        } catch {
            return fail(group.lines, Self.failure(error))
        }
        for price in prices {
            do {
                _ = try await client.createPrice(
                    PriceDraft(product: .existing(id: productId), amount: price.amount, nickname: price.nickname,
                               lookupKey: price.sku),
                    idempotencyKey: ImportKey.of(["price", productId, price.amount.currency.code,
                                                  String(price.amount.minorUnits), price.nickname ?? "",
                                                  price.sku ?? ""]))
                results[price.line] = .done
            } catch {
                let failure = Self.failure(error)
                if Self.stops(failure) { return fail(group.lines, failure) }
                results[price.line] = .failed(.refused(failure))
            }
        }
        if group.needsArchive {
            do {
                _ = try await client.updateProduct(productId, ProductUpdate(active: false),
                                                   idempotencyKey: ImportKey.of(["archive", productId]))
            } catch {
                return fail(group.lines, Self.failure(error))
            }
        }
        for line in group.lines where results[line] == nil { results[line] = .done }
        return (results, nil)
    }

    /// A refusal (4xx) concerns its row; anything else (unreachable, 5xx or 429 after retries, an
    /// unknown outcome) would fail every row after it the same way.
    static func stops(_ failure: APIFailure) -> Bool {
        if failure.retryWithSameKey { return true }
        if case .api(let status, _, _, _) = failure.kind { return status >= 500 || status == 429 }
        return true
    }

    static func failure(_ error: any Error) -> APIFailure {
        (error as? APIFailure) ?? APIFailure(kind: .transport, message: "\(error)")
    }
}
