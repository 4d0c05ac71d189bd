import Foundation

/// How to run a sandbox: where it listens, where it stores data, and which faults it injects.
public struct SandboxConfiguration: Sendable {
    /// Address to bind; loopback unless the caller asks for another.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free ephemeral port.
    public var port: Int = 0
    /// SQLite file, or ":memory:" for a throwaway database.
    public var databasePath: String = ":memory:"
    /// Share of /v1 requests (0...1) that suffer an injected fault.
    public var failRate: Double = 0
    /// Delay added to every /v1 request, in milliseconds.
    public var latencyMilliseconds: Int = 0
    /// Seed for the fault RNG; nil picks a random one.
    public var seed: UInt64? = nil
    /// The base clock (each account adds its own `advance_clock` offset); injectable for tests.
    public var clock: @Sendable () -> Date = { Date() }

    /// Memberwise, every value defaulted.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        databasePath: String = ":memory:",
        failRate: Double = 0,
        latencyMilliseconds: Int = 0,
        seed: UInt64? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.failRate = failRate
        self.latencyMilliseconds = latencyMilliseconds
        self.seed = seed
        self.clock = clock
    }
}
