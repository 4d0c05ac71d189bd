import Foundation

extension ShopSchema {
    /// The PostgreSQL statements of each version, in order (index 0 is version 1): the same
    /// tables as `sqlite`, one statement per string (the extended protocol runs one at a time).
    /// Times are `timestamptz` (readable by `psql`); stored values are the same JSON text as SQLite's.
    static let postgresql: [[String]] = [
        [
            """
            CREATE TABLE tills (
                name text PRIMARY KEY,
                host text NOT NULL,
                pid integer NOT NULL,
                token text NOT NULL,
                started_at timestamptz NOT NULL,
                last_seen timestamptz NOT NULL,
                lease_until timestamptz NOT NULL     -- 1970 once released at a clean quit
            )
            """,
            """
            CREATE TABLE drafts (
                account text NOT NULL,
                till text NOT NULL,
                draft text NOT NULL,                 -- SavedDraft as JSON
                updated timestamptz NOT NULL,
                PRIMARY KEY (account, till)
            )
            """,
            """
            CREATE TABLE parked (
                account text NOT NULL,
                id text NOT NULL,
                seq bigint GENERATED ALWAYS AS IDENTITY, -- the order of parking, for tickets parked at one instant
                till text NOT NULL,
                label text NOT NULL,
                parked_at timestamptz NOT NULL,
                ticket text NOT NULL,                -- ParkedTicket as JSON
                claimed_by text,                     -- NULL while parked; the till that resumed or discarded it
                claimed_at timestamptz,
                claim_purpose text,
                PRIMARY KEY (account, id)
            )
            """,
            "CREATE INDEX parked_open ON parked (account, parked_at, seq) WHERE claimed_by IS NULL",
            // The week-old claimed rows each park prunes, found without reading the account's others.
            "CREATE INDEX parked_claimed ON parked (account, claimed_at) WHERE claimed_by IS NOT NULL",
            """
            CREATE TABLE refunds (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                account text NOT NULL,
                idempotency_key text NOT NULL,
                session_id text NOT NULL,
                entry text NOT NULL,                 -- RefundJournal.Entry as JSON
                UNIQUE (account, idempotency_key)
            )
            """,
            """
            CREATE TABLE shifts (
                account text NOT NULL,
                till text NOT NULL,
                number integer NOT NULL,
                closed_at timestamptz NOT NULL,
                shift text NOT NULL,                 -- ClosedShift as JSON
                PRIMARY KEY (account, till, number)
            )
            """,
            """
            CREATE TABLE url_defaults (
                account text PRIMARY KEY,
                success_url text,
                cancel_url text
            )
            """,
            // The JSON files are per host and Unix user (each has its own state folder), while one
            // server serves the tills of many hosts: an import is known by where it came from too.
            """
            CREATE TABLE imports (
                origin text NOT NULL,                -- user@host
                source text NOT NULL,                -- the file, relative to that user's state folder
                imported_at timestamptz NOT NULL,
                PRIMARY KEY (origin, source)
            )
            """,
        ],
        // 2: what each till's customer should see (`till display`), one small record per till.
        [
            """
            CREATE TABLE customer_display (
                till text PRIMARY KEY,
                display text NOT NULL,               -- CustomerDisplay as JSON
                updated timestamptz NOT NULL
            )
            """,
        ],
        // 3: operators, their PIN hashes and lockouts, and the append-only audit trail (issue #24).
        [
            """
            CREATE TABLE operators (
                name_key text PRIMARY KEY,           -- the name lowercased: names are unique in any case
                name text NOT NULL,
                role text NOT NULL,                  -- cashier or manager
                pin_hash text NOT NULL,              -- PINHash: scrypt$N$r$p$salt$hash, never the PIN
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE pin_lockouts (
                name_key text PRIMARY KEY,           -- any name tried, whether an operator has it or not
                failures integer NOT NULL,
                lockouts integer NOT NULL,
                locked_until timestamptz
            )
            """,
            """
            CREATE TABLE audit (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at timestamptz NOT NULL,
                till text NOT NULL,
                operator text,
                action text NOT NULL,
                object_id text,
                amount bigint,                       -- minor units, with currency
                currency text,
                approved_by text
            )
            """,
            "CREATE INDEX audit_time ON audit (at)",
            """
            CREATE FUNCTION till_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$
            """,
            "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION till_audit_append_only()",
        ],
        // 4: a refund's id in a column of its own (see `sqlite`).
        [
            "ALTER TABLE refunds ADD COLUMN refund_id text",
            "UPDATE refunds SET refund_id = (entry::jsonb -> 'state' ->> 'refund_id')",
            "CREATE INDEX refunds_by_refund ON refunds (account, refund_id) WHERE refund_id IS NOT NULL",
        ],
    ]
}
