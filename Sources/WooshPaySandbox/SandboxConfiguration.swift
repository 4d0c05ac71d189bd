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
    /// Where API writes wait (after their idempotency key is reserved) while it is closed; tests only.
    public var writeGate: WriteGate? = nil
    /// The base clock (each account adds its own `advance_clock` offset); injectable for tests.
    public var clock: @Sendable () -> Date = { Date() }
    /// How long a client may take to send a request's head: from connecting (first request) or
    /// from the previous response (`idleTimeout` covers the wait before it).
    public var headTimeout: Duration = .seconds(10)
    /// How long a client may take to send a request's body once its head arrived.
    public var bodyTimeout: Duration = .seconds(30)
    /// How long a kept-alive connection may wait between requests.
    public var idleTimeout: Duration = .seconds(60)
    /// The most connections served at once; more wait in the listen backlog until one closes.
    public var maxConnections: Int = 256
    /// How long a new refund reads `pending` (seconds of the account's clock, so `advance_clock`
    /// counts) before it reads `succeeded`; 0 makes refunds succeed at once.
    public var refundPendingSeconds: Int = 0

    /// Hosts besides loopback that webhook endpoints may name (`--allow-webhook-host`), lowercased.
    public var allowedWebhookHosts: Set<String> = []
    /// How long a webhook endpoint has to answer one delivery before the attempt counts as failed.
    public var webhookTimeout: Duration = .seconds(10)
    /// How often the delivery loop looks for work other processes queued on the same database
    /// (its own writes wake it at once).
    public var webhookPollInterval: Duration = .seconds(1)

    /// The longest pending time taken: ten years, as far as `advance_clock` moves.
    public static let maxRefundPendingSeconds = 10 * 365 * 24 * 60 * 60

    /// Memberwise, every value defaulted.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        databasePath: String = ":memory:",
        failRate: Double = 0,
        latencyMilliseconds: Int = 0,
        seed: UInt64? = nil,
        clock: @escaping @Sendable () -> Date = { Date() },
        headTimeout: Duration = .seconds(10),
        bodyTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(60),
        maxConnections: Int = 256,
        refundPendingSeconds: Int = 0,
        allowedWebhookHosts: Set<String> = [],
        webhookTimeout: Duration = .seconds(10),
        webhookPollInterval: Duration = .seconds(1)
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.failRate = failRate
        self.latencyMilliseconds = latencyMilliseconds
        self.seed = seed
        self.clock = clock
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.refundPendingSeconds = min(max(0, refundPendingSeconds), Self.maxRefundPendingSeconds)
        self.allowedWebhookHosts = Set(allowedWebhookHosts.map { $0.lowercased() })
        self.webhookTimeout = webhookTimeout
        self.webhookPollInterval = webhookPollInterval
    }
}
