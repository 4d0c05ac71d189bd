import Foundation

/// OSC 52: ask the terminal (and tmux, and SSH clients that honour it) to put text on the
/// operator's clipboard. Written straight to the tty between frames; it draws nothing.
public enum Clipboard {
    /// The escape sequence that sets the clipboard ("c") to `text`.
    public static func osc52(_ text: String) -> [UInt8] {
        Array("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}".utf8)
    }
}
