import Foundation

/// When and how long to wait before retrying a request. Defaults: at most 3 retries, exponential
/// backoff from 0.5 s capped at 5 s with jitter, `Retry-After` honoured up to 60 s.
public struct RetryPolicy: Sendable {
    public var maxRetries: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    public var maxRetryAfter: Duration
    /// Waits between attempts; tests inject a recorder instead of really sleeping.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A number in 0...1 that spreads retries out.
    public var jitter: @Sendable () -> Double

    public init(maxRetries: Int = 3, initialBackoff: Duration = .milliseconds(500),
                maxBackoff: Duration = .seconds(5), maxRetryAfter: Duration = .seconds(60),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }) {
        self.maxRetries = maxRetries
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.sleep = sleep
        self.jitter = jitter
    }

    /// The wait before retry number `retry` (0 for the first retry). A server's `Retry-After`
    /// wins, capped at `maxRetryAfter`; otherwise half to all of the capped exponential step.
    public func delay(beforeRetry retry: Int, retryAfter: Duration? = nil) -> Duration {
        if let retryAfter { return max(.zero, min(retryAfter, maxRetryAfter)) }
        var step = initialBackoff
        for _ in 0..<min(retry, 30) where step < maxBackoff { step = step * 2 }
        step = min(step, maxBackoff)
        let spread = min(1, max(0, jitter()))
        return step * (0.5 + 0.5 * spread)
    }
}
