import TillCore
/// A QR symbol drawn with Unicode half blocks: one module per column and two per row (a cell is
/// about twice as tall as it is wide, so modules come out square). The glyph's ink is the dark
/// module; the cell's background is the light field, so the block must be drawn in the `.qrCode`
/// style (black on white, or reverse video without colours).
public struct QRBlock: Hashable, Sendable {
    /// Light modules around the symbol on every side. The standard asks for 4; 2 is what phone
    /// readers need in practice, and it lets a version 6 symbol fit an 80×24 terminal.
    public static let quietZone = 2

    /// One string per terminal row, each `size.width` one-column characters (▀ ▄ █ or space).
    public let lines: [String]
    /// Columns × rows the block takes, quiet zone included.
    public let size: Size
    public let version: Int
    public let level: QRErrorCorrection
    /// The lines as cells in the `.qrCode` style, made once so drawing is a copy.
    let cells: [[Cell]]

    /// The symbol with a quiet zone of `quietZone` modules (at least `QRBlock.quietZone`) on
    /// each side; when the module rows come to an odd number the last cell's lower half is
    /// one more light row, so no cell is half field, half terminal.
    public init(_ matrix: QRMatrix, quietZone: Int = QRBlock.quietZone) {
        let zone = max(QRBlock.quietZone, quietZone)
        size = QRBlock.size(modules: matrix.width, quietZone: zone)
        version = matrix.version
        level = matrix.level
        var lines: [String] = []
        lines.reserveCapacity(size.height)
        for row in 0..<size.height {
            let top = 2 * row - zone, bottom = top + 1
            var line = ""
            line.unicodeScalars.reserveCapacity(size.width)
            for column in 0..<size.width {
                let x = column - zone
                line.unicodeScalars.append(QRBlock.glyph(top: matrix[x, top], bottom: matrix[x, bottom]))
            }
            lines.append(line)
        }
        self.lines = lines
        let glyphs = ["▀", "▄", "█", " "].map { ($0.unicodeScalars.first!, Cell(text: $0, width: 1, style: .qrCode)) }
        let cellFor = Dictionary(uniqueKeysWithValues: glyphs)
        cells = lines.map { line in line.unicodeScalars.map { cellFor[$0]! } }
    }

    /// The cells a symbol of `modules` per side takes with its quiet zone.
    public static func size(modules: Int, quietZone: Int = QRBlock.quietZone) -> Size {
        let side = modules + 2 * quietZone
        return Size(width: side, height: (side + 1) / 2)
    }

    /// The half block for a cell's upper and lower module (true = dark).
    public static func glyph(top: Bool, bottom: Bool) -> Unicode.Scalar {
        switch (top, bottom) {
        case (true, true): "█"
        case (true, false): "▀"
        case (false, true): "▄"
        case (false, false): " "
        }
    }
}

/// Where a QR code stands against the space offered for it.
public enum QRPlacement: Hashable, Sendable {
    /// The code, at the highest error correction whose smallest symbol fits.
    case fits(QRBlock)
    /// Nothing fits: the least space (columns × rows) the code needs, at level L.
    case needs(Size)
    /// No QR symbol can hold the text (empty, a NUL, or beyond version 40).
    case unencodable
}

extension QRBlock {
    /// The code for `text` in at most `space` cells: for each level from H down to L the
    /// smallest version that holds the text, and the first of those whose block fits. Never a
    /// clipped code: when none fits, the size the smallest one needs.
    public static func fitting(_ text: String, in space: Size, cache: QRMatrixCache = .shared) -> QRPlacement {
        var smallest: Size?
        for level in QRErrorCorrection.preference {
            guard let block = cache.block(for: text, level: level) else { continue }
            if block.size.width <= space.width && block.size.height <= space.height { return .fits(block) }
            smallest = block.size
        }
        guard let smallest else { return .unencodable }
        return .needs(smallest)
    }
}

extension Frame {
    /// Draws `block` with its top left at `origin` in the `.qrCode` style. A block that would
    /// be clipped by the frame is not drawn at all (a partial code scans as nothing, or worse);
    /// returns whether it was drawn.
    @discardableResult
    public mutating func draw(_ block: QRBlock, at origin: Point) -> Bool {
        guard origin.x >= 0, origin.y >= 0, origin.x + block.size.width <= width,
              origin.y + block.size.height <= height else { return false }
        for (row, cells) in block.cells.enumerated() {
            setCells(cells, x: origin.x, y: origin.y + row)
        }
        return true
    }
}
