import Foundation
import TillConfig
import TillCore

/// What the SQLite and PostgreSQL stores do alike around their SQL: values kept as JSON text, the
/// operator's words for a stored value that cannot be read, the journal's and the shift logs'
/// read-change-write, and the import writer. A backend gives its transactions and the statements
/// whose SQL differs by dialect.
protocol ShopStoreRows: ShopStore {
    associatedtype Transaction

    /// A read of one statement.
    func readOne<T>(_ body: (Transaction) throws -> T) throws(ShopStoreError) -> T
    /// One write transaction. A caller's own error (`Passed`) comes out as it was.
    func transaction<T>(_ body: (Transaction) throws -> T) throws -> T

    static func insertDraft(_ tx: Transaction, _ text: String, account: String, till: String, replace: Bool) throws
    static func insertParked(_ tx: Transaction, _ ticket: ParkedTicket, _ text: String, account: String) throws
    /// The entry texts of the account's journal, oldest first.
    static func journalRows(_ tx: Transaction, account: String) throws -> [String]
    /// The stored text of one entry; `forUpdate`: the row is to be changed in `tx`.
    static func journalEntry(_ tx: Transaction, account: String, target: RefundJournalChange.Target, forUpdate: Bool) throws -> String?
    /// Adds an entry unless its key is in the journal already; false when it was.
    static func insertJournalEntry(_ tx: Transaction, _ entry: RefundJournal.Entry, text: String, account: String) throws -> Bool
    /// Excludes every other writer of the account's journal until `tx` ends.
    static func lockJournal(_ tx: Transaction, account: String) throws
    /// Adds an entry whose key is not in the journal.
    static func addJournalEntry(_ tx: Transaction, _ entry: RefundJournal.Entry, text: String, account: String) throws
    /// Replaces the entry of `entry`'s key.
    static func replaceJournalEntry(_ tx: Transaction, _ entry: RefundJournal.Entry, text: String, account: String) throws
    /// One till's closed shifts (or every till's, by till), in order of number.
    static func shiftRows(_ tx: Transaction, account: String, till: String?) throws -> [(till: String, text: String)]
    static func insertShift(_ tx: Transaction, _ shift: ClosedShift, text: String, account: String, till: String) throws
    /// Excludes every other writer of the till's shift log until `tx` ends.
    static func lockShifts(_ tx: Transaction, account: String, till: String) throws
    static func insertURLDefaults(_ tx: Transaction, _ defaults: CheckoutURLDefaults, account: String) throws
}

/// An error thrown by a caller's closure, carried out of the store's transaction untouched.
struct Passed: Error {
    let error: any Error
    static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw Passed(error: error) }
    }
}

extension ShopStoreRows {
    func encode<T: Encodable>(_ value: T) throws(ShopStoreError) -> String {
        do { return String(decoding: try LocalJSON.encoder(pretty: false).encode(value), as: UTF8.self) } catch {
            throw .refused(location: location, reason: "could not encode \(T.self): \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try LocalJSON.decoder.decode(type, from: Data(text.utf8))
    }

    /// A stored value; one that cannot be read is `.unreadable`, naming `what`.
    func decodeStored<T: Decodable>(_ type: T.Type, _ text: String,
                                    what: @autoclosure () -> String) throws(ShopStoreError) -> T {
        do { return try Self.decode(type, text) } catch {
            throw .unreadable(location: location, what: what(), reason: LocalJSON.describe(error))
        }
    }

    /// Like the above, nil when nothing is stored.
    func decodeStored<T: Decodable>(_ type: T.Type, _ text: String?,
                                    what: @autoclosure () -> String) throws(ShopStoreError) -> T? {
        guard let text else { return nil }
        let value: T = try decodeStored(type, text, what: what())
        return value
    }

    /// Stored values in order; the first that cannot be read is `.unreadable`, naming `what(index)`.
    func decodeStored<T: Decodable>(_ type: T.Type, _ texts: [String],
                                    what: (Int) -> String) throws(ShopStoreError) -> [T] {
        var values: [T] = []
        values.reserveCapacity(texts.count)
        for (index, text) in texts.enumerated() {
            values.append(try decodeStored(type, text, what: what(index)))
        }
        return values
    }

    // MARK: Refund journal

    func storedJournal(account: String) throws(ShopStoreError) -> RefundJournal {
        let rows = try readOne { tx in try Self.journalRows(tx, account: account) }
        return RefundJournal(entries: try journalEntries(rows))
    }

    func journalEntries(_ rows: [String]) throws(ShopStoreError) -> [RefundJournal.Entry] {
        try decodeStored(RefundJournal.Entry.self, rows) { "refund journal entry \($0 + 1)" }
    }

    /// `updateJournal`: the whole journal read under the journal's lock, and the entries `body`
    /// added or changed written back.
    func updatingJournal<T>(account: String, _ body: (inout RefundJournal) throws -> T) throws -> T {
        try transaction { tx in
            try Self.lockJournal(tx, account: account)
            var journal = RefundJournal(entries: try self.journalEntries(try Self.journalRows(tx, account: account)))
            let before = Dictionary(journal.entries.map { ($0.idempotencyKey, $0) }, uniquingKeysWith: { a, _ in a })
            let result = try Passed.run { try body(&journal) }
            for entry in journal.entries where before[entry.idempotencyKey] != entry {
                let text = try self.encode(entry)
                if before[entry.idempotencyKey] == nil {
                    try Self.addJournalEntry(tx, entry, text: text, account: account)
                } else {
                    try Self.replaceJournalEntry(tx, entry, text: text, account: account)
                }
            }
            return result
        }
    }

    /// `applyJournal`: reads and writes only the row of the entry the change concerns.
    func applying(_ change: RefundJournalChange, account: String) throws {
        try transaction { tx in
            guard let target = change.target else {
                guard case .begin(let entry) = change else { return }
                if try Self.insertJournalEntry(tx, entry, text: try self.encode(entry), account: account) { return }
                // The key is taken: by this very entry (a retry whose answer was lost) is fine.
                let stored = try Self.journalEntry(tx, account: account, target: .key(entry.idempotencyKey), forUpdate: false)
                if let stored, (try? Self.decode(RefundJournal.Entry.self, stored)) == entry { return }
                throw Passed(error: RefundError.keyInUse(entry.idempotencyKey))
            }
            let text = try Self.journalEntry(tx, account: account, target: target, forUpdate: true)
            guard let entry = try self.decodeStored(RefundJournal.Entry.self, text, what: "a refund journal entry"),
                  let changed = change.applied(to: entry) else { return }
            try Self.replaceJournalEntry(tx, changed, text: try self.encode(changed), account: account)
        }
    }

    // MARK: Shifts

    func storedShifts(account: String, till: String) throws(ShopStoreError) -> ShiftLog {
        let rows = try readOne { tx in try Self.shiftRows(tx, account: account, till: till) }
        return ShiftLog(closed: try closedShifts(rows.map(\.text), till: till))
    }

    func storedAllShifts(account: String) throws(ShopStoreError) -> [String: ShiftLog] {
        let rows = try readOne { tx in try Self.shiftRows(tx, account: account, till: nil) }
        var result: [String: ShiftLog] = [:]
        for (till, group) in Dictionary(grouping: rows, by: \.till) {
            result[till] = ShiftLog(closed: try closedShifts(group.map(\.text), till: till))
        }
        return result
    }

    func closedShifts(_ texts: [String], till: String) throws(ShopStoreError) -> [ClosedShift] {
        try decodeStored(ClosedShift.self, texts) { _ in "a closed shift of till \(till)" }
    }

    /// `updateShifts`: the till's log read under its lock, and the shifts `body` closed added.
    func updatingShifts<T>(account: String, till: String, _ body: (inout ShiftLog) throws -> T) throws -> T {
        try transaction { tx in
            try Self.lockShifts(tx, account: account, till: till)
            var log = ShiftLog(closed: try self.closedShifts(try Self.shiftRows(tx, account: account, till: till).map(\.text), till: till))
            let known = Set(log.closed.map(\.number))
            let result = try Passed.run { try body(&log) }
            for shift in log.closed where !known.contains(shift.number) {
                try Self.insertShift(tx, shift, text: try self.encode(shift), account: account, till: till)
            }
            return result
        }
    }
}

/// What an import writes, inside the transaction of `importOnce`, through the backend's statements.
struct StoreImportWriter<Store: ShopStoreRows>: ShopImportWriter {
    let tx: Store.Transaction
    let store: Store

    func insertDraft(_ draft: SavedDraft, account: String, till: String) throws {
        try Store.insertDraft(tx, try store.encode(draft), account: account, till: till, replace: false)
    }
    func insertParked(_ ticket: ParkedTicket, account: String) throws {
        try Store.insertParked(tx, ticket, try store.encode(ticket), account: account)
    }
    func insertJournal(_ entries: [RefundJournal.Entry], account: String) throws {
        for entry in entries {
            _ = try Store.insertJournalEntry(tx, entry, text: try store.encode(entry), account: account)
        }
    }
    func insertShifts(_ log: ShiftLog, account: String, till: String) throws {
        for shift in log.closed {
            try Store.insertShift(tx, shift, text: try store.encode(shift), account: account, till: till)
        }
    }
    func insertURLDefaults(_ defaults: CheckoutURLDefaults, account: String) throws {
        try Store.insertURLDefaults(tx, defaults, account: account)
    }
}
