import Foundation

/// An ISO 4217 currency: its uppercase code and how many digits its minor unit has.
public struct Currency: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Uppercase ISO 4217 code, e.g. "GBP".
    public let code: String
    /// Digits after the decimal point: 2 for GBP, 0 for JPY, 3 for KWD.
    public let exponent: Int

    /// Parses a code case-insensitively ("gbp", " GBP "). Unknown codes are an error naming the code.
    public init(_ text: String) throws(CurrencyError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        let upper = trimmed.uppercased()
        guard let exponent = Currency.exponents[upper] else { throw .unknown(trimmed) }
        self.code = upper
        self.exponent = exponent
    }

    /// A currency the API reported. Known codes get their ISO exponent; an unknown code is kept
    /// (uppercased) with 2 digits, so one odd price never hides a whole list.
    public init(apiCode: String) {
        let upper = apiCode.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        self.code = upper
        self.exponent = Currency.exponents[upper] ?? 2
    }

    /// Whether the code is in Till's ISO 4217 table.
    public var isKnown: Bool { Currency.exponents[code] != nil }

    public var description: String { code }

    // Codable as the bare code string, the way the API and saved carts spell it.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(apiCode: try container.decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    public static let gbp = Currency(apiCode: "GBP")
    public static let usd = Currency(apiCode: "USD")
    public static let eur = Currency(apiCode: "EUR")
    public static let jpy = Currency(apiCode: "JPY")
    public static let kwd = Currency(apiCode: "KWD")

    /// Every active ISO 4217 currency with a minor unit (metals and funds without one left out).
    public static let allCodes: [String] = exponents.keys.sorted()

    static let exponents: [String: Int] = {
        var table: [String: Int] = [:]
        let twoDigits = """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP \
        BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR \
        FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW \
        KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN \
        NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD \
        SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU \
        UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL
        """
        for code in twoDigits.split(separator: " ") { table[String(code)] = 2 }
        for code in "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split(separator: " ") {
            table[String(code)] = 0
        }
        for code in "BHD IQD JOD KWD LYD OMR TND".split(separator: " ") { table[String(code)] = 3 }
        for code in "CLF UYW".split(separator: " ") { table[String(code)] = 4 }
        return table
    }()
}

/// Why a currency code was refused.
public enum CurrencyError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case unknown(String)

    public var description: String {
        switch self {
        case .empty: "Enter a currency code, such as GBP."
        case .unknown(let code): "Unknown currency \"\(code)\": use an ISO 4217 code such as GBP, EUR or JPY."
        }
    }
}
