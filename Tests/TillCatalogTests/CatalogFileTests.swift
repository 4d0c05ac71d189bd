import Foundation
import Testing
@testable import TillCatalog
import TillCore

@Suite struct CatalogFileTests {
    let sample = "Name,Price,Currency,SKU\nEspresso,2.50,GBP,00123\nFlat white,3.20,GBP,5012345678900\n"

    func parse(_ text: String, currency: Currency? = nil) throws -> CatalogFile {
        try CatalogFile.parse(Data(text.utf8), defaultCurrency: currency)
    }

    @Test func everyEncodingReadsTheSameRows() throws {
        let utf8 = try CatalogFile.parse(Data(sample.utf8))
        var utf16LE = Data([0xFF, 0xFE])
        var utf16BE = Data([0xFE, 0xFF])
        for unit in sample.utf16 {
            utf16LE += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            utf16BE += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        let files = [
            (Data([0xEF, 0xBB, 0xBF]) + Data(sample.utf8), CatalogText.Encoding.utf8BOM),
            (utf16LE, .utf16LE), (utf16BE, .utf16BE),
        ]
        #expect(utf8.encoding == .utf8)
        #expect(utf8.rows.count == 2)
        for (data, encoding) in files {
            let file = try CatalogFile.parse(data)
            #expect(file.encoding == encoding)
            #expect(file.rows == utf8.rows)
            #expect(file.problems.isEmpty)
        }
    }

    @Test func utf16WithoutAMarkAndLatin1AreRefusedInWords() throws {
        var noMark = Data()
        for unit in sample.utf16 { noMark += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(throws: CatalogFileError.nulBytes) { try CatalogFile.parse(noMark) }
        let latin1 = Data("name,price,currency\nScone,2.00,GBP\nCr".utf8) + Data([0xE8]) + Data("me,1.00,GBP\n".utf8)
        #expect(throws: CatalogFileError.notUTF8(line: 3, byte: "0xE8")) { try CatalogFile.parse(latin1) }
    }

    @Test func semicolonsAndDecimalCommas() throws {
        let file = try parse("name;price;currency\nCroissant;2,75;EUR\nCake;1.234,50;EUR\nTea;\"1,5\";EUR\n")
        #expect(file.separator == ";")
        #expect(file.rows.map(\.price) == [
            Money(minorUnits: 275, currency: .eur), Money(minorUnits: 123_450, currency: .eur),
            Money(minorUnits: 150, currency: .eur),
        ])
    }

    @Test func headerInAnyOrderAndCaseUnknownColumnsNamed() throws {
        let file = try parse("SKU,Colour,CURRENCY,price,Nickname,NAME,Description,Active\n"
                             + "0042,red,gbp,1.00,small,Mug,Blue mug,no\n")
        #expect(file.unknownColumns == ["Colour"])
        #expect(file.rows == [CatalogRow(line: 2, name: "Mug", description: "Blue mug",
                                         price: Money(minorUnits: 100, currency: .gbp), sku: "0042",
                                         nickname: "small", active: false,
                                         fields: ["0042", "red", "gbp", "1.00", "small", "Mug", "Blue mug", "no"])])
        let barcode = try parse("barcode,name\n0000123,Pin\n")
        #expect(barcode.problems.first?.reason == .needsPrice)
    }

    @Test func quotedNewlinesKeepLineNumbers() throws {
        let file = try parse("name,description,price,currency\r\n\"Cake\",\"Two\r\nlines\",3.00,GBP\r\n"
                             + ",no name,1.00,GBP\r\n\"Tart\",\"a \"\"quoted\"\" word\",2.00,GBP\r\n")
        #expect(file.rows.map(\.line) == [2, 5])
        #expect(file.rows.first?.description == "Two\r\nlines")
        #expect(file.rows.last?.description == "a \"quoted\" word")
        #expect(file.problems == [RowProblem(line: 4, reason: .noName, fields: ["", "no name", "1.00", "GBP"])])
    }

    @Test func leadingZerosStayAndScientificBarcodesAreRefused() throws {
        let file = try parse("name,price,currency,sku\nA,1,GBP,000123\nB,1,GBP,4.00638E+12\nC,1,GBP,4E12\n")
        #expect(file.rows.map(\.sku) == ["000123"])
        #expect(file.problems.map(\.line) == [3, 4])
        #expect(file.problems.map(\.reason) == [.scientificSKU("4.00638E+12"), .scientificSKU("4E12")])
    }

    @Test func everyBadRowReasonWithItsLine() throws {
        let file = try parse("""
            name,price,currency,sku
            ,1.00,GBP,A1
            Neg,-1.00,GBP,A2
            Text,abc,GBP,A3
            Decimals,1.234,GBP,A4
            Yen,1.5,JPY,A5
            Dup,1.00,GBP,A6
            Dup two,2.00,GBP,A6
            NoCurrency,1.00,,A7
            Bad currency,1.00,XXQ,A8
            Good,1.00,GBP,A9

            """)
        #expect(file.rows.map(\.line) == [7, 11])
        let reasons = Dictionary(uniqueKeysWithValues: file.problems.map { ($0.line, $0.reason) })
        #expect(reasons[2] == .noName)
        #expect(reasons[3] == .price("-1.00", .negative))
        #expect(reasons[4] == .price("abc", .notANumber("abc")))
        #expect(reasons[5] == .price("1.234", .tooManyDecimals(currency: .gbp, given: 3)))
        #expect(reasons[6] == .price("1.5", .tooManyDecimals(currency: .jpy, given: 1)))
        #expect(reasons[8] == .duplicateSKU("A6", firstLine: 7))
        #expect(reasons[9] == .noCurrency)
        #expect(reasons[10] == .currency(.unknown("XXQ")))
    }

    @Test func defaultCurrencyFillsTheGaps() throws {
        let file = try parse("name,price\nBun,1000\n", currency: .jpy)
        #expect(file.rows.first?.price == Money(minorUnits: 1000, currency: .jpy))
    }

    @Test func aFileWithoutNameColumnIsRefused() throws {
        #expect(throws: CatalogFileError.self) { try parse("title,price\nA,1\n") }
        #expect(throws: CatalogFileError.self) { try parse("") }
        #expect(throws: CatalogFileError.self) { try parse("name,sku,barcode\nA,1,2\n") }
    }
}
