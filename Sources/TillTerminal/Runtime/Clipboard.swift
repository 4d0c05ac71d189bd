import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The operator's clipboard, a service the runtime holds. On a terminal it is OSC 52: ask the
/// terminal (and tmux, and SSH clients that honour it) to take the text. Written straight to
/// the tty between frames, on the curses thread; it draws nothing.
public struct Clipboard: Sendable {
    /// Puts text on the clipboard.
    public let copy: @Sendable (String) -> Void

    public init(copy: @escaping @Sendable (String) -> Void) {
        self.copy = copy
    }

    /// OSC 52 on standard output (the terminal curses draws on).
    public static let terminal = Clipboard { text in
        let bytes = osc52(text)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// A clipboard that drops the text (tests, benchmarks).
    public static let none = Clipboard { _ in }

    /// The escape sequence that sets the clipboard ("c") to `text`.
    public static func osc52(_ text: String) -> [UInt8] {
        Array("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}".utf8)
    }
}
