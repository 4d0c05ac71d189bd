/// A key press, as the backend decodes it from the terminal.
public enum Key: Hashable, Sendable {
    /// A printable character (letters keep their case: "n" and "N" differ).
    case char(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    /// Control plus a letter, given lower-case: Ctrl-U is `.ctrl("u")`.
    case ctrl(Character)
    /// F1 is `.function(1)`.
    case function(Int)
    /// Text the terminal delivered as one bracketed paste (line breaks included, as pasted).
    case paste(String)
    /// A code a barcode scanner sent (its characters and Enter in one read), without the Enter
    /// (where a text field has the keys it is typed there, see `BindingTable.keys(forScan:)`).
    case scan(String)

    /// The fewest characters a scan has (EAN-8 has 8; shop SKUs are rarely shorter than 4).
    public static let shortestScan = 4

    /// How the key is written in the hint bar, the help overlay and docs/keys.md.
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .ctrl(let c): "Ctrl-" + String(c).uppercased()
        case .function(let n): "F\(n)"
        case .paste: "paste"
        case .scan: "scan"
        }
    }
}
