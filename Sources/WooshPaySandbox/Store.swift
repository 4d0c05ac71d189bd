import Foundation
import GRDB

/// The sandbox's SQLite database: a WAL pool for files (one writer, concurrent readers), a queue for
/// ":memory:". Every object lives here; the server keeps no state of its own between requests.
struct Store: Sendable {
    let writer: any DatabaseWriter

    init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        // In WAL mode NORMAL still survives a crashed process (only a power cut can lose the last
        // commits) and spares an fsync per transaction.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: configuration)
        } else {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // DatabasePool puts the file in WAL mode.
            writer = try DatabasePool(path: path, configuration: configuration)
        }
        try Store.migrator.migrate(writer)
        // A key still pending belongs to a request the last run never finished: let it be retried.
        try writer.write { db in try db.execute(sql: "DELETE FROM idempotency_keys WHERE state = 'pending'") }
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
        return migrator
    }

    func close() {
        if let pool = writer as? DatabasePool { try? pool.close() }
        if let queue = writer as? DatabaseQueue { try? queue.close() }
    }
}
