import Foundation
import TillConfig
import TillCore
#if canImport(Glibc)
import Glibc
#endif

/// One till's view of the shop store: the store, the account and the till's name, and the default
/// URLs of this run (a draft remembers which of its URLs were only defaults).
public struct ShopScope: Sendable {
    public let store: any ShopStore
    public let account: String
    public let till: String
    public let defaults: DraftDefaults

    public init(store: any ShopStore, account: String, till: String,
                defaults: DraftDefaults = DraftDefaults(successURL: "", cancelURL: "")) {
        self.store = store
        self.account = account
        self.till = till
        self.defaults = defaults
    }

    /// This till's saved draft, with URLs that were defaults when saved rebased onto today's.
    public func loadDraft() throws(ShopStoreError) -> CheckoutDraft? {
        guard let saved = try store.loadDraft(account: account, till: till) else { return nil }
        return defaults.rebase(saved.draft, savedWith: saved.defaults)
    }

    public func saveDraft(_ draft: CheckoutDraft) throws(ShopStoreError) {
        try store.saveDraft(SavedDraft(draft: draft, defaults: defaults), account: account, till: till)
    }
}

/// Opening the shop store a run uses.
public enum ShopStores {
    /// The SQLite store of this host (`TillPaths.shopStore`).
    public static func open(paths: TillPaths) throws(ShopStoreError) -> any ShopStore {
        try SQLiteShopStore(path: paths.shopStore.path)
    }

    /// This host's name, for till names and `till tills`.
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "till" }
        return String(cString: buffer)
    }
}
