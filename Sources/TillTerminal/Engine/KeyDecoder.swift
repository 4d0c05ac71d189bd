import CNcurses
import TillView

/// One thing get_wch returned: a character, or a curses function-key code.
public enum RawInput: Equatable, Sendable {
    case character(UInt32)
    case functionKey(Int32)
}

/// What the engine does with one input: hand a key to the program, or act itself.
public enum DecodedInput: Equatable, Sendable {
    case key(Key)
    /// The terminal changed size (KEY_RESIZE).
    case resize
    /// Ctrl-L: repaint everything.
    case repaint
}

/// The curses function-key codes the decoder knows, by name (so tests need no curses import).
public enum CursesKeyCode {
    public static let up = Int32(KEY_UP)
    public static let down = Int32(KEY_DOWN)
    public static let left = Int32(KEY_LEFT)
    public static let right = Int32(KEY_RIGHT)
    public static let pageUp = Int32(KEY_PPAGE)
    public static let pageDown = Int32(KEY_NPAGE)
    public static let home = Int32(KEY_HOME)
    public static let end = Int32(KEY_END)
    public static let enter = Int32(KEY_ENTER)
    public static let backspace = Int32(KEY_BACKSPACE)
    public static let delete = Int32(KEY_DC)
    public static let backTab = Int32(KEY_BTAB)
    public static let resize = Int32(KEY_RESIZE)
    public static let mouse = Int32(KEY_MOUSE)
    /// ESC[200~ and ESC[201~, the brackets of a paste (defined with define_key at start-up).
    public static let pasteStart = Int32(till_paste_start_code())
    public static let pasteEnd = Int32(till_paste_end_code())
    /// KEY_F(n).
    public static func function(_ n: Int) -> Int32 { Int32(till_key_f(Int32(n))) }
}

/// The pure key table: get_wch results to `Key`s. Raw mode means Ctrl-C, Ctrl-Z and friends
/// arrive here as control characters rather than signals.
public enum KeyDecoder {
    public static func decode(_ input: RawInput) -> DecodedInput? {
        switch input {
        case .functionKey(let code):
            return decodeFunctionKey(code)
        case .character(let value):
            return decodeCharacter(value)
        }
    }

    static func decodeFunctionKey(_ code: Int32) -> DecodedInput? {
        switch code {
        case CursesKeyCode.up: return .key(.up)
        case CursesKeyCode.down: return .key(.down)
        case CursesKeyCode.left: return .key(.left)
        case CursesKeyCode.right: return .key(.right)
        case CursesKeyCode.pageUp: return .key(.pageUp)
        case CursesKeyCode.pageDown: return .key(.pageDown)
        case CursesKeyCode.home: return .key(.home)
        case CursesKeyCode.end: return .key(.end)
        case CursesKeyCode.enter: return .key(.enter)
        case CursesKeyCode.backspace: return .key(.backspace)
        case CursesKeyCode.delete: return .key(.delete)
        case CursesKeyCode.backTab: return .key(.backTab)
        case CursesKeyCode.resize: return .resize
        default:
            let f1 = CursesKeyCode.function(1)
            if code >= f1 && code < f1 + 63 { return .key(.function(Int(code - f1) + 1)) }
            return nil
        }
    }

    static func decodeCharacter(_ value: UInt32) -> DecodedInput? {
        switch value {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x1B: return .key(.escape)
        case 0x7F, 0x08: return .key(.backspace)
        case 0x0C: return .repaint
        case 0x01...0x1A:
            // Ctrl-A … Ctrl-Z, as the lower-case letter.
            return .key(.ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60))))
        case 0x00, 0x1C...0x1F, 0x80...0x9F:
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }
}
