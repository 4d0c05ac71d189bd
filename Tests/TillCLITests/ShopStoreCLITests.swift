import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A shop store on a PostgreSQL server that cannot be reached: Till stops before anything starts,
/// naming the host and port, never the password.
@Suite struct ShopStoreCLITests {
    @Test func anUnreachableStoreStopsTillWithExit2NamingHostAndPort() async throws {
        var till = try TillProcess()
        defer { till.cleanUp() }
        let port = try Self.closedPort()
        till.environment["TILL_STORE_URL"] = "postgresql://till:hunter2@127.0.0.1:\(port)/till?sslmode=disable"
        let tui = try await till.run([])
        #expect(tui.status == 2)
        #expect(tui.stderr.contains("till: The shop store postgresql://till@127.0.0.1:\(port)/till is not usable: "
                                    + "cannot reach the PostgreSQL server at 127.0.0.1:\(port)"), "\(tui.stderr)")
        #expect(!(tui.stdout + tui.stderr).contains("hunter2"))
        // A command that uses the store (the shifts of `till report`) says the same, exit 4.
        let report = try await till.run(["report"])
        #expect(report.status == 4)
        #expect(report.stderr.contains("cannot reach the PostgreSQL server at 127.0.0.1:\(port)"), "\(report.stderr)")
        #expect(!(report.stdout + report.stderr).contains("hunter2"))
    }

    @Test func aBadStoreSettingIsSaidWithoutItsPassword() async throws {
        var till = try TillProcess()
        defer { till.cleanUp() }
        till.environment["TILL_STORE_URL"] = "postgresql://till:hunter2@shop-db:port/till"
        let tui = try await till.run([])
        #expect(tui.status == 2)
        #expect(tui.stderr.contains("The shop store URL is not usable: the port \"port\" is not a number"), "\(tui.stderr)")
        #expect(!(tui.stdout + tui.stderr).contains("hunter2"))
    }

    /// A port on 127.0.0.1 that nothing listens on (bound for a moment, then let go).
    static func closedPort() throws -> UInt16 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return UInt16(bigEndian: address.sin_port)
    }
}
