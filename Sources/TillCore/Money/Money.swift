import Foundation

/// An amount in a currency's minor unit (pence, cents, yen), exact: no floating point anywhere.
public struct Money: Hashable, Codable, Sendable, CustomStringConvertible {
    public var minorUnits: Int64
    public var currency: Currency

    /// The largest amount WooshPay takes for one unit amount (99,999,999,999 minor units).
    public static let maximumMinorUnits: Int64 = 99_999_999_999

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses what an operator types, in major units: "12.5", "12.50", "1,234.56", ".99", "1000".
    public init(parsing text: String, currency: Currency) throws(MoneyError) {
        self.init(minorUnits: try Money.parseMinorUnits(text, currency: currency), currency: currency)
    }

    /// Display form: "GBP 1,234.56", "JPY 1,000", "KWD 1.250".
    public var description: String { formatted }

    public var formatted: String { "\(currency.code) \(amountText)" }

    /// The amount alone with grouping and the currency's decimals: "1,234.56".
    public var amountText: String {
        let negative = minorUnits < 0
        // magnitude as UInt64 so Int64.min formats too.
        let magnitude = minorUnits.magnitude
        let divisor = UInt64(Money.powerOfTen(currency.exponent))
        let major = magnitude / divisor
        let minor = magnitude % divisor
        var text = groupedDigits(major)
        if currency.exponent > 0 {
            let digits = String(minor)
            text += "." + String(repeating: "0", count: currency.exponent - digits.count) + digits
        }
        return negative ? "-" + text : text
    }

    /// The amount as an operator would type it back, without grouping: "1234.56".
    public var plainText: String { amountText.replacingOccurrences(of: ",", with: "") }

    /// Adds two amounts of one currency; overflow and mixed currencies are errors, never a wrap.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        guard other.currency == currency else { throw .currencyMismatch(currency, other.currency) }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: sum, currency: currency)
    }

    /// Multiplies by a quantity, checking overflow.
    public func multiplied(by quantity: Int) throws(MoneyError) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: Int64(quantity))
        guard !overflow else { throw .overflow }
        return Money(minorUnits: product, currency: currency)
    }

    /// Sums amounts in one currency; an empty list is zero.
    public static func sum(_ amounts: [Money], currency: Currency) throws(MoneyError) -> Money {
        var total = Money(minorUnits: 0, currency: currency)
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    static func powerOfTen(_ exponent: Int) -> Int64 {
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }


    static func parseMinorUnits(_ text: String, currency: Currency) throws(MoneyError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed.hasPrefix("-") { throw .negative }
        var body = Substring(trimmed)
        if body.hasPrefix("+") { body = body.dropFirst() }

        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw .notANumber(trimmed) }
        let wholePart = parts[0]
        let fractionPart = parts.count == 2 ? parts[1] : ""
        guard !(wholePart.isEmpty && fractionPart.isEmpty) else { throw .notANumber(trimmed) }

        // Thousands separators are allowed only in their proper places: "1,234", not "12,34".
        var wholeDigits = ""
        if wholePart.contains(",") {
            let groups = wholePart.split(separator: ",", omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                throw .misplacedSeparator(trimmed)
            }
            wholeDigits = groups.joined()
        } else {
            wholeDigits = String(wholePart)
        }
        guard wholeDigits.allSatisfy(\.isASCIIDigit), fractionPart.allSatisfy(\.isASCIIDigit) else {
            throw .notANumber(trimmed)
        }
        guard fractionPart.count <= currency.exponent else {
            throw .tooManyDecimals(currency: currency, given: fractionPart.count)
        }

        var value: Int64 = 0
        let padded = wholeDigits + fractionPart + String(repeating: "0", count: currency.exponent - fractionPart.count)
        for character in padded {
            let digit = Int64(character.asciiValue! - 48)
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times.addingReportingOverflow(digit)
            guard !o1, !o2, next <= maximumMinorUnits else { throw .tooLarge(currency: currency) }
            value = next
        }
        return value
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// Why an amount was refused, in words an operator understands.
public enum MoneyError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case negative
    case notANumber(String)
    case misplacedSeparator(String)
    case tooManyDecimals(currency: Currency, given: Int)
    case tooLarge(currency: Currency)
    case overflow
    case currencyMismatch(Currency, Currency)

    public var description: String {
        switch self {
        case .empty:
            return "Enter an amount, such as 12.50."
        case .negative:
            return "Amounts cannot be negative."
        case .notANumber(let text):
            return "\"\(text)\" is not an amount: use digits with an optional decimal point, such as 12.50."
        case .misplacedSeparator(let text):
            return "\"\(text)\" has a comma out of place: use commas only between groups of three digits, such as 1,234.56."
        case .tooManyDecimals(let currency, let given):
            if currency.exponent == 0 {
                return "\(currency.code) has no minor unit: enter a whole number (\(given) decimal\(given == 1 ? "" : "s") given)."
            }
            return "\(currency.code) takes at most \(currency.exponent) decimal\(currency.exponent == 1 ? "" : "s") (\(given) given)."
        case .tooLarge(let currency):
            let most = Money(minorUnits: Money.maximumMinorUnits, currency: currency)
            return "That amount is too large: the most is \(most.formatted)."
        case .overflow:
            return "The total is too large to add up."
        case .currencyMismatch(let a, let b):
            return "Cannot combine \(a.code) and \(b.code) amounts."
        }
    }
}
