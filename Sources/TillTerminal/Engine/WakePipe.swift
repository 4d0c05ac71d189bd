import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The self-pipe that wakes the curses thread's poll(): the effect runtime and the signal
/// handlers write one byte to it; the loop drains it and looks at what arrived.
public final class WakePipe: Sendable {
    /// The end the loop polls.
    public let readFD: Int32
    /// The end writers write to (non-blocking: a full pipe already means "wake up").
    public let writeFD: Int32

    public init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TerminalError.system("pipe", errno) }
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Wake the loop (safe from any thread).
    public func wake() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// Empty the pipe after a wake-up.
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readFD, &buffer, buffer.count) > 0 {}
    }
}

/// Why the terminal could not be driven.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    /// A system call failed with errno.
    case system(String, Int32)
    /// stdin/stdout is not a terminal, or curses could not start on it.
    case notATerminal(String)

    public var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        case .notATerminal(let why): why
        }
    }
}
