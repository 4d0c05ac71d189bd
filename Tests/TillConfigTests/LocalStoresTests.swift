import Foundation
import Testing
import TillCore
@testable import TillConfig
import WooshPay

private func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

private func entry(_ key: String, _ minor: Int64, session: String = "cs_1") -> RefundJournal.Entry {
    RefundJournal.Entry(idempotencyKey: key, sessionId: session, paymentIntentId: "pi_1",
                        amount: Money(minorUnits: minor, currency: .gbp), created: Date(timeIntervalSince1970: 1_700_000_000.123))
}

/// The refund journal and the closed shifts, kept per account in the state folder, and the
/// receipt settings in config.toml.
@Suite("Local stores and receipt settings")
struct LocalStoresTests {
    @Test func eachAccountHasItsOwnFilesInTheStateFolder() {
        let paths = TillPaths(environment: ["HOME": "/h", "XDG_STATE_HOME": "/s"])
        #expect(paths.refundJournal(account: "abc").path == "/s/till/refunds/abc.json")
        #expect(paths.shifts(account: "abc").path == "/s/till/shifts/abc.json")
        #expect(paths.receipts(account: "abc").path == "/s/till/receipts/abc")
        #expect(paths.refundJournal(account: "abc") != paths.refundJournal(account: "def"))
        #expect(paths.receipt(account: "abc", session: "cs_123").path == "/s/till/receipts/abc/cs_123.txt")
        #expect(paths.receipt(account: "abc", session: "../../x y").path == "/s/till/receipts/abc/______x_y.txt")
    }

    @Test func theJournalIsPrivateFromCreationAndReadsBackExactly() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = TillPaths(environment: folder.environment)
        let store = RefundJournalStore(paths: paths, account: "acct")
        #expect(try store.load() == RefundJournal())
        try store.update { journal in try journal.begin(entry("k1", 150)) }
        #expect(try mode(store.url.path) == 0o600)
        #expect(try mode(store.url.deletingLastPathComponent().path) == 0o700)
        #expect(try mode(store.url.path + ".lock") == 0o600)
        // Times keep their fractions of a second, so nothing moves across a shift's edge.
        let read = try store.load()
        #expect(read.entries == [entry("k1", 150)])
        #expect(read.entries.first?.created.timeIntervalSince1970 == 1_700_000_000.123)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.url.deletingLastPathComponent().path).sorted()
                == ["acct.json", "acct.json.lock"])
        // Another account's journal is another file.
        #expect(try RefundJournalStore(paths: paths, account: "other").load().entries.isEmpty)
    }

    @Test func aChangeThatThrowsWritesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let store = RefundJournalStore(paths: TillPaths(environment: folder.environment), account: "acct")
        try store.update { journal in try journal.begin(entry("k1", 150)) }
        let before = try Data(contentsOf: store.url)
        #expect(throws: RefundError.keyInUse("k1")) {
            try store.update { journal in try journal.begin(entry("k1", 999)) }
        }
        #expect(try Data(contentsOf: store.url) == before)
    }

    @Test func aDamagedJournalIsAnErrorAndIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let store = RefundJournalStore(paths: TillPaths(environment: folder.environment), account: "acct")
        try FileManager.default.createDirectory(at: store.url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"entries":[{"idempotency_key":"k"}]}"#.utf8).write(to: store.url)
        #expect {
            try store.load()
        } throws: { error in
            guard case .io(let path, let message)? = error as? ConfigurationError else { return false }
            return path == store.url.path && message.contains("(entries[0].amount: missing)") && message.contains("move the file aside")
        }
        #expect(throws: ConfigurationError.self) { try store.update { journal in try journal.begin(entry("k2", 1)) } }
        #expect(try String(contentsOf: store.url, encoding: .utf8) == #"{"entries":[{"idempotency_key":"k"}]}"#)
    }

    @Test func concurrentChangesAreNeverLost() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let store = RefundJournalStore(paths: TillPaths(environment: folder.environment), account: "acct")
        // Threads, like two Tills: each read-change-write holds the file's lock.
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for n in 0..<25 { try? store.update { journal in try journal.begin(entry("w\(writer)-\(n)", 1)) } }
                }
            }
        }
        #expect(try store.load().entries.count == 100)
    }

    @Test func closedShiftsAreKeptInOrder() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let store = ShiftStore(paths: TillPaths(environment: folder.environment), account: "acct")
        let end = Date(timeIntervalSince1970: 1_700_000_000.5)
        let report = try ShiftReport(window: ShiftWindow(start: nil, end: end), sessions: [], journal: RefundJournal())
        let closed = try store.update { log in try log.close(report, at: end) }
        #expect(closed.number == 1)
        #expect(try store.load().openShiftStart == end)
        #expect(try mode(store.url.path) == 0o600)
    }

    @Test func receiptSettingsAreReadWithTheirLines() throws {
        let file = try ConfigFile(parsing: """
            shop_name = "The Corner Café"
            shop_address = \"\"\"
            1 High Street
              Townsville TS1 1AA
            \"\"\"
            receipt_width = 48
            receipt_command = "lp -d counter"
            """, path: "f")
        #expect(file.shopName == "The Corner Café")
        #expect(file.receiptWidth == 48)
        #expect(file.receiptCommand == "lp -d counter")
        #expect(try ConfigFile(parsing: #"receipt_width = "42""#, path: "f").receiptWidth == 42)
        #expect(try ConfigFile(parsing: file.text, path: "f") == file)

        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = TillPaths(environment: folder.environment)
        try file.write(to: paths.configFile.path)
        let settings = try TillSettings.load(environment: folder.environment)
        #expect(settings.shopName == "The Corner Café")
        #expect(settings.shopAddress == ["1 High Street", "Townsville TS1 1AA"])
        #expect(settings.receiptWidth == .wide)
        #expect(settings.receiptCommand == "lp -d counter")
        try ConfigFile().write(to: paths.configFile.path)
        let defaults = try TillSettings.load(environment: folder.environment)
        #expect(defaults.receiptWidth == .narrow && defaults.shopName == nil && defaults.shopAddress.isEmpty && defaults.receiptCommand == nil)
    }

    @Test(arguments: [
        ("receipt_width = 40", 1), ("shop_name = \"x\"\nreceipt_width = \"wide\"", 2), ("\nreceipt_width = 48.0", 2),
        ("receipt_width = true", 1), ("shop_name = 42", 1), ("receipt_command = [\"lp\"]", 1),
    ])
    func badReceiptSettingsNameTheirLine(text: String, line: Int) {
        #expect {
            try ConfigFile(parsing: text, path: "config.toml")
        } throws: { error in
            guard case .syntax(let path, let errorLine, let message)? = error as? ConfigurationError else { return false }
            return path == "config.toml" && errorLine == line && (message.contains("receipt_width must be 42 or 48")
                                                                  || message.contains("must be a string"))
        }
    }
}
