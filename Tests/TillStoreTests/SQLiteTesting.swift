import Foundation
import GRDB

/// What tests need to do to an SQLite store that Till itself never does.
enum SQLiteTesting {
    /// Writes a schema version into the store, as a newer (or older) Till would have left it.
    static func setSchemaVersion(path: String, _ version: Int) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE store_meta SET value = ? WHERE key = 'schema_version'", arguments: ["\(version)"])
        }
        try queue.close()
    }
}

extension SQLiteTesting {
    /// Runs `sql` on the store's file through a connection of its own (what Till never does).
    static func execute(path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { db in try db.execute(sql: sql) }
    }
}
