import Foundation
import GRDB
import Testing
import TillCore
@testable import TillStore

/// A change the store answers and refuses (a broken constraint) is `.refused`, reported once; only
/// a store that cannot be reached for now is `.unavailable`, which a till's writes wait out and
/// retry. A refused change taken for an outage would hold every later write behind it for good.
@Suite struct RefusedWriteTests {
    @Test(arguments: StoreBackend.all)
    func aConstraintTheStoreEnforcesRefusesTheChange(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        try store.saveDraft(Sample.draft("Cake"), account: "acct", till: "A")
        // Something outside Till (a shop's own rule) refuses drafts with tea in them.
        if backend.name == "SQLite" {
            try SQLiteTesting.execute(path: place.path + "/shop.sqlite", """
                CREATE TRIGGER no_tea_insert BEFORE INSERT ON drafts WHEN NEW.draft LIKE '%Tea%'
                BEGIN SELECT RAISE(ABORT, 'no tea here'); END;
                CREATE TRIGGER no_tea_update BEFORE UPDATE ON drafts WHEN NEW.draft LIKE '%Tea%'
                BEGIN SELECT RAISE(ABORT, 'no tea here'); END;
                """)
        } else {
            try PostgresTesting.execute("ALTER TABLE drafts ADD CONSTRAINT no_tea CHECK (draft NOT LIKE '%Tea%')",
                                        database: PostgresTesting.database(for: place.path))
        }
        let error = #expect(throws: ShopStoreError.self) {
            try store.saveDraft(Sample.draft("Tea"), account: "acct", till: "A")
        }
        guard case .refused(let location, _)? = error else {
            Issue.record("not refused: \(String(describing: error))")
            return
        }
        #expect(location == store.location)
        // The store itself is fine: the next change goes in.
        try store.saveDraft(Sample.draft("Scone"), account: "acct", till: "A")
        #expect(try store.loadDraft(account: "acct", till: "A") == Sample.draft("Scone"))
    }

    @Test func sqliteErrorsThatMayPassAreUnavailable() {
        for code in [ResultCode.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_CANTOPEN, .SQLITE_READONLY] {
            guard case .unavailable = SQLiteShopStore.storeError(DatabaseError(resultCode: code), location: "f") else {
                Issue.record("\(code) should be retried")
                continue
            }
        }
        for code in [ResultCode.SQLITE_CONSTRAINT, .SQLITE_MISMATCH, .SQLITE_CORRUPT, .SQLITE_ERROR] {
            guard case .refused = SQLiteShopStore.storeError(DatabaseError(resultCode: code), location: "f") else {
                Issue.record("\(code) should be refused")
                continue
            }
        }
    }

    @Test func postgresErrorsThatMayPassAreUnavailable() {
        for state in ["08006", "57P01", "57P03", "53300", "40001", "40P01", "55P03"] {
            guard case .unavailable = PostgresServerError(sqlState: state, message: "m").storeError(location: "db") else {
                Issue.record("\(state) should be retried")
                continue
            }
        }
        for state in ["23514", "23505", "22P02", "42P01", "P0001"] {
            guard case .refused = PostgresServerError(sqlState: state, message: "m").storeError(location: "db") else {
                Issue.record("\(state) should be refused")
                continue
            }
        }
    }
}
