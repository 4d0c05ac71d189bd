import Foundation

/// What an injected fault does to one request.
enum Fault: Int, CaseIterable, Sendable {
    /// Close the connection before the request is handled: nothing happens, no response.
    case dropBeforeHandling
    /// Handle and commit the request, then close the connection: the response is lost.
    case dropAfterCommit
    /// 500 `api_error` before handling.
    case serverError
    /// 429 with `Retry-After: 1` before handling.
    case rateLimited
}

/// Chooses faults per request from a seeded SplitMix64 generator, so a fixed seed replays the same
/// sequence of faults for the same sequence of requests.
final class FaultInjector: @unchecked Sendable {
    private let rate: Double
    private var random: SplitMix64
    private let lock = NSLock()

    init(rate: Double, seed: UInt64?) {
        self.rate = min(max(rate.isNaN ? 0 : rate, 0), 1)
        self.random = SplitMix64(seed: seed ?? UInt64.random(in: .min ... .max))
    }

    /// The fault for the next request, or nil for a normal one.
    func next() -> Fault? {
        guard rate > 0 else { return nil }
        lock.lock()
        defer { lock.unlock() }
        let roll = Double(random.next() >> 11) / Double(1 << 53)
        guard roll < rate else { return nil }
        return Fault(rawValue: Int(random.next() % UInt64(Fault.allCases.count)))
    }
}
