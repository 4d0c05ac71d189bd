import Foundation
import Logging
import Testing
import TillConfig
import TillCore
import TillTerminal
import TillStore
import WooshPay
import WooshPaySandbox
@testable import TillApp
#if canImport(Glibc)
import Glibc
#endif

/// A one-line cart, enough to tell drafts apart.
private func draft(item: String, successURL: String, cancelURL: String) throws -> CheckoutDraft {
    var cart = Cart()
    try cart.add(CartLine(item: .oneOff(name: item), unitAmount: Money(minorUnits: 450, currency: .gbp), quantity: 1))
    return CheckoutDraft(cart: cart, successURL: successURL, cancelURL: cancelURL, idempotencyKey: "idem-\(item)")
}

/// The embedded sandbox's defaults when it listens on `port`.
private func sandboxDefaults(port: Int) -> DraftDefaults {
    DraftDefaults(successURL: "http://127.0.0.1:\(port)/sandbox/success",
                  cancelURL: "http://127.0.0.1:\(port)/sandbox/cancel")
}

@Suite("The account's storage: sandbox key, fingerprints, the embedded sandbox's port")
struct AccountStorageTests {
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

    /// Fingerprints name existing cache rows and draft files: the same input must keep its name.
    @Test func fingerprintsKeepTheirKnownValues() {
        let key = "sk_" + "test_" + "Till0123456789abcdef"
        #expect(AccountFingerprint.of(baseURL: "https://apitest.wooshpay.com", secretKey: key) == "6e1e07515554abaa")
        #expect(AccountFingerprint.of(baseURL: "http://127.0.0.1:5", secretKey: key, embeddedSandbox: true)
                == "aef4735d1bdc0b9a")
    }

    @Test func accountFingerprintsDependOnKeyAndBaseAndHideTheKey() {
        let key = "sk_test_" + SandboxKey.generate().dropFirst(8)
        let one = AccountFingerprint.of(baseURL: "http://127.0.0.1:1", secretKey: key)
        #expect(one == AccountFingerprint.of(baseURL: "http://127.0.0.1:1", secretKey: key))
        #expect(one != AccountFingerprint.of(baseURL: "http://127.0.0.1:2", secretKey: key))
        #expect(one != AccountFingerprint.of(baseURL: "http://127.0.0.1:1", secretKey: key + "x"))
        #expect(!one.contains(key))
    }

    @Test func draftsOfTwoAccountsDoNotSeeEachOther() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directories = TillPaths(environment: ["HOME": folder.path])
        let sandboxKey = SandboxKey.generate()
        let testKey = SandboxKey.generate()
        let sandboxAccount = AccountFingerprint.of(baseURL: "http://127.0.0.1:12112", secretKey: sandboxKey,
                                                   embeddedSandbox: true)
        let testAccount = AccountFingerprint.of(baseURL: "https://api.wooshpay.com", secretKey: testKey)
        #expect(sandboxAccount != testAccount)
        #expect(!sandboxAccount.contains(sandboxKey) && !testAccount.contains(testKey))

        // One shop store, one till: each account's draft is its own row.
        let store = try SQLiteShopStore(path: directories.shopStore.path)
        let shopDefaults = DraftDefaults(successURL: "https://shop.example/ok", cancelURL: "https://shop.example/no")
        let sandbox = ShopScope(store: store, account: sandboxAccount, till: "t-1", defaults: sandboxDefaults(port: 12112))
        let test = ShopScope(store: store, account: testAccount, till: "t-1", defaults: shopDefaults)
        let sandboxCart = try draft(item: "Sandbox tea", successURL: sandbox.defaults.successURL,
                                    cancelURL: sandbox.defaults.cancelURL)
        try sandbox.saveDraft(sandboxCart)
        #expect(try test.loadDraft() == nil)

        let testCart = try draft(item: "Live cake", successURL: shopDefaults.successURL,
                                 cancelURL: shopDefaults.cancelURL)
        try test.saveDraft(testCart)
        #expect(try sandbox.loadDraft() == sandboxCart)
        #expect(try test.loadDraft() == testCart)
        #expect(try permissions(directories.shopStore) == 0o600)
    }

    @Test func sandboxIdentityIsStableAcrossPorts() async throws {
        let key = SandboxKey.generate()
        let run1 = AccountFingerprint.of(baseURL: "http://127.0.0.1:12112", secretKey: key, embeddedSandbox: true)
        let run2 = AccountFingerprint.of(baseURL: "http://127.0.0.1:47311", secretKey: key, embeddedSandbox: true)
        #expect(run1 == run2)
        #expect(run1 != AccountFingerprint.of(baseURL: "http://127.0.0.1:12112", secretKey: SandboxKey.generate(),
                                              embeddedSandbox: true))
        // A server reached by address (`--api-base`, TEST/LIVE) is still told apart by it.
        #expect(run1 != AccountFingerprint.of(baseURL: "http://127.0.0.1:12112", secretKey: key))
        #expect(AccountFingerprint.of(baseURL: "http://127.0.0.1:1", secretKey: key)
                != AccountFingerprint.of(baseURL: "http://127.0.0.1:2", secretKey: key))
        #expect(!run1.contains(key))

        // So the catalog cache hits after a restart on another port.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        let products = [Product(id: "prod_1", name: "Tea", created: Date(timeIntervalSince1970: 1_700_000_000))]
        try await CatalogCache(path: path, account: run1).save(products)
        #expect(try await Array(CatalogCache(path: path, account: run2).load()) == products)
    }
}

/// A TCP socket bound to 127.0.0.1 (on `port`, else an ephemeral one) and listening, standing in
/// for another program that holds a port.
final class ListeningSocket: @unchecked Sendable {
    let fd: Int32
    let port: Int

    init(port wanted: Int = 0) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TerminalError.system("socket", errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(wanted).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 1) == 0 else {
            Glibc.close(fd)
            throw TerminalError.system("bind", errno)
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            Glibc.close(fd)
            throw TerminalError.system("getsockname", errno)
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        _ = Glibc.close(fd)
    }
}
