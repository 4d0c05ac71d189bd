import Foundation
import Testing
import TillCore
@testable import TillTerminal

/// A fresh temporary folder per test.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("till-terminal-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func permissions(_ url: URL) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

@Suite("Files: XDG folders, sandbox key, drafts, catalog cache")
struct StorageTests {
    @Test func xdgVariablesWinWhenAbsolute() {
        let paths = TillDirectories(environment: ["HOME": "/home/op", "XDG_CACHE_HOME": "/var/cache/op",
                                                  "XDG_STATE_HOME": "relative/ignored"])
        #expect(paths.catalogCache.path == "/var/cache/op/till/catalog.sqlite")
        #expect(paths.logFile.path == "/home/op/.local/state/till/till.log")
        #expect(paths.sandboxKey.path == "/home/op/.config/till/sandbox-key")
        #expect(paths.sandboxDatabase.path == "/home/op/.local/share/till/sandbox.sqlite")
    }

    @Test func sandboxKeyIsMadeOncePrivateAndWellFormed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("config/till/sandbox-key")
        let first = try SandboxKey.loadOrCreate(at: url)
        let second = try SandboxKey.loadOrCreate(at: url)
        #expect(first == second)
        #expect(first.hasPrefix("sk_test_"))
        #expect(first.count == 40)
        #expect(first.dropFirst(8).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(try permissions(url) == 0o600)
        #expect(SandboxKey.generate() != SandboxKey.generate())
    }

    @Test func aDamagedSandboxKeyIsReplaced() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sandbox-key")
        try "not a key".write(to: url, atomically: true, encoding: .utf8)
        let key = try SandboxKey.loadOrCreate(at: url)
        #expect(SandboxKey.isWellFormed(key))
    }

    @Test func draftsRoundTripPrivately() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = DraftStore(url: folder.appendingPathComponent("state/drafts.json"),
                               defaults: DraftDefaults(successURL: "http://127.0.0.1/ok", cancelURL: "http://127.0.0.1/no"))
        #expect(try store.load() == nil)
        var cart = Cart()
        try cart.add(CartLine(item: .oneOff(name: "Gift wrap"), unitAmount: Money(minorUnits: 125, currency: .gbp), quantity: 2))
        let draft = CheckoutDraft(cart: cart, successURL: "http://127.0.0.1/ok", cancelURL: "http://127.0.0.1/no",
                                  idempotencyKey: "key-1")
        try store.save(draft)
        #expect(try store.load() == draft)
        #expect(try permissions(store.url) == 0o600)
    }

    @Test func catalogCacheKeepsOrderPerAccount() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cache/till/catalog.sqlite").path
        let products: [Product] = (0..<250).map { (i: Int) -> Product in
            let description: String? = i % 2 == 0 ? nil : "desc \(i)"
            let metadata: [String: String] = i == 7 ? ["k": "v"] : [:]
            let created = Date(timeIntervalSince1970: Double(1_700_000_000 - i))
            return Product(id: "prod_\(i)", name: "Product \(i) 茶", description: description,
                           active: i % 3 != 0, created: created, metadata: metadata)
        }
        let a = try CatalogCache(path: path, account: "a")
        try await a.save(products)
        let b = try CatalogCache(path: path, account: "b")
        try await b.save(Array(products.prefix(3)))
        #expect(try await a.load() == products)
        #expect(try await b.load() == Array(products.prefix(3)))
        try await a.save(Array(products.suffix(2)))
        #expect(try await a.load() == Array(products.suffix(2)))
        #expect(try await CatalogCache(path: path, account: "c").load().isEmpty)
        #expect(try permissions(URL(fileURLWithPath: path)) == 0o600)
    }

    @Test func accountFingerprintsDependOnKeyAndBaseAndHideTheKey() {
        let key = "sk_test_" + SandboxKey.generate().dropFirst(8)
        let one = CatalogCache.account(baseURL: "http://127.0.0.1:1", secretKey: key)
        #expect(one == CatalogCache.account(baseURL: "http://127.0.0.1:1", secretKey: key))
        #expect(one != CatalogCache.account(baseURL: "http://127.0.0.1:2", secretKey: key))
        #expect(one != CatalogCache.account(baseURL: "http://127.0.0.1:1", secretKey: key + "x"))
        #expect(!one.contains(key))
    }

    @Test func osc52CarriesBase64Text() {
        let bytes = Clipboard.osc52("https://x.test/pay/cs_1")
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{1B}]52;c;aHR0cHM6Ly94LnRlc3QvcGF5L2NzXzE=\u{07}")
    }
}
