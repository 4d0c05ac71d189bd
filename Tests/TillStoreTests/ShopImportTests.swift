import Foundation
import Testing
import TillConfig
import TillCore
@testable import TillStore

/// The JSON files of earlier versions come into the store once, and nothing in them is lost.
@Suite struct ShopImportTests {
    /// A state folder with one account's old files, written as the old stores wrote them.
    static func oldFiles(in paths: TillPaths, account: String) throws {
        try PrivateFile.write(try JSONEncoder().encode(Sample.draft("Tea", key: "k-old", sent: true)),
                              to: paths.drafts(account: account).path)
        struct Parked: Encodable { var version = 1; var tickets: [ParkedTicket] }
        let old = ParkedTicket(id: "p1", label: "Table 4", content: .cart(Sample.cart("Cake", 300)), parkedAt: Sample.t0)
        try PrivateFile.write(try JSONEncoder().encode(Parked(tickets: [old])), to: paths.parked(account: account).path)
        try PrivateFile.write(try LocalJSON.encoder(pretty: true).encode(CheckoutURLDefaults(successURL: "https://a/ok")),
                              to: paths.checkoutURLs(account: account).path)
        try PrivateFile.write(try LocalJSON.encoder(pretty: true).encode(RefundJournal(entries: [Sample.entry("r1"), Sample.entry("r2")])),
                              to: paths.refundJournal(account: account).path)
        var log = ShiftLog()
        _ = try log.close(Sample.report(from: nil, to: Sample.t0), at: Sample.t0)
        try PrivateFile.write(try LocalJSON.encoder(pretty: true).encode(log), to: paths.shifts(account: account).path)
    }

    static func paths(_ place: TemporaryPlace) -> TillPaths {
        TillPaths(environment: ["HOME": place.path])
    }

    @Test(arguments: StoreBackend.all)
    func everyOldFileIsImportedOnceAndKeptBeside(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let paths = Self.paths(place)
        try Self.oldFiles(in: paths, account: "acct")
        let store = try backend.open(place.path)
        let first = ShopImport.run(store: store, paths: paths, account: "acct", till: "shop-1")
        #expect(first.problems == [])
        #expect(first.imported == ["draft (1)", "parked tickets (1)", "checkout URLs (1)", "refund journal (2)", "shifts (1)"])
        #expect(try store.loadDraft(account: "acct", till: "shop-1") == Sample.draft("Tea", key: "k-old", sent: true))
        let tickets = try store.parkedTickets(account: "acct")
        #expect(tickets.map(\.label) == ["Table 4"])
        #expect(tickets.map(\.till) == ["shop-1"])
        #expect(try store.urlDefaults(account: "acct") == CheckoutURLDefaults(successURL: "https://a/ok"))
        #expect(try store.journal(account: "acct").entries.map(\.idempotencyKey) == ["r1", "r2"])
        #expect(try store.shifts(account: "acct", till: "shop-1").closed.count == 1)
        for url in [paths.drafts(account: "acct"), paths.parked(account: "acct"), paths.checkoutURLs(account: "acct"),
                    paths.refundJournal(account: "acct"), paths.shifts(account: "acct")] {
            #expect(!FileManager.default.fileExists(atPath: url.path))
            #expect(FileManager.default.fileExists(atPath: url.path + ".imported"))
        }
        // A second start imports nothing, even if a file came back (restored from a backup, say).
        try FileManager.default.copyItem(atPath: paths.refundJournal(account: "acct").path + ".imported",
                                         toPath: paths.refundJournal(account: "acct").path)
        let second = ShopImport.run(store: store, paths: paths, account: "acct", till: "shop-2")
        #expect(second == ShopImport.Outcome())
        #expect(try store.journal(account: "acct").entries.count == 2)
        #expect(try store.loadDraft(account: "acct", till: "shop-2") == nil)
    }

    @Test(arguments: StoreBackend.all)
    func anUnreadableJournalIsSetAsideAndSaidNeverTakenAsEmpty(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let paths = Self.paths(place)
        let journal = paths.refundJournal(account: "acct")
        try PrivateFile.write(Data("{\"entries\": [{\"amount\": 5".utf8), to: journal.path)
        let store = try backend.open(place.path)
        let outcome = ShopImport.run(store: store, paths: paths, account: "acct", till: "shop-1")
        #expect(outcome.imported == [])
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems.first?.contains("The refund journal file \(journal.path) could not be read") == true)
        #expect(outcome.problems.first?.contains("set aside as \(journal.path).unreadable-") == true)
        #expect(!FileManager.default.fileExists(atPath: journal.path))
        let aside = try FileManager.default.contentsOfDirectory(atPath: journal.deletingLastPathComponent().path)
            .filter { $0.hasPrefix("acct.json.unreadable-") }
        #expect(aside.count == 1)
    }

    @Test func theSQLiteFileIsPrivate() throws {
        let place = TemporaryPlace()
        let folder = place.path + "/data/till"
        _ = try SQLiteShopStore(path: folder + "/shop.sqlite")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/shop.sqlite")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
    }
}
