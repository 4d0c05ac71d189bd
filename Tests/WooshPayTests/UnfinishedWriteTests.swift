import Foundation
import Testing
import TillCore
@testable import WooshPay
@testable import WooshPaySandbox

/// A write that was committed but whose answer was lost stays "unknown" even when the retries
/// after it only get 500 or 429: the failure says so and carries its idempotency key.
@Suite struct UnfinishedWriteTests {
    /// A seed whose first four faults are: dropped after commit, then 500/429, the last a 429.
    static func seed(rate: Double, last: Fault) -> UInt64? {
        (1...200_000).first { seed in
            let injector = FaultInjector(rate: rate, seed: UInt64(seed))
            let faults = (0..<4).map { _ in injector.next() }
            return faults[0] == .dropAfterCommit && faults[1...2].allSatisfy { $0 == .serverError || $0 == .rateLimited }
                && faults[3] == last
        }.map(UInt64.init)
    }

    @Test func aCommittedCreateThenThrottledIsUnknownAndKeepsItsKey() async throws {
        let seed = try #require(Self.seed(rate: 0.9, last: .rateLimited))
        let key = TestKeys.random()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-unfinished-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/sandbox.sqlite"
        try await withSandbox(SandboxConfiguration(databasePath: database, failRate: 0.9, seed: seed), key: key) { client, _ in
            do throws(APIFailure) {
                _ = try await client.createProduct(ProductDraft(name: "Once"), idempotencyKey: "once-1")
                Issue.record("the create succeeded despite the faults")
            } catch {
                #expect(error.status == 429)
                #expect(error.idempotencyKey == "once-1")
                #expect(error.earlierAttemptUncertain)
                #expect(error.outcomeUnknown)
                #expect(error.retryWithSameKey)
            }
        }
        // Through the same database without faults: created once, and the same key finishes the call with it.
        try await withSandbox(SandboxConfiguration(databasePath: database), key: key) { client, _ in
            let listed = try await client.listProducts(limit: 10).items
            let replayed = try await client.createProduct(ProductDraft(name: "Once"), idempotencyKey: "once-1")
            #expect(listed.map(\.name) == ["Once"])
            #expect(replayed.id == listed.first?.id)
        }
    }

    @Test func aRefusalIsNotUnknownAndReadsLikeOne() async throws {
        try await withSandbox { client, _ in
            do throws(APIFailure) {
                _ = try await client.createPrice(PriceDraft(product: .existing(id: "prod_missing"),
                                                            amount: Money(minorUnits: 1, currency: .gbp), nickname: nil))
                Issue.record("a missing product was accepted")
            } catch {
                #expect(error.status == 404)
                #expect(error.idempotencyKey != nil)
                #expect(!error.earlierAttemptUncertain)
                #expect(!error.outcomeUnknown)
                #expect(!error.retryWithSameKey)
            }
            // Reads carry no key and are never "retry with the same key".
            do throws(APIFailure) {
                _ = try await client.getProduct("prod_missing")
                Issue.record("a missing product was found")
            } catch {
                #expect(error.idempotencyKey == nil)
                #expect(!error.retryWithSameKey)
            }
        }
    }
}
