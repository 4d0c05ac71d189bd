import Foundation
import GRDBSQLite
import NIOCore

/// One read-only SQLite connection per event loop, used on that loop's thread only, for the point
/// reads `RawReads` answers (a product or a price by id): the statement is prepared once and
/// stepped where the request was read, with no pool check-out, no `DispatchQueue.sync`, no
/// `BEGIN`/`COMMIT` and no schema check. A single `SELECT` in autocommit mode is its own WAL
/// snapshot, taken when it is stepped and ended when it is reset, so every read sees every
/// transaction committed before it and nothing is cached between requests. Durability is the
/// writer's business and is unchanged (the pool writes; these connections never do).
///
/// Only for a database file: ":memory:" has no second connection, and its reads keep the pool's
/// path. A reader that cannot open, or a read that fails, leaves the request to that path too.
/// Closed with the store, after the server has stopped serving.
final class LoopReaders: @unchecked Sendable {
    private let path: String?
    private let lock = NSLock()
    /// The loop is kept so its identity is never reused while its reader is here.
    private var readers: [ObjectIdentifier: (loop: any EventLoop, reader: LoopReader)] = [:]
    private var closed = false

    /// Readers of `path`; none for ":memory:".
    init(path: String) {
        self.path = path == ":memory:" ? nil : path
    }

    /// The reader of `loop` (opened on first use), or nil when there is none to use. Called on `loop`.
    func reader(for loop: any EventLoop) -> LoopReader? {
        guard let path else { return nil }
        let key = ObjectIdentifier(loop)
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return nil }
        if let found = readers[key] { return found.reader }
        guard let reader = LoopReader(path: path) else { return nil }
        readers[key] = (loop, reader)
        return reader
    }

    /// Closes every reader; later calls of `reader(for:)` give nil. Called once the server has stopped.
    func close() {
        lock.lock()
        let all = readers.values.map(\.reader)
        readers = [:]
        closed = true
        lock.unlock()
        for reader in all { reader.close() }
    }
}

/// A read-only connection and its prepared statements, for one event loop's thread. It also
/// makes that loop's request ids, from a generator seeded once from the system's.
final class LoopReader {
    /// The longest a point read waits for a lock (readers of a WAL file wait only while one
    /// recovers the WAL index); past it the request takes the pool's path.
    static let busyMilliseconds: Int32 = 20

    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private var random: SplitMix64

    init?(path: String) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            return nil
        }
        sqlite3_busy_timeout(handle, LoopReader.busyMilliseconds)
        // As the pool's connections: 1 MiB of page cache (the file's pages are in the kernel's cache anyway).
        sqlite3_exec(handle, "PRAGMA cache_size = -1024", nil, nil, nil)
        self.handle = handle
        var system = SystemRandomNumberGenerator()
        random = SplitMix64(seed: system.next())
    }

    /// The one row of `point.sql` (`… WHERE id = ? AND account = ?`) written by `point.write`:
    /// true when written, false when the account has no such row, nil when the read failed
    /// (nothing written; the caller reads through the pool instead).
    func writeOwned(_ point: PointRead, id: String, account: String, to out: inout ByteBuffer) -> Bool? {
        guard let statement = statement(point.sql) else { return nil }
        var id = id
        var account = account
        return id.withUTF8 { id in
            account.withUTF8 { account in
                // SQLITE_STATIC: the texts outlive the step; the bindings are cleared before they go.
                defer {
                    sqlite3_reset(statement)  // ends the read transaction
                    sqlite3_clear_bindings(statement)
                }
                guard sqlite3_bind_text(statement, 1, id.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                        Int32(id.count), nil) == SQLITE_OK,
                      sqlite3_bind_text(statement, 2, account.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                        Int32(account.count), nil) == SQLITE_OK else { return nil }
                switch sqlite3_step(statement) {
                case SQLITE_ROW:
                    point.write(RowBytes(statement: statement), &out)
                    return true
                case SQLITE_DONE: return false
                default: return nil
                }
            }
        }
    }

    /// A fresh request id, as `Engine.freshRequestID()` makes them, without a system call.
    func requestID() -> String {
        Engine.requestID(words: (random.next(), random.next()))
    }

    private func statement(_ sql: String) -> OpaquePointer? {
        if let found = statements[sql] { return found }
        guard let handle else { return nil }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement else { return nil }
        statements[sql] = statement
        return statement
    }

    deinit { close() }

    func close() {
        for statement in statements.values { sqlite3_finalize(statement) }
        statements = [:]
        sqlite3_close_v2(handle)
        handle = nil
    }
}

/// A retrieve by id written straight from its row: the SQL (`… WHERE id = ? AND account = ?`),
/// the object's kind for the 404, and the row's writer.
struct PointRead: Sendable {
    let sql: String
    let kind: String
    let write: @Sendable (RowBytes, inout ByteBuffer) -> Void
}

/// SplitMix64: the loops' request ids (which need to differ, not to be secret), the fault
/// injector's rolls, and the benchmark's generated catalogs (a fixed seed, a fixed sequence).
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
