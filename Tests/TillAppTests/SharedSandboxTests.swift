import Foundation
import Logging
import Testing
import TillConfig
import TillCore
import WooshPay
import WooshPaySandbox
@testable import TillApp
#if canImport(Glibc)
import Glibc
#endif

/// One embedded sandbox per data folder, at one address, served by one till at a time and taken
/// over by another when it quits or dies; the command line uses it, never a port of its own.
@Suite("The embedded sandbox, shared by the tills of a data folder", .serialized)
struct SharedSandboxTests {
    @Test func twoTillsShareOneAddressAndTheOtherTakesOverWhenTheServerCloses() async throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let paths = TillPaths(environment: ["HOME": home.path])
        let port = try freePort()
        let first = try await SharedSandbox.open(paths: paths, preferredPort: port, logger: Logger(label: "test"))
        let second = try await SharedSandbox.open(paths: paths, preferredPort: port, logger: Logger(label: "test"))
        #expect(first.baseURL == "http://127.0.0.1:\(port)")
        #expect(second.baseURL == first.baseURL)
        #expect(await first.isServing)
        #expect(await !second.isServing)
        #expect(second.servedByAtOpen == getpid())
        #expect(recordedAddress(paths) == SandboxAddress(port: port, pid: getpid()))

        let client = try sandboxClient(paths, baseURL: second.baseURL)
        let url: String
        do {
            url = try #require(try await client.createCheckoutSession(teaSession(second.baseURL)).url)
        } catch {
            await client.shutdown()
            throw error
        }
        #expect(url.hasPrefix(first.baseURL + "/pay/cs_test_"))

        // The serving till quits: the other serves at the same address, and the URL still opens.
        await first.close()
        #expect(recordedAddress(paths) == SandboxAddress(port: port, pid: nil))
        try await waitUntil("the second till serves") { await second.isServing }
        #expect(await second.servingURL == first.baseURL)
        do {
            let page = try await httpGet(url)
            #expect(page?.status == 200)
            #expect(page?.body.contains("Pay") == true)
            #expect(try await client.listCheckoutSessions(limit: 10).items.count == 1)
        } catch {
            Issue.record(error)
        }
        await client.shutdown()
        await second.close()
    }

    @Test func killingTheServingProcessHandsTheSandboxToTheTillStillRunning() async throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        try record(TillPaths(environment: environment), port: try freePort())
        // The first process: `till sandbox` with no flags serves the data folder's sandbox.
        let server = try BackgroundProcess(tillBinary, ["sandbox"], environment: environment)
        let address = try await onThread { try server.waitForOutput("WooshPay sandbox listening on (http://127\\.0\\.0\\.1:[0-9]+)\n") }

        // The second: a till (this test process) uses it without serving.
        let settings = try TillSettings.load(environment: environment)
        let account = try await TillAccount.open(settings: settings, apiBase: nil, logger: Logger(label: "test"))
        let client = WooshPayClient(configuration: account.configuration)
        do {
            #expect(account.configuration.baseURL == address)
            #expect(await account.sandbox?.isServing == false)
            #expect(account.sandbox?.servedByAtOpen == server.pid)
            let session = try await client.createCheckoutSession(teaSession(address))
            let url = try #require(session.url)
            #expect(url.hasPrefix(address + "/pay/"))

            // kill -9: the lease dies with it, and this till serves at the same address.
            server.signal(SIGKILL)
            #expect(throws: ProcessKilled.self) { _ = try server.finish() }
            try await waitUntil("the till serves after the kill") { await account.sandbox?.isServing == true }
            #expect(await account.sandbox?.servingURL == address)
            #expect(recordedAddress(settings.paths) == SandboxAddress(port: port(of: address), pid: getpid()))
            let page = try await httpGet(url)
            #expect(page?.status == 200)
            #expect(page?.body.contains("Tea") == true)
            #expect(try await client.getCheckoutSession(session.id).status == .open)
        } catch {
            await client.shutdown()
            await account.close()
            throw error
        }
        await client.shutdown()
        await account.close()
    }

    @Test func tillSandboxStandsByAndTakesOverAtTheSameAddress() async throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        try record(TillPaths(environment: environment), port: try freePort())
        let first = try BackgroundProcess(tillBinary, ["sandbox"], environment: environment)
        let address = try await onThread { try first.waitForOutput("listening on (http://127\\.0\\.0\\.1:[0-9]+)\n") }
        let second = try BackgroundProcess(tillBinary, ["sandbox"], environment: environment)
        let standing = try await onThread {
            try second.waitForOutput("The embedded sandbox at (\\S+) is served by another till \\(pid [0-9]+\\); standing by")
        }
        let servedBy = try await onThread { try second.waitForOutput("served by another till \\(pid ([0-9]+)\\)") }
        #expect(standing == address)
        #expect(servedBy == "\(first.pid)")

        first.signal(SIGKILL)
        #expect(throws: ProcessKilled.self) { _ = try first.finish() }
        let taken = try await onThread {
            try second.waitForOutput("WooshPay sandbox listening on (http://127\\.0\\.0\\.1:[0-9]+)\n")
        }
        #expect(taken == address)
        #expect(try await httpGet(address + "/sandbox/success")?.status == 200)
        // Ctrl-C (SIGINT) stops it cleanly and leaves the port recorded for the next server.
        second.signal(SIGINT)
        #expect(try await onThread { try second.finish() } == 0)
        #expect(recordedAddress(TillPaths(environment: environment)) == SandboxAddress(port: port(of: address), pid: nil))
        #expect(second.stderr.isEmpty, "\(second.stderr)")
    }

    @Test func theCommandLineMakesURLsAtTheTillsAddressThatOpenAfterItExits() async throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let settings = try TillSettings.load(environment: environment)
        try record(settings.paths, port: try freePort())
        // A till runs (serving the sandbox).
        let till = try await TillAccount.open(settings: settings, apiBase: nil, logger: Logger(label: "test"))
        do {
            #expect(await till.sandbox?.isServing == true)
            let created = try await onThread {
                try runProcess(tillBinary, ["sessions", "create", "--item-inline", "Tea:2.00:GBP", "--json"],
                               environment: environment)
            }
            #expect(created.status == 0, "\(created.stderr)")
            // Nothing on stderr: a till serves, so the URL outlives the command.
            #expect(created.stderr.isEmpty, "\(created.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
            let url = try #require(object?["url"] as? String)
            #expect(url.hasPrefix(till.configuration.baseURL + "/pay/cs_test_"))
            #expect((object?["success_url"] as? String) == till.configuration.baseURL + "/sandbox/success")
            // The command has exited; the till still serves its URL.
            let page = try await httpGet(url)
            #expect(page?.status == 200)
            #expect(page?.body.contains("Tea") == true)
        } catch {
            await till.close()
            throw error
        }
        await till.close()
    }

    @Test func withNoTillServingTheCommandLineSaysSoAndUsesTheHostsAddress() async throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let paths = TillPaths(environment: environment)
        // A till served here before, at a port recorded for the data folder; none runs now.
        let port = try freePort()
        let earlier = try await SharedSandbox.open(paths: paths, preferredPort: port, logger: Logger(label: "test"))
        await earlier.close()

        let created = try await onThread {
            try runProcess(tillBinary, ["sessions", "create", "--item-inline", "Tea:2.00:GBP"], environment: environment)
        }
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("no till on this host is serving the embedded sandbox"), "\(created.stderr)")
        #expect(created.stderr.contains("`till sandbox` serves it alone"))
        #expect(created.stderr.split(separator: "\n").count == 1)
        let url = try #require(created.stdout.firstMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+\/pay\/\S+/)).0
        // At the host's address, not a port of its own.
        #expect(url.hasPrefix("http://127.0.0.1:\(port)/pay/"))
        #expect(recordedAddress(paths) == SandboxAddress(port: port, pid: nil))
        // The local key never appears.
        let key = try String(contentsOf: paths.sandboxKey, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!created.stdout.contains(key) && !created.stderr.contains(key))

        // A till starts: the URL the command printed opens again, at the same address.
        let till = try await SharedSandbox.open(paths: paths, preferredPort: try freePort(), logger: Logger(label: "test"))
        #expect(till.baseURL == "http://127.0.0.1:\(port)")
        let page = try await httpGet(String(url))
        #expect(page?.status == 200)
        await till.close()
    }

    @Test func aRecordedPortTakenByAnotherProgramIsSaidAndANewOneRecorded() async throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let paths = TillPaths(environment: ["HOME": home.path])
        let recorded = try freePort()
        let earlier = try await SharedSandbox.open(paths: paths, preferredPort: recorded, logger: Logger(label: "test"))
        await earlier.close()
        #expect(recordedAddress(paths) == SandboxAddress(port: recorded, pid: nil))

        // Another program listens on the recorded port. (If binding it fails, some other program
        // of the test run took it first: the same case.)
        let foreign = try? ListeningSocket(port: recorded)
        defer { foreign?.close() }
        let preferred = try freePort()
        let moved = try await SharedSandbox.open(paths: paths, preferredPort: preferred, logger: Logger(label: "test"))
        #expect(await moved.isServing)
        #expect(moved.baseURL == "http://127.0.0.1:\(preferred)")
        #expect(moved.notices.count == 1)
        let notice = try #require(moved.notices.first)
        #expect(notice.contains("Port \(recorded)"))
        #expect(notice.contains("is taken by another program"))
        #expect(notice.contains("now serves at http://127.0.0.1:\(preferred)"))
        #expect(recordedAddress(paths) == SandboxAddress(port: preferred, pid: getpid()))
        #expect(try await httpGet(moved.baseURL + "/sandbox/success")?.status == 200)
        await moved.close()

        // The new port is the one used from now on, with nothing more to say.
        let next = try await SharedSandbox.open(paths: paths, preferredPort: try freePort(), logger: Logger(label: "test"))
        #expect(next.baseURL == "http://127.0.0.1:\(preferred)")
        #expect(next.notices.isEmpty)
        await next.close()
    }

    @Test func twoFirstStartsAtOnceAgreeOnOneLocalKey() async throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let url = home.appendingPathComponent("config/till/sandbox-key")
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try SandboxKey.loadOrCreate(at: url) } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(keys).count == 1)
        #expect(try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == keys[0])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(leftovers == ["sandbox-key"])
    }
}

// MARK: - Helpers

/// Records a port for the data folder's sandbox, as a till that served there before would have:
/// a test's own free port rather than 12112, which tests of other data folders contend for (one
/// could take it in the moment between a kill and the takeover).
func record(_ paths: TillPaths, port: Int) throws {
    let lease = try SandboxLease(paths: paths)
    defer { lease.close() }
    try lease.record(SandboxAddress(port: port, pid: nil))
}

/// The data folder's recorded sandbox address.
func recordedAddress(_ paths: TillPaths) -> SandboxAddress? {
    guard let data = FileManager.default.contents(atPath: paths.sandboxAddress.path) else { return nil }
    return try? JSONDecoder().decode(SandboxAddress.self, from: data)
}

func port(of baseURL: String) -> Int { URLComponents(string: baseURL)?.port ?? 0 }

/// A port the kernel just handed out and released (free, barring a race with another program).
func freePort() throws -> Int {
    let probe = try ListeningSocket()
    defer { probe.close() }
    return probe.port
}

/// A client on the data folder's sandbox with its local key.
func sandboxClient(_ paths: TillPaths, baseURL: String) throws -> WooshPayClient {
    let key = try SandboxKey.loadOrCreate(at: paths.sandboxKey)
    return WooshPayClient(configuration: try WooshPayConfiguration(secretKey: key, baseURL: baseURL))
}

/// One line of tea, with the sandbox's own pages as the return URLs.
func teaSession(_ baseURL: String) throws -> CheckoutSessionRequest {
    CheckoutSessionRequest(items: [.inline(name: "Tea", description: nil,
                                           amount: try Money(parsing: "2.00", currency: .gbp), quantity: 1)],
                           successURL: baseURL + "/sandbox/success", cancelURL: baseURL + "/sandbox/cancel")
}

/// Polls `condition` until it holds; fails after `timeout` seconds (a bound, not a wait).
func waitUntil(_ what: String, timeout: TimeInterval = 15,
               _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw ChildError("timed out waiting until \(what)")
}

struct ChildError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A plain HTTP GET on loopback, on its own thread: the status and body, or nil when nothing
/// answered (connection refused).
func httpGet(_ url: String) async throws -> (status: Int, body: String)? {
    guard let components = URLComponents(string: url), let port = components.port else {
        throw ChildError("not a loopback URL: \(url)")
    }
    let target = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    return await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return continuation.resume(returning: nil) }
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else { return continuation.resume(returning: nil) }
            let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            var response: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                response += buffer[0..<count]
            }
            let text = String(decoding: response, as: UTF8.self)
            guard let statusText = text.split(separator: " ", maxSplits: 2).dropFirst().first,
                  let status = Int(statusText) else { return continuation.resume(returning: nil) }
            let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
            continuation.resume(returning: (status, body))
        }
    }
}
