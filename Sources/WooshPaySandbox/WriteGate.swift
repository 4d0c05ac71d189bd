import Synchronization

/// A gate API writes wait at, after their idempotency key is reserved and before they run: a test
/// holds a request inside the server (a checkout create the client is killed in the middle of) and
/// lets it through when it chooses, instead of betting on a latency being long enough.
public final class WriteGate: Sendable {
    private struct State {
        var isOpen: Bool
        var arrivals = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    public init(open: Bool = true) {
        state = Mutex(State(isOpen: open))
    }

    /// How many writes have reached the gate so far (held or let through).
    public var arrivals: Int { state.withLock { $0.arrivals } }

    /// Hold every write that arrives from now on.
    public func close() {
        state.withLock { $0.isOpen = false }
    }

    /// Let every held write through, and every later one.
    public func open() {
        let held = state.withLock { state in
            state.isOpen = true
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        for continuation in held { continuation.resume() }
    }

    /// Wait here while the gate is closed.
    func pass() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let goOn = state.withLock { state in
                state.arrivals += 1
                if state.isOpen { return true }
                state.waiting.append(continuation)
                return false
            }
            if goOn { continuation.resume() }
        }
    }
}
