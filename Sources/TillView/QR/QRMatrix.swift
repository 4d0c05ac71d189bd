import CQREncode

/// QR error-correction levels: how much of the symbol may be damaged and still read
/// (L ~7 %, M ~15 %, Q ~25 %, H ~30 %).
public enum QRErrorCorrection: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case low, medium, quartile, high

    /// The order Till tries them in: the most redundancy first, so a code that has the room
    /// survives a scratched screen or a shaky phone best.
    public static let preference: [QRErrorCorrection] = [.high, .quartile, .medium, .low]

    /// The standard's letter: L, M, Q or H.
    public var description: String {
        switch self {
        case .low: "L"
        case .medium: "M"
        case .quartile: "Q"
        case .high: "H"
        }
    }

    var libqrencode: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}

/// A QR symbol as a square of modules (true = dark), without its quiet zone.
public struct QRMatrix: Hashable, Sendable {
    /// Symbol version, 1...40 (the side is 17 + 4 × version modules).
    public let version: Int
    public let level: QRErrorCorrection
    /// Modules per side.
    public let width: Int
    /// Row-major, `width * width` modules.
    private let dark: [Bool]

    /// Encodes `text` (UTF-8, case kept) in the smallest version that holds it at `level`,
    /// with libqrencode choosing numeric/alphanumeric/byte segments. Nil for empty text, text
    /// with a NUL (libqrencode would stop there and encode a different URL), or text too long
    /// for version 40.
    public init?(encoding text: String, level: QRErrorCorrection) {
        guard !text.isEmpty, !text.utf8.contains(0) else { return nil }
        guard let code = QRcode_encodeString(text, 0, level.libqrencode, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let side = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: side * side)
        // Bit 0 of each byte is the module's colour; the other bits describe its role.
        self.init(version: Int(code.pointee.version), level: level, width: side, dark: data.map { $0 & 1 == 1 })
    }

    /// A matrix from given modules (row-major, `width * width` of them).
    public init(version: Int, level: QRErrorCorrection, width: Int, dark: [Bool]) {
        precondition(width >= 0 && dark.count == width * width, "a QR matrix is square")
        self.version = version
        self.level = level
        self.width = width
        self.dark = dark
    }

    /// Whether the module at column x, row y is dark; anything outside the symbol is light
    /// (the quiet zone).
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < width else { return false }
        return dark[y * width + x]
    }
}
