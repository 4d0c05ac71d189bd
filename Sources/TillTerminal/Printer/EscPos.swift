import Foundation
import TillConfig
import TillView

/// ESC/POS bytes for an Epson-compatible receipt printer, built one command at a time. Text is
/// encoded in the printer's code page (`ESC t n` at the start): a character the page lacks prints
/// as `?`, and nothing a string holds can become a control byte.
public struct EscPos: Sendable {
    public private(set) var bytes: [UInt8]
    public let codePage: PrinterCodePage

    static let esc: UInt8 = 0x1B, gs: UInt8 = 0x1D, lf: UInt8 = 0x0A

    /// `ESC @` (initialise: a job left half done by another does not leak its modes into this one),
    /// then the code page.
    public init(codePage: PrinterCodePage) {
        self.codePage = codePage
        bytes = [Self.esc, 0x40, Self.esc, 0x74, codePage.escPosNumber]
    }

    public enum Alignment: UInt8, Sendable { case left = 0, centre = 1, right = 2 }

    /// One line of text and a line feed.
    public mutating func line(_ text: String) {
        bytes += Self.encode(text, in: codePage)
        bytes.append(Self.lf)
    }

    /// `ESC a n`.
    public mutating func align(_ alignment: Alignment) { bytes += [Self.esc, 0x61, alignment.rawValue] }
    /// `ESC E n`.
    public mutating func bold(_ on: Bool) { bytes += [Self.esc, 0x45, on ? 1 : 0] }
    /// `GS ! n`: double width and height, or normal.
    public mutating func large(_ on: Bool) { bytes += [Self.gs, 0x21, on ? 0x11 : 0x00] }
    /// `ESC d n`: feed n lines.
    public mutating func feed(_ lines: UInt8) { bytes += [Self.esc, 0x64, lines] }
    /// `GS V 66 n`: feed to the cutter and cut (partial cut, which holds the paper for the hand).
    public mutating func cut() { bytes += [Self.gs, 0x56, 66, 3] }

    /// The QR code through the printer's own `GS ( k` (model 2, level M, `moduleSize` dots a module).
    public mutating func nativeQR(_ text: String, moduleSize: UInt8 = 6) {
        // A QR code holds 7,089 bytes at most (and `GS ( k` counts in two bytes): longer data
        // cannot be a code, so none is printed rather than a length that does not fit.
        let data = Array(text.utf8)
        guard data.count <= 7_089 else { return }
        func k(_ body: [UInt8]) {
            let length = body.count
            bytes += [Self.gs, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8)] + body
        }
        k([0x31, 0x41, 0x32, 0x00])          // fn 165: model 2
        k([0x31, 0x43, moduleSize])          // fn 167: module size
        k([0x31, 0x45, 0x31])                // fn 169: error correction M
        k([0x31, 0x50, 0x30] + data)         // fn 180: store the data
        k([0x31, 0x51, 0x30])                // fn 181: print it
    }

    /// The QR code as a raster image (`GS v 0`), drawn by Till (libqrencode, level M) with a quiet
    /// zone of 4 modules, as wide as fits `maxDots` dots (384: a 58 mm head; 80 mm heads have more).
    /// Returns false, drawing nothing, when the text cannot be a QR code.
    @discardableResult
    public mutating func rasterQR(_ text: String, maxDots: Int = 384) -> Bool {
        guard let matrix = QRMatrix(encoding: text, level: .medium) else { return false }
        let quiet = 4
        let modules = matrix.width + 2 * quiet
        let scale = max(1, min(8, maxDots / modules))
        let dots = modules * scale
        let rowBytes = (dots + 7) / 8
        var image = [UInt8](repeating: 0, count: rowBytes * dots)
        for y in 0..<dots {
            for x in 0..<dots where matrix[x / scale - quiet, y / scale - quiet] {
                image[y * rowBytes + x / 8] |= 0x80 >> UInt8(x % 8)
            }
        }
        bytes += [Self.gs, 0x76, 0x30, 0x00, UInt8(rowBytes & 0xFF), UInt8(rowBytes >> 8), UInt8(dots & 0xFF), UInt8(dots >> 8)]
        bytes += image
        return true
    }

    /// `text` in `page`: printable ASCII as it is, other characters by the page's table (composed
    /// first, so "é" written as e + accent finds its byte), anything else, controls included, as `?`.
    /// One byte per character, so a line laid out one column per character keeps its columns.
    public static func encode(_ text: String, in page: PrinterCodePage) -> [UInt8] {
        let table = page.table
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for character in text {
            let scalars = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
            guard scalars.count == 1, let scalar = scalars.first else {
                out.append(0x3F)
                continue
            }
            if scalar.value >= 0x20 && scalar.value < 0x7F {
                out.append(UInt8(scalar.value))
            } else if scalar.value >= 0xA0, scalar.value != 0xFFFD, let index = table.firstIndex(of: scalar) {
                // (C0 and C1 controls and DEL never get here: they are no character to print.)
                out.append(0x80 + UInt8(index))
            } else {
                out.append(0x3F)
            }
        }
        return out
    }
}

extension PrinterCodePage {
    /// What bytes 0x80–0xFF print in this page.
    var table: [Unicode.Scalar] {
        switch self {
        case .cp437: CodePageTables.cp437
        case .cp850: CodePageTables.cp850
        case .cp858: CodePageTables.cp858
        case .cp1252: CodePageTables.cp1252
        }
    }
}
