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
    public var active: Bool
    /// The fields as the file has them, for `--report`.
    public var fields: [String]

    public init(line: Int, name: String, description: String? = nil, price: Money? = nil, sku: String? = nil,
                nickname: String? = nil, active: Bool = true, fields: [String] = []) {
        self.line = line
        self.name = name
        self.description = description
        self.price = price
        self.sku = sku
        self.nickname = nickname
        self.active = active
        self.fields = fields
    }
}

/// A row that cannot be imported, with its line and why.
public struct RowProblem: Hashable, Sendable {
    public var line: Int
    public var reason: String
    /// The fields as the file has them, for `--report`.
    public var fields: [String]

    public init(line: Int, reason: String, fields: [String] = []) {
        self.line = line
        self.reason = reason
        self.fields = fields
    }
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
            throw .unreadable("\(error)")
        }
        guard let header = reader.next(), header.contains(where: { !$0.isEmpty }) else {
            throw .header("the file is empty: the first line names the columns (name, price, currency, sku, …)")
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
                throw .header(column == .sku ? "there is more than one sku or barcode column"
                                             : "the column \(column.rawValue) appears twice")
            }
            index[column] = position
        }
        guard index[.name] != nil else {
            throw .header("there is no name column (the columns are name, description, price, currency, sku or "
                          + "barcode, nickname, active)")
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
                        file.problems.append(RowProblem(line: start, reason: "the SKU \(sku) is also on line \(first)",
                                                        fields: fields))
                        continue
                    }
                    skuLines[sku] = start
                }
                file.rows.append(row)
            case .failure(let problem):
                file.problems.append(RowProblem(line: start, reason: problem.reason, fields: fields))
            }
        }
        if let error = reader.error { throw .unreadable("\(error)") }
        return file
    }

    struct Refusal: Error { var reason: String }

    /// One row checked: every rule that needs no API.
    static func row(_ fields: [String], line: Int, index: [Column: Int], headerCount: Int,
                    defaultCurrency: Currency?) -> Result<CatalogRow, Refusal> {
        func field(_ column: Column) -> String? {
            guard let position = index[column], position < fields.count else { return nil }
            let value = fields[position].trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        if fields.count > headerCount, fields[headerCount...].contains(where: { !$0.isEmpty }) {
            return .failure(Refusal(reason: "\(fields.count) fields, but the header names \(headerCount) columns"))
        }
        guard let name = field(.name) else { return .failure(Refusal(reason: "no name")) }
        if let problem = ProductDraft.problem(withName: name) { return .failure(Refusal(reason: "name: " + problem)) }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return .failure(Refusal(reason: "name: a name cannot hold control characters (a line break or tab)"))
        }
        var row = CatalogRow(line: line, name: name, description: field(.description), nickname: field(.nickname),
                             fields: fields)
        if let sku = field(.sku) {
            if isScientific(sku) {
                return .failure(Refusal(reason: "the SKU or barcode \(sku) is in scientific notation (as Excel shows "
                                        + "long numbers), so its digits are lost: format the column as text and "
                                        + "export again"))
            }
            if let problem = PriceDraft.problem(withLookupKey: sku) {
                return .failure(Refusal(reason: "SKU or barcode: " + problem))
            }
            row.sku = sku
        }
        if let flag = field(.active) {
            guard let active = parseFlag(flag) else {
                return .failure(Refusal(reason: "active: \(flag) is not true or false"))
            }
            row.active = active
        }
        let currencyText = field(.currency)
        if let priceText = field(.price) {
            let currency: Currency
            if let currencyText {
                do { currency = try Currency(currencyText) } catch {
                    return .failure(Refusal(reason: "currency: \(error.description)"))
                }
            } else if let defaultCurrency {
                currency = defaultCurrency
            } else {
                return .failure(Refusal(reason: "the price has no currency: add a currency column or give --currency"))
            }
            do {
                row.price = try parsePrice(priceText, currency: currency)
            } catch {
                return .failure(Refusal(reason: "price \(priceText): \(error.description)"))
            }
        } else if row.sku != nil || row.nickname != nil {
            return .failure(Refusal(reason: "a SKU or nickname needs a price"))
        } else if let currencyText {
            // A currency alone is harmless but should still be a real one.
            do { _ = try Currency(currencyText) } catch {
                return .failure(Refusal(reason: "currency: \(error.description)"))
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
