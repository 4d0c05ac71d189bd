import TillView

/// Turns a bracketed paste (ESC[200~ … ESC[201~, reported by curses as two key codes) into one
/// `.paste` key, so pasted line breaks never submit a form and pasted letters never run commands.
/// Pure, so it is tested without a terminal; it keeps its state across batches because a large
/// paste can arrive over several reads.
public struct PasteAssembler: Sendable {
    /// The most scalars kept from one paste; the rest is dropped (fields take 500 characters).
    public static let limit = 64 * 1024

    private var buffer: String.UnicodeScalarView?
    private var count = 0

    public init() {}

    /// Whether a paste has started and not yet ended.
    public var isInPaste: Bool { buffer != nil }

    /// What one input means: nil while a paste is being collected (or for inputs with no meaning).
    public mutating func feed(_ raw: RawInput) -> DecodedInput? {
        switch raw {
        case .functionKey(CursesKeyCode.pasteStart):
            buffer = String.UnicodeScalarView()
            count = 0
            return nil
        case .functionKey(CursesKeyCode.pasteEnd):
            defer { buffer = nil }
            return buffer.map { .key(.paste(String($0))) }
        case .functionKey(CursesKeyCode.resize):
            return .resize
        case .character(let value) where buffer != nil:
            if count < Self.limit, let scalar = Unicode.Scalar(value) {
                buffer?.append(scalar)
                count += 1
            }
            return nil
        case .functionKey where buffer != nil:
            // Curses matched a key sequence inside the pasted text; it is not text, so drop it.
            return nil
        default:
            return KeyDecoder.decode(raw)
        }
    }
}
