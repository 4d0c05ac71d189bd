import Foundation
import Testing
import TillCore
@testable import WooshPay
import WooshPaySandbox

/// Every operation and error path against the real sandbox on a loopback port.
@Suite struct SandboxOperationTests {
    @Test func seedFlow() async throws {
        try await withSandbox { client, _ in
            let product = try await client.createProduct(ProductDraft(name: "Flat white", description: "Oat milk",
                                                                      metadata: ["shelf": "A1"]))
            #expect(product.name == "Flat white")
            #expect(product.description == "Oat milk")
            #expect(product.metadata == ["shelf": "A1"])
            #expect(product.active)

            let bound = try await client.createPrice(PriceDraft(product: .existing(id: product.id),
                                                                amount: Money(minorUnits: 350, currency: .gbp),
                                                                nickname: "regular", lookupKey: "SKU-OAT-1"))
            #expect(bound.productId == product.id)
            #expect(bound.lookupKey == "SKU-OAT-1")
            #expect(try await client.listPrices(product: product.id).items.first?.lookupKey == "SKU-OAT-1")
            // A scan finds the price by its code (lookup_keys), and only by the exact code.
            #expect(try await client.listPrices(active: true, lookupKeys: ["SKU-OAT-1"]).items.map(\.id) == [bound.id])
            #expect(try await client.listPrices(lookupKeys: ["SKU-OAT"]).items.isEmpty)
            #expect(try await client.listPrices(lookupKeys: ["nope", "SKU-OAT-1"]).items.map(\.id) == [bound.id])
            #expect(bound.money == Money(minorUnits: 350, currency: .gbp))
            #expect(bound.nickname == "regular")

            let inline = try await client.createPrice(PriceDraft(
                product: .inline(ProductDraft(name: "Croissant", description: "Butter")),
                amount: Money(minorUnits: 1250, currency: .gbp)))
            #expect(inline.productId != product.id)
            #expect(try await client.getProduct(inline.productId).name == "Croissant")

            let request = CheckoutSessionRequest(
                items: [.price(id: bound.id, quantity: 2),
                        .inline(name: "Gift wrap", description: "Paper", amount: Money(minorUnits: 199, currency: .gbp),
                                quantity: 1)],
                successURL: "https://shop.example/ok", cancelURL: "https://shop.example/cancel",
                metadata: ["till": "test"], clientReferenceId: "order-1")
            let session = try await client.createCheckoutSession(request)
            #expect(session.status == .open)
            #expect(session.paymentStatus == .unpaid)
            #expect(session.amountTotal == 899)
            #expect(session.total == Money(minorUnits: 899, currency: .gbp))
            #expect(session.url?.isEmpty == false)
            #expect(session.clientReferenceId == "order-1")
            #expect(session.expiresAt.timeIntervalSince(session.created) > 23 * 3600)

            let fetched = try await client.getCheckoutSession(session.id)
            #expect(fetched.id == session.id)
            #expect(fetched.amountTotal == 899)

            let items = try await client.listLineItems(session.id)
            #expect(items.map(\.quantity) == [2, 1])
            #expect(items.map(\.amountTotal) == [700, 199])
            #expect(items[0].priceId == bound.id)
            #expect(items[1].description == "Gift wrap")

            let expired = try await client.expireCheckoutSession(session.id)
            #expect(expired.status == .expired)
            #expect(try await client.getCheckoutSession(session.id).status == .expired)
        }
    }

    @Test func productsGetUpdateListAndFilter() async throws {
        try await withSandbox { client, _ in
            let first = try await client.createProduct(ProductDraft(name: "One"))
            let second = try await client.createProduct(ProductDraft(name: "Two"))
            let renamed = try await client.updateProduct(first.id, ProductUpdate(name: "Uno", active: false))
            #expect(renamed.name == "Uno")
            #expect(!renamed.active)
            #expect(try await client.getProduct(first.id) == renamed)
            // Unsent fields stay as they were.
            let described = try await client.updateProduct(first.id, ProductUpdate(description: "first"))
            #expect(described.name == "Uno")
            #expect(!described.active)

            let all = try await client.listProducts()
            #expect(all.items.map(\.id) == [second.id, first.id])
            #expect(!all.hasMore)
            #expect(try await client.listProducts(active: true).items.map(\.id) == [second.id])
            #expect(try await client.listProducts(active: false).items.map(\.id) == [first.id])
            let one = try await client.listProducts(limit: 1)
            #expect(one.items.map(\.id) == [second.id])
            #expect(one.hasMore)
            #expect(try await client.listProducts(limit: 1, startingAfter: second.id).items.map(\.id) == [first.id])
            #expect(try await client.listProducts(limit: 1, endingBefore: first.id).items.map(\.id) == [second.id])
        }
    }

    @Test func pricesGetUpdateAndListByProduct() async throws {
        try await withSandbox { client, _ in
            let tea = try await client.createProduct(ProductDraft(name: "Tea"))
            let cake = try await client.createProduct(ProductDraft(name: "Cake"))
            let small = try await client.createPrice(PriceDraft(product: .existing(id: tea.id),
                                                                amount: Money(minorUnits: 200, currency: .gbp)))
            let large = try await client.createPrice(PriceDraft(product: .existing(id: tea.id),
                                                                amount: Money(minorUnits: 300, currency: .gbp)))
            let yen = try await client.createPrice(PriceDraft(product: .existing(id: cake.id),
                                                              amount: Money(minorUnits: 500, currency: .jpy)))
            #expect(try await client.getPrice(yen.id).money.formatted == "JPY 500")
            let renamed = try await client.updatePrice(small.id, PriceUpdate(active: false, nickname: "small"))
            #expect(renamed.nickname == "small")
            #expect(!renamed.active)
            #expect(renamed.unitAmount == 200)
            #expect(try await client.listPrices(product: tea.id).items.map(\.id) == [large.id, small.id])
            #expect(try await client.listPrices(product: tea.id, active: true).items.map(\.id) == [large.id])
            #expect(try await client.listPrices().items.count == 3)
            #expect(try await client.allPrices(pageSize: 1).collect().map(\.id) == [yen.id, large.id, small.id])
        }
    }

    @Test func sessionsListNewestFirst() async throws {
        try await withSandbox { client, _ in
            var ids: [String] = []
            for index in 1...3 {
                let request = CheckoutSessionRequest(
                    items: [.inline(name: "Item \(index)", description: nil,
                                    amount: Money(minorUnits: Int64(index * 100), currency: .eur), quantity: index)],
                    successURL: "https://s.example/ok", cancelURL: "https://s.example/no")
                ids.append(try await client.createCheckoutSession(request).id)
            }
            let listed = try await client.listCheckoutSessions()
            #expect(listed.items.map(\.id) == ids.reversed())
            #expect(listed.items.map(\.amountTotal) == [900, 400, 100])
            #expect(try await client.allCheckoutSessions(pageSize: 2).collect().map(\.id) == ids.reversed())
        }
    }

    @Test func checkoutDraftCreatesASession() async throws {
        try await withSandbox { client, _ in
            let price = try await client.createPrice(PriceDraft(product: .inline(ProductDraft(name: "Bun")),
                                                                amount: Money(minorUnits: 150, currency: .gbp)))
            var cart = Cart()
            try cart.add(CartLine(price: price, productName: "Bun", quantity: 3))
            try cart.add(CartLine(item: .oneOff(name: "Bag"), unitAmount: Money(minorUnits: 10, currency: .gbp)))
            let draft = CheckoutDraft(cart: cart, successURL: "https://s.example/ok", cancelURL: "https://s.example/no",
                                      idempotencyKey: UUID().uuidString)
            let first = try await client.createCheckoutSession(draft)
            let again = try await client.createCheckoutSession(draft)
            #expect(first.id == again.id)
            #expect(first.amountTotal == 460)
            #expect(try await client.listCheckoutSessions().items.count == 1)
        }
    }
}

/// The failures a caller must see, each as the right kind of `APIFailure`.
@Suite struct SandboxErrorTests {
    @Test func notFoundIsAnInvalidRequestAndNotRetried() async throws {
        let sleeps = SleepRecorder()
        try await withSandbox(sleeps: sleeps) { client, _ in
            do throws(APIFailure) {
                _ = try await client.getProduct("prod_0000000000")
                Issue.record("found a product that does not exist")
            } catch {
                #expect(error.status == 404)
                #expect(error.description.contains("HTTP 404"))
            }
            do throws(APIFailure) {
                _ = try await client.getCheckoutSession("cs_0")
                Issue.record("found a session that does not exist")
            } catch {
                #expect(error.status == 404)
            }
        }
        #expect(sleeps.sleeps.isEmpty)
    }

    @Test func missingParameterNamesTheField() async throws {
        try await withSandbox { client, _ in
            do throws(APIFailure) {
                _ = try await client.createProduct(ProductDraft(name: ""))
                Issue.record("created a product without a name")
            } catch {
                guard case .api(let status, let type, _, let param) = error.kind else {
                    Issue.record("expected an API error, got \(error)")
                    return
                }
                #expect(status == 400)
                #expect(type == "invalid_request_error")
                #expect(param == "name")
            }
            do throws(APIFailure) {
                _ = try await client.createPrice(PriceDraft(product: .existing(id: "prod_missing"),
                                                            amount: Money(minorUnits: 1, currency: .gbp)))
                Issue.record("created a price for a missing product")
            } catch {
                #expect(error.kind == .api(status: 404, type: "invalid_request_error", code: "resource_missing",
                                           param: "product"))
            }
        }
    }

    @Test func expiringTwiceIsRefused() async throws {
        try await withSandbox { client, _ in
            let session = try await client.createCheckoutSession(CheckoutSessionRequest(
                items: [.inline(name: "x", description: nil, amount: Money(minorUnits: 1, currency: .gbp), quantity: 1)],
                successURL: "https://s.example/ok", cancelURL: "https://s.example/no"))
            _ = try await client.expireCheckoutSession(session.id)
            do throws(APIFailure) {
                _ = try await client.expireCheckoutSession(session.id)
                Issue.record("expired an expired session")
            } catch {
                #expect(error.status == 400)
            }
        }
    }

    @Test func badKeyIsUnauthorised() async throws {
        // Well-formed for Till, too short for the sandbox's accounts: the API answers 401.
        try await withSandbox(key: "sk_test_" + "abc") { client, _ in
            do throws(APIFailure) {
                _ = try await client.listProducts()
                Issue.record("listed with a bad key")
            } catch {
                #expect(error.status == 401)
                #expect(!error.description.contains("sk_test_abc"))
            }
        }
    }

    @Test func reusedIdempotencyKeyOnAnotherRequestIsAConflictNotRetried() async throws {
        let sleeps = SleepRecorder()
        try await withSandbox(sleeps: sleeps) { client, _ in
            let key = UUID().uuidString
            let first = try await client.createProduct(ProductDraft(name: "A"), idempotencyKey: key)
            let replay = try await client.createProduct(ProductDraft(name: "A"), idempotencyKey: key)
            #expect(replay.id == first.id)
            do throws(APIFailure) {
                _ = try await client.createProduct(ProductDraft(name: "B"), idempotencyKey: key)
                Issue.record("a reused key on a different request was accepted")
            } catch {
                #expect(error.kind == .api(status: 409, type: "idempotency_error", code: "idempotency_key_reused", param: nil))
            }
            #expect(try await client.listProducts().items.count == 1)
        }
        #expect(sleeps.sleeps.isEmpty)
    }

    @Test func timeoutIsRetriedThenReported() async throws {
        let sandbox = try await Sandbox.start(SandboxConfiguration(latencyMilliseconds: 400))
        let sleeps = SleepRecorder()
        let client = WooshPayClient(configuration: try WooshPayConfiguration(
            secretKey: TestKeys.random(), baseURL: sandbox.baseURL, requestTimeout: .milliseconds(100),
            retry: sleeps.policy))
        do throws(APIFailure) {
            _ = try await client.listProducts()
            Issue.record("answered within 100 ms despite 400 ms latency")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.outcomeUnknown)
        }
        #expect(sleeps.sleeps.count == 3)
        await client.shutdown()
        await sandbox.stop()
    }

    @Test func createThatTimedOutIsReplayedNotRepeated() async throws {
        // The first attempt times out while the sandbox is still working on it; the retry, with the
        // same key and after a real (jitter-free) 0.5 s backoff, gets the stored result.
        // Margins wide enough for a loaded machine: the replay needs no more than the timeout.
        let sandbox = try await Sandbox.start(SandboxConfiguration(latencyMilliseconds: 1_000))
        let client = WooshPayClient(configuration: try WooshPayConfiguration(
            secretKey: TestKeys.random(), baseURL: sandbox.baseURL, requestTimeout: .milliseconds(500),
            retry: RetryPolicy(jitter: { 1 })))
        let patient = WooshPayClient(configuration: try WooshPayConfiguration(
            secretKey: client.configuration.secretKey, baseURL: sandbox.baseURL))
        do throws(APIFailure) {
            let product = try await client.createProduct(ProductDraft(name: "Once"))
            let listed = try await patient.listProducts(limit: 100)
            #expect(listed.items.map(\.id) == [product.id])
        } catch {
            Issue.record("\(error)")
        }
        await client.shutdown()
        await patient.shutdown()
        await sandbox.stop()
    }

    @Test func retryAfterFromRateLimitIsHonoured() async throws {
        // Every request faulted: a quarter are 429 with Retry-After: 1, which the client must wait out exactly.
        let sleeps = SleepRecorder()
        try await withSandbox(SandboxConfiguration(failRate: 1, seed: 42), sleeps: sleeps) { client, _ in
            for _ in 0..<5 {
                do throws(APIFailure) {
                    _ = try await client.listProducts()
                    Issue.record("succeeded at fail rate 1")
                } catch {
                    #expect(WooshPayClient.isRetryable(error))
                }
            }
        }
        #expect(sleeps.sleeps.count == 15)
        #expect(sleeps.sleeps.contains(.seconds(1)))
    }

    @Test func connectionRefusedIsRetriedThreeTimesWithBackoff() async throws {
        // Bind and close a listener so the port is known to be free.
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        let url = sandbox.baseURL
        await sandbox.stop()
        let sleeps = SleepRecorder()
        let client = WooshPayClient(configuration: try WooshPayConfiguration(
            secretKey: TestKeys.random(), baseURL: url, retry: sleeps.policy))
        defer { Task { await client.shutdown() } }
        do throws(APIFailure) {
            _ = try await client.createProduct(ProductDraft(name: "never"))
            Issue.record("reached a stopped server")
        } catch {
            #expect(error.kind == .connectionFailed)
            #expect(error.description.hasPrefix("Could not reach WooshPay"))
        }
        let recorded = sleeps.sleeps
        #expect(recorded.count == 3)
        for (index, wait) in recorded.enumerated() {
            let step = [Duration.milliseconds(500), .seconds(1), .seconds(2)][index]
            #expect(wait >= step / 2 && wait <= step)
        }
        await client.shutdown()
    }
}
