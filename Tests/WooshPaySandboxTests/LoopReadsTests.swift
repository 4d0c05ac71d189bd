import Foundation
import NIOCore
import Testing
@testable import WooshPaySandbox

/// Point reads on the event loop's own read-only connection (LoopReaders): every committed write
/// is seen by the next read, on any connection, with nothing cached in between, and the bytes are
/// the pool path's.
@Suite("Loop readers: point reads on the event loop's own connection", .serialized)
struct LoopReadsTests {
    func temporaryDatabase() -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-loopreads-\(UUID().uuidString)")
        return (folder, folder.appendingPathComponent("sandbox.sqlite").path)
    }

    /// The body `reader` writes for a product, or nil (no such product) / "failed" (the read failed).
    func pointRead(_ reader: LoopReader, _ point: PointRead, id: String, key: String) -> String? {
        var out = ByteBuffer()
        switch reader.writeOwned(point, id: id, account: Account(secretKey: key).id, to: &out) {
        case true?: return String(buffer: out)
        case false?: #expect(out.readableBytes == 0); return nil
        case nil: return "failed"
        }
    }

    @Test func aPointReadIsTheRoutersBytesAndSeesEveryCommittedWrite() async throws {
        let (folder, path) = temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = try #require(api.key)
            let product = try await api.product("Tea \"Earl\"\n☕", extra: ["metadata": ["b": "1", "a": "2"], "images": ["x.png"]])
            let price = try await api.price(product: product.id, amount: 250)
            let reader = try #require(LoopReader(path: path))
            defer { reader.close() }
            #expect(pointRead(reader, Products.pointRead, id: product.id, key: key)
                    == (try await api.get("/v1/products/\(product.id)")).text)
            #expect(pointRead(reader, Prices.pointRead, id: price.id, key: key)
                    == (try await api.get("/v1/prices/\(price.id)")).text)
            // A write through the pool is seen by the reader's next read: the statement's snapshot ends with it.
            #expect(try await api.post("/v1/products/\(product.id)", ["name": "Renamed"]).status == 200)
            let renamed = try #require(pointRead(reader, Products.pointRead, id: product.id, key: key))
            #expect(renamed.contains("\"name\":\"Renamed\""))
            #expect(renamed == (try await api.get("/v1/products/\(product.id)")).text)
            // A row created after the reader's last read; an id that is not there; another account's row.
            let later = try await api.product("Later")
            #expect(pointRead(reader, Products.pointRead, id: later.id, key: key)?.contains("\"name\":\"Later\"") == true)
            #expect(pointRead(reader, Products.pointRead, id: "prod_missing", key: key) == nil)
            #expect(pointRead(reader, Products.pointRead, id: product.id, key: freshKey()) == nil)
        }
    }

    @Test func oneReaderPerLoopUntilClosedAndNoneInMemory() async throws {
        let (folder, path) = temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let loop = testHTTP.eventLoopGroup.next()
        #expect(LoopReaders(path: ":memory:").reader(for: loop) == nil)
        #expect(LoopReader(path: folder.appendingPathComponent("absent.sqlite").path) == nil)
        try await withSandbox(SandboxConfiguration(databasePath: path)) { _ in
            let readers = LoopReaders(path: path)
            let first = try #require(readers.reader(for: loop))
            #expect(readers.reader(for: loop) === first)
            readers.close()
            #expect(readers.reader(for: loop) == nil)
        }
    }

    /// A GET on one connection, then a write, then the GET on that connection and on another.
    @Test func readsAfterAWriteOnTheSameAndAnotherConnection() async throws {
        let (folder, path) = temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
            let api = API(base: sandbox.baseURL)
            let key = try #require(api.key)
            let product = try await api.product("First")
            let one = RawReadsTests.Reader(try RawConnection(port: sandbox.baseURL.port))
            let two = RawReadsTests.Reader(try RawConnection(port: sandbox.baseURL.port))
            func get(_ reader: RawReadsTests.Reader, _ id: String) throws -> RawReadsTests.Wire {
                #expect(reader.connection.write(RawReadsTests.get("/v1/products/\(id)", key: key)))
                return try #require(reader.next())
            }
            let missing = "prod_notyet"
            #expect(try get(one, missing).statusLine == "HTTP/1.1 404 Not Found")
            #expect(String(decoding: try get(one, product.id).body, as: UTF8.self).contains("\"name\":\"First\""))
            #expect(try await api.post("/v1/products/\(product.id)", ["name": "Second"]).status == 200)
            for reader in [one, two] {
                #expect(String(decoding: try get(reader, product.id).body, as: UTF8.self).contains("\"name\":\"Second\""))
            }
            let created = try await api.product("Third")
            for reader in [two, one] {
                let wire = try get(reader, created.id)
                #expect(wire.statusLine == "HTTP/1.1 200 OK")
                #expect(wire.body == Array(created.body))
            }
            // A 404 from the loop's reader is the router's, byte for byte.
            let raw = try get(one, missing)
            #expect(one.connection.write(RawReadsTests.get("/v1/products/\(missing)", key: key, extra: "Connection: keep-alive\r\n")))
            let router = try #require(one.next())
            #expect(raw.body == router.body)
            #expect(raw.statusLine == router.statusLine)
        }
    }

    /// The sandbox stopped and started again on the same file: the new server's loop readers read
    /// the file as it is now, on the same event loops.
    @Test func aRestartOnTheSameFileReadsItAfresh() async throws {
        let (folder, path) = temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = freshKey()
        let id = try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
            let api = API(base: sandbox.baseURL, key: key)
            let product = try await api.product("Before")
            let reader = RawReadsTests.Reader(try RawConnection(port: sandbox.baseURL.port))
            #expect(reader.connection.write(RawReadsTests.get("/v1/products/\(product.id)", key: key)))
            #expect(String(decoding: try #require(reader.next()).body, as: UTF8.self).contains("\"name\":\"Before\""))
            return product.id
        }
        for name in ["After", "Again"] {
            try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
                let api = API(base: sandbox.baseURL, key: key)
                #expect(try await api.post("/v1/products/\(id)", ["name": name]).status == 200)
                let reader = RawReadsTests.Reader(try RawConnection(port: sandbox.baseURL.port))
                #expect(reader.connection.write(RawReadsTests.get("/v1/products/\(id)", key: key)))
                #expect(String(decoding: try #require(reader.next()).body, as: UTF8.self).contains("\"name\":\"\(name)\""))
            }
        }
    }
}
