import Foundation

/// The command palette (`:`): a line of text that finds any action of the key table by name, or
/// a product to go to. What it lists is worked out by the view layer from the binding table, so
/// it cannot disagree with the keys; the reducer keeps only what was typed and the selection.
public struct PaletteState: Hashable, Sendable {
    public internal(set) var isOpen: Bool
    public internal(set) var query: TextFieldValue
    public internal(set) var selection: Int

    public init() {
        isOpen = false
        query = TextFieldValue()
        selection = 0
    }
}

/// What happened in the palette.
public enum PaletteAction: Hashable, Sendable {
    /// `:`.
    case opened
    case edited(TextEdit)
    /// ↑/↓ over `count` entries.
    case moved(Movement, count: Int)
    /// Esc.
    case closed
    /// Enter on an entry: the palette closes and these actions run, in order (a pane switch,
    /// then the command as its key would send it there).
    case ran([AppAction])
}
