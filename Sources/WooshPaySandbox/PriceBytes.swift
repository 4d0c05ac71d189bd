import GRDB
import NIOCore

// A price retrieve written straight into the response (RawReads): the same bytes as
// `Prices.json(…, expandProduct: false)`.
extension Prices {
    /// The columns `write` reads, by index.
    private static let columns = "id, active, created, currency, lookup_key, metadata, nickname, product, unit_amount"
    private static let retrieveSQL = "SELECT \(columns) FROM prices WHERE id = ? AND account = ?"

    /// The retrieve as a point read (RawReads reads it on the event loop's own connection).
    static let pointRead = PointRead(sql: retrieveSQL, kind: "price", write: write)

    static func writeRetrieve(_ db: Database, _ call: Call, _ out: inout ByteBuffer) throws -> Bool {
        try RowBytes.writeOwned(db, pointRead, call, to: &out)
    }

    /// One row of `columns` as `json` renders it (the product as its id).
    static func write(_ row: RowBytes, to out: inout ByteBuffer) {
        out.writeStaticString("{\"id\":")
        out.writeJSONString(row.text(0))
        out.writeStaticString(",\"object\":\"price\",\"active\":")
        out.writeJSONBool(row.int(1) != 0)
        out.writeStaticString(",\"billing_scheme\":\"per_unit\",\"created\":")
        out.writeDecimal(row.int(2))
        out.writeStaticString(",\"currency\":")
        out.writeJSONString(row.text(3))
        out.writeStaticString(",\"livemode\":false,\"lookup_key\":")
        row.writeString(4, to: &out)
        out.writeStaticString(",\"metadata\":")
        row.writeMetadata(5, to: &out)
        out.writeStaticString(",\"nickname\":")
        row.writeString(6, to: &out)
        out.writeStaticString(",\"product\":")
        out.writeJSONString(row.text(7))
        out.writeStaticString(",\"type\":\"one_time\",\"unit_amount\":")
        out.writeDecimal(row.int(8))
        out.writeStaticString("}")
    }
}
