import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import WooshPay
#if canImport(Glibc)
import Glibc
#endif

/// Two tills on one HOME share one embedded sandbox: a cashier URL made on one still opens after
/// it quits, served by the other at the same address.
@Suite("End to end: two tills on one HOME share the embedded sandbox", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct SharedSandboxEndToEndTests {
    @Test func aURLMadeOnTillAStillOpensAfterAQuits() async throws {
        let home = try TemporaryHome()
        let tillA = Tmux(), tillB = Tmux()
        defer {
            tillA.kill()
            tillB.kill()
            home.remove()
        }
        // A port of this test's own as the data folder's recorded one (12112 is contended by
        // tests of other HOMEs, which could take it in the moment after A quits).
        let port = try unusedPort()
        let data = home.path + "/data/till"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try Data("{\"port\":\(port)}\n".utf8).write(to: URL(fileURLWithPath: data + "/sandbox-address.json"))
        let address = "http://127.0.0.1:\(port)"

        let (pidA, pidB) = try await onThread { () throws -> (pid_t, pid_t) in
            try tillA.start(command: home.command, width: 80, height: 24, environment: home.environment)
            try tillA.waitFor(text: "No products yet")
            try tillB.start(command: home.command, width: 80, height: 24, environment: home.environment)
            try tillB.waitFor(text: "SANDBOX")
            return (try tillPID(tillA), try tillPID(tillB))
        }
        // A serves; B uses A's address.
        #expect(try recorded(data) == ["port": port, "pid": Int(pidA)])

        let sessionId = try await onThread { () throws -> String in
            try tillA.createPriceWithNewProduct("Flat white", amount: "3.20")
            try tillA.send("Enter")
            try tillA.waitFor(text: "(quantity 1)")
            try tillA.send("3", "Enter")
            try tillA.waitFor(text: "/sandbox/success")
            try tillA.send("Enter")
            let screen = try tillA.waitFor(all: ["Checkout session cs_", "Checkout session created."])
            #expect(screen.contains("127.0.0.1:\(port)"))
            return String(try #require(screen.firstMatch(of: /Checkout session (cs_[A-Za-z0-9_]+)/)?.1))
        }
        let key = try String(contentsOfFile: home.path + "/config/till/sandbox-key", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let client = WooshPayClient(configuration: try WooshPayConfiguration(secretKey: key, baseURL: address))
        let url: String
        do {
            url = try #require(try await client.getCheckoutSession(sessionId).url)
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        #expect(url.hasPrefix(address + "/pay/"))

        // A quits; B takes over at the same address, and the URL made on A opens.
        try await onThread {
            try tillA.send("q")
            try tillA.waitFor(text: "TILL_EXIT=0")
        }
        let deadline = Date().addingTimeInterval(15)
        var status = 0
        while Date() < deadline {
            status = await Self.status(of: url)
            if status == 200 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(status == 200, "the URL made on till A did not open after A quit")
        // B records itself just after it starts serving: wait for the record, not only the page.
        while (try? recorded(data)) != ["port": port, "pid": Int(pidB)] && Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try recorded(data) == ["port": port, "pid": Int(pidB)])
        // B is still a working till.
        try await onThread {
            #expect(try tillB.screen().contains("SANDBOX"))
            try tillB.send("q")
            try tillB.waitFor(text: "TILL_EXIT=0")
        }
    }

    /// The data folder's recorded address, as its JSON object.
    private func recorded(_ data: String) throws -> [String: Int] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: data + "/sandbox-address.json"))
        return try JSONDecoder().decode([String: Int].self, from: bytes)
    }

    /// The HTTP status of a GET, or 0 when nothing answered.
    private static func status(of url: String) async -> Int {
        guard let target = URL(string: url) else { return 0 }
        do {
            let (_, response) = try await URLSession.shared.data(from: target)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        } catch {
            return 0
        }
    }
}

/// A loopback port the kernel just handed out and released.
func unusedPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TmuxError(message: "socket: \(errno)") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard bound == 0, named == 0 else { throw TmuxError(message: "bind: \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}
