import Foundation

/// LEB128 varints, the lengths in the compact catalog's UTF-8 buffers (`CatalogItems`,
/// `CatalogPrices`): 7 bits a byte, the high bit set on every byte but the last.
enum Varint {
    /// The varint at `at`, moving `at` past it.
    static func read(_ text: UnsafeBufferPointer<UInt8>, _ at: inout Int) -> Int {
        var value = 0, shift = 0
        while true {
            let byte = text[at]
            at += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    static func append(_ value: Int, to text: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            text.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        text.append(UInt8(value))
    }

    /// How many bytes `append` writes for `value`.
    static func length(_ value: Int) -> Int {
        var value = value, length = 1
        while value >= 0x80 { value >>= 7; length += 1 }
        return length
    }
}
