import AsyncHTTPClient
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import WooshPaySandbox

@Suite("Start, stop, restart, faults")
struct LifecycleTests {
    func temporaryDatabase() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-sandbox-\(UUID().uuidString)")
        return (folder, folder.appendingPathComponent("nested/sandbox.sqlite").path)
    }

    @Test func startsOnAnEphemeralLoopbackPortAndStops() async throws {
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        #expect(sandbox.baseURL.hasPrefix("http://127.0.0.1:"))
        #expect(!sandbox.baseURL.hasSuffix("/"))
        let api = API(base: sandbox.baseURL)
        let product = try await api.product("Only here")
        #expect(product.status == 200)
        let port = try #require(Int(sandbox.baseURL.split(separator: ":").last ?? ""))
        #expect(canConnect(port: port))
        await sandbox.stop()
        // Stopped means nothing of this sandbox answers. Tests run in parallel and another test's
        // sandbox may be given the freed port at once, so a connection alone proves nothing:
        // whatever answers there must not know this sandbox's product.
        if canConnect(port: port), let reply = try? await api.get("/v1/products/\(product.id)") {
            #expect(reply.status != 200)
        }
    }

    @Test func dataSurvivesARestart() async throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = freshKey()
        let (product, session) = try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
            let api = API(base: sandbox.baseURL, key: key)
            let product = try await api.product("Kept")
            let session = try await api.session(lineItems: [api.inlineItem()])
            _ = try await api.post("/v1/test_helpers/advance_clock", ["seconds": 60])
            return (product, session)
        }
        #expect(FileManager.default.fileExists(atPath: path))
        try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
            let api = API(base: sandbox.baseURL, key: key)
            #expect(try await api.get("/v1/products/\(product.id)").body == product.body)
            let again = try await api.get("/v1/checkout/sessions/\(session.id)")
            #expect(again["amount_total"] as? Int == session["amount_total"] as? Int)
            // The publishable key is the same after a restart.
            let oldKey = (session["url"] as? String)?.components(separatedBy: "key=").last
            let newKey = (again["url"] as? String)?.components(separatedBy: "key=").last
            #expect(oldKey != nil && oldKey == newKey)
            // So is the clock offset.
            let later = try await api.product()
            #expect((later["created"] as? Int64 ?? 0) >= (product["created"] as? Int64 ?? 0) + 60_000)
        }
    }

    @Test func theDatabaseIsPrivateToItsOwner() async throws {
        func mode(_ path: String) -> Int? {
            var info = stat()
            return stat(path, &info) == 0 ? Int(info.st_mode) & 0o777 : nil
        }
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let crashedWAL = (folder.path as NSString).appendingPathComponent("crashed.wal")
        try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
            _ = try await API(base: sandbox.baseURL).product("Private")
            #expect(mode((path as NSString).deletingLastPathComponent) == 0o700)
            #expect(mode(path) == 0o600)
            #expect(mode(path + "-wal") == 0o600)
            #expect(mode(path + "-shm") == 0o600)
            // The log as a run killed now would leave it (a clean close may checkpoint and remove it;
            // then this copy stands in for it).
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: crashedWAL)
        }
        // A database an older run left world-readable is tightened when it is opened again, and so
        // is the -wal a crashed run left (its frames are what the close wrote into the file, so
        // replaying them changes nothing).
        if mode(path + "-wal") == nil {
            try FileManager.default.moveItem(atPath: crashedWAL, toPath: path + "-wal")
        }
        chmod(path, 0o644)
        chmod(path + "-wal", 0o644)
        #expect(mode(path + "-wal") == 0o644)
        try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
            let listed = try await API(base: sandbox.baseURL).get("/v1/products")
            #expect(listed.status == 200)
            #expect(mode(path) == 0o600)
            #expect(mode(path + "-wal") == 0o600)
        }
        // An existing folder (e.g. one the operator chose for --db) keeps its mode.
        let shared = folder.appendingPathComponent("shared").path
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        try await withSandbox(SandboxConfiguration(databasePath: shared + "/db.sqlite")) { _ in
            #expect(mode(shared) == 0o755)
            #expect(mode(shared + "/db.sqlite") == 0o600)
        }
    }

    @Test func aBusyPortIsAnError() async throws {
        try await withSandbox { sandbox in
            let port = Int(sandbox.baseURL.split(separator: ":").last ?? "") ?? 0
            await #expect(throws: (any Error).self) {
                let second = try await Sandbox.start(SandboxConfiguration(port: port))
                await second.stop()
            }
        }
    }

    @Test func aFixedSeedGivesTheSameFaults() {
        let a = FaultInjector(rate: 0.5, seed: 7)
        let b = FaultInjector(rate: 0.5, seed: 7)
        let first = (0..<200).map { _ in a.next() }
        #expect(first == (0..<200).map { _ in b.next() })
        #expect(Set(first.compactMap { $0 }).count == Fault.allCases.count)
        #expect(first.contains(nil))
        #expect((0..<50).allSatisfy { _ in FaultInjector(rate: 0, seed: 7).next() == nil })
    }

    /// Every fault mode, predicted from the seed; what was written is checked through a second,
    /// fault-free sandbox on the same database file.
    @Test func faultsDoWhatTheySay() async throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = freshKey()
        let seed: UInt64 = 20_261_125
        let predicted = FaultInjector(rate: 1, seed: seed)
        let faulty = try await Sandbox.start(SandboxConfiguration(databasePath: path, failRate: 1, seed: seed))
        let clean = try await Sandbox.start(SandboxConfiguration(databasePath: path))
        let api = API(base: faulty.baseURL, key: key)
        let checker = API(base: clean.baseURL, key: key)
        var seen = Set<Fault>()
        for n in 0..<24 {
            let fault = try #require(predicted.next())
            seen.insert(fault)
            let name = "Item \(n)"
            var outcome: HTTPReply? = nil
            var dropped = false
            do {
                outcome = try await api.post("/v1/products", ["name": name])
            } catch {
                dropped = true
            }
            let created = try await checker.get("/v1/products?limit=100").data.contains { $0["name"] as? String == name }
            switch fault {
            case .dropBeforeHandling:
                #expect(dropped && !created, "request \(n)")
            case .dropAfterCommit:
                #expect(dropped && created, "request \(n)")
            case .serverError:
                #expect(outcome?.status == 500 && outcome?.errorType == "api_error" && !created, "request \(n)")
            case .rateLimited:
                #expect(outcome?.status == 429 && outcome?.headers.first(name: "Retry-After") == "1" && !created, "request \(n)")
            }
        }
        #expect(seen.count == Fault.allCases.count)
        await faulty.stop()
        await clean.stop()
    }

    @Test func aDroppedWriteCanBeRetriedWithItsKey() async throws {
        // Find a seed whose first fault drops after commit and whose second request is clean.
        var seed: UInt64 = 1
        while true {
            let probe = FaultInjector(rate: 0.5, seed: seed)
            if probe.next() == .dropAfterCommit && probe.next() == nil { break }
            seed += 1
        }
        try await withSandbox(SandboxConfiguration(failRate: 0.5, seed: seed)) { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = UUID().uuidString
            await #expect(throws: (any Error).self) {
                _ = try await api.post("/v1/products", ["name": "Once"], headers: [("Idempotency-Key", key)])
            }
            let retry = try await api.post("/v1/products", ["name": "Once"], headers: [("Idempotency-Key", key)])
            #expect(retry.status == 200)
            #expect(retry.headers.first(name: "Idempotent-Replayed") == "true")
        }
    }
}

/// Whether a TCP connection to 127.0.0.1:port is accepted (a plain connect, without the HTTP
/// client's connection retries).
func canConnect(port: Int) -> Bool {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    return result == 0
}
