import Foundation
import PostgresNIO
import Testing
@testable import TillConfig
import TillCore
@testable import TillStore

/// What the contract suite cannot say about PostgreSQL: its URL, its password kept out of every
/// message, a server that is not there or goes away mid-run, TLS, and its change token.
@Suite struct PostgresShopStoreTests {
    static let hasServer = PostgresTesting.url != nil

    // MARK: Without a server

    /// In CI the PostgreSQL half of the suite must run: without a server this fails (elsewhere the
    /// tests that need one are skipped, each saying why).
    @Test(.enabled(if: PostgresTesting.inCI, "not in CI (CI=true)"))
    func ciTestsPostgreSQL() {
        #expect(PostgresTesting.url != nil, "CI=true but TILL_TEST_POSTGRES_URL is not set: .ci/run starts a cluster with .ci/postgres")
    }

    @Test func aURLIsReadLikePsqlReadsIt() throws {
        let full = try PostgresLocation(url: "postgresql://till:s%40cret:x@shop-db:5433/shop?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=3",
                                        environment: [:])
        #expect(full.user == "till")
        #expect(full.password == "s@cret:x")
        #expect(full.host == "shop-db")
        #expect(full.port == 5433)
        #expect(full.database == "shop")
        #expect(full.tlsMode == .verifyFull)
        #expect(full.rootCertificate == "/etc/ca.pem")
        #expect(full.connectTimeout == 3)
        #expect(full.description == "postgresql://till@shop-db:5433/shop")
        #expect(full.endpoint == "shop-db:5433")

        let plain = try PostgresLocation(url: "postgres://till@shop-db/till", environment: ["PGPASSWORD": "from-env"])
        #expect(plain.port == 5432)
        #expect(plain.tlsMode == .prefer)
        #expect(plain.password == "from-env")
        #expect(plain.description == "postgresql://till@shop-db/till")

        let six = try PostgresLocation(url: "postgresql://till@[::1]:6543/till?sslmode=disable", environment: [:])
        #expect(six.host == "::1")
        #expect(six.port == 6543)
        #expect(six.endpoint == "[::1]:6543")
        #expect(six.tlsMode == .disable)

        let socket = try PostgresLocation(url: "postgresql:///till?host=/var/run/postgresql", environment: [:])
        #expect(socket.host == nil)
        #expect(socket.socketFolder == "/var/run/postgresql")
        #expect(socket.endpoint == "/var/run/postgresql/.s.PGSQL.5432")
        #expect(socket.user == ProcessInfo.processInfo.userName)
    }

    @Test(arguments: [
        ("mysql://till:hunter2@db/till", "must start with postgresql://"),
        ("postgresql://till:hunter2@db:99999/till", "port \"99999\""),
        ("postgresql://till:hunter2@db/till?sslmode=always", "sslmode \"always\""),
        ("postgresql://till:hunter2@db/till?pool=3", "pool is not a setting"),
        ("postgresql://till:hunter2@/till", "names no host"),
        ("postgresql://till:hunter2@db/a/b", "holds a \"/\""),
    ])
    func aBadURLSaysWhatIsWrongAndNeverThePassword(url: String, says: String) {
        #expect(throws: ShopStoreError.self) { try PostgresLocation(url: url, environment: [:]) }
        do { _ = try PostgresLocation(url: url, environment: [:]) } catch {
            #expect(error.description.contains(says), "\(error)")
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func aURLIsEchoedWithoutItsPassword() {
        #expect(PostgresLocation.redacting("postgresql://till:hunter2@db:5432/till?sslmode=require")
                == "postgresql://till:***@db:5432/till?sslmode=require")
        #expect(PostgresLocation.redacting("postgresql://db/till?user=till&password=hunter2")
                == "postgresql://db/till?user=till&password=***")
        #expect(PostgresLocation.redacting("postgresql://till@db/till") == "postgresql://till@db/till")
        do { _ = try ShopStores.open(url: "mysql://till:hunter2@db/till") } catch {
            #expect(!error.description.contains("hunter2"))
            #expect(error.description.contains("postgresql:// URL"))
        }
    }

    @Test func anUnreachableServerIsNamedByHostAndPort() throws {
        let port = try LoopbackProxy.closedPort()
        do {
            _ = try PostgresShopStore(url: "postgresql://till:hunter2@127.0.0.1:\(port)/till?sslmode=disable")
            Issue.record("a store opened on a closed port")
        } catch {
            #expect(error.description.contains("cannot reach the PostgreSQL server at 127.0.0.1:\(port)"), "\(error)")
            #expect(error.description.contains("refused"), "\(error)")
            #expect(error.description.contains("postgresql://till@127.0.0.1:\(port)/till"))
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func aServerThatNeverAnswersIsUnreachableToo() throws {
        let silent = try LoopbackProxy.silentListener()
        defer { silent.close() }
        do {
            _ = try PostgresShopStore(url: "postgresql://till:hunter2@127.0.0.1:\(silent.port)/till?sslmode=disable&connect_timeout=1")
            Issue.record("a store opened on a server that never answered")
        } catch {
            #expect(error.description.contains("cannot reach the PostgreSQL server at 127.0.0.1:\(silent.port)"), "\(error)")
            #expect(error.description.contains("no answer"), "\(error)")
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func theStoreSettingChoosesTheBackend() throws {
        let place = TemporaryPlace()
        var settings = TillSettings(paths: TillPaths(environment: ["HOME": place.path]))
        let port = try LoopbackProxy.closedPort()
        settings.storeURL = "postgresql://till:hunter2@127.0.0.1:\(port)/till"
        // The URL wins over the SQLite file: its server is tried (and is not there).
        #expect(throws: ShopStoreError.self) { try ShopStores.open(settings: settings) }
        settings.storeURL = nil
        #expect(try ShopStores.open(settings: settings) is SQLiteShopStore)
        #expect(!settings.description.contains("hunter2"))
    }

    @Test func theStoreIsSetInConfigOrEnvironment() throws {
        let place = TemporaryPlace()
        let environment = ["HOME": place.path]
        let paths = TillPaths(environment: environment)
        try ConfigFile(store: "postgresql://till@shop-db/till").write(to: paths.configFile.path)
        #expect(try TillSettings.load(environment: environment).storeURL == "postgresql://till@shop-db/till")
        var overridden = environment
        overridden["TILL_STORE_URL"] = "postgresql://till@other-db/till"
        #expect(try TillSettings.load(environment: overridden).storeURL == "postgresql://till@other-db/till")
        try ConfigFile().write(to: paths.configFile.path)
        #expect(try TillSettings.load(environment: environment).storeURL == nil)
        // Unquoted, the URL is a TOML mistake; the message names the line but not the password.
        try Data("store = postgresql://till:hunter2@shop-db/till\n".utf8).write(to: URL(fileURLWithPath: paths.configFile.path))
        do {
            _ = try TillSettings.load(environment: environment)
            Issue.record("an unquoted URL was read")
        } catch {
            let refused = try #require(error as? ConfigFileError)
            #expect(refused.path.hasSuffix("config.toml") && refused.line == 1, "\(error)")
            #expect(!String(describing: error).contains("hunter2"), "\(error)")
        }
    }

    // MARK: With a server

    @Test(.enabled(if: hasServer, PostgresTesting.skipped))
    func aWrongPasswordIsSaidWithoutEitherPassword() throws {
        let url = try #require(PostgresTesting.url)
        var components = try #require(URLComponents(string: url))
        let real = components.password ?? ""
        components.password = "not-the-password"
        let wrong = try #require(components.string)
        do {
            _ = try PostgresShopStore(url: wrong)
            Issue.record("a wrong password was let in")
        } catch {
            #expect(error.description.contains("password authentication failed"), "\(error)")
            #expect(error.description.contains("\(components.host ?? ""):\(components.port ?? 5432)"), "\(error)")
            #expect(!error.description.contains("not-the-password"))
            #expect(real.isEmpty || !error.description.contains(real))
        }
    }

    @Test(.enabled(if: hasServer, PostgresTesting.skipped))
    func aLostServerThrowsUnavailableAndTheNextCallConnectsAgain() throws {
        let place = TemporaryPlace()
        let proxied = try ProxiedPostgresStore(place: place.path)
        let (server, through, proxy, store) = (proxied.server, proxied.through, proxied.proxy, proxied.store)
        try store.saveDraft(Sample.draft("Tea"), account: "acct", till: "A")

        proxy.cut()
        let error = #expect(throws: ShopStoreError.self) { try store.loadDraft(account: "acct", till: "A") }
        guard case .unavailable(let location, let reason)? = error else {
            Issue.record("not unavailable: \(String(describing: error))")
            return
        }
        #expect(location == through.description)
        #expect(reason.contains("127.0.0.1:\(proxy.port)"), "\(reason)")
        #expect(!reason.contains(server.password ?? "\u{0}"))
        // A write while it is away is refused, not half done.
        #expect(throws: ShopStoreError.self) { try store.park(Sample.ticket("t1", label: "T", till: "A"), account: "acct") }

        try proxy.start()
        #expect(try store.loadDraft(account: "acct", till: "A") == Sample.draft("Tea"))
        try store.park(Sample.ticket("t1", label: "T", till: "A"), account: "acct")
        #expect(try store.parkedTickets(account: "acct").map(\.id) == ["t1"])
    }

    @Test(.enabled(if: hasServer, PostgresTesting.skipped))
    func aConnectionLostInsideATransactionWritesNothing() throws {
        let place = TemporaryPlace()
        let proxied = try ProxiedPostgresStore(place: place.path)
        let (proxy, store) = (proxied.proxy, proxied.store)
        try store.updateJournal(account: "acct") { try $0.begin(Sample.entry("k1")) }
        #expect(throws: ShopStoreError.self) {
            try store.updateJournal(account: "acct") { journal in
                try journal.begin(Sample.entry("k2"))
                proxy.cut()  // the link drops after the journal was read, before anything is written
            }
        }
        try proxy.start()
        #expect(try store.journal(account: "acct").entries.map(\.idempotencyKey) == ["k1"])
        try store.updateJournal(account: "acct") { try $0.begin(Sample.entry("k2")) }
        #expect(try store.journal(account: "acct").entries.map(\.idempotencyKey) == ["k1", "k2"])
    }

    @Test(.enabled(if: hasServer, PostgresTesting.skipped))
    func aSessionEndedByTheServerIsReplacedWithoutAnError() throws {
        let place = TemporaryPlace()
        let store = try StoreBackend.postgres.open(place.path)
        try store.saveDraft(Sample.draft("Tea"), account: "acct", till: "A")
        _ = try store.changeToken()
        let before = try store.changeToken()
        // An administrator (or a restart) ends every session of the database.
        try PostgresTesting.terminateSessions(database: PostgresTesting.database(for: place.path))
        #expect(try store.loadDraft(account: "acct", till: "A") == Sample.draft("Tea"))
        // The listener was replaced too, and the token moved: changes may have been missed meanwhile.
        #expect(try store.changeToken() != before)
    }

    @Test(arguments: StoreBackend.all)
    func theChangeTokenMovesWhenAnotherTillWrites(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let a = try backend.open(place.path), b = try backend.open(place.path)
        let first = try a.changeToken()
        #expect(try a.changeToken() == first)
        _ = try b.parkedTickets(account: "acct")
        #expect(try a.changeToken() == first)  // a read changes nothing
        try b.park(Sample.ticket("t1", label: "Table 1", till: "B"), account: "acct")
        let second = try a.changeToken()
        #expect(second != first)
        _ = try b.claimParked(id: "t1", account: "acct", till: "B", purpose: .resume, now: Sample.t0)
        #expect(try a.changeToken() != second)
    }

    @Test(.enabled(if: hasServer, PostgresTesting.skipped))
    func tillsStartingTogetherMigrateOnce() throws {
        let place = TemporaryPlace()
        let url = try PostgresTesting.url(for: place.path)
        let opened = Locked<[Result<Int, ShopStoreError>]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            let result = Result { () throws(ShopStoreError) -> Int in try PostgresShopStore(url: url).schemaVersion() }
            opened.withLock { $0.append(result) }
        }
        #expect(opened.withLock { $0 }.map { try? $0.get() } == Array(repeating: Optional(ShopSchema.latest), count: 6))
        #expect(ShopSchema.postgresql.count == ShopSchema.sqlite.count)
    }

    @Test(.enabled(if: hasServer && PostgresTesting.certificate != nil, "TILL_TEST_POSTGRES_CA is not set (a server with TLS)"))
    func tlsIsUsedWhenTheURLAsksForIt() throws {
        let url = try #require(PostgresTesting.url)
        let ca = try #require(PostgresTesting.certificate)
        var base = try PostgresLocation(url: url)
        base.host = "localhost"  // the name the test certificate is made out to
        func usesTLS(_ mode: PostgresLocation.TLSMode, root: String?) throws -> Bool {
            var location = base
            location.tlsMode = mode
            location.rootCertificate = root
            let link = try PostgresLink(location: location, callTimeout: 30)
            defer { link.drop() }
            let rows = try link.run("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").rows
            return try #require(rows.first).decode(Bool.self)
        }
        #expect(try usesTLS(.require, root: nil))
        #expect(try usesTLS(.verifyFull, root: ca))
        #expect(try usesTLS(.verifyCA, root: ca))
        #expect(try !usesTLS(.disable, root: nil))
        // A certificate no trusted authority signed is refused, said as a TLS failure.
        do {
            _ = try usesTLS(.verifyFull, root: nil)
            Issue.record("an unverified certificate was accepted")
        } catch {
            #expect("\(error)".contains("TLS"), "\(error)")
        }
        // The whole store over verified TLS.
        var secure = base
        secure.tlsMode = .verifyFull
        secure.rootCertificate = ca
        let store = try PostgresShopStore(server: secure)
        try store.saveURLDefaults(account: "tls-\(UUID().uuidString)", successURL: "https://a/ok", cancelURL: nil)
    }
}

extension PostgresTesting {
    /// Ends every other session on `database` (what an administrator's pg_terminate_backend or a
    /// server restart does to a till's connections).
    static func terminateSessions(database: String) throws {
        try execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
    }
}
