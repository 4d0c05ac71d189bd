import Foundation

/// The shop store's schema as numbered migrations. Version N is every statement up to N; a store
/// at a version above `latest` was made by a newer Till and is refused, never rewritten. A
/// PostgreSQL backend keeps the same numbering (its own SQL per step), so `till tills` and an
/// error can name one version for both.
public enum ShopSchema {
    /// The SQLite statements of each version, in order (index 0 is version 1).
    public static let sqlite: [String] = [
        """
        CREATE TABLE tills (
            name TEXT PRIMARY KEY NOT NULL,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            token TEXT NOT NULL,
            started_at REAL NOT NULL,
            last_seen REAL NOT NULL,
            lease_until REAL NOT NULL        -- 0 once released at a clean quit
        );
        CREATE TABLE drafts (
            account TEXT NOT NULL,
            till TEXT NOT NULL,
            draft TEXT NOT NULL,             -- SavedDraft as JSON
            updated REAL NOT NULL,
            PRIMARY KEY (account, till)
        );
        CREATE TABLE parked (
            account TEXT NOT NULL,
            id TEXT NOT NULL,
            till TEXT NOT NULL,
            label TEXT NOT NULL,
            parked_at REAL NOT NULL,
            ticket TEXT NOT NULL,            -- ParkedTicket as JSON
            claimed_by TEXT,                 -- NULL while parked; the till that resumed or discarded it
            claimed_at REAL,
            claim_purpose TEXT,
            PRIMARY KEY (account, id)
        );
        CREATE INDEX parked_open ON parked(account, claimed_by, parked_at);
        CREATE TABLE refunds (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            account TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            session_id TEXT NOT NULL,
            entry TEXT NOT NULL,             -- RefundJournal.Entry as JSON
            UNIQUE (account, idempotency_key)
        );
        CREATE TABLE shifts (
            account TEXT NOT NULL,
            till TEXT NOT NULL,
            number INTEGER NOT NULL,
            closed_at REAL NOT NULL,
            shift TEXT NOT NULL,             -- ClosedShift as JSON
            PRIMARY KEY (account, till, number)
        );
        CREATE TABLE url_defaults (
            account TEXT PRIMARY KEY NOT NULL,
            success_url TEXT,
            cancel_url TEXT
        );
        CREATE TABLE imports (
            source TEXT PRIMARY KEY NOT NULL,
            imported_at REAL NOT NULL
        );
        """,
        // 2: what each till's customer should see (`till display`), one small record per till.
        """
        CREATE TABLE customer_display (
            till TEXT PRIMARY KEY NOT NULL,
            display TEXT NOT NULL,           -- CustomerDisplay as JSON
            updated REAL NOT NULL
        );
        """,
        // 3: operators, their PIN hashes and lockouts, and the append-only audit trail (issue #24).
        """
        CREATE TABLE operators (
            name_key TEXT PRIMARY KEY NOT NULL,  -- the name lowercased: names are unique in any case
            name TEXT NOT NULL,
            role TEXT NOT NULL,                  -- cashier or manager
            pin_hash TEXT NOT NULL,              -- PINHash: scrypt$N$r$p$salt$hash, never the PIN
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE TABLE pin_lockouts (
            name_key TEXT PRIMARY KEY NOT NULL,  -- any name tried, whether an operator has it or not
            failures INTEGER NOT NULL,
            lockouts INTEGER NOT NULL,
            locked_until REAL                    -- NULL when not locked
        );
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at REAL NOT NULL,
            till TEXT NOT NULL,
            operator TEXT,
            action TEXT NOT NULL,
            object_id TEXT,
            amount INTEGER,                      -- minor units, with currency
            currency TEXT,
            approved_by TEXT
        );
        CREATE INDEX audit_time ON audit(at);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        """,
        // 4: a refund's id in a column of its own, so a change finds its entry by index, not by
        // reading the whole journal (an append costs the same on day one as on day thousand).
        """
        ALTER TABLE refunds ADD COLUMN refund_id TEXT;
        UPDATE refunds SET refund_id = json_extract(entry, '$.state.refund_id');
        CREATE INDEX refunds_by_refund ON refunds(account, refund_id) WHERE refund_id IS NOT NULL;
        """,
    ]

    /// The newest version this Till knows.
    public static var latest: Int { sqlite.count }
}
