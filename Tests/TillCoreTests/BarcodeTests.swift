import Testing
@testable import TillCore

@Suite("Barcode check digits")
struct BarcodeTests {
    @Test("valid EAN-13, EAN-8 and UPC-A codes pass", arguments: ["4006381333931", "5000112548167", "96385074", "036000291452"])
    func valid(code: String) {
        #expect(Barcode.hasValidCheckDigit(code))
        #expect(Barcode.misread(code) == nil)
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
        #expect(Barcode.misread("4006381333932") == .ean13)
        #expect(Barcode.misread("96385075") == .ean8)
        #expect(Barcode.misread("036000291453") == .upcA)
        #expect(Barcode.misread("4006383133931") != nil)
    }

    @Test("shop SKUs and other lengths are not checked")
    func skus() {
        #expect(Barcode.kind(of: "SKU-1234") == nil)
        #expect(Barcode.misread("12345") == nil)
        #expect(Barcode.misread("ABC123456789") == nil)
    }
}
