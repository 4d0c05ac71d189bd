import Testing
@testable import TillCore

@Suite("Barcode check digits")
struct BarcodeTests {
    @Test("valid EAN-13, EAN-8 and UPC-A codes pass", arguments: ["4006381333931", "5000112548167", "96385074", "036000291452"])
    func valid(code: String) {
        #expect(Barcode.hasValidCheckDigit(code))
        #expect(Barcode.problem(with: code) == nil)
        #expect(Barcode.isValid(code))
    }

    @Test("a well-formed barcode: EAN, UPC or GTIN-14 with its check digit right; not a SKU or another length")
    func wellFormed() {
        #expect(Barcode.isValid("34006381333932"))   // GTIN-14
        #expect(!Barcode.isValid("34006381333931"))  // GTIN-14 length, wrong check digit
        #expect(!Barcode.isValid("4006381333932"))   // EAN-13, wrong check digit
        #expect(!Barcode.isValid("400638133393"))    // 12 digits, wrong check digit
        #expect(!Barcode.isValid("1001"))            // no barcode's length
        #expect(!Barcode.isValid("SKU-1234"))
    }

    @Test("a misread digit or two swapped digits fail, naming the symbology")
    func invalid() {
        #expect(Barcode.problem(with: "4006381333932") == "Misread EAN-13 4006381333932: its check digit is wrong. Nothing was added; scan it again.")
        #expect(Barcode.problem(with: "96385075")?.hasPrefix("Misread EAN-8") == true)
        #expect(Barcode.problem(with: "036000291453")?.hasPrefix("Misread UPC-A") == true)
        #expect(Barcode.problem(with: "4006383133931") != nil)
    }

    @Test("shop SKUs and other lengths are not checked")
    func skus() {
        #expect(Barcode.kind(of: "SKU-1234") == nil)
        #expect(Barcode.problem(with: "12345") == nil)
        #expect(Barcode.problem(with: "ABC123456789") == nil)
    }
}
