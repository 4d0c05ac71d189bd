/// One terminal cell: one grapheme cluster, or "" for the right half of a wide character.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here; "" when this cell is covered by the wide character to its left.
    public var text: String
    /// Columns this cell's grapheme takes: 1, 2 (wide; the next cell is its right half) or 0 (right half).
    public var width: Int
    public var style: Style

    public init(text: String, width: Int, style: Style = []) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// An empty, unstyled cell.
    public static let blank = Cell(text: " ", width: 1)

    /// Whether this cell is the right half of a wide character.
    public var isContinuation: Bool { width == 0 }
}
