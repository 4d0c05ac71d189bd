import Foundation
import Testing
@testable import TillStore

/// The PostgreSQL server the tests use: `TILL_TEST_POSTGRES_URL` (`.ci/postgres start` makes a
/// throwaway cluster and says it). Unset, the PostgreSQL tests are skipped, saying so, except in
/// CI (`CI=true`), where `PostgresTesting.serverIsSet` fails.
enum PostgresTesting {
    static let environment = ProcessInfo.processInfo.environment
    /// A URL whose login may create databases (each test gets its own).
    static let url: String? = environment["TILL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// The server's certificate, when it offers TLS (`.ci/postgres` makes a self-signed one).
    static let certificate: String? = environment["TILL_TEST_POSTGRES_CA"].flatMap { $0.isEmpty ? nil : $0 }
    static let inCI = environment["CI"] == "true"
    static let skipped: Comment = "TILL_TEST_POSTGRES_URL is not set, so the PostgreSQL backend is not tested (eval \"$(sudo .ci/postgres start)\" sets it)"

    /// The backends to add to the contract suite: PostgreSQL when a server is set.
    static var backends: [StoreBackend] { url == nil ? [] : [.postgres] }

    static func server() throws -> PostgresLocation {
        try PostgresLocation(url: try #require(url))
    }

    /// The URL of the database of `place` (a test's temporary folder), made on first use.
    static func url(for place: String) throws -> String {
        let name = database(for: place)
        try created.withLock { names in
            guard !names.contains(name) else { return }
            try execute("CREATE DATABASE \(name)", ignoring: "42P04")  // duplicate_database: made already
            names.insert(name)
        }
        return try replacingDatabase(in: try #require(url), with: name)
    }

    private static let created = Locked<Set<String>>([])

    /// A database name for a place: `till_test_` and a hash of its path.
    static func database(for place: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in place.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "till_test_" + String(hash, radix: 16)
    }

    /// `url` naming `database` instead of its own, with its settings kept.
    static func replacingDatabase(in url: String, with database: String) throws -> String {
        var components = try #require(URLComponents(string: url))
        components.path = "/" + database
        return try #require(components.string)
    }

    /// Runs `sql` on the server's own database as the test login.
    static func execute(_ sql: String, ignoring sqlState: String? = nil, database: String? = nil) throws {
        var location = try server()
        if let database { location.database = database }
        let link = try PostgresLink(location: location, callTimeout: 30)
        defer { link.drop() }
        do { try link.execute(sql) } catch let error as PostgresServerError where error.sqlState == sqlState {}
    }
}

extension StoreBackend {
    /// A database per place on the server of `TILL_TEST_POSTGRES_URL`.
    static let postgres = StoreBackend(
        name: "PostgreSQL",
        open: { place in try PostgresShopStore(url: try PostgresTesting.url(for: place)) },
        setSchemaVersion: { place, version in
            try PostgresTesting.execute("UPDATE store_meta SET value = '\(version)' WHERE key = 'schema_version'",
                                        database: PostgresTesting.database(for: place))
        },
        address: { place in try PostgresTesting.url(for: place) })
}

/// A value shared between threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
