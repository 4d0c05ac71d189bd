import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sandbox's SQLite database: a WAL pool for files (one writer, concurrent readers), a queue for
/// ":memory:". Every object lives here; the server keeps no state of its own between requests.
struct Store: Sendable {
    let writer: any DatabaseWriter
    /// The event loops' own read-only connections for point reads (none for ":memory:").
    let loopReaders: LoopReaders

    init(path: String) throws {
        loopReaders = LoopReaders(path: path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        // In WAL mode NORMAL still survives a crashed process (only a power cut can lose the last
        // commits) and spares an fsync per transaction.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 1 MiB of page cache per connection rather than 2: the file's pages stay in the
            // kernel's cache anyway, and the embedded sandbox shares the till process's memory.
            try db.execute(sql: "PRAGMA cache_size = -1024")
        }
        // Two event loops and two pool threads read at most; each reader has its own cache.
        configuration.maximumReaderCount = 4
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: configuration)
        } else {
            try Store.createPrivateFile(path)
            // DatabasePool puts the file in WAL mode.
            writer = try DatabasePool(path: path, configuration: configuration)
        }
        try Store.migrator.migrate(writer)
        // A key still pending belongs to a request the last run never finished: let it be retried.
        try writer.write { db in try db.execute(sql: "DELETE FROM idempotency_keys WHERE state = 'pending'") }
    }

    /// The database holds every account's objects (and ids derived from secret keys), so it is
    /// private: a new folder is created 0700 and a new file 0600 before SQLite opens it. SQLite
    /// gives the -wal and -shm files the main file's mode. An existing folder is left as it is; an
    /// existing database (and -wal/-shm) an older run left readable by others is tightened.
    ///
    /// Everything is checked before anything changes: the path, `-wal` and `-shm` must not be
    /// symbolic links (SQLite would follow them, and so would a chmod), and an existing file must
    /// be a sandbox database (or empty). Modes are changed through descriptors opened without
    /// following links, so nothing that is not the sandbox's own file is ever touched.
    static func createPrivateFile(_ path: String) throws {
        let companions = [path + "-wal", path + "-shm"]
        for file in [path] + companions { try refuseSymbolicLink(file) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        // O_EXCL: never follow or truncate what is there; an empty file is a valid new database.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            fchmod(descriptor, 0o600)  // the umask may have taken the owner's own bits away
            _ = systemClose(descriptor)
            return
        }
        guard errno == EEXIST else {
            throw SandboxError.databaseFile(path: path, reason: String(cString: strerror(errno)))
        }
        try checkIsSandboxDatabase(path)
        for file in companions where !(try isAbsent(file)) { try requireRegularFile(file) }
        for file in [path] + companions { try tighten(file) }
    }

    /// Throws when `file` is a symbolic link (whatever it points to).
    private static func refuseSymbolicLink(_ file: String) throws {
        var info = stat()
        guard lstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return }
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: file)) ?? "?"
        throw SandboxError.symbolicLink(path: file, target: target)
    }

    private static func isAbsent(_ file: String) throws -> Bool {
        var info = stat()
        return lstat(file, &info) != 0 && errno == ENOENT
    }

    /// What a path that is not a regular file is, in words ("a directory"), or nil for a regular file.
    private static func kind(_ file: String) -> String? {
        var info = stat()
        guard lstat(file, &info) == 0 else { return "unreadable (\(String(cString: strerror(errno))))" }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "not a regular file"
        }
    }

    private static func requireRegularFile(_ file: String) throws {
        if let what = kind(file) { throw SandboxError.notADatabase(path: file, what: what) }
    }

    /// An existing database path must be empty, or an SQLite file that is this sandbox's (or has no tables yet).
    private static func checkIsSandboxDatabase(_ path: String) throws {
        try requireRegularFile(path)
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw SandboxError.databaseFile(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        fstat(descriptor, &info)
        var header = [UInt8](repeating: 0, count: 16)
        let count = read(descriptor, &header, 16)
        _ = systemClose(descriptor)
        if info.st_size == 0 { return }
        guard count == 16, header == Array("SQLite format 3\u{0}".utf8) else {
            let text = header.prefix(max(0, count)).allSatisfy { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || (0x20..<0x7F).contains($0) }
            throw SandboxError.notADatabase(path: path, what: "a \(info.st_size)-byte \(text ? "text" : "binary") file that is not an SQLite database")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let tables: [String]
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            tables = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            }
            try queue.close()
        } catch {
            throw SandboxError.notADatabase(path: path, what: "an SQLite file that cannot be read (\(error))")
        }
        guard tables.isEmpty || tables.contains("grdb_migrations") && tables.contains("accounts") else {
            throw SandboxError.notADatabase(
                path: path, what: "another program's SQLite database (tables: \(tables.sorted().prefix(5).joined(separator: ", ")))")
        }
    }

    /// 0600 through a descriptor opened without following links; a missing file is skipped.
    private static func tighten(_ file: String) throws {
        let descriptor = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return }
            throw SandboxError.databaseFile(path: file, reason: String(cString: strerror(errno)))
        }
        fchmod(descriptor, 0o600)
        _ = systemClose(descriptor)
    }

    /// `close(2)`, which `Store.close()` hides inside the type.
    private static func systemClose(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(descriptor)
        #else
        Darwin.close(descriptor)
        #endif
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE accounts (
                    id TEXT PRIMARY KEY NOT NULL,              -- SHA-256 of the secret key
                    publishable_key TEXT NOT NULL UNIQUE,
                    clock_offset_ms INTEGER NOT NULL DEFAULT 0,
                    created INTEGER NOT NULL
                );
                CREATE TABLE products (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,     -- creation order, for paging
                    id TEXT NOT NULL UNIQUE,
                    account TEXT NOT NULL REFERENCES accounts(id),
                    name TEXT NOT NULL,
                    description TEXT,
                    active INTEGER NOT NULL,
                    created INTEGER NOT NULL,
                    updated INTEGER NOT NULL,
                    metadata TEXT NOT NULL,
                    url TEXT,
                    images TEXT
                );
                CREATE INDEX products_by_account ON products(account, seq);
                CREATE TABLE prices (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    account TEXT NOT NULL REFERENCES accounts(id),
                    product TEXT NOT NULL REFERENCES products(id),
                    currency TEXT NOT NULL,
                    unit_amount INTEGER NOT NULL,
                    active INTEGER NOT NULL,
                    nickname TEXT,
                    lookup_key TEXT,
                    metadata TEXT NOT NULL,
                    created INTEGER NOT NULL
                );
                CREATE INDEX prices_by_account ON prices(account, seq);
                CREATE TABLE payment_intents (
                    id TEXT PRIMARY KEY NOT NULL,
                    account TEXT NOT NULL REFERENCES accounts(id),
                    amount INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    status TEXT NOT NULL,
                    created INTEGER NOT NULL
                );
                CREATE TABLE checkout_sessions (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    account TEXT NOT NULL REFERENCES accounts(id),
                    status TEXT NOT NULL,                      -- open | complete | expired (open past expires_at reads expired)
                    payment_status TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    success_url TEXT NOT NULL,
                    cancel_url TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    amount_subtotal INTEGER NOT NULL,
                    amount_total INTEGER NOT NULL,
                    created INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    payment_intent TEXT NOT NULL REFERENCES payment_intents(id),
                    metadata TEXT NOT NULL,
                    client_reference_id TEXT,
                    customer_email TEXT
                );
                CREATE INDEX sessions_by_account ON checkout_sessions(account, seq);
                CREATE TABLE line_items (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    session TEXT NOT NULL REFERENCES checkout_sessions(id),
                    price TEXT NOT NULL REFERENCES prices(id),
                    quantity INTEGER NOT NULL,
                    description TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    amount_subtotal INTEGER NOT NULL,
                    amount_total INTEGER NOT NULL
                );
                CREATE INDEX line_items_by_session ON line_items(session, seq);
                CREATE TABLE idempotency_keys (
                    account TEXT NOT NULL REFERENCES accounts(id),
                    key TEXT NOT NULL,
                    fingerprint BLOB NOT NULL,                 -- method, path and body of the first request
                    state TEXT NOT NULL,                       -- pending | done
                    status INTEGER,
                    body BLOB,
                    request_id TEXT NOT NULL,
                    created INTEGER NOT NULL,
                    PRIMARY KEY (account, key)
                );
                """)
        }
        migrator.registerMigration("v2: idempotency keys by age") { db in
            // The 24-hour purge runs on every keyed request; without this it scans all of an account's keys.
            try db.execute(sql: "CREATE INDEX idempotency_by_age ON idempotency_keys(account, created)")
        }
        migrator.registerMigration("v3: refunds") { db in
            try db.execute(sql: """
                CREATE TABLE refunds (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    account TEXT NOT NULL REFERENCES accounts(id),
                    payment_intent TEXT NOT NULL REFERENCES payment_intents(id),
                    amount INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    reason TEXT,
                    metadata TEXT NOT NULL,
                    created INTEGER NOT NULL,
                    pending_until INTEGER NOT NULL             -- account clock (ms): pending before, succeeded from then on
                );
                CREATE INDEX refunds_by_intent ON refunds(payment_intent);
                """)
        }
        migrator.registerMigration("v4: webhooks and events") { db in
            try db.execute(sql: """
                CREATE TABLE webhook_endpoints (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,                   -- we_…
                    account TEXT NOT NULL REFERENCES accounts(id),
                    url TEXT NOT NULL,
                    enabled_events TEXT NOT NULL,              -- JSON array of types, or ["*"]
                    secret TEXT NOT NULL,                      -- whsec_…, shown once at creation
                    description TEXT,
                    metadata TEXT NOT NULL,
                    status TEXT NOT NULL,                      -- enabled | disabled
                    created INTEGER NOT NULL
                );
                CREATE INDEX webhook_endpoints_by_account ON webhook_endpoints(account, seq);
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,                   -- evt_…
                    account TEXT NOT NULL REFERENCES accounts(id),
                    type TEXT NOT NULL,
                    created INTEGER NOT NULL,                  -- account clock (ms)
                    body TEXT NOT NULL                         -- the event object as delivered
                );
                CREATE INDEX events_by_account ON events(account, seq);
                CREATE TABLE webhook_deliveries (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    account TEXT NOT NULL REFERENCES accounts(id),
                    event TEXT NOT NULL REFERENCES events(id),
                    endpoint TEXT NOT NULL,                    -- its id; the row outlives a deleted endpoint
                    url TEXT NOT NULL,
                    secret TEXT NOT NULL,
                    state TEXT NOT NULL,                       -- pending | succeeded | failed | canceled
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt INTEGER NOT NULL,             -- account clock (ms)
                    claimed_until INTEGER,                     -- wall clock (ms): a sandbox process is sending it
                    claimed_by TEXT
                );
                CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt) WHERE state = 'pending';
                CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries(event);
                CREATE TABLE webhook_attempts (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,                   -- wha_…, for paging
                    account TEXT NOT NULL REFERENCES accounts(id),
                    delivery INTEGER NOT NULL REFERENCES webhook_deliveries(seq),
                    event TEXT NOT NULL,
                    event_type TEXT NOT NULL,
                    endpoint TEXT NOT NULL,
                    url TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    at INTEGER NOT NULL,                       -- account clock (ms)
                    status INTEGER,                            -- the receiver's HTTP status, null when none came
                    error TEXT,                                -- why it failed, in words
                    duration_ms INTEGER NOT NULL,
                    next_attempt INTEGER                       -- account clock (ms) of the retry, null when none
                );
                CREATE INDEX webhook_attempts_by_account ON webhook_attempts(account, seq);
                -- A declined payment (till sandbox fail) leaves its error on the intent.
                ALTER TABLE payment_intents ADD COLUMN last_payment_error TEXT;
                -- Whether the refund's pending -> succeeded change has been announced (refund.updated).
                ALTER TABLE refunds ADD COLUMN settled INTEGER NOT NULL DEFAULT 1;
                -- Open sessions by expiry: the sweep that expires them (and emits the event) reads this.
                CREATE INDEX sessions_open_by_expiry ON checkout_sessions(expires_at) WHERE status = 'open';
                CREATE INDEX refunds_unsettled ON refunds(pending_until) WHERE settled = 0;
                """)
        }
        return migrator
    }

    func close() {
        loopReaders.close()
        if let pool = writer as? DatabasePool { try? pool.close() }
        if let queue = writer as? DatabaseQueue { try? queue.close() }
    }
}
