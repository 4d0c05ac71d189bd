import Foundation
import GRDB
import TillConfig
import TillCore
#if canImport(Glibc)
import Glibc
#endif

/// The shop store in one SQLite file in the data folder, shared by every till of the host: WAL (one
/// writer, readers never wait), a busy timeout, short `BEGIN IMMEDIATE` transactions (so a
/// read-then-write never fails half way on another process's lock), the file 0600 in a 0700 folder.
public final class SQLiteShopStore: ShopStore, ShopStoreRows {
    typealias Transaction = Database

    public let location: String
    private let pool: DatabasePool
    /// A connection of its own for `PRAGMA data_version`, whose value is per connection.
    private let watcher: DatabaseQueue

    /// Opens (or creates) the store at `path` and brings its schema up to date.
    /// - Parameter busyTimeout: how long a write waits for another process's transaction.
    public init(path: String, busyTimeout: TimeInterval = 5, schema: [String] = ShopSchema.sqlite) throws(ShopStoreError) {
        location = path
        do {
            try Self.createPrivateFile(path)
            var configuration = Configuration()
            configuration.busyMode = .timeout(busyTimeout)
            configuration.maximumReaderCount = 2
            configuration.prepareDatabase { db in
                // WAL with NORMAL survives a crashed process; only a power cut may lose the last commit.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            var watching = Configuration()
            watching.busyMode = .timeout(busyTimeout)
            watching.readonly = true
            try Self.migrate(pool, schema: schema, location: path)
            self.pool = pool
            watcher = try DatabaseQueue(path: path, configuration: watching)
        } catch let error as ShopStoreError {
            throw error
        } catch {
            throw .unavailable(location: path, reason: Self.describe(error))
        }
    }

    /// Applies the missing migrations in one transaction; refuses a newer store.
    static func migrate(_ pool: DatabasePool, schema: [String], location: String) throws {
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
                let found = try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = 'schema_version'")
                    .flatMap(Int.init) ?? 0
                guard found <= schema.count else {
                    throw ShopStoreError.newerSchema(location: location, found: found, supported: schema.count)
                }
                for version in (found + 1)...max(found + 1, schema.count) where version <= schema.count {
                    try db.execute(sql: schema[version - 1])
                }
                try db.execute(sql: "INSERT OR REPLACE INTO store_meta (key, value) VALUES ('schema_version', ?)",
                               arguments: ["\(schema.count)"])
                return .commit
            }
        }
    }

    /// The schema version recorded in the file.
    public func schemaVersion() throws(ShopStoreError) -> Int {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = 'schema_version'").flatMap(Int.init) ?? 0
        }
    }

    // MARK: Tills

    public func claimTill(_ request: TillClaim) throws(ShopStoreError) -> TillLease {
        if let name = request.name, !ShopStoreError.isValidTillName(name) { throw .invalidTillName(name) }
        let token = UUID().uuidString
        return try write { db in
            let name = try request.freeName { name in
                try Row.fetchOne(db, sql: "SELECT host, pid, lease_until FROM tills WHERE name = ?", arguments: [name]).map {
                    ($0["host"], $0["pid"], Date(timeIntervalSince1970: $0["lease_until"]))
                }
            }
            let now = request.now.timeIntervalSince1970
            try db.execute(sql: """
                INSERT INTO tills (name, host, pid, token, started_at, last_seen, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET host = excluded.host, pid = excluded.pid, token = excluded.token,
                    started_at = excluded.started_at, last_seen = excluded.last_seen, lease_until = excluded.lease_until
                """, arguments: [name, request.host, request.pid, token, now, now, now + request.leaseDuration])
            return TillLease(name: name, host: request.host, pid: request.pid, token: token,
                             leaseDuration: request.leaseDuration)
        }
    }

    /// The part of a host name a till name starts with: up to the first dot, usable characters only.
    public static func stem(ofHost host: String) -> String {
        let short = host.split(separator: ".").first.map(String.init) ?? host
        let kept = String(short.unicodeScalars.filter {
            ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" || $0 == "_"
        }.prefix(24).map(Character.init))
        return kept.isEmpty ? "till" : kept
    }

    public func renew(_ lease: TillLease, now: Date) throws(ShopStoreError) {
        let changed = try write { db in
            try db.execute(sql: "UPDATE tills SET last_seen = ?, lease_until = ? WHERE name = ? AND token = ?",
                           arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970 + lease.leaseDuration,
                                       lease.name, lease.token])
            return db.changesCount
        }
        if changed == 0 { throw .leaseLost(name: lease.name) }
    }

    public func release(_ lease: TillLease) throws(ShopStoreError) {
        try write { db in
            try db.execute(sql: "UPDATE tills SET lease_until = 0 WHERE name = ? AND token = ?",
                           arguments: [lease.name, lease.token])
        }
    }

    public func tills(account: String, now: Date) throws(ShopStoreError) -> [TillRecord] {
        try read { db in
            /// The (till, value) pairs of a statement about the account.
            func byTill<Value: DatabaseValueConvertible>(_ sql: String, _: Value.Type) throws -> [(String, Value)] {
                try Row.fetchAll(db, sql: sql, arguments: [account]).map { ($0[0], $0[1]) }
            }
            let ran = try Row.fetchAll(db, sql: "SELECT name, host, pid, last_seen, lease_until FROM tills").map { row in
                TillRecord(name: row["name"], host: row["host"], pid: row["pid"], lastSeen: Date(timeIntervalSince1970: row["last_seen"]),
                           isOpen: (row["lease_until"] as Double) > now.timeIntervalSince1970)
            }
            return TillRecord.listing(
                ran, drafts: try byTill("SELECT till, draft FROM drafts WHERE account = ?", String.self),
                parked: try byTill("SELECT till, count(*) FROM parked WHERE account = ? AND claimed_by IS NULL GROUP BY till", Int.self),
                shifts: try byTill("SELECT till, count(*) FROM shifts WHERE account = ? GROUP BY till", Int.self))
        }
    }

    // MARK: Drafts

    public func loadDraft(account: String, till: String) throws(ShopStoreError) -> SavedDraft? {
        let text = try read { db in
            try String.fetchOne(db, sql: "SELECT draft FROM drafts WHERE account = ? AND till = ?", arguments: [account, till])
        }
        return try decodeStored(SavedDraft.self, text, what: "the draft of till \(till)")
    }

    public func saveDraft(_ draft: SavedDraft, account: String, till: String) throws(ShopStoreError) {
        let text = try encode(draft)
        try write { db in try Self.insertDraft(db, text, account: account, till: till, replace: true) }
    }

    static func insertDraft(_ db: Database, _ text: String, account: String, till: String, replace: Bool) throws {
        try db.execute(sql: """
            INSERT INTO drafts (account, till, draft, updated) VALUES (?, ?, ?, ?)
            ON CONFLICT(account, till) DO \(replace ? "UPDATE SET draft = excluded.draft, updated = excluded.updated" : "NOTHING")
            """, arguments: [account, till, text, Date().timeIntervalSince1970])
    }

    // MARK: Parked

    public func parkedTickets(account: String) throws(ShopStoreError) -> [ParkedTicket] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, ticket FROM parked WHERE account = ? AND claimed_by IS NULL ORDER BY parked_at, rowid
                """, arguments: [account])
        }
        return try decodeStored(ParkedTicket.self, rows.map { $0["ticket"] as String }) { "the parked ticket \(rows[$0]["id"] as String)" }
    }

    public func park(_ ticket: ParkedTicket, account: String) throws(ShopStoreError) {
        let text = try encode(ticket)
        try write { db in
            try Self.insertParked(db, ticket, text, account: account)
            // Claimed rows are kept a week (a record of who took what), then pruned.
            try db.execute(sql: "DELETE FROM parked WHERE account = ? AND claimed_by IS NOT NULL AND claimed_at < ?",
                           arguments: [account, Date().timeIntervalSince1970 - 7 * 86400])
        }
    }

    static func insertParked(_ db: Database, _ ticket: ParkedTicket, _ text: String, account: String) throws {
        try db.execute(sql: """
            INSERT INTO parked (account, id, till, label, parked_at, ticket) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(account, id) DO NOTHING
            """, arguments: [account, ticket.id, ticket.till ?? "", ticket.label,
                             ticket.parkedAt.timeIntervalSince1970, text])
    }

    public func claimParked(id: String, account: String, till: String, purpose: ParkedClaimPurpose,
                            now: Date, draftDefaults: DraftDefaults?) throws(ShopStoreError) -> ParkedClaim {
        let outcome: (claimed: Bool, row: Row?) = try write { db in
            // The compare-and-set: only the first till to reach the row changes it.
            try db.execute(sql: """
                UPDATE parked SET claimed_by = ?, claimed_at = ?, claim_purpose = ?
                WHERE account = ? AND id = ? AND claimed_by IS NULL
                """, arguments: [till, now.timeIntervalSince1970, purpose.rawValue, account, id])
            let claimed = db.changesCount == 1
            let row = try Row.fetchOne(db, sql: "SELECT ticket, claimed_by FROM parked WHERE account = ? AND id = ?",
                                       arguments: [account, id])
            if claimed, purpose == .resume, let draftDefaults, let text = row.map({ $0["ticket"] as String }),
               case .cart(let cart)? = try? Self.decode(ParkedTicket.self, text).content {
                let current = try String.fetchOne(db, sql: "SELECT draft FROM drafts WHERE account = ? AND till = ?",
                                                  arguments: [account, till])
                // An unreadable draft is left for the operator to see, never overwritten.
                let saved = current.map { try? Self.decode(SavedDraft.self, $0) }
                if saved != .some(nil), let draft = SavedDraft.resuming(cart, over: saved ?? nil, defaults: draftDefaults) {
                    try Self.insertDraft(db, try self.encode(draft), account: account, till: till, replace: true)
                }
            }
            return (claimed, row)
        }
        guard let row = outcome.row else { return .gone }
        guard outcome.claimed else { return .taken(by: row["claimed_by"]) }
        return .claimed(try decodeStored(ParkedTicket.self, row["ticket"] as String, what: "the parked ticket \(id)"))
    }

    public func changeToken() throws(ShopStoreError) -> Int64 {
        do {
            return try watcher.inDatabase { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        } catch {
            throw .unavailable(location: location, reason: Self.describe(error))
        }
    }

    // MARK: Refund journal

    public func journal(account: String) throws(ShopStoreError) -> RefundJournal { try storedJournal(account: account) }
    public func applyJournal(_ change: RefundJournalChange, account: String) throws { try applying(change, account: account) }
    public func updateJournal<T>(account: String, _ body: (inout RefundJournal) throws -> T) throws -> T {
        try updatingJournal(account: account, body)
    }

    static func journalRows(_ db: Database, account: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT entry FROM refunds WHERE account = ? ORDER BY seq", arguments: [account])
    }

    /// SQLite reads no row for update: `BEGIN IMMEDIATE` holds the file's write lock.
    static func journalEntry(_ db: Database, account: String, target: RefundJournalChange.Target, forUpdate: Bool) throws -> String? {
        switch target {
        case .key(let key):
            try String.fetchOne(db, sql: "SELECT entry FROM refunds WHERE account = ? AND idempotency_key = ?",
                                arguments: [account, key])
        case .refund(let id):
            try String.fetchOne(db, sql: "SELECT entry FROM refunds WHERE account = ? AND refund_id = ? ORDER BY seq LIMIT 1",
                                arguments: [account, id])
        }
    }

    /// Nothing to take: `BEGIN IMMEDIATE` holds the file's write lock.
    static func lockJournal(_ db: Database, account: String) throws {}

    static func insertJournalEntry(_ db: Database, _ entry: RefundJournal.Entry, text: String, account: String) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO refunds (account, idempotency_key, session_id, refund_id, entry) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(account, idempotency_key) DO NOTHING
            """, arguments: [account, entry.idempotencyKey, entry.sessionId, entry.refundId, text])
        return db.changesCount == 1
    }

    static func addJournalEntry(_ db: Database, _ entry: RefundJournal.Entry, text: String, account: String) throws {
        try db.execute(sql: "INSERT INTO refunds (account, idempotency_key, session_id, refund_id, entry) VALUES (?, ?, ?, ?, ?)",
                       arguments: [account, entry.idempotencyKey, entry.sessionId, entry.refundId, text])
    }

    static func replaceJournalEntry(_ db: Database, _ entry: RefundJournal.Entry, text: String, account: String) throws {
        try db.execute(sql: "UPDATE refunds SET entry = ?, refund_id = ? WHERE account = ? AND idempotency_key = ?",
                       arguments: [text, entry.refundId, account, entry.idempotencyKey])
    }

    // MARK: Shifts

    public func shifts(account: String, till: String) throws(ShopStoreError) -> ShiftLog { try storedShifts(account: account, till: till) }
    public func allShifts(account: String) throws(ShopStoreError) -> [String: ShiftLog] { try storedAllShifts(account: account) }
    public func updateShifts<T>(account: String, till: String, _ body: (inout ShiftLog) throws -> T) throws -> T {
        try updatingShifts(account: account, till: till, body)
    }

    /// Nothing to take: `BEGIN IMMEDIATE` holds the file's write lock.
    static func lockShifts(_ db: Database, account: String, till: String) throws {}

    static func shiftRows(_ db: Database, account: String, till: String?) throws -> [(till: String, text: String)] {
        let rows = if let till {
            try Row.fetchAll(db, sql: "SELECT till, shift FROM shifts WHERE account = ? AND till = ? ORDER BY number",
                             arguments: [account, till])
        } else {
            try Row.fetchAll(db, sql: "SELECT till, shift FROM shifts WHERE account = ? ORDER BY till, number", arguments: [account])
        }
        return rows.map { ($0["till"], $0["shift"]) }
    }

    static func insertShift(_ db: Database, _ shift: ClosedShift, text: String, account: String, till: String) throws {
        try db.execute(sql: """
            INSERT INTO shifts (account, till, number, closed_at, shift) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(account, till, number) DO NOTHING
            """, arguments: [account, till, shift.number, shift.closedAt.timeIntervalSince1970, text])
    }

    // MARK: URL defaults

    public func urlDefaults(account: String) throws(ShopStoreError) -> CheckoutURLDefaults {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT success_url, cancel_url FROM url_defaults WHERE account = ?",
                                             arguments: [account]) else { return CheckoutURLDefaults() }
            return CheckoutURLDefaults(successURL: row["success_url"], cancelURL: row["cancel_url"])
        }
    }

    public func saveURLDefaults(account: String, successURL: String?, cancelURL: String?) throws(ShopStoreError) {
        try write { db in
            try db.execute(sql: """
                INSERT INTO url_defaults (account, success_url, cancel_url) VALUES (?, ?, ?)
                ON CONFLICT(account) DO UPDATE SET success_url = coalesce(excluded.success_url, success_url),
                    cancel_url = coalesce(excluded.cancel_url, cancel_url)
                """, arguments: [account, successURL, cancelURL])
        }
    }

    // MARK: Customer display

    public func showCustomer(_ display: CustomerDisplay, till: String) throws(ShopStoreError) {
        let text = try encode(display)
        try write { db in
            try db.execute(sql: """
                INSERT INTO customer_display (till, display, updated) VALUES (?, ?, ?)
                ON CONFLICT(till) DO UPDATE SET display = excluded.display, updated = excluded.updated
                """, arguments: [till, text, Date().timeIntervalSince1970])
        }
    }

    public func customerDisplay(till: String) throws(ShopStoreError) -> CustomerDisplay? {
        let text = try read { db in
            try String.fetchOne(db, sql: "SELECT display FROM customer_display WHERE till = ?", arguments: [till])
        }
        return try decodeStored(CustomerDisplay.self, text, what: "the customer display of till \(till)")
    }

    // MARK: Import

    public func importOnce(source: String, _ body: (ShopImportWriter) throws -> Void) throws -> Bool {
        try transaction { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM imports WHERE source = ?", arguments: [source]) == true { return false }
            try Passed.run { try body(StoreImportWriter(tx: db, store: self)) }
            try db.execute(sql: "INSERT INTO imports (source, imported_at) VALUES (?, ?)",
                           arguments: [source, Date().timeIntervalSince1970])
            return true
        }
    }

    static func insertURLDefaults(_ db: Database, _ defaults: CheckoutURLDefaults, account: String) throws {
        try db.execute(sql: "INSERT INTO url_defaults (account, success_url, cancel_url) VALUES (?, ?, ?) ON CONFLICT(account) DO NOTHING",
                       arguments: [account, defaults.successURL, defaults.cancelURL])
    }

    // MARK: Plumbing

    func read<T>(_ body: (Database) throws -> T) throws(ShopStoreError) -> T {
        do { return try pool.read(body) } catch let error as ShopStoreError { throw error } catch {
            throw .unavailable(location: location, reason: Self.describe(error))
        }
    }

    /// A read on one of the pool's readers (of one statement or several: it sees one moment of the store).
    func readOne<T>(_ body: (Database) throws -> T) throws(ShopStoreError) -> T {
        try read(body)
    }

    @discardableResult
    func write<T>(_ body: (Database) throws -> T) throws(ShopStoreError) -> T {
        do { return try transaction(body) } catch let error as ShopStoreError { throw error } catch {
            throw .unavailable(location: location, reason: Self.describe(error))
        }
    }

    /// One `BEGIN IMMEDIATE` transaction: the write lock is taken first, so reading and then writing
    /// inside it never meets another process's commit. A caller's own error comes out as it was.
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let passed as Passed {
            throw passed.error
        } catch let error as ShopStoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.storeError(error, location: location)
        }
    }

    /// A database error as a `ShopStoreError`: busy, locked, I/O, a full disk, a file that cannot
    /// be opened or written may pass (retried); anything else is this change refused (reported once).
    static func storeError(_ error: DatabaseError, location: String) -> ShopStoreError {
        let transient: [ResultCode] = [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_FULL,
                                          .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_NOMEM, .SQLITE_PROTOCOL]
        return transient.contains(error.resultCode.primaryResultCode)
            ? .unavailable(location: location, reason: describe(error))
            : .refused(location: location, reason: describe(error))
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message.map { "\($0) (SQLite \(error.resultCode.rawValue))" } ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return "\(error)"
    }

    /// A new folder 0700 and a new file 0600 before SQLite opens it (SQLite gives -wal and -shm the
    /// file's mode); an existing file is tightened to 0600. Symbolic links are refused.
    static func createPrivateFile(_ path: String) throws(ShopStoreError) {
        do { try PrivateFile.makeFolder(of: path) } catch { throw .unavailable(location: path, reason: error.description) }
        let descriptor = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .unavailable(location: path, reason: errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno)))
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
    }
}

/// Whether a process of this host is running (kill(pid, 0) reaches it, or exists but is not ours).
func processIsRunning(_ pid: Int32) -> Bool {
    guard pid > 0 else { return false }
    return kill(pid, 0) == 0 || errno == EPERM
}
