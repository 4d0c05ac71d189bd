import Foundation
import TillConfig
import TillCore

/// Everything Till keeps beside the API, for every till of a shop: each till's draft, the shop's
/// parked tickets, the refund journal, the closed shifts, the checkout URL defaults and the tills
/// themselves. One protocol, so the embedded SQLite file and a PostgreSQL server are the same to
/// the runtime and the command line; `ShopStoreContract` (Tests/TillStoreTests) is the suite both
/// must pass.
///
/// Rules every backend keeps:
/// - **Synchronous and throwing.** Callers are the runtime's serial writer queue, start-up and the
///   command line, never an event loop; a network backend (PostgreSQL through postgres-nio) blocks
///   the calling thread on its own event loop group (`EventLoopFuture.wait()`), never the caller's.
/// - **Each call is one short transaction**; the `update…` closures run inside it and must not do
///   I/O. Nothing is ever last-writer-wins across processes: a change is a row written under the
///   store's own locking (SQLite `BEGIN IMMEDIATE`; PostgreSQL `SELECT … FOR UPDATE` or an
///   advisory lock per account).
/// - **Per account** where Till kept things per account (drafts, parked, journal, shifts, URL
///   defaults): `account` is `AccountFingerprint`'s value; tills are the shop's, not an account's.
/// - **Schema by numbered migrations** (`ShopSchema`); a store whose version is newer than the
///   binary's is refused with `ShopStoreError.newerSchema`, never rewritten.
/// - Errors are `ShopStoreError`, whose text is for the operator and never holds a password.
public protocol ShopStore: OperatorStore, Sendable {
    /// Where the store is, for messages ("/home/ana/.local/share/till/shop.sqlite",
    /// "postgresql://till@shop-db/till" without its password).
    var location: String { get }

    // MARK: Tills

    /// Takes a till name for this process: `request.name`, or the first free `<host>-1`,
    /// `<host>-2`, … A name is free when no till holds it, when its lease ran out, or when it was
    /// held by a process of this host that is no longer running (a crashed till's name, and so its
    /// draft, go to the next start). A named till held by a live process is refused
    /// (`ShopStoreError.tillInUse`).
    func claimTill(_ request: TillClaim) throws(ShopStoreError) -> TillLease
    /// Extends the lease (and `lastSeen`); a lease that another process took over throws `leaseLost`.
    func renew(_ lease: TillLease, now: Date) throws(ShopStoreError)
    /// Gives the name back at a clean quit (its draft stays, for the next till of that name).
    func release(_ lease: TillLease) throws(ShopStoreError)
    /// Every till the shop has seen, by name, with what each has open for `account`: those that
    /// ran, and those that only hold something (the command line's till, an imported draft).
    func tills(account: String, now: Date) throws(ShopStoreError) -> [TillRecord]

    // MARK: Drafts (one per till and account)

    func loadDraft(account: String, till: String) throws(ShopStoreError) -> SavedDraft?
    func saveDraft(_ draft: SavedDraft, account: String, till: String) throws(ShopStoreError)

    // MARK: Parked tickets (the shop's: a row each, with the till that parked it)

    /// The tickets nobody has claimed, oldest first.
    func parkedTickets(account: String) throws(ShopStoreError) -> [ParkedTicket]
    /// Adds a ticket (its `till` says who parked it).
    func park(_ ticket: ParkedTicket, account: String) throws(ShopStoreError)
    /// Claims a ticket for `till` with one compare-and-set (`… WHERE claimed_by IS NULL`, row count
    /// checked): exactly one of any number of tills claiming at once gets `.claimed`; the others
    /// learn who took it. A claimed row is kept (with its contents) as a record, not deleted.
    ///
    /// With `draftDefaults`, a cart claimed to resume becomes `till`'s draft in the same transaction
    /// (when its saved draft is empty and no checkout of it is under way: `SavedDraft.resuming`), so
    /// a till killed right after the claim gets the cart back at its next start.
    func claimParked(id: String, account: String, till: String, purpose: ParkedClaimPurpose,
                     now: Date, draftDefaults: DraftDefaults?) throws(ShopStoreError) -> ParkedClaim
    /// A value that changes whenever another connection changed the store (SQLite
    /// `PRAGMA data_version`; PostgreSQL: a counter bumped by LISTEN/NOTIFY). Cheap: polled twice a
    /// second by each till to refresh the parked list.
    func changeToken() throws(ShopStoreError) -> Int64

    // MARK: Refund journal (a row per refund, unique idempotency key per account)

    func journal(account: String) throws(ShopStoreError) -> RefundJournal
    /// Reads the journal, lets `body` change it and writes back what changed, in one transaction
    /// that excludes every other writer of the account's journal. When `body` throws, nothing is
    /// written and its error is rethrown as is.
    func updateJournal<T>(account: String, _ body: (inout RefundJournal) throws -> T) throws -> T
    /// Applies one change, reading and writing only the row of the entry it concerns (found by
    /// its unique key, or its refund id): the cost of an append does not grow with the journal.
    /// `.begin` with a key in the journal is refused (`RefundError.keyInUse`) unless the stored
    /// entry is this very one (a retry of a write whose answer was lost); a change to an entry
    /// that is not there writes nothing, as `RefundJournal` does.
    func applyJournal(_ change: RefundJournalChange, account: String) throws

    // MARK: Shifts (Z reports, per till)

    /// One till's closed shifts.
    func shifts(account: String, till: String) throws(ShopStoreError) -> ShiftLog
    /// Every till's closed shifts, by till name.
    func allShifts(account: String) throws(ShopStoreError) -> [String: ShiftLog]
    /// Like `updateJournal`, for one till's shift log (only closing is ever done).
    func updateShifts<T>(account: String, till: String, _ body: (inout ShiftLog) throws -> T) throws -> T

    // MARK: Checkout URL defaults (per account)

    func urlDefaults(account: String) throws(ShopStoreError) -> CheckoutURLDefaults
    /// Keeps the given URLs; a nil one leaves the saved value as it is.
    func saveURLDefaults(account: String, successURL: String?, cancelURL: String?) throws(ShopStoreError)

    // MARK: Customer display (one record per till)

    /// Replaces till `till`'s display record: what its customer should see (`till display`).
    func showCustomer(_ display: CustomerDisplay, till: String) throws(ShopStoreError)
    /// Till `till`'s display record, nil when it never wrote one.
    func customerDisplay(till: String) throws(ShopStoreError) -> CustomerDisplay?

    // MARK: Import of the JSON files of earlier versions

    /// Whether `source` (a file's path relative to the state folder) was imported already, and
    /// marks it so within the same transaction as `body`'s writes. Returns false (and runs
    /// nothing) when it was.
    func importOnce(source: String, _ body: (ShopImportWriter) throws -> Void) throws -> Bool
}

extension ShopStore {
    /// A claim that leaves the till's draft to the caller.
    public func claimParked(id: String, account: String, till: String, purpose: ParkedClaimPurpose,
                            now: Date) throws(ShopStoreError) -> ParkedClaim {
        try claimParked(id: id, account: account, till: till, purpose: purpose, now: now, draftDefaults: nil)
    }
}

extension SavedDraft {
    /// A till's draft once it resumed `cart`: the cart with the draft's URLs and no key; nil (keep
    /// the draft as it is) when the draft holds a cart or a checkout under way, which the resume
    /// must not replace (the till then parks the ticket back).
    public static func resuming(_ cart: Cart, over current: SavedDraft?, defaults: DraftDefaults) -> SavedDraft? {
        if let current, current.draft.isSent || !current.draft.cart.isEmpty { return nil }
        let draft = CheckoutDraft(cart: cart, successURL: current?.draft.successURL ?? defaults.successURL,
                                  cancelURL: current?.draft.cancelURL ?? defaults.cancelURL)
        return SavedDraft(draft: draft, defaults: current?.defaults ?? defaults)
    }
}

extension RefundJournalChange {
    /// The entry a change other than `.begin` is about.
    enum Target: Hashable {
        case key(String)
        case refund(String)
    }

    var target: Target? {
        switch self {
        case .begin: nil
        case .record(_, let key, _), .fail(let key, _, _): .key(key)
        case .refresh(let refund, _): .refund(refund.id)
        }
    }

    /// The entry after the change, nil when the change leaves it as it was (the journal's other
    /// entries play no part in any change but `.begin`).
    func applied(to entry: RefundJournal.Entry) -> RefundJournal.Entry? {
        var journal = RefundJournal(entries: [entry])
        try? apply(to: &journal)
        return journal.entries.first.flatMap { $0 == entry ? nil : $0 }
    }
}

/// What an import may write, inside the store's transaction (`ShopStore.importOnce`).
public protocol ShopImportWriter {
    func insertDraft(_ draft: SavedDraft, account: String, till: String) throws
    func insertParked(_ ticket: ParkedTicket, account: String) throws
    /// Entries whose key is in the journal already are skipped.
    func insertJournal(_ entries: [RefundJournal.Entry], account: String) throws
    func insertShifts(_ log: ShiftLog, account: String, till: String) throws
    func insertURLDefaults(_ defaults: CheckoutURLDefaults, account: String) throws
}

/// A request for a till name.
public struct TillClaim: Hashable, Sendable {
    /// The name asked for (`--till`, `till_name`); nil takes the first free `<host>-N`.
    public var name: String?
    public var host: String
    public var pid: Int32
    public var now: Date
    /// How long the lease lasts unless renewed.
    public var leaseDuration: TimeInterval

    public init(name: String?, host: String, pid: Int32, now: Date, leaseDuration: TimeInterval = TillLease.defaultDuration) {
        self.name = name
        self.host = host
        self.pid = pid
        self.now = now
        self.leaseDuration = leaseDuration
    }
}

extension TillClaim {
    /// The name the claim takes: the one asked for, refused (`tillInUse`) while a running till
    /// holds it, or else the first free `<host>-1`, `<host>-2`, … `lease` reads who holds a name
    /// and until when (nil for a name no till ever held).
    func freeName(lease: (String) throws -> (host: String, pid: Int32, until: Date)?) throws -> String {
        func holder(_ name: String) throws -> (host: String, pid: Int32)? {
            guard let (host, pid, until) = try lease(name), until > now else { return nil }
            if host == self.host {
                if pid == self.pid { return nil }
                // On this host the process itself can be asked: a crashed till frees its name at once.
                guard processIsRunning(pid) else { return nil }
            }
            return (host, pid)
        }
        if let asked = name {
            if let held = try holder(asked) { throw ShopStoreError.tillInUse(name: asked, host: held.host, pid: held.pid) }
            return asked
        }
        let stem = SQLiteShopStore.stem(ofHost: host)
        var n = 1
        while try holder("\(stem)-\(n)") != nil { n += 1 }
        return "\(stem)-\(n)"
    }
}

/// A till name held by one process.
public struct TillLease: Hashable, Sendable {
    public var name: String
    public var host: String
    public var pid: Int32
    /// Unique to this holding: a renewal by anyone else's token fails.
    public var token: String
    public var leaseDuration: TimeInterval

    /// 30 s: a till renews every 10 s, so a name is freed at most 30 s after its till vanished
    /// from another host (at once on this host, where the process can be checked).
    public static let defaultDuration: TimeInterval = 30
}

/// A till as `till tills` lists it.
public struct TillRecord: Hashable, Sendable, Codable {
    public var name: String
    /// Empty for a till that never ran (only holds a draft, tickets or shifts).
    public var host: String
    public var pid: Int32
    /// Nil for a till that never ran.
    public var lastSeen: Date?
    /// Whether a process holds the name now (its lease has not run out).
    public var isOpen: Bool
    /// Units in its saved cart (0: none).
    public var cartItems = 0
    /// Whether its draft is a checkout being created.
    public var checkoutInFlight = false
    /// Tickets it parked that nobody has claimed.
    public var parkedTickets = 0
    /// Its closed shifts.
    public var closedShifts = 0

    enum CodingKeys: String, CodingKey {
        case name, host, pid
        case lastSeen = "last_seen"
        case isOpen = "open"
        case cartItems = "cart_items"
        case checkoutInFlight = "checkout_in_flight"
        case parkedTickets = "parked_tickets"
        case closedShifts = "closed_shifts"
    }
}

extension TillRecord {
    /// `till tills` from what every backend reads alike, by till name: the tills that ran (their
    /// open flags and hosts), each till's draft (as stored; one that cannot be read counts as
    /// none), and its counts of unclaimed parked tickets and closed shifts. A till that never ran
    /// but holds something (the command line's, an imported draft) is listed too.
    static func listing(_ ran: [TillRecord], drafts: [(String, String)], parked: [(String, Int)],
                        shifts: [(String, Int)]) -> [TillRecord] {
        var records = Dictionary(ran.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var savedDrafts: [String: SavedDraft] = [:]
        for (till, text) in drafts {
            savedDrafts[till] = try? LocalJSON.decoder.decode(SavedDraft.self, from: Data(text.utf8))
        }
        let parked = Dictionary(parked, uniquingKeysWith: { a, _ in a })
        let shifts = Dictionary(shifts, uniquingKeysWith: { a, _ in a })
        let holding = savedDrafts.filter { !$0.value.draft.cart.isEmpty }.keys
        for name in Set(holding).union(parked.keys).union(shifts.keys) where records[name] == nil && !name.isEmpty {
            records[name] = TillRecord(name: name, host: "", pid: 0, lastSeen: nil, isOpen: false)
        }
        for name in records.keys {
            let draft = savedDrafts[name]?.draft
            records[name]?.cartItems = draft?.cart.itemCount ?? 0
            records[name]?.checkoutInFlight = draft?.isSent ?? false
            records[name]?.parkedTickets = parked[name] ?? 0
            records[name]?.closedShifts = shifts[name] ?? 0
        }
        return records.values.sorted { $0.name < $1.name }
    }
}

/// A till's saved draft and the default URLs in force when it was saved.
public struct SavedDraft: Hashable, Codable, Sendable {
    public var draft: CheckoutDraft
    public var defaults: DraftDefaults
}

/// The default success and cancel URLs of a run. They can change between runs (the embedded
/// sandbox may get another port, the operator may edit the config), so a draft remembers which
/// URLs were only defaults.
public struct DraftDefaults: Hashable, Codable, Sendable {
    public var successURL: String
    public var cancelURL: String

    /// Trimmed like the form's fields are when the draft is taken, so an unchanged default matches.
    public init(successURL: String, cancelURL: String) {
        self.successURL = successURL.trimmingCharacters(in: .whitespacesAndNewlines)
        self.cancelURL = cancelURL.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The draft with each URL that equals the old default replaced by this default; URLs the
    /// operator typed are kept.
    public func rebase(_ draft: CheckoutDraft, savedWith old: DraftDefaults) -> CheckoutDraft {
        var draft = draft
        if draft.successURL == old.successURL { draft.successURL = successURL }
        if draft.cancelURL == old.cancelURL { draft.cancelURL = cancelURL }
        return draft
    }
}

/// The checkout URLs an operator typed for a real account, kept as its defaults; nil for one never saved.
public struct CheckoutURLDefaults: Hashable, Codable, Sendable {
    public var successURL: String?
    public var cancelURL: String?

    public init(successURL: String? = nil, cancelURL: String? = nil) {
        self.successURL = successURL
        self.cancelURL = cancelURL
    }
}

/// Why the store could not do what was asked. The text is for the operator.
public enum ShopStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The store was made by a newer Till: it is left as it is.
    case newerSchema(location: String, found: Int, supported: Int)
    /// The store cannot be reached or used for now (a refused or lost connection, a busy or full
    /// disk): trying the same change again later can succeed, so a till's writes wait and retry.
    case unavailable(location: String, reason: String)
    /// The store answered and refused this change (a broken constraint, a damaged file, a value
    /// that cannot be encoded): trying again gives the same answer, so it is reported, not retried.
    case refused(location: String, reason: String)
    /// A stored value cannot be read.
    case unreadable(location: String, what: String, reason: String)
    /// The till name asked for is held by a running till.
    case tillInUse(name: String, host: String, pid: Int32)
    /// The till name is not a usable name.
    case invalidTillName(String)
    /// Another process holds this till's name now (this one's lease ran out).
    case leaseLost(name: String)

    public var description: String {
        switch self {
        case .newerSchema(let location, let found, let supported):
            "The shop store \(location) was made by a newer Till (schema \(found); this Till knows up to \(supported)). "
                + "Nothing was changed: upgrade Till, or point it at another store."
        case .unavailable(let location, let reason):
            "The shop store \(location) is not usable: \(reason)"
        case .refused(let location, let reason):
            "The shop store \(location) refused the change: \(reason)"
        case .unreadable(let location, let what, let reason):
            "The shop store \(location) holds \(what) that cannot be read: \(reason)"
        case .tillInUse(let name, let host, let pid):
            "Till \(name) is open already (process \(pid) on \(host)): choose another name with --till, or leave it out to take a free one."
        case .invalidTillName(let name):
            "\"\(name)\" is not a till name: use 1 to 32 letters, digits, '.', '-' or '_'."
        case .leaseLost(let name):
            "Another process took over till \(name)."
        }
    }

    /// Whether a till name is usable: 1–32 of letters, digits, `.`, `-`, `_`.
    public static func isValidTillName(_ name: String) -> Bool {
        (1...32).contains(name.count) && name.unicodeScalars.allSatisfy {
            ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "." || $0 == "-" || $0 == "_"
        }
    }
}
