import Foundation
import Testing
import TillCore
import TillStore
@testable import TillTerminal
#if canImport(Glibc)
import Glibc
#endif

/// A one-line cart, enough to tell drafts apart.
private func draft(item: String, successURL: String, cancelURL: String) throws -> CheckoutDraft {
    var cart = Cart()
    try cart.add(CartLine(item: .oneOff(name: item), unitAmount: Money(minorUnits: 450, currency: .gbp), quantity: 1))
    return CheckoutDraft(cart: cart, successURL: successURL, cancelURL: cancelURL, idempotencyKey: "idem-\(item)")
}

/// The embedded sandbox's defaults when it listens on `port`.
private func sandboxDefaults(port: Int) -> DraftDefaults {
    DraftDefaults(successURL: "http://127.0.0.1:\(port)/sandbox/success",
                  cancelURL: "http://127.0.0.1:\(port)/sandbox/cancel")
}

@Suite("Drafts: default URLs rebased on restore")
struct DraftsPerAccountTests {
    @Test func restoreReplacesOldDefaultURLsAndKeepsTypedOnes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteShopStore(path: folder.appendingPathComponent("shop.sqlite").path)
        let before = ShopScope(store: store, account: "a", till: "t-1", defaults: sandboxDefaults(port: 40001))
        let typedCancel = "https://shop.example/cancelled"
        let saved = try draft(item: "Tea", successURL: before.defaults.successURL, cancelURL: typedCancel)
        try before.saveDraft(saved)

        // The next run's sandbox listens elsewhere: the default moves, the typed URL stays.
        let after = ShopScope(store: store, account: "a", till: "t-1", defaults: sandboxDefaults(port: 40002))
        let restored = try #require(try after.loadDraft())
        #expect(restored.successURL == "http://127.0.0.1:40002/sandbox/success")
        #expect(restored.cancelURL == typedCancel)
        #expect(restored.cart == saved.cart)
        #expect(restored.idempotencyKey == "idem-Tea")

        // The other way round, and a typed URL that merely looks like a sandbox page is kept.
        let typedSuccess = "http://127.0.0.1:40001/sandbox/success?order=7"
        try before.saveDraft(try draft(item: "Cake", successURL: typedSuccess, cancelURL: before.defaults.cancelURL))
        let second = try #require(try after.loadDraft())
        #expect(second.successURL == typedSuccess)
        #expect(second.cancelURL == "http://127.0.0.1:40002/sandbox/cancel")

        // Defaults that did not change leave the draft as it was.
        #expect(try before.loadDraft() == (try draft(item: "Cake", successURL: typedSuccess,
                                                cancelURL: before.defaults.cancelURL)))
    }

    @Test func defaultsAreComparedTrimmedLikeTheForm() {
        let defaults = DraftDefaults(successURL: " https://shop.example/ok\n", cancelURL: "https://shop.example/no ")
        #expect(defaults.successURL == "https://shop.example/ok")
        #expect(defaults.cancelURL == "https://shop.example/no")
    }
}
