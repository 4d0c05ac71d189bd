import Foundation
import TillConfig
import TillCore
import TillStore

/// The shop store as the command line uses it: the same store as the tills (so a refund made
/// here is in every till's journal at once), the account's old JSON files imported on first use.
struct CommandShop {
    let store: any ShopStore
    let account: String
    /// The till whose shifts `till report` reads and closes: `--till`, else `till_name`, else the
    /// host's first till (`<host>-1`).
    let till: String

    init(_ runner: CommandRunner, till: String? = nil) throws {
        store = try ShopStores.open(settings: runner.settings)
        account = runner.account.fingerprint
        self.till = Self.tillName(runner, till)
        let outcome = ShopImport.run(store: store, paths: runner.settings.paths, account: account, till: self.till)
        for problem in outcome.problems { FileHandle.standardError.write(Data(("till: " + problem + "\n").utf8)) }
    }

    /// The account's refund journal, read and changed in the store's transactions.
    var journal: AccountJournal { AccountJournal(store: store, account: account, till: till) }

    /// The till the command line acts as: `--till`, else `till_name`, else `<host>-1`.
    static func tillName(_ runner: CommandRunner, _ option: String? = nil) -> String {
        option ?? runner.settings.tillName ?? SQLiteShopStore.stem(ofHost: ShopStores.hostName) + "-1"
    }
}

/// One account's refund journal in the shop store.
struct AccountJournal {
    let store: any ShopStore
    let account: String
    /// The till the refunds made here are kept under.
    let till: String

    func load() throws -> RefundJournal { try store.journal(account: account) }

    /// Reads, changes and writes back in one transaction; when `body` throws nothing is written.
    @discardableResult
    func update<T>(_ body: (inout RefundJournal) throws -> T) throws -> T {
        try store.updateJournal(account: account, body)
    }
}
