import Foundation
import Testing
import TillCore
@testable import WooshPay
import WooshPaySandbox

/// Records every backoff the client asks for, and waits only a token time.
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []

    var sleeps: [Duration] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    var policy: RetryPolicy {
        RetryPolicy(sleep: { duration in
            self.lock.withLock { self.recorded.append(duration) }
            try await Task.sleep(for: .milliseconds(1))
        })
    }
}

/// Starts a sandbox on an ephemeral loopback port and a client with a fresh test account.
func withSandbox(_ configuration: SandboxConfiguration = SandboxConfiguration(),
                 key: String = TestKeys.random(),
                 sleeps: SleepRecorder = SleepRecorder(),
                 _ body: (WooshPayClient, Sandbox) async throws -> Void) async throws {
    let sandbox = try await Sandbox.start(configuration)
    let client = WooshPayClient(configuration: try WooshPayConfiguration(
        secretKey: key, baseURL: sandbox.baseURL, retry: sleeps.policy))
    do {
        try await body(client, sandbox)
    } catch {
        await client.shutdown()
        await sandbox.stop()
        throw error
    }
    await client.shutdown()
    await sandbox.stop()
}

/// Retries a whole logical call (same idempotency key) the way an operator re-runs a failed command.
func persist<T>(_ attempts: Int = 10, _ operation: () async throws(APIFailure) -> T) async throws -> T {
    var last: APIFailure? = nil
    for _ in 0..<attempts {
        do {
            return try await operation()
        } catch {
            #expect(WooshPayClient.isRetryable(error), "a non-retryable failure under faults: \(error)")
            last = error
        }
    }
    throw last!
}
