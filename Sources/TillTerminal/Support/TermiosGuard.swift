import CTillSignals

/// Keeps a prompt with echo off from leaving the terminal that way: while held, any quit or
/// crash signal restores the saved termios before the process dies (see the C shim).
public enum TermiosGuard {
    /// Save `fd`'s termios and install the restoring handlers.
    public static func hold(fd: Int32) {
        _ = till_guard_termios(fd)
    }

    /// Default handlers again.
    public static func release() {
        till_signals_uninstall()
    }
}
