import Foundation
import GRDB
import TillCore
#if canImport(Glibc)
import Glibc
#endif

/// The last known catalog per account, in SQLite under the XDG cache folder, so the next start
/// shows it at once while a refresh runs behind it. `account` is the app's fingerprint of the
/// account (TillApp's `AccountFingerprint`): the key itself is never stored.
public final class CatalogCache: Sendable {
    private let database: DatabaseQueue
    /// Which account's rows this cache reads and writes.
    public let account: String

    /// Open (creating) the cache database at `path` for one account.
    public init(path: String, account: String) throws {
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var configuration = Configuration()
        configuration.label = "till.catalog"
        // The cache is read once and written once per refresh, front to back: SQLite's default
        // 2 MiB page cache would only keep those pages resident for nothing.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -256") }
        database = try DatabaseQueue(path: path, configuration: configuration)
        self.account = account
        try Self.migrator.migrate(database)
        _ = chmod(path, 0o600)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "product") { table in
                table.column("account", .text).notNull()
                table.column("position", .integer).notNull()
                table.column("id", .text).notNull()
                table.column("name", .text).notNull()
                table.column("description", .text)
                table.column("active", .boolean).notNull()
                table.column("created", .double).notNull()
                table.column("metadata", .text)
                table.primaryKey(["account", "position"])
            }
        }
        return migrator
    }

    /// The cached products in their saved order (newest first, as the API lists them).
    public func load() async throws -> CatalogItems {
        let account = account
        return try await database.read { db in
            var products = CatalogItems()
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, name, description, active, created, metadata FROM product
                WHERE account = ? ORDER BY position
                """, arguments: [account])
            let decoder = JSONDecoder()
            while let row = try rows.next() {
                var metadata: [String: String] = [:]
                if let text: String = row[5], let data = text.data(using: .utf8) {
                    metadata = (try? decoder.decode([String: String].self, from: data)) ?? [:]
                }
                products.append(Product(id: row[0], name: row[1], description: row[2], active: row[3],
                                        created: Date(timeIntervalSince1970: row[4]), metadata: metadata))
            }
            db.releaseMemory()
            products.shrinkToFit()
            return products
        }
    }

    /// Replace this account's cached catalog.
    public func save(_ products: some Collection<Product> & Sendable) async throws {
        let account = account
        try await database.write { db in
            try db.execute(sql: "DELETE FROM product WHERE account = ?", arguments: [account])
            let insert = try db.makeStatement(sql: """
                INSERT INTO product (account, position, id, name, description, active, created, metadata)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for (position, product) in products.enumerated() {
                let metadata = product.metadata.isEmpty ? nil
                    : (try? encoder.encode(product.metadata)).flatMap { String(data: $0, encoding: .utf8) }
                try insert.execute(arguments: [account, position, product.id, product.name, product.description,
                                               product.active, product.created.timeIntervalSince1970, metadata])
            }
        }
        try await database.writeWithoutTransaction { db in db.releaseMemory() }
    }

    /// Gives heap pages freed since the last call back to the system (glibc keeps them otherwise).
    public static func returnFreedMemory() {
        #if canImport(Glibc)
        // malloc.h is not in Glibc's Swift module, so glibc's malloc_trim is looked up by name.
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }
}
