import AsyncHTTPClient
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import WooshPaySandbox

private func mode(_ path: String) -> Int? {
    var info = stat()
    return lstat(path, &info) == 0 ? Int(info.st_mode) & 0o777 : nil
}

@Suite("Hardening: the database file")
struct DatabaseFileTests {
    /// Starting on `path` fails with a SandboxError whose description is returned.
    func refusal(_ path: String) async -> String? {
        do {
            let sandbox = try await Sandbox.start(SandboxConfiguration(databasePath: path))
            await sandbox.stop()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func anExistingFileThatIsNotADatabaseIsLeftAsItIs() async throws {
        let folder = try temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/notes.txt"
        try Data("my shopping list\n".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o644)
        let message = try #require(await refusal(path))
        #expect(message.contains("not a sandbox database"), "\(message)")
        #expect(message.contains("17-byte text file"), "\(message)")
        #expect(message.contains("Nothing was changed"))
        #expect(mode(path) == 0o644)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my shopping list\n")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func anotherProgramsSQLiteDatabaseIsLeftAsItIs() async throws {
        let folder = try temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/other.sqlite"
        let other = try DatabaseQueue(path: path)
        try await other.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        try other.close()
        chmod(path, 0o644)
        let message = try #require(await refusal(path))
        #expect(message.contains("another program's SQLite database (tables: notes)"), "\(message)")
        #expect(mode(path) == 0o644)
        let reopened = try DatabaseQueue(path: path)
        #expect(try await reopened.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") } == ["notes"])
        try reopened.close()
    }

    @Test func aDirectoryIsNamed() async throws {
        let folder = try temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let message = try #require(await refusal(folder))
        #expect(message.contains("it is a directory"), "\(message)")
    }

    @Test("a symbolic link as the database, -wal or -shm is refused and its target left alone",
          arguments: ["", "-wal", "-shm"])
    func symbolicLinksAreRefused(suffix: String) async throws {
        let folder = try temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/sandbox.sqlite"
        if !suffix.isEmpty {
            // A real sandbox database first, so only the link is wrong.
            let sandbox = try await Sandbox.start(SandboxConfiguration(databasePath: path))
            await sandbox.stop()
            unlink(path + suffix)
        }
        let target = folder + "/someone-elses-file"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: target))
        chmod(target, 0o644)
        #expect(symlink(target, path + suffix) == 0)
        let message = try #require(await refusal(path))
        #expect(message.contains("\(path + suffix) is a symbolic link (to \(target))"), "\(message)")
        #expect(mode(target) == 0o644)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
    }

    @Test func anEmptyFileAndAnOldDatabaseStillOpenAndAreTightened() async throws {
        let folder = try temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/sandbox.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        chmod(path, 0o644)
        let key = freshKey()
        let created = try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
            try await API(base: sandbox.baseURL, key: key).product("Kept").status
        }
        #expect(created == 200)
        #expect(mode(path) == 0o600)
        chmod(path, 0o644)
        let listed = try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
            try await API(base: sandbox.baseURL, key: key).get("/v1/products").data.count
        }
        #expect(listed == 1)
        #expect(mode(path) == 0o600)
    }
}

@Suite("Hardening: request bodies")
struct RequestBodyTests {
    @Test func aNULInsideAStringIsRefusedNamingTheField() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let name = try await api.send(.POST, "/v1/products", raw: Data(#"{"name":"a\u0000b"}"#.utf8))
            #expect(name.status == 400)
            #expect(name.errorParam == "name")
            #expect((name.error["message"] as? String)?.contains("NUL") == true)
            let metadata = try await api.send(.POST, "/v1/products", raw: Data(#"{"name":"a","metadata":{"k":"x\u0000"}}"#.utf8))
            #expect(metadata.errorParam == "metadata[k]")
            let nested = try await api.send(.POST, "/v1/checkout/sessions", raw: Data("""
                {"success_url":"https://e.example/ok","cancel_url":"https://e.example/no","line_items":[{"quantity":1,
                "price_data":{"currency":"GBP","unit_amount":1,"product_data":{"name":"t\\u0000"}}}]}
                """.utf8))
            #expect(nested.errorParam == "line_items[0][price_data][product_data][name]")
            #expect(try await api.get("/v1/products").data.isEmpty)
        }
    }

    @Test func tooManyValuesAreRefusedBeforeParsing() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            // Half a million numbers in under 1 MiB.
            let numbers = "{\"name\":\"x\",\"a\":[" + Array(repeating: "0", count: 500_000).joined(separator: ",") + "]}"
            #expect(numbers.utf8.count < 1 << 20)
            let reply = try await api.send(.POST, "/v1/products", raw: Data(numbers.utf8))
            #expect(reply.status == 400)
            #expect(reply.errorCode == "request_too_many_values")
            #expect((reply.error["message"] as? String)?.contains("more than 20000 values") == true)
        }
    }

    @Test func deepNestingIsRefused() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let deep = "{\"name\":\"x\",\"a\":" + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}"
            let reply = try await api.send(.POST, "/v1/products", raw: Data(deep.utf8))
            #expect(reply.status == 400)
            #expect(reply.errorCode == "request_too_deep")
            // Brackets inside strings are text, not nesting.
            let text = try await api.post("/v1/products", ["name": String(repeating: "[", count: 200)])
            #expect(text.status == 200)
        }
    }

    @Test func idempotencyRecordsKeepADigestNotTheBody() async throws {
        let folder = try temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/sandbox.sqlite"
        func size() -> Int {
            [path, path + "-wal"].reduce(0) { total, file in
                total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
            }
        }
        try await withSandbox(SandboxConfiguration(databasePath: path)) { sandbox in
            let api = API(base: sandbox.baseURL)
            _ = try await api.product("warm up")
            let before = size()
            let padding = String(repeating: "x", count: 1_000_000)  // an unknown member: ignored, but sent
            for index in 0..<10 {
                let reply = try await api.post("/v1/products", ["name": "Tea \(index)", "padding": padding],
                                               headers: [("Idempotency-Key", "big-\(index)")])
                #expect(reply.status == 200)
            }
            // The text itself would take 10 MB; digests and the small responses take a few kB.
            #expect(size() - before < 1_000_000, "grew by \(size() - before) bytes")
            // A retry still replays, and another body under the same key is still a conflict.
            let replay = try await api.post("/v1/products", ["name": "Tea 3", "padding": padding], headers: [("Idempotency-Key", "big-3")])
            #expect(replay.headers.first(name: "Idempotent-Replayed") == "true")
            let conflict = try await api.post("/v1/products", ["name": "Tea 4", "padding": padding], headers: [("Idempotency-Key", "big-3")])
            #expect(conflict.status == 409)
        }
    }
}

@Suite("Hardening: redirect targets")
struct RedirectTargetTests {
    @Test("raw non-ASCII in success_url or cancel_url is refused", arguments: [
        "https://bücher.example/ok", "https://example.com/ok\u{2028}x", "https://example.com/café",
    ])
    func rawNonASCIIIsRefused(url: String) async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            for field in ["success_url", "cancel_url"] {
                let reply = try await api.session(lineItems: [api.inlineItem()], extra: [field: url])
                #expect(reply.status == 400)
                #expect(reply.errorCode == "url_invalid")
                #expect(reply.errorParam == field)
            }
        }
    }

    @Test func punycodeAndPercentEncodingAreSentAsGiven() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let success = "https://xn--bcher-kva.example/ok?q=caf%C3%A9"
            let cancel = "https://example.com/%E2%80%A8"
            let session = try await api.session(lineItems: [api.inlineItem()], extra: ["success_url": success, "cancel_url": cancel])
            #expect(session.status == 200)
            let page = try await CashierPage.open(sandbox, session)
            let cancelled = try await page.post("cancel")
            #expect(cancelled.headers.first(name: "Location") == cancel)
            let paid = try await page.post("pay")
            #expect(paid.status == 303)
            #expect(paid.headers.first(name: "Location") == success)
        }
    }
}

/// A cashier page as a customer's browser sees it: its form actions and form token.
struct CashierPage {
    var sandbox: Sandbox
    var path: String
    var html: String

    static func open(_ sandbox: Sandbox, _ session: HTTPReply) async throws -> CashierPage {
        let url = try #require(session["url"] as? String)
        let path = String(url.dropFirst(sandbox.baseURL.count))
        return CashierPage(sandbox: sandbox, path: path, html: try await API(base: sandbox.baseURL, key: nil).get(path).text)
    }

    /// The action of the form whose path ends in `/pay` or `/cancel`, unescaped.
    func action(_ button: String) -> String? {
        html.components(separatedBy: "action=\"").dropFirst().compactMap {
            $0.components(separatedBy: "\"").first?.replacingOccurrences(of: "&amp;", with: "&")
        }.first { $0.contains("/\(button)?") }
    }

    /// The hidden form token.
    var token: String? {
        html.components(separatedBy: "name=token value=\"").dropFirst().first?.components(separatedBy: "\"").first
    }

    /// Presses a button as the browser would (the form token in the body).
    func post(_ button: String, token: String? = nil, action: String? = nil) async throws -> HTTPReply {
        let target = try #require(action ?? self.action(button))
        let body = (token ?? self.token).map { "token=\($0)" } ?? ""
        return try await API(base: sandbox.baseURL, key: nil).send(.POST, target, raw: Data(body.utf8),
                                                                  headers: [("Content-Type", "application/x-www-form-urlencoded")])
    }
}

@Suite("Hardening: the cashier's capability is per session")
struct CashierCapabilityTests {
    @Test func oneSessionsURLCannotOpenPayOrCancelAnother() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let mine = try await CashierPage.open(sandbox, try await api.session(lineItems: [api.inlineItem("Mine")]))
            let theirs = try await api.session(lineItems: [api.inlineItem("Theirs")])
            let theirToken = "cs_test_" + theirs.id.dropFirst("cs_".count)
            let myKey = try #require(mine.path.components(separatedBy: "key=").last)
            let anonymous = API(base: sandbox.baseURL, key: nil)
            // The same account, my URL's key, their session id.
            let peek = try await anonymous.get("/pay/\(theirToken)?key=\(myKey)")
            #expect(peek.status == 404)
            #expect(!peek.text.contains("Theirs"))
            for button in ["pay", "cancel"] {
                let forged = "/pay/\(theirToken)/\(button)?key=\(myKey)"
                let reply = try await mine.post(button, action: forged)
                #expect(reply.status == 403, "\(button)")
                #expect(reply.headers.first(name: "Location") == nil)
            }
            #expect(try await api.get("/v1/checkout/sessions/\(theirs.id)")["status"] as? String == "open")
            // Their own URL still works, and mine opens mine.
            let theirPage = try await CashierPage.open(sandbox, theirs)
            #expect(theirPage.html.contains("Theirs"))
            #expect(mine.html.contains("Mine") && !mine.html.contains("Theirs"))
            #expect(myKey != theirPage.path.components(separatedBy: "key=").last)
        }
    }

    @Test func payAndCancelNeedTheSessionsFormToken() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let page = try await CashierPage.open(sandbox, try await api.session(lineItems: [api.inlineItem()]))
            let other = try await CashierPage.open(sandbox, try await api.session(lineItems: [api.inlineItem()]))
            let token = try #require(page.token)
            #expect(token != other.token)
            #expect(!page.path.contains(token))
            for button in ["pay", "cancel"] {
                #expect(try await page.post(button, token: "").status == 403)
                #expect(try await page.post(button, token: other.token).status == 403)
                let bare = try await API(base: sandbox.baseURL, key: nil).send(.POST, try #require(page.action(button)))
                #expect(bare.status == 403)
            }
            #expect(try await page.post("cancel").status == 303)
            #expect(try await page.post("pay").status == 303)
        }
    }
}

@Suite("Hardening: slow and abusive clients", .serialized)
struct SlowClientTests {
    static let quick = SandboxConfiguration(headTimeout: .milliseconds(500), bodyTimeout: .milliseconds(500),
                                            idleTimeout: .seconds(1), maxConnections: 4)

    @Test func aClientThatNeverFinishesItsHeadIsDroppedWhileOthersAreServed() async throws {
        try await withSandbox(Self.quick) { sandbox in
            let slow = try RawConnection(port: sandbox.baseURL.port)
            #expect(slow.write("POST /v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\n"))
            let api = API(base: sandbox.baseURL)
            #expect(try await api.product("Served meanwhile").status == 200)
            let seen = slow.readToEnd()
            #expect(seen == "", "the slow client got \(seen.debugDescription) instead of a closed connection")
        }
    }

    @Test func aClientThatNeverFinishesItsBodyIsDropped() async throws {
        try await withSandbox(Self.quick) { sandbox in
            let slow = try RawConnection(port: sandbox.baseURL.port)
            #expect(slow.write("POST /v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(basicAuth(freshKey()))\r\n"
                               + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":"))
            #expect(slow.readToEnd() == "")
        }
    }

    @Test func anIdleKeptAliveConnectionIsClosed() async throws {
        try await withSandbox(Self.quick) { sandbox in
            let idle = try RawConnection(port: sandbox.baseURL.port)
            #expect(idle.write("GET /sandbox/success HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
            let seen = try #require(idle.readToEnd())
            #expect(seen.hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test func aRequestAnsweredBeforeItsBodyEndedStillLeavesTheIdleClockRunning() async throws {
        try await withSandbox(Self.quick) { sandbox in
            // A wrong key is refused on the head, before the body is read; the body comes after.
            let early = try RawConnection(port: sandbox.baseURL.port)
            #expect(early.write("POST /v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(basicAuth("sk_test_" + "wrong"))\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\n"))
            let refusal = try #require(early.readResponse())
            #expect(refusal.hasPrefix("HTTP/1.1 401"), "\(refusal.prefix(100))")
            #expect(early.write("name=abcd"))
            // Then nothing: the kept-alive connection is closed when idle, as after any answer.
            #expect(early.readToEnd() == "", "the idle connection was not closed")
        }
    }

    /// Fills every slot with a connection the sandbox has served (so it was accepted) and keeps it
    /// open with a request left half sent.
    /// (A connection the head timeout dropped before it was served, on a busy machine, is made again.)
    static func holdEverySlot(_ sandbox: Sandbox, count: Int) throws -> [RawConnection] {
        try (0..<count).map { _ in
            for _ in 0..<5 {
                let held = try RawConnection(port: sandbox.baseURL.port)
                guard held.write("GET /sandbox/success HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
                      let served = held.readResponse() else { continue }
                #expect(served.hasPrefix("HTTP/1.1 200"))
                #expect(held.write("GET /v1/products HTTP/1.1\r\n"))
                return held
            }
            throw POSIXError(.ECONNRESET)  // five connections within the cap, none served
        }
    }

    @Test func halfOpenClientsCannotHoldEveryConnection() async throws {
        try await withSandbox(Self.quick) { sandbox in
            // Every slot taken by a client that stopped halfway through its next request: the
            // served client waits only until they are dropped.
            let held = try Self.holdEverySlot(sandbox, count: Self.quick.maxConnections)
            #expect(try await API(base: sandbox.baseURL).product("Still served").status == 200)
            withExtendedLifetime(held) {}
        }
    }

    @Test func connectionsBeyondTheCapWaitUntilOneCloses() async throws {
        // Timeouts longer than the wait below, so only the cap decides who is served then (a held
        // connection that a busy server has not yet seen close is dropped by its head timeout).
        let capped = SandboxConfiguration(headTimeout: .seconds(15), bodyTimeout: .seconds(60), idleTimeout: .seconds(60),
                                          maxConnections: 3)
        try await withSandbox(capped) { sandbox in
            var held = try Self.holdEverySlot(sandbox, count: capped.maxConnections)
            let next = try RawConnection(port: sandbox.baseURL.port)
            #expect(next.write("GET /sandbox/success HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
            // The kernel completed the handshake, but the sandbox does not take the connection while
            // the cap is reached: no answer, however long we would wait (2 s here; without the cap
            // the answer comes in well under a millisecond).
            next.setTimeout(seconds: 2)
            #expect(next.readResponse() == nil, "a connection over the cap was served")
            // One held connection closes: the waiting one is taken and answered.
            held.removeFirst()
            next.setTimeout(seconds: 30)
            let answer = try #require(next.readResponse(), "the waiting connection was never served")
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            withExtendedLifetime(held) {}
        }
    }

    @Test func aTooLargeBodySentWholeBeforeReadingGets413() async throws {
        try await withSandbox { sandbox in
            let client = try RawConnection(port: sandbox.baseURL.port, timeout: 15)
            let body = [UInt8](repeating: UInt8(ascii: " "), count: 8 << 20)
            #expect(client.write("POST /v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(basicAuth(freshKey()))\r\n"
                                 + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"))
            // The whole body first, as a naive client does; the server must keep reading for this to finish.
            #expect(client.write(body), "the sandbox stopped reading the body")
            let reply = try #require(client.readToEnd(), "no answer")
            #expect(reply.hasPrefix("HTTP/1.1 413"), "\(reply.prefix(200))")
            #expect(reply.contains("request_too_large"))
            // A keep-alive client gets its 413 too, and the server still serves.
            #expect(try await API(base: sandbox.baseURL).send(.POST, "/v1/products", raw: Data(body.prefix(2 << 20))).status == 413)
            #expect(try await API(base: sandbox.baseURL).product().status == 200)
        }
    }
}
