import Foundation

/// Check digits of the retail barcodes a scanner reads: EAN-13, EAN-8 and UPC-A. A misread digit
/// (or two swapped neighbours, mostly) fails the check, so a bad read is refused rather than
/// sold as some other item.
public enum Barcode {
    /// The symbology a code of only digits has by its length, if it is one with a check digit.
    public enum Kind: String, Hashable, Sendable {
        case ean8 = "EAN-8", upcA = "UPC-A", ean13 = "EAN-13"
    }

    public static func kind(of code: String) -> Kind? {
        guard isDigits(code) else { return nil }
        switch code.utf8.count {
        case 8: return .ean8
        case 12: return .upcA
        case 13: return .ean13
        default: return nil
        }
    }

    /// Whether the last digit is the right check digit: weights 3 and 1 alternate from the digit
    /// next to it leftwards, and the check digit brings the sum to a multiple of ten (GS1).
    public static func hasValidCheckDigit(_ code: String) -> Bool {
        let digits = code.utf8.map { Int($0) - 0x30 }
        guard let check = digits.last, digits.count >= 2 else { return false }
        var sum = 0
        for (offset, digit) in digits.dropLast().reversed().enumerated() {
            sum += digit * (offset % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10 == check
    }

    /// Whether the code is only ASCII digits.
    public static func isDigits(_ code: String) -> Bool {
        code.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Whether the code is an EAN-8, UPC-A, EAN-13 or GTIN-14 (a case's code) with the right check digit.
    public static func isValid(_ code: String) -> Bool {
        (kind(of: code) != nil || (code.utf8.count == 14 && isDigits(code))) && hasValidCheckDigit(code)
    }

    /// The symbology of a misread code (its check digit is wrong), or nil: only codes of a
    /// symbology with a check digit are checked (a shop's own SKUs are taken as they are).
    public static func misread(_ code: String) -> Kind? {
        guard let kind = kind(of: code), !hasValidCheckDigit(code) else { return nil }
        return kind
    }
}
