import Foundation
import NIOConcurrencyHelpers
import PostgresNIO
import TillConfig
import TillCore

/// The shop store on a PostgreSQL server, for tills on several hosts: the same tables and the
/// same rules as `SQLiteShopStore`, through vapor/postgres-nio.
///
/// - Each call is one short transaction on the store's own connection (a read of one statement
///   is one without `BEGIN`); calls from several threads take turns. The calling thread blocks on `PostgresLink.group`, never on a loop of its own.
/// - Writers of one account's journal, and of one till's shifts, exclude each other with
///   `pg_advisory_xact_lock` (a row lock cannot lock an empty journal); claims of till names take
///   one lock for the shop. A parked ticket is claimed with one compare-and-set
///   (`UPDATE … WHERE claimed_by IS NULL`) whose row count says who won.
/// - `changeToken()` counts the notifications of a second connection that LISTENs on
///   `till_shop`, which every write transaction NOTIFYs (delivered at its commit). Reading the
///   token first runs `SELECT 1` on that connection, so every notification committed before the
///   call has been counted (the server sends them ahead of the answer) and a dead listener is
///   found and replaced (the token then moves, as changes may have been missed).
/// - A connection that is lost throws `ShopStoreError.unavailable`; the next call connects again.
public final class PostgresShopStore: ShopStore, ShopStoreRows, @unchecked Sendable {
    /// The URL without its password.
    public let location: String
    public let server: PostgresLocation
    /// The LISTEN/NOTIFY channel every write notifies.
    static let channel = "till_shop"

    /// Serialises the calls on `link` (one transaction at a time on one connection).
    private let lock = NSLock()
    private let link: PostgresLink
    /// The listening connection, opened by the first `changeToken()`.
    private let watchLock = NSLock()
    private var watcher: PostgresLink?
    private let notifications = NIOLockedValueBox<Int64>(0)
    /// Who imports here (`user@host`): the JSON files of earlier versions are per user and host.
    private let origin: String

    /// Connects to the server named by `url` and brings its schema up to date.
    /// - Throws: `ShopStoreError.unavailable` naming the host and port when the server cannot be
    ///   reached or refuses the login; `.newerSchema` for a store of a newer Till.
    public convenience init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                            callTimeout: TimeInterval = 15) throws(ShopStoreError) {
        try self.init(server: try PostgresLocation(url: url, environment: environment), callTimeout: callTimeout)
    }

    /// - Parameter callTimeout: how long one statement may go unanswered before the connection is
    ///   taken for lost.
    public convenience init(server: PostgresLocation, callTimeout: TimeInterval = 15) throws(ShopStoreError) {
        try self.init(server: server, callTimeout: callTimeout, schema: ShopSchema.postgresql)
    }

    init(server: PostgresLocation, callTimeout: TimeInterval, schema: [[String]]) throws(ShopStoreError) {
        self.server = server
        location = server.description
        link = try PostgresLink(location: server, callTimeout: callTimeout)
        origin = "\(ProcessInfo.processInfo.userName)@\(ShopStores.hostName)"
        try link.connect()
        try migrate(schema)
    }

    /// Applies the missing migrations in one transaction, under a lock so that tills starting
    /// together migrate once; refuses a store whose version is newer than `schema`.
    private func migrate(_ schema: [[String]]) throws(ShopStoreError) {
        try write { tx in
            try tx.run("SELECT pg_advisory_xact_lock(hashtext('till.schema'), 0)")
            // Created only when missing: a login that may not create tables can still use a made store.
            if try tx.run("SELECT to_regclass('store_meta') IS NULL").rows.first?.decode(Bool.self) == true {
                try tx.run("CREATE TABLE store_meta (key text PRIMARY KEY, value text NOT NULL)")
            }
            let found = try Self.schemaVersion(tx)
            guard found <= schema.count else {
                throw ShopStoreError.newerSchema(location: self.location, found: found, supported: schema.count)
            }
            guard found < schema.count else { return }
            for version in (found + 1)...schema.count {
                for statement in schema[version - 1] { try tx.run(PostgresQuery(unsafeSQL: statement)) }
            }
            try tx.run("""
                INSERT INTO store_meta (key, value) VALUES ('schema_version', \(String(schema.count)))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
        }
    }

    static func schemaVersion(_ tx: PostgresTransaction) throws -> Int {
        try tx.run("SELECT value FROM store_meta WHERE key = 'schema_version'").rows.first
            .flatMap { Int(try $0.decode(String.self)) } ?? 0
    }

    /// The schema version recorded in the store.
    public func schemaVersion() throws(ShopStoreError) -> Int {
        try readOne { tx in try Self.schemaVersion(tx) }
    }

    /// Closes the connections (a store also closes them when it goes away).
    public func close() {
        lock.withLock { link.drop() }
        watchLock.withLock { watcher?.drop() }
    }

    // MARK: Tills

    public func claimTill(_ request: TillClaim) throws(ShopStoreError) -> TillLease {
        if let name = request.name, !ShopStoreError.isValidTillName(name) { throw .invalidTillName(name) }
        let token = UUID().uuidString
        return try write { tx in
            // One claim at a time in the shop: "the first free name" must not go to two tills.
            try tx.run("SELECT pg_advisory_xact_lock(hashtext('till.tills'), 0)")
            let name = try request.freeName { name in
                try tx.run("SELECT host, pid, lease_until FROM tills WHERE name = \(name)").rows.first?
                    .decode((String, Int32, Date).self)
            }
            let until = request.now.addingTimeInterval(request.leaseDuration)
            try tx.run("""
                INSERT INTO tills (name, host, pid, token, started_at, last_seen, lease_until)
                VALUES (\(name), \(request.host), \(request.pid), \(token), \(request.now), \(request.now), \(until))
                ON CONFLICT (name) DO UPDATE SET host = excluded.host, pid = excluded.pid, token = excluded.token,
                    started_at = excluded.started_at, last_seen = excluded.last_seen, lease_until = excluded.lease_until
                """)
            return TillLease(name: name, host: request.host, pid: request.pid, token: token,
                             leaseDuration: request.leaseDuration)
        }
    }

    public func renew(_ lease: TillLease, now: Date) throws(ShopStoreError) {
        let until = now.addingTimeInterval(lease.leaseDuration)
        let changed = try write { tx in
            try tx.run("""
                UPDATE tills SET last_seen = \(now), lease_until = \(until) WHERE name = \(lease.name) AND token = \(lease.token)
                """).metadata.rows ?? 0
        }
        if changed == 0 { throw .leaseLost(name: lease.name) }
    }

    public func release(_ lease: TillLease) throws(ShopStoreError) {
        try write { tx in
            try tx.run("UPDATE tills SET lease_until = \(Date(timeIntervalSince1970: 0)) WHERE name = \(lease.name) AND token = \(lease.token)")
        }
    }

    public func tills(account: String, now: Date) throws(ShopStoreError) -> [TillRecord] {
        try read { tx in
            let ran = try tx.run("SELECT name, host, pid, last_seen, lease_until FROM tills").rows.map { row in
                let (name, host, pid, lastSeen, until) = try row.decode((String, String, Int32, Date, Date).self)
                return TillRecord(name: name, host: host, pid: pid, lastSeen: lastSeen, isOpen: until > now)
            }
            return TillRecord.listing(
                ran, drafts: try tx.run("SELECT till, draft FROM drafts WHERE account = \(account)").rows
                    .map { try $0.decode((String, String).self) },
                parked: try tx.run("SELECT till, count(*) FROM parked WHERE account = \(account) AND claimed_by IS NULL GROUP BY till")
                    .rows.map { try $0.decode((String, Int).self) },
                shifts: try tx.run("SELECT till, count(*) FROM shifts WHERE account = \(account) GROUP BY till").rows
                    .map { try $0.decode((String, Int).self) })
        }
    }

    // MARK: Drafts

    public func loadDraft(account: String, till: String) throws(ShopStoreError) -> SavedDraft? {
        let text = try readOne { tx in
            try tx.run("SELECT draft FROM drafts WHERE account = \(account) AND till = \(till)").rows.first?.decode(String.self)
        }
        return try decodeStored(SavedDraft.self, text, what: "the draft of till \(till)")
    }

    public func saveDraft(_ draft: SavedDraft, account: String, till: String) throws(ShopStoreError) {
        let text = try encode(draft)
        try write { tx in try Self.insertDraft(tx, text, account: account, till: till, replace: true) }
    }

    static func insertDraft(_ tx: PostgresTransaction, _ text: String, account: String, till: String, replace: Bool) throws {
        let conflict = replace ? "UPDATE SET draft = excluded.draft, updated = excluded.updated" : "NOTHING"
        try tx.run("""
            INSERT INTO drafts (account, till, draft, updated) VALUES (\(account), \(till), \(text), now())
            ON CONFLICT (account, till) DO \(unescaped: conflict)
            """)
    }

    // MARK: Parked

    public func parkedTickets(account: String) throws(ShopStoreError) -> [ParkedTicket] {
        let rows = try readOne { tx in
            try tx.run("""
                SELECT id, ticket FROM parked WHERE account = \(account) AND claimed_by IS NULL ORDER BY parked_at, seq
                """).rows.map { try $0.decode((String, String).self) }
        }
        return try decodeStored(ParkedTicket.self, rows.map(\.1)) { "the parked ticket \(rows[$0].0)" }
    }

    public func park(_ ticket: ParkedTicket, account: String) throws(ShopStoreError) {
        let text = try encode(ticket)
        try write { tx in
            try Self.insertParked(tx, ticket, text, account: account)
            // Claimed rows are kept a week (a record of who took what), then pruned.
            try tx.run("""
                DELETE FROM parked WHERE account = \(account) AND claimed_by IS NOT NULL AND claimed_at < now() - interval '7 days'
                """)
        }
    }

    static func insertParked(_ tx: PostgresTransaction, _ ticket: ParkedTicket, _ text: String, account: String) throws {
        try tx.run("""
            INSERT INTO parked (account, id, till, label, parked_at, ticket)
            VALUES (\(account), \(ticket.id), \(ticket.till ?? ""), \(ticket.label), \(ticket.parkedAt), \(text))
            ON CONFLICT (account, id) DO NOTHING
            """)
    }

    public func claimParked(id: String, account: String, till: String, purpose: ParkedClaimPurpose,
                            now: Date, draftDefaults: DraftDefaults?) throws(ShopStoreError) -> ParkedClaim {
        enum Outcome { case claimed(String), taken(String), gone }
        let outcome: Outcome = try write { tx in
            // The compare-and-set: a second till's UPDATE waits for the first to commit, then finds
            // claimed_by set and changes nothing.
            let claimed = try tx.run("""
                UPDATE parked SET claimed_by = \(till), claimed_at = \(now), claim_purpose = \(purpose.rawValue)
                WHERE account = \(account) AND id = \(id) AND claimed_by IS NULL
                RETURNING ticket
                """)
            if claimed.metadata.rows == 1, let row = claimed.rows.first {
                let text = try row.decode(String.self)
                if purpose == .resume, let draftDefaults, case .cart(let cart)? = try? Self.decode(ParkedTicket.self, text).content {
                    let current = try tx.run("SELECT draft FROM drafts WHERE account = \(account) AND till = \(till) FOR UPDATE")
                        .rows.first.map { try $0.decode(String.self) }
                    // An unreadable draft is left for the operator to see, never overwritten.
                    let saved = current.map { try? Self.decode(SavedDraft.self, $0) }
                    if saved != .some(nil), let draft = SavedDraft.resuming(cart, over: saved ?? nil, defaults: draftDefaults) {
                        try Self.insertDraft(tx, try self.encode(draft), account: account, till: till, replace: true)
                    }
                }
                return .claimed(text)
            }
            let holder = try tx.run("SELECT claimed_by FROM parked WHERE account = \(account) AND id = \(id)").rows.first
            guard let holder else { return .gone }
            return .taken(try holder.decode(String?.self) ?? "?")
        }
        switch outcome {
        case .gone: return .gone
        case .taken(let by): return .taken(by: by)
        case .claimed(let text):
            return .claimed(try decodeStored(ParkedTicket.self, text, what: "the parked ticket \(id)"))
        }
    }

    public func changeToken() throws(ShopStoreError) -> Int64 {
        watchLock.lock()
        defer { watchLock.unlock() }
        let watcher: PostgresLink
        if let open = self.watcher { watcher = open } else {
            let notifications = notifications
            watcher = try PostgresLink(location: server, callTimeout: link.callTimeout,
                                       listen: (Self.channel, { notifications.withLockedValue { $0 += 1 } }))
            self.watcher = watcher
        }
        // A round trip on the listening connection: notifications committed before it are
        // counted when it returns, and a listener the server ended is found and replaced.
        var fresh = try watcher.connect().fresh
        do {
            try watcher.run("SELECT 1")
        } catch where !fresh {
            fresh = true
            do {
                try watcher.connect()
                try watcher.run("SELECT 1")
            } catch {
                throw error as? ShopStoreError ?? .unavailable(location: location, reason: "\(error)")
            }
        } catch {
            throw error as? ShopStoreError ?? .unavailable(location: location, reason: "\(error)")
        }
        // A new listener may have missed changes while there was none: the token moves.
        if fresh { notifications.withLockedValue { $0 += 1 } }
        return notifications.withLockedValue { $0 }
    }

    // MARK: Refund journal

    public func journal(account: String) throws(ShopStoreError) -> RefundJournal { try storedJournal(account: account) }
    public func applyJournal(_ change: RefundJournalChange, account: String) throws { try applying(change, account: account) }
    public func updateJournal<T>(account: String, _ body: (inout RefundJournal) throws -> T) throws -> T {
        try updatingJournal(account: account, body)
    }

    static func journalRows(_ tx: PostgresTransaction, account: String) throws -> [String] {
        try tx.run("SELECT entry FROM refunds WHERE account = \(account) ORDER BY seq").rows.map { try $0.decode(String.self) }
    }

    static func journalEntry(_ tx: PostgresTransaction, account: String, target: RefundJournalChange.Target,
                             forUpdate: Bool) throws -> String? {
        let lock = forUpdate ? " FOR UPDATE" : ""
        let found = switch target {
        case .key(let key):
            try tx.run("SELECT entry FROM refunds WHERE account = \(account) AND idempotency_key = \(key)\(unescaped: lock)")
        case .refund(let id):
            try tx.run("""
                SELECT entry FROM refunds WHERE account = \(account) AND refund_id = \(id) ORDER BY seq LIMIT 1\(unescaped: lock)
                """)
        }
        return try found.rows.first.map { try $0.decode(String.self) }
    }

    static func lockJournal(_ tx: PostgresTransaction, account: String) throws {
        try tx.run("SELECT pg_advisory_xact_lock(hashtext('till.journal'), hashtext(\(account)))")
    }

    static func insertJournalEntry(_ tx: PostgresTransaction, _ entry: RefundJournal.Entry, text: String, account: String) throws -> Bool {
        try tx.run("""
            INSERT INTO refunds (account, idempotency_key, session_id, refund_id, entry)
            VALUES (\(account), \(entry.idempotencyKey), \(entry.sessionId), \(entry.refundId), \(text))
            ON CONFLICT (account, idempotency_key) DO NOTHING
            """).metadata.rows == 1
    }

    static func addJournalEntry(_ tx: PostgresTransaction, _ entry: RefundJournal.Entry, text: String, account: String) throws {
        try tx.run("""
            INSERT INTO refunds (account, idempotency_key, session_id, refund_id, entry)
            VALUES (\(account), \(entry.idempotencyKey), \(entry.sessionId), \(entry.refundId), \(text))
            """)
    }

    static func replaceJournalEntry(_ tx: PostgresTransaction, _ entry: RefundJournal.Entry, text: String, account: String) throws {
        try tx.run("""
            UPDATE refunds SET entry = \(text), refund_id = \(entry.refundId)
            WHERE account = \(account) AND idempotency_key = \(entry.idempotencyKey)
            """)
    }

    // MARK: Shifts

    public func shifts(account: String, till: String) throws(ShopStoreError) -> ShiftLog { try storedShifts(account: account, till: till) }
    public func allShifts(account: String) throws(ShopStoreError) -> [String: ShiftLog] { try storedAllShifts(account: account) }
    public func updateShifts<T>(account: String, till: String, _ body: (inout ShiftLog) throws -> T) throws -> T {
        try updatingShifts(account: account, till: till, body)
    }

    static func lockShifts(_ tx: PostgresTransaction, account: String, till: String) throws {
        try tx.run("SELECT pg_advisory_xact_lock(hashtext('till.shifts'), hashtext(\(account + "\u{1F}" + till)))")
    }

    static func shiftRows(_ tx: PostgresTransaction, account: String, till: String?) throws -> [(till: String, text: String)] {
        let rows = if let till {
            try tx.run("SELECT till, shift FROM shifts WHERE account = \(account) AND till = \(till) ORDER BY number").rows
        } else {
            try tx.run("SELECT till, shift FROM shifts WHERE account = \(account) ORDER BY till, number").rows
        }
        return try rows.map { row in
            let (till, text) = try row.decode((String, String).self)
            return (till, text)
        }
    }

    static func insertShift(_ tx: PostgresTransaction, _ shift: ClosedShift, text: String, account: String, till: String) throws {
        try tx.run("""
            INSERT INTO shifts (account, till, number, closed_at, shift)
            VALUES (\(account), \(till), \(Int32(clamping: shift.number)), \(shift.closedAt), \(text))
            ON CONFLICT (account, till, number) DO NOTHING
            """)
    }

    // MARK: URL defaults

    public func urlDefaults(account: String) throws(ShopStoreError) -> CheckoutURLDefaults {
        try readOne { tx in
            guard let row = try tx.run("SELECT success_url, cancel_url FROM url_defaults WHERE account = \(account)").rows.first else {
                return CheckoutURLDefaults()
            }
            let (success, cancel) = try row.decode((String?, String?).self)
            return CheckoutURLDefaults(successURL: success, cancelURL: cancel)
        }
    }

    public func saveURLDefaults(account: String, successURL: String?, cancelURL: String?) throws(ShopStoreError) {
        try write { tx in
            try tx.run("""
                INSERT INTO url_defaults (account, success_url, cancel_url) VALUES (\(account), \(successURL), \(cancelURL))
                ON CONFLICT (account) DO UPDATE SET success_url = coalesce(excluded.success_url, url_defaults.success_url),
                    cancel_url = coalesce(excluded.cancel_url, url_defaults.cancel_url)
                """)
        }
    }

    // MARK: Customer display

    public func showCustomer(_ display: CustomerDisplay, till: String) throws(ShopStoreError) {
        let text = try encode(display)
        try write { tx in
            try tx.run("""
                INSERT INTO customer_display (till, display, updated) VALUES (\(till), \(text), now())
                ON CONFLICT (till) DO UPDATE SET display = excluded.display, updated = excluded.updated
                """)
        }
    }

    public func customerDisplay(till: String) throws(ShopStoreError) -> CustomerDisplay? {
        let text = try readOne { tx in
            try tx.run("SELECT display FROM customer_display WHERE till = \(till)").rows.first?.decode(String.self)
        }
        return try decodeStored(CustomerDisplay.self, text, what: "the customer display of till \(till)")
    }

    // MARK: Import

    public func importOnce(source: String, _ body: (ShopImportWriter) throws -> Void) throws -> Bool {
        try transaction { tx in
            // Two tills of one user starting together: the second waits, then finds the file imported.
            try tx.run("SELECT pg_advisory_xact_lock(hashtext('till.import'), hashtext(\(self.origin + "\u{1F}" + source)))")
            let done = try tx.run("SELECT 1 FROM imports WHERE origin = \(self.origin) AND source = \(source)").rows
            if !done.isEmpty { return false }
            try Passed.run { try body(StoreImportWriter(tx: tx, store: self)) }
            try tx.run("INSERT INTO imports (origin, source, imported_at) VALUES (\(self.origin), \(source), now())")
            return true
        }
    }

    static func insertURLDefaults(_ tx: PostgresTransaction, _ defaults: CheckoutURLDefaults, account: String) throws {
        try tx.run("""
            INSERT INTO url_defaults (account, success_url, cancel_url)
            VALUES (\(account), \(defaults.successURL), \(defaults.cancelURL)) ON CONFLICT (account) DO NOTHING
            """)
    }

    // MARK: Plumbing

    /// A read: a transaction too, so that what it reads is one moment of the store.
    func read<T>(_ body: (PostgresTransaction) throws -> T) throws(ShopStoreError) -> T {
        try write(notifies: false, body)
    }

    /// A read of one statement, without `BEGIN`/`COMMIT` (one statement sees one moment of the
    /// store anyway): one round trip instead of three. A connection found dead is replaced and the
    /// read run once more, as a read can be.
    func readOne<T>(_ body: (PostgresTransaction) throws -> T) throws(ShopStoreError) -> T {
        do {
            return try lock.withLock {
                let reused = link.connection.map { !$0.isClosed } ?? false
                do { return try body(PostgresTransaction(link: link)) } catch is ShopStoreError where reused {
                    return try body(PostgresTransaction(link: link))
                }
            }
        } catch let error as ShopStoreError {
            throw error
        } catch let error as PostgresServerError {
            throw error.storeError(location: location)
        } catch {
            throw .unavailable(location: location, reason: PostgresLink.reason(error, server))
        }
    }

    /// A transaction whose errors are all `ShopStoreError` (what the typed-throwing calls need).
    @discardableResult
    func write<T>(notifies: Bool = true, _ body: (PostgresTransaction) throws -> T) throws(ShopStoreError) -> T {
        do { return try transaction(notifies: notifies, body) } catch let error as ShopStoreError { throw error } catch {
            throw .unavailable(location: location, reason: "\(error)")
        }
    }

    /// A transaction that writes (and so notifies the other tills).
    func transaction<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try transaction(notifies: true, body)
    }

    /// One transaction on the store's connection. A connection found dead at `BEGIN` (the server
    /// restarted, or closed it while idle) is replaced and the transaction started once more:
    /// nothing of it had been sent. A caller's own error comes out as it was; an SQL error as
    /// `ShopStoreError.unavailable` with the server's words.
    private func transaction<T>(notifies: Bool, _ body: (PostgresTransaction) throws -> T) throws -> T {
        try lock.withLock {
            do {
                let reused = link.connection.map { !$0.isClosed } ?? false
                do { try link.run("BEGIN") } catch is ShopStoreError where reused { try link.run("BEGIN") }
                let result: T
                do {
                    result = try body(PostgresTransaction(link: link))
                    if notifies { try link.run("NOTIFY \(unescaped: Self.channel)") }
                } catch {
                    if link.connection != nil { _ = try? link.run("ROLLBACK") }
                    throw error
                }
                try link.run("COMMIT")
                return result
            } catch let passed as Passed {
                throw passed.error
            } catch let error as ShopStoreError {
                throw error
            } catch let error as PostgresServerError {
                throw error.storeError(location: location)
            } catch {
                throw ShopStoreError.unavailable(location: location, reason: PostgresLink.reason(error, server))
            }
        }
    }
}

/// The statements of one transaction, run on the store's connection in turn.
struct PostgresTransaction {
    let link: PostgresLink

    @discardableResult
    func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try link.run(query)
    }
}
