import CSV
import Foundation
import TillCore

/// A catalog as CSV in the columns `till products import` reads: one row per price (a product with
/// none gets one row without a price), products by name, each product's prices oldest first.
public enum CatalogExport {
    public static let header = CatalogFile.Column.allCases.map(\.rawValue)

    /// The rows of `snapshot`: active products and their active prices, or with `all` archived
    /// products too (their `active` is false). Archived prices are never written: nothing sells them.
    public static func rows(_ snapshot: CatalogSnapshot, all: Bool) -> [[String]] {
        var pricesByProduct: [String: [Price]] = [:]
        for price in snapshot.prices where price.active { pricesByProduct[price.productId, default: []].append(price) }
        let products = snapshot.products.filter { all || $0.active }.sorted {
            ($0.name, $0.created, $0.id) < ($1.name, $1.created, $1.id)
        }
        var rows: [[String]] = []
        for product in products {
            let prices = (pricesByProduct[product.id] ?? []).sorted {
                ($0.created, $0.currency.code, $0.unitAmount, $0.nickname ?? "", $0.lookupKey ?? "")
                    < ($1.created, $1.currency.code, $1.unitAmount, $1.nickname ?? "", $1.lookupKey ?? "")
            }
            let base = [product.name, product.description ?? ""]
            let active = product.active ? "true" : "false"
            if prices.isEmpty {
                rows.append(base + ["", "", "", "", active])
            }
            for price in prices {
                rows.append(base + [price.money.plainText, price.currency.code, price.lookupKey ?? "",
                                    price.nickname ?? "", active])
            }
        }
        return rows
    }

    /// CSV text, UTF-8, `,`-separated, CRLF line ends (RFC 4180, what spreadsheets expect),
    /// optionally with a byte-order mark so Excel reads it as UTF-8.
    public static func csv(header: [String], rows: [[String]], byteOrderMark: Bool = false) throws -> Data {
        let stream = OutputStream.toMemory()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        stream.close()
        var data = Data(byteOrderMark ? [0xEF, 0xBB, 0xBF] : [])
        data += (stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data) ?? Data()
        data += Data("\r\n".utf8)
        return data
    }

    /// A report of the rows that failed: the file's own columns and a `reason` column, ready to fix
    /// and import again.
    public static func report(header: [String], failures: [(fields: [String], reason: String)]) throws -> Data {
        let width = header.count
        let rows = failures.map { failure in
            Array(failure.fields.prefix(width)) + Array(repeating: "", count: max(0, width - failure.fields.count))
                + [failure.reason]
        }
        return try csv(header: header + ["reason"], rows: rows)
    }
}
