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
        // 2: a refund's id in a column of its own (see `sqlite`).
        [
            "ALTER TABLE refunds ADD COLUMN refund_id text",
            "UPDATE refunds SET refund_id = (entry::jsonb -> 'state' ->> 'refund_id')",
            "CREATE INDEX refunds_by_refund ON refunds (account, refund_id) WHERE refund_id IS NOT NULL",
        ],
    ]
}
