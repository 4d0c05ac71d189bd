import CNcurses

/// The terminal bell, a service the runtime holds: one `beep()` when a sale finishes. Rung from
/// `execute`, which runs on the curses thread, so it is safe to call curses here.
public struct Bell: Sendable {
    /// Rings once.
    public let ring: @Sendable () -> Void

    public init(ring: @escaping @Sendable () -> Void) {
        self.ring = ring
    }

    /// curses' `beep()`: the audible bell, or a flash where the terminal has none.
    public static let terminal = Bell { _ = beep() }

    /// A bell that makes no sound (tests, benchmarks).
    public static let none = Bell {}
}
