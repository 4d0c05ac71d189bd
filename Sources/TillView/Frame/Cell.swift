/// One terminal cell: one grapheme cluster, or "" for the right half of a wide character.
///
/// The grapheme's UTF-8 is kept inline (up to 15 bytes), so a cell is a plain value with no
/// reference counting: building, copying, comparing and freeing a frame of thousands of cells
/// costs no retain/release, and a backend can diff two frames cell by cell cheaply.
/// A longer cluster (a family emoji, a pile of combining marks) cannot be drawn whole: `Frame`
/// draws "�" padded to its width instead (see `canHold`); should one still reach a cell, it keeps
/// its first scalar, plus U+FE0F when that is what makes it two columns wide.
public struct Cell: Hashable, Sendable {
    // Bytes 0...14 of the two words hold the UTF-8; byte 15 holds the length.
    private var low: UInt64
    private var high: UInt64
    private var storedWidth: UInt8
    public var style: Style

    public init(text: String, width: Int, style: Style = []) {
        (low, high) = Cell.pack(text, width: width)
        storedWidth = UInt8(clamping: width)
        self.style = style
    }

    /// A one-column cell holding the printable ASCII byte `byte`.
    init(ascii byte: UInt8, style: Style) {
        low = UInt64(byte)
        high = 1 << 56
        storedWidth = 1
        self.style = style
    }

    /// The grapheme drawn here; "" when this cell is covered by the wide character to its left.
    public var text: String {
        get {
            let count = Int(high >> 56)
            if count == 1 && low < 0x80 { return String(UnicodeScalar(UInt8(low))) }
            return withUnsafeBytes(of: (low, high)) { raw in
                String(decoding: UnsafeRawBufferPointer(rebasing: raw.prefix(count)), as: UTF8.self)
            }
        }
        set { (low, high) = Cell.pack(newValue, width: width) }
    }

    /// Columns this cell's grapheme takes: 1, 2 (wide; the next cell is its right half) or 0 (right half).
    public var width: Int {
        get { Int(storedWidth) }
        set { storedWidth = UInt8(clamping: newValue) }
    }

    /// The most scalars one curses cell holds (ncurses' CCHARW_MAX).
    public static let maximumScalars = 5

    /// Whether `character` fits one cell whole: at most 15 bytes of UTF-8 (the inline storage)
    /// and `maximumScalars` scalars (what curses keeps).
    public static func canHold(_ character: Character) -> Bool {
        character.utf8.count <= 15 && character.unicodeScalars.count <= maximumScalars
    }

    /// An empty, unstyled cell.
    public static let blank = Cell(ascii: 0x20, style: [])

    /// Whether this cell is the right half of a wide character.
    public var isContinuation: Bool { storedWidth == 0 }

    /// Appends the cell's UTF-8 to `buffer` (for building rows without intermediate strings).
    func appendUTF8(to buffer: inout [UInt8]) {
        let count = Int(high >> 56)
        guard count > 0 else { return }
        withUnsafeBytes(of: (low, high)) { raw in buffer.append(contentsOf: raw.prefix(count)) }
    }

    private static func pack(_ text: String, width: Int) -> (UInt64, UInt64) {
        var utf8 = Array(text.utf8)
        if utf8.count > 15 {
            // Too long to keep inline: the base scalar alone (with VS16 if the cluster is wide).
            let first = text.unicodeScalars.first!
            var short = String(first)
            if width == 2 && scalarWidth(first) < 2 { short.unicodeScalars.append("\u{FE0F}") }
            utf8 = Array(short.utf8)
        }
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            for (i, byte) in utf8.enumerated() { raw[i] = byte }
            raw[15] = UInt8(utf8.count)
        }
        return words
    }
}
