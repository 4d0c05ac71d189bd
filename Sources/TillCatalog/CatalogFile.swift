import CSV
import Foundation
import TillCore
import WooshPay

/// One good row of a catalog file: a product, and the price it sells at when the row has one.
public struct CatalogRow: Hashable, Sendable {
    /// The line the row starts on (1 is the header; a quoted field may span lines).
    public var line: Int
    public var name: String
    public var description: String?
    public var price: Money?
    /// The SKU or barcode, sent as the price's `lookup_key`.
    public var sku: String?
    public var nickname: String?
    /// The product's flag: false archives it.
    public var active = true
    /// The fields as the file has them, for `--report`.
    public var fields: [String] = []
}

/// A row that cannot be imported, with its line and why.
public struct RowProblem: Hashable, Sendable {
    public var line: Int
    public var reason: RowReason
    /// The fields as the file has them, for `--report`.
    public var fields: [String]
}

/// Why a row is not imported, as a value: the command line words it in its language (TillCatalog
/// builds no sentences). What the file or the API said is carried as it came.
public enum RowReason: Hashable, Sendable {
    /// More fields than the header names columns.
    case fieldCount(found: Int, columns: Int)
    case noName
    case name(NameProblem)
    /// A name holding a line break, a tab or another control character.
    case nameControls
    /// A SKU a spreadsheet wrote in scientific notation (its digits are lost).
    case scientificSKU(String)
    case sku(LookupKeyProblem)
    /// An `active` value that is not true or false.
    case activeFlag(String)
    case currency(CurrencyError)
    /// A price with no currency column and no `--currency`.
    case noCurrency
    case price(String, MoneyError)
    /// A SKU or nickname on a row with no price.
    case needsPrice
    /// A SKU already on an earlier line of the file.
    case duplicateSKU(String, firstLine: Int)
    /// A SKU the account has on another product (`--update` would rename it).
    case skuOnOtherProduct(sku: String, name: String, id: String)
    /// A SKU the account has on another product than the one of this row's name.
    case skuOnAnotherProduct(sku: String, name: String, id: String)
    /// An archived product (it takes no new price without `--update` and active=true).
    case archived(name: String, id: String)
    /// The API refused the row's request.
    case refused(APIFailure)
    /// The run stopped before the row was sent.
    case notAttempted(APIFailure)
}

/// A catalog CSV file read and checked row by row: columns by header name in any order and case.
public struct CatalogFile: Sendable {
    /// The columns Till reads.
    public enum Column: String, CaseIterable, Sendable {
        case name, description, price, currency, sku, nickname, active
    }

    public var encoding: CatalogText.Encoding
    public var separator: Unicode.Scalar
    /// The header as the file spells it (the report repeats it).
    public var header: [String]
    public var rows: [CatalogRow]
    public var problems: [RowProblem]
    /// Header names Till does not read, as spelt in the file.
    public var unknownColumns: [String]
    /// How many data rows there were, good and bad (blank lines not counted).
    public var rowCount: Int { rows.count + problems.count }

    /// Reads `data`. `defaultCurrency` is for rows with a price and no currency.
    public static func parse(_ data: Data, defaultCurrency: Currency? = nil) throws(CatalogFileError) -> CatalogFile {
        let (text, encoding) = try CatalogText.decode(data)
        let separator = CatalogText.separator(of: text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: separator)
        } catch {
            throw .csv("\(error)")
        }
        guard let header = reader.next(), header.contains(where: { !$0.isEmpty }) else {
            throw .emptyFile
        }
        var line = 1 + newlines(in: header)
        var index: [Column: Int] = [:]
        var unknown: [String] = []
        for (position, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            let column: Column? = name == "barcode" ? .sku : Column(rawValue: name)
            guard let column else {
                if !name.isEmpty { unknown.append(raw) }
                continue
            }
            if index[column] != nil {
                throw column == .sku ? .severalSKUColumns : .columnTwice(column.rawValue)
            }
            index[column] = position
        }
        guard index[.name] != nil else {
            throw .noNameColumn
        }
        var file = CatalogFile(encoding: encoding, separator: separator, header: header, rows: [], problems: [],
                               unknownColumns: unknown)
        var skuLines: [String: Int] = [:]
        while let fields = reader.next() {
            let start = line + 1
            line = start + newlines(in: fields)
            // A blank line is no row.
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            switch Self.row(fields, line: start, index: index, headerCount: header.count,
                            defaultCurrency: defaultCurrency) {
            case .success(let row):
                if let sku = row.sku {
                    if let first = skuLines[sku] {
                        file.problems.append(RowProblem(line: start, reason: .duplicateSKU(sku, firstLine: first),
                                                        fields: fields))
                        continue
                    }
                    skuLines[sku] = start
                }
                file.rows.append(row)
            case .failure(let refusal):
                file.problems.append(RowProblem(line: start, reason: refusal.reason, fields: fields))
            }
        }
        if let error = reader.error { throw .csv("\(error)") }
        return file
    }

    struct Refusal: Error { var reason: RowReason }

    /// One row checked: every rule that needs no API.
    static func row(_ fields: [String], line: Int, index: [Column: Int], headerCount: Int,
                    defaultCurrency: Currency?) -> Result<CatalogRow, Refusal> {
        func field(_ column: Column) -> String? {
            guard let position = index[column], position < fields.count else { return nil }
            let value = fields[position].trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        if fields.count > headerCount, fields[headerCount...].contains(where: { !$0.isEmpty }) {
            return .failure(Refusal(reason: .fieldCount(found: fields.count, columns: headerCount)))
        }
        guard let name = field(.name) else { return .failure(Refusal(reason: .noName)) }
        if let problem = ProductDraft.nameProblem(name) { return .failure(Refusal(reason: .name(problem))) }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return .failure(Refusal(reason: .nameControls))
        }
        var row = CatalogRow(line: line, name: name, description: field(.description), nickname: field(.nickname),
                             fields: fields)
        if let sku = field(.sku) {
            if isScientific(sku) {
                return .failure(Refusal(reason: .scientificSKU(sku)))
            }
            if let problem = PriceDraft.lookupKeyProblem(sku) {
                return .failure(Refusal(reason: .sku(problem)))
            }
            row.sku = sku
        }
        if let flag = field(.active) {
            guard let active = parseFlag(flag) else {
                return .failure(Refusal(reason: .activeFlag(flag)))
            }
            row.active = active
        }
        let currencyText = field(.currency)
        if let priceText = field(.price) {
            let currency: Currency
            if let currencyText {
                do { currency = try Currency(currencyText) } catch {
                    return .failure(Refusal(reason: .currency(error)))
                }
            } else if let defaultCurrency {
                currency = defaultCurrency
            } else {
                return .failure(Refusal(reason: .noCurrency))
            }
            do {
                row.price = try parsePrice(priceText, currency: currency)
            } catch {
                return .failure(Refusal(reason: .price(priceText, error)))
            }
        } else if row.sku != nil || row.nickname != nil {
            return .failure(Refusal(reason: .needsPrice))
        } else if let currencyText {
            // A currency alone is harmless but should still be a real one.
            do { _ = try Currency(currencyText) } catch {
                return .failure(Refusal(reason: .currency(error)))
            }
        }
        return .success(row)
    }

    /// A price in major units with `.` or `,` as the decimal mark. When both appear, the last is
    /// the decimal mark and the other groups thousands (`1.234,56`, `1,234.56`); a lone `,` is the
    /// decimal mark (`2,50`), unless it repeats (`1,234,567`).
    public static func parsePrice(_ text: String, currency: Currency) throws(MoneyError) -> Money {
        var normalized = text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{A0}", with: "")
        if normalized.hasPrefix("-") { throw .negative }
        let commas = normalized.filter { $0 == "," }.count
        let dots = normalized.filter { $0 == "." }.count
        if commas > 0, dots > 0 {
            let lastComma = normalized.lastIndex(of: ",")!, lastDot = normalized.lastIndex(of: ".")!
            if lastComma > lastDot {
                normalized = normalized.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            } else {
                normalized = normalized.replacingOccurrences(of: ",", with: "")
            }
        } else if commas == 1 {
            normalized = normalized.replacingOccurrences(of: ",", with: ".")
        } else if dots > 1 {
            // 1.234.567: dots grouping thousands.
            normalized = normalized.replacingOccurrences(of: ".", with: ",")
        }
        return try Money(parsing: normalized, currency: currency)
    }

    /// `4.00638E+12`, `4E12`: what a spreadsheet makes of a long number.
    static func isScientific(_ text: String) -> Bool {
        text.wholeMatch(of: #/[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+/#) != nil
    }

    static func parseFlag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "y", "1", "active": true
        case "false", "no", "n", "0", "archived", "inactive": false
        default: nil
        }
    }

    /// Line breaks inside a row's quoted fields (CRLF counts once).
    static func newlines(in fields: [String]) -> Int {
        var count = 0
        for field in fields {
            var previousCR = false
            for unit in field.utf8 {
                if unit == 0x0A { if !previousCR { count += 1 } } else if unit == 0x0D { count += 1 }
                previousCR = unit == 0x0D
            }
        }
        return count
    }
}
