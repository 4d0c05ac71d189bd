import CNcurses
import TillCore
import CTillSignals
import Foundation
import TillView
#if canImport(Glibc)
import Glibc
#endif

/// What the loop hands a program, in arrival order.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    /// The terminal is now this size.
    case resized(Size)
    /// The wake pipe fired: results are queued in the program's inbox.
    case woke
    /// A timer deadline passed.
    case timer
}

/// The state machine the engine drives (the Till app, or a benchmark).
public protocol TerminalProgram: AnyObject {
    /// Apply a batch of events to state.
    func handle(_ events: [TerminalEvent], now: Date)
    /// The whole screen for the current state.
    func frame(size: Size) -> Frame
    /// The earliest timer deadline, if any.
    var nextDeadline: Date? { get }
    /// Whether the program has finished (the operator quit).
    var isFinished: Bool { get }
    /// Whether a scan would sell now (no text field has the keys): only then is a scanner's
    /// burst split across reads worth waiting for and joining.
    var sellsScans: Bool { get }
}

/// Timing of one drawn frame, for benchmarks.
public struct FrameTiming: Sendable {
    /// When input was read from the terminal (or the wake-up/timer that caused the frame).
    public var inputAt: UInt64
    /// When doupdate returned.
    public var updatedAt: UInt64
    /// Cells handed to curses.
    public var cellsWritten: Int
    /// Whether a key was in the batch.
    public var hadKey: Bool
}

/// How the loop ended.
public enum TerminalExit: Equatable, Sendable {
    case finished
    /// A quit signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT) arrived; exit status should be 128+signo.
    case signal(Int32)
}

/// The curses loop: poll() stdin and the wake pipe with the nearest timer as timeout, reduce a
/// batch, render the whole frame, write the changed cells, one doupdate. No busy loop.
public final class TerminalEngine {
    private let screen: CursesScreen
    private let wake: WakePipe
    private var lastFrame: Frame?
    /// Called after every doupdate (benchmarks); nil in normal runs.
    public var onFrame: ((FrameTiming) -> Void)?

    public init(screen: CursesScreen, wake: WakePipe) {
        self.screen = screen
        self.wake = wake
    }

    /// Run until the program finishes or a quit signal arrives. The caller starts and stops the screen.
    public func run(_ program: TerminalProgram) -> TerminalExit {
        var size = screen.size
        program.handle([.resized(size)], now: Date())
        draw(program, size: size, inputAt: monotonicNanos(), hadKey: false)
        var fds = [pollfd(fd: screen.inputFD, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wake.readFD, events: Int16(POLLIN), revents: 0)]
        while !program.isFinished {
            let signal = till_signals_take_pending()
            if signal != 0 { return .signal(signal) }
            let timeout = Self.pollTimeout(until: program.nextDeadline, now: Date())
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, 2, timeout)
            let inputAt = monotonicNanos()
            if ready < 0 && errno != EINTR { return .finished }
            let signalAfterPoll = till_signals_take_pending()
            if signalAfterPoll != 0 { return .signal(signalAfterPoll) }

            var events: [TerminalEvent] = []
            var repaint = false
            if fds[1].revents & Int16(POLLIN) != 0 {
                wake.drain()
                events.append(.woke)
            }
            // The terminal went away (window closed, SSH dropped, tmux killed): like SIGHUP.
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                return .signal(SIGHUP)
            }
            // Always ask curses: a SIGWINCH shows up as KEY_RESIZE even without stdin input.
            for input in screen.readInputs(joiningSplitScans: program.sellsScans) {
                switch input {
                case .key(let key): events.append(.key(key))
                case .repaint: repaint = true
                case .resize:
                    let newSize = screen.size
                    if newSize != size {
                        size = newSize
                        events.append(.resized(size))
                    }
                    lastFrame = nil
                }
            }
            if let deadline = program.nextDeadline, deadline <= Date() { events.append(.timer) }
            if events.isEmpty && !repaint { continue }
            if !events.isEmpty { program.handle(events, now: Date()) }
            if repaint {
                screen.invalidate()
            }
            draw(program, size: size, inputAt: inputAt,
                 hadKey: events.contains { if case .key = $0 { true } else { false } })
        }
        return .finished
    }

    private func draw(_ program: TerminalProgram, size: Size, inputAt: UInt64, hadKey: Bool) {
        guard size.width > 0, size.height > 0 else { return }
        let frame = program.frame(size: size)
        let writes = FrameDiff.writes(from: lastFrame, to: frame)
        screen.put(writes)
        if let cursor = frame.cursor {
            screen.placeCursor(row: cursor.y, column: cursor.x, visible: frame.isCursorVisible)
        } else {
            screen.placeCursor(row: nil, column: nil)
        }
        screen.update()
        lastFrame = frame
        onFrame?(FrameTiming(inputAt: inputAt, updatedAt: monotonicNanos(),
                             cellsWritten: writes.count, hadKey: hadKey))
    }

    /// Milliseconds until the deadline (rounded up, so a timer never fires early), -1 for none.
    static func pollTimeout(until deadline: Date?, now: Date) -> Int32 {
        guard let deadline else { return -1 }
        let milliseconds = (deadline.timeIntervalSince(now) * 1000).rounded(.up)
        if milliseconds <= 0 { return 0 }
        return Int32(min(milliseconds, Double(Int32.max)))
    }
}

/// CLOCK_MONOTONIC in nanoseconds.
public func monotonicNanos() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}
