import Foundation
import Testing
@testable import TillCore

@Suite("Money and Currency")
struct MoneyTests {
    @Test("Parsing what an operator types", arguments: [
        ("12.5", Currency.gbp, Int64(1250)),
        ("12.50", .gbp, 1250),
        ("12", .gbp, 1200),
        ("12.", .gbp, 1200),
        ("1,234.56", .gbp, 123_456),
        ("1,234,567", .gbp, 123_456_700),
        ("0.99", .gbp, 99),
        (".99", .gbp, 99),
        ("0", .gbp, 0),
        (" 7.05 ", .gbp, 705),
        ("+5", .gbp, 500),
        ("1000", .jpy, 1000),
        ("1,000", .jpy, 1000),
        ("1.250", .kwd, 1250),
        ("1.25", .kwd, 1250),
        ("999,999,999.99", .gbp, 99_999_999_999),
        ("99999999999", .jpy, 99_999_999_999),
    ])
    func parses(text: String, currency: Currency, minor: Int64) throws {
        #expect(try Money(parsing: text, currency: currency) == Money(minorUnits: minor, currency: currency))
    }

    @Test("Every way an amount is refused", arguments: [
        ("", Currency.gbp, MoneyError.empty),
        ("   ", .gbp, .empty),
        ("-1", .gbp, .negative),
        ("-0.50", .gbp, .negative),
        ("abc", .gbp, .notANumber("abc")),
        ("12.3.4", .gbp, .notANumber("12.3.4")),
        (".", .gbp, .notANumber(".")),
        ("1e5", .gbp, .notANumber("1e5")),
        ("1 000", .gbp, .notANumber("1 000")),
        ("+-1", .gbp, .notANumber("+-1")),
        ("١٢", .gbp, .notANumber("١٢")),
        ("12.345", .gbp, .tooManyDecimals(currency: .gbp, given: 3)),
        ("1.5", .jpy, .tooManyDecimals(currency: .jpy, given: 1)),
        ("1.2345", .kwd, .tooManyDecimals(currency: .kwd, given: 4)),
        ("1,23", .gbp, .misplacedSeparator("1,23")),
        ("1,2345", .gbp, .misplacedSeparator("1,2345")),
        (",123", .gbp, .misplacedSeparator(",123")),
        ("1234,567", .gbp, .misplacedSeparator("1234,567")),
        ("1000000000", .gbp, .tooLarge(currency: .gbp)),
        ("99999999999999999999999", .jpy, .tooLarge(currency: .jpy)),
    ])
    func refuses(text: String, currency: Currency, error: MoneyError) {
        #expect(throws: error) { try Money(parsing: text, currency: currency) }
    }

    @Test("Refusals read as sentences naming the problem")
    func errorMessages() {
        #expect(MoneyError.empty.description == "Enter an amount, such as 12.50.")
        #expect(MoneyError.negative.description == "Amounts cannot be negative.")
        #expect(MoneyError.tooManyDecimals(currency: .gbp, given: 3).description == "GBP takes at most 2 decimals (3 given).")
        #expect(MoneyError.tooManyDecimals(currency: .jpy, given: 1).description
                == "JPY has no minor unit: enter a whole number (1 decimal given).")
        #expect(MoneyError.tooLarge(currency: .gbp).description == "That amount is too large: the most is GBP 999,999,999.99.")
        #expect(MoneyError.misplacedSeparator("1,23").description.contains("\"1,23\" has a comma out of place"))
        #expect(MoneyError.notANumber("abc").description.hasPrefix("\"abc\" is not an amount"))
        #expect(MoneyError.currencyMismatch(.gbp, .usd).description == "Cannot combine GBP and USD amounts.")
    }

    @Test("Formatting with the code and the currency's decimals", arguments: [
        (Int64(123_456), Currency.gbp, "GBP 1,234.56"),
        (1000, .jpy, "JPY 1,000"),
        (1250, .kwd, "KWD 1.250"),
        (5, .gbp, "GBP 0.05"),
        (0, .gbp, "GBP 0.00"),
        (0, .jpy, "JPY 0"),
        (-150, .usd, "USD -1.50"),
        (99_999_999_999, .gbp, "GBP 999,999,999.99"),
        (12_345, Currency(apiCode: "CLF"), "CLF 1.2345"),
        (Int64.min, .jpy, "JPY -9,223,372,036,854,775,808"),
        (Int64.max, .gbp, "GBP 92,233,720,368,547,758.07"),
    ])
    func formats(minor: Int64, currency: Currency, text: String) {
        #expect(Money(minorUnits: minor, currency: currency).formatted == text)
        #expect(Money(minorUnits: minor, currency: currency).description == text)
    }

    @Test func plainTextHasNoGrouping() {
        #expect(gbp(123_456).plainText == "1234.56")
        #expect(gbp(123_456).amountText == "1,234.56")
    }

    @Test("Currency codes: case-insensitive, exponents from the ISO 4217 table", arguments: [
        ("gbp", "GBP", 2), (" GBP ", "GBP", 2), ("usd", "USD", 2), ("EUR", "EUR", 2),
        ("jpy", "JPY", 0), ("KRW", "KRW", 0), ("VND", "VND", 0), ("CLP", "CLP", 0), ("ISK", "ISK", 0),
        ("UGX", "UGX", 0), ("XAF", "XAF", 0), ("XOF", "XOF", 0),
        ("BHD", "BHD", 3), ("jod", "JOD", 3), ("KWD", "KWD", 3), ("OMR", "OMR", 3), ("TND", "TND", 3),
    ])
    func currencies(text: String, code: String, exponent: Int) throws {
        let currency = try Currency(text)
        #expect(currency.code == code)
        #expect(currency.exponent == exponent)
        #expect(currency.isKnown)
    }

    @Test func unknownCurrencies() {
        #expect(throws: CurrencyError.empty) { try Currency("") }
        #expect(throws: CurrencyError.empty) { try Currency("  ") }
        #expect(throws: CurrencyError.unknown("XYZ")) { try Currency("XYZ") }
        #expect(throws: CurrencyError.unknown("gb")) { try Currency("gb") }
        #expect(CurrencyError.unknown("XYZ").description.contains("\"XYZ\""))
        let lenient = Currency(apiCode: "xyz")
        #expect(lenient.code == "XYZ" && lenient.exponent == 2 && !lenient.isKnown)
        #expect(Currency.allCodes.count > 150)
    }

    @Test func addingChecksCurrencyAndOverflow() throws {
        #expect(try gbp(150).adding(gbp(250)) == gbp(400))
        #expect(throws: MoneyError.currencyMismatch(.gbp, .usd)) { try gbp(1).adding(Money(minorUnits: 1, currency: .usd)) }
        #expect(throws: MoneyError.overflow) { try gbp(Int64.max).adding(gbp(1)) }
        #expect(throws: MoneyError.overflow) { try gbp(Int64.max / 2 + 1).multiplied(by: 2) }
        #expect(try gbp(350).multiplied(by: 3) == gbp(1050))
        #expect(try Money.sum([], currency: .gbp) == gbp(0))
    }
}

@Suite struct DigitGroupingTests {
    @Test func countsAndAmountsGroupTheirDigitsAlike() {
        #expect(groupedDigits(0) == "0")
        #expect(groupedDigits(999) == "999")
        #expect(groupedDigits(100_000) == "100,000")
        #expect(groupedDigits(-1_234) == "-1,234")
        #expect(groupedDigits(UInt64.max) == "18,446,744,073,709,551,615")
        #expect(groupedDigits(Int.min) == "-9,223,372,036,854,775,808")
    }
}
