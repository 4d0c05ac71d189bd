import Foundation

/// A catalog file's bytes as text: UTF-8 with or without a byte-order mark, or UTF-16 (little or
/// big endian) with one, as spreadsheets write them (Square's export is UTF-16LE). Decoded here,
/// strictly, so a wrong guess never turns prices or barcodes into other characters.
public enum CatalogText {
    /// The encodings a catalog file may be in.
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf8BOM = "UTF-8 with BOM"
        case utf16LE = "UTF-16LE"
        case utf16BE = "UTF-16BE"
    }

    /// The text and the encoding it was found in; a refusal says why in words.
    public static func decode(_ data: Data) throws(CatalogFileError) -> (text: String, encoding: Encoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (try utf8(bytes.dropFirst(3)), .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (try utf16(bytes.dropFirst(2), littleEndian: true), .utf16LE)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (try utf16(bytes.dropFirst(2), littleEndian: false), .utf16BE)
        }
        // UTF-16 without a BOM is valid UTF-8 full of NULs: refuse it rather than read "n\0a\0m\0e".
        if bytes.contains(0) {
            throw .nulBytes
        }
        return (try utf8(bytes[...]), .utf8)
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>) throws(CatalogFileError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Name the line of the first bad byte, so a Latin-1 "£" can be found.
        var line = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let end = min(bytes.endIndex, index + 4)
            if String(validating: bytes[index..<end].prefix(sequenceLength(bytes[index])), as: UTF8.self) == nil {
                break
            }
            if bytes[index] == 0x0A { line += 1 }
            index += max(1, sequenceLength(bytes[index]))
        }
        throw .notUTF8(line: line, byte: "0x" + String(bytes[min(index, bytes.endIndex - 1)], radix: 16, uppercase: true))
    }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: 1
        case 0xC0..<0xE0: 2
        case 0xE0..<0xF0: 3
        case 0xF0..<0xF8: 4
        default: 1
        }
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) throws(CatalogFileError) -> String {
        guard bytes.count % 2 == 0 else { throw .oddUTF16 }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw .loneSurrogate
        }
        return text
    }

    /// The field separator of a catalog: `;`, `,` or a tab, whichever the header line (outside
    /// quotes) holds most of; `,` when it holds none.
    public static func separator(of text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle(); continue }
            if quoted { continue }
            if scalar == "\n" || scalar == "\r" { break }
            if counts[scalar] != nil { counts[scalar, default: 0] += 1 }
        }
        let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key != ",") }!
        return best.value == 0 ? "," : best.key
    }
}

/// Why a whole catalog file cannot be read (a bad row is a `RowProblem` instead), as a value: the
/// command line words it in its language.
public enum CatalogFileError: Error, Equatable, Sendable {
    /// The CSV reader's own words.
    case csv(String)
    /// NUL bytes: UTF-16 without a byte-order mark?
    case nulBytes
    /// Not UTF-8: `line` holds `byte` ("0xA3").
    case notUTF8(line: Int, byte: String)
    /// UTF-16 with an odd number of bytes (cut short).
    case oddUTF16
    /// UTF-16 holding a lone surrogate.
    case loneSurrogate
    /// No header line.
    case emptyFile
    case severalSKUColumns
    case columnTwice(String)
    case noNameColumn

    /// Whether the header line is at fault (else the file's bytes).
    public var isHeader: Bool {
        switch self {
        case .emptyFile, .severalSKUColumns, .columnTwice, .noNameColumn: true
        case .csv, .nulBytes, .notUTF8, .oddUTF16, .loneSurrogate: false
        }
    }
}
