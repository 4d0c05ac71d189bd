import CNcurses
import TillCore
import CTillSignals
import Foundation
import TillView
#if canImport(Glibc)
import Glibc
#endif

/// The curses session: the only type that calls curses, used only from the curses thread.
/// Starting it saves the terminal and installs the signal handlers; stopping it (on every
/// exit path) puts the terminal back.
public final class CursesScreen {
    /// Options read from the environment at start.
    public struct Options: Sendable {
        /// Use colour pairs (has_colors() and NO_COLOR unset); else attributes only.
        public var allowColor: Bool
        /// Leave ESCDELAY alone when the operator set it.
        public var escapeDelayMilliseconds: Int32?
        /// How long one wait for the rest of a split scan lasts: `TILL_SCAN_WAIT_MS` (1–5000), for a
        /// link slow enough to split a scanner's burst by more than the default 50 ms.
        public var scanWaitMilliseconds: Int32

        public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
            allowColor = environment["NO_COLOR"].map { $0.isEmpty } ?? true
            escapeDelayMilliseconds = environment["ESCDELAY"] == nil ? 25 : nil
            scanWaitMilliseconds = environment["TILL_SCAN_WAIT_MS"].flatMap { Int32($0) }
                .map { min(max($0, 1), 5000) } ?? CursesScreen.scanRestWaitMilliseconds
        }
    }

    private let options: Options
    private let wakeFD: Int32
    private var screen: OpaquePointer?
    private var started = false
    private var stylist = StyleMapper(colors: false)
    private var savedStderr: Int32 = -1
    private var cursorVisible = false
    private var wideBuffer = [wchar_t](repeating: 0, count: 8)
    private var decoder = InputDecoder()
    private var bracketedPaste = false

    /// The input and output descriptors curses drives (stdin/stdout).
    public let inputFD: Int32 = STDIN_FILENO
    public let outputFD: Int32 = STDOUT_FILENO

    public init(options: Options = Options(), wakeFD: Int32) {
        self.options = options
        self.wakeFD = wakeFD
    }

    /// Take over the terminal. `stderrTo` (the log file) receives anything written to stderr
    /// while curses owns the screen.
    public func start(stderrTo logFD: Int32?) throws {
        guard isatty(inputFD) == 1, isatty(outputFD) == 1 else {
            throw TerminalError.notATerminal("till needs a terminal on stdin and stdout (use a subcommand for scripts)")
        }
        // A locale the system lacks (LANG=es_ES.UTF-8 where only C.UTF-8 is installed) leaves the
        // C locale, where curses draws "Sesión" as "Sesin": characters then stay UTF-8.
        if setlocale(LC_ALL, "") == nil { setlocale(LC_CTYPE, "C.UTF-8") }
        // Handlers before curses, so ncurses leaves SIGINT/SIGTERM to us and crashes restore the tty.
        guard till_signals_install(outputFD, wakeFD) == 0 else { throw TerminalError.system("sigaction", errno) }
        guard let screen = newterm(nil, till_stdout(), till_stdin()) else {
            till_signals_uninstall()
            throw TerminalError.notATerminal("curses could not start on this terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "unset"))")
        }
        // A terminal that cannot move the cursor would smear every frame onto one line.
        guard till_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            till_signals_uninstall()
            throw TerminalError.notATerminal("this terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "unset")) cannot move the cursor: run Till in a full-screen terminal such as TERM=xterm-256color, or use a subcommand for scripts")
        }
        self.screen = screen
        started = true
        _ = till_signals_chain_winch()
        if let logFD {
            savedStderr = dup(STDERR_FILENO)
            dup2(logFD, STDERR_FILENO)
        }
        _ = raw()
        _ = noecho()
        _ = nonl()
        let window = till_stdscr()
        _ = keypad(window, true)
        _ = nodelay(window, true)
        _ = leaveok(window, true)
        _ = intrflush(window, false)
        // Bracketed paste on, when curses can report its brackets (see PasteAssembler).
        if till_define_paste_keys() == till_ok() {
            bracketedPaste = true
            writeToTerminal("\u{1B}[?2004h")
        }
        if let delay = options.escapeDelayMilliseconds { _ = set_escdelay(delay) }
        _ = mousemask(0, nil)
        _ = curs_set(0)
        cursorVisible = false
        var colors = false
        if options.allowColor && has_colors() {
            if start_color() == till_ok() {
                _ = use_default_colors()
                colors = true
            }
        }
        stylist = StyleMapper(colors: colors)
        stylist.installPairs()
    }

    /// Give the terminal back: endwin, saved termios, default handlers, stderr. Safe to call twice.
    public func stop() {
        guard started else { return }
        started = false
        if bracketedPaste {
            writeToTerminal("\u{1B}[?2004l")
            bracketedPaste = false
        }
        _ = curs_set(1)
        _ = endwin()
        _ = till_restore_saved_termios()
        till_signals_uninstall()
        if let screen { delscreen(screen) }
        screen = nil
        if savedStderr >= 0 {
            dup2(savedStderr, STDERR_FILENO)
            close(savedStderr)
            savedStderr = -1
        }
    }

    deinit { stop() }

    /// The screen size curses believes in.
    public var size: Size { Size(width: Int(max(0, till_cols())), height: Int(max(0, till_lines()))) }

    /// Put cells on the curses screen (stdscr); nothing reaches the terminal until `update`.
    public func put(_ writes: [CellWrite]) {
        for write in writes { put(write) }
    }

    private func put(_ write: CellWrite) {
        var count = 0
        for scalar in write.cell.text.unicodeScalars {
            // Controls never reach curses (it would draw them as ^X, two columns); the view
            // sanitizes, this is the last guard.
            let value = scalar.value
            let safe: UInt32 = (value < 0x20 || (value >= 0x7F && value < 0xA0)) ? 0xFFFD : value
            wideBuffer[count] = wchar_t(bitPattern: safe)
            count += 1
            if count == Int(CCHARW_MAX) { break }
        }
        if count == 0 { wideBuffer[0] = 0x20; count = 1 }
        wideBuffer[count] = 0
        let (attributes, pair) = stylist.attributes(for: write.cell.style)
        _ = wideBuffer.withUnsafeBufferPointer {
            till_mvadd_wch(Int32(write.row), Int32(write.column), $0.baseAddress, attributes, pair)
        }
    }

    /// Move the cursor to a position (a form field, the selected row, the status line), shown or
    /// hidden; with no position it is hidden and left where curses last wrote.
    public func placeCursor(row: Int?, column: Int?, visible: Bool = true) {
        let window = till_stdscr()
        if let row, let column {
            // Moved even when hidden: screen readers and braille displays follow its position.
            if visible != cursorVisible { _ = curs_set(visible ? 1 : 0); cursorVisible = visible }
            _ = leaveok(window, false)
            _ = wmove(window, Int32(row), Int32(column))
        } else {
            if cursorVisible { _ = curs_set(0); cursorVisible = false }
            _ = leaveok(window, true)
        }
    }

    /// Send the difference to the terminal: one wnoutrefresh + doupdate.
    public func update() {
        _ = wnoutrefresh(till_stdscr())
        _ = doupdate()
    }

    /// Forget what the terminal shows, so the next update repaints everything (Ctrl-L).
    public func invalidate() {
        _ = clearok(till_curscr(), true)
    }

    /// The most inputs taken in one batch (a paste of this size still draws in between).
    static let maximumInputsPerBatch = 4096

    /// Everything get_wch has for us right now (nodelay), decoded as one batch (so an escape
    /// sequence curses did not know is read whole, see InputDecoder). With `joiningSplitScans`, a
    /// read that may be a scan cut short waits briefly for the rest of it.
    public func readInputs(joiningSplitScans: @autoclosure () -> Bool) -> [DecodedInput] {
        var batch: [RawInput] = []
        drain(into: &batch)
        // A scanner's burst split across reads: wait briefly for its rest, so its digits are not
        // taken as pane switches. Bounded, and only ever for a read of several code characters.
        var joins = 0
        // In a text field a split scan is typed as text anyway, and joining could take a
        // person's Enter after a pasted "3.20" into a scan.
        while joins < Self.scanRestWaits, let pending = decoder.pendingScan(batch), joiningSplitScans(),
              inputArrives(within: options.scanWaitMilliseconds) {
            var more: [RawInput] = []
            drain(into: &more)
            guard ScanDetector.continues(with: more, pending: pending, joins: joins) else {
                // Not the same burst: both reads mean what they would have meant on their own.
                return decoder.decode(batch) + decoder.decode(more)
            }
            joins += 1
            batch += more
        }
        return decoder.decode(batch)
    }

    /// How long one wait for the rest of a split scan lasts by default, and how many there may be.
    static let scanRestWaitMilliseconds: Int32 = 50
    static let scanRestWaits = 4

    /// Everything get_wch has right now.
    private func drain(into batch: inout [RawInput]) {
        var value: wint_t = 0
        // Bounded, so a terminal that keeps answering (a hung-up tty) cannot hold the loop here.
        while batch.count < Self.maximumInputsPerBatch {
            let status = get_wch(&value)
            if status == till_err() { break }
            batch.append(status == till_key_code_yes()
                ? .functionKey(Int32(bitPattern: value)) : .character(UInt32(value)))
        }
    }

    /// Whether the terminal has input within `milliseconds` (curses' own buffer is empty after a
    /// drain, so polling the descriptor is enough).
    private func inputArrives(within milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0 && descriptor.revents & Int16(POLLIN) != 0
    }

    /// Bytes for the terminal itself (mode switches curses does not know), sent straight away.
    private func writeToTerminal(_ text: String) {
        fflush(till_stdout())
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(outputFD, $0.baseAddress, $0.count) }
    }
}
