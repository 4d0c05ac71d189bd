import Crypto
import Foundation
import GRDB

/// One account: the digest of its secret key, its publishable key, and its clock offset.
struct Account: Sendable {
    let id: String
    let publishableKey: String
    var clockOffsetMilliseconds: Int64

    /// An account known by its id (the background sweeps, which have no key).
    init(id: String, clockOffsetMilliseconds: Int64) {
        self.id = id
        publishableKey = ""
        self.clockOffsetMilliseconds = clockOffsetMilliseconds
    }

    /// Derives the account from a well-formed test secret key. The publishable key is a digest of
    /// the secret, so the same key always gets the same `pk_test_…`, in any database.
    init(secretKey: String) {
        id = Self.sha256Hex(secretKey)
        publishableKey = "pk_test_" + String(Self.sha256Hex("publishable:" + secretKey).prefix(32))
        clockOffsetMilliseconds = 0
    }

    /// SHA-256 (swift-crypto) of the text's UTF-8, as lower-case hex: the digests stored in
    /// existing databases.
    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Reads the stored clock offset (0 for an account that has not written anything yet).
    mutating func load(_ db: Database) throws {
        clockOffsetMilliseconds = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT clock_offset_ms FROM accounts WHERE id = ?"), arguments: [id]) ?? 0
    }

    /// Creates the account row on its first write.
    func ensure(_ db: Database, now: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO accounts (id, publishable_key, clock_offset_ms, created) VALUES (?, ?, 0, ?)
            ON CONFLICT(id) DO NOTHING
            """).execute(arguments: [id, publishableKey, now])
    }
}
