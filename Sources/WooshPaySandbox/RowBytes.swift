import Foundation
import GRDB
import GRDBSQLite
import NIOCore

/// Rows of a cached statement read by column index with SQLite's C API and written straight into
/// a response as JSON: no `Row`, no `JSON` tree, no String, Data or array copies on the way.
/// Used only by the GETs `RawReads` answers; every byte must equal what the `JSON` path writes
/// for the same row (RawReadsTests compares the two).
struct RowBytes {
    let statement: SQLiteStatement

    /// Steps `statement` (its arguments set by GRDB) and calls `body` for each row until it returns
    /// false or the rows end; the statement is reset afterwards, so GRDB finds it clean.
    static func each(_ db: Database, _ statement: Statement, _ body: (RowBytes) throws -> Bool) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            if try !body(RowBytes(statement: handle)) { return }
        }
    }

    /// The one row of `point.sql` (`… WHERE id = ? AND account = ?`) written by `point.write`, or the 404
    /// `Row.owned` throws for an id the account does not have.
    static func writeOwned(_ db: Database, _ point: PointRead, _ call: Call, to out: inout ByteBuffer) throws -> Bool {
        let statement = try db.cachedStatement(sql: point.sql)
        statement.setUncheckedArguments([call.id, call.account.id])
        var found = false
        try each(db, statement) { row in
            point.write(row, &out)
            found = true
            return false
        }
        guard found else { throw APIError.noSuch(point.kind, call.id, param: "id") }
        return true
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// The column's UTF-8 text, valid until the next step (empty for NULL).
    func text(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let bytes = sqlite3_column_text(statement, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }

    func string(_ column: Int32) -> String { String(decoding: text(column), as: UTF8.self) }

    /// A text column as a JSON string, or null.
    func writeString(_ column: Int32, to out: inout ByteBuffer) {
        if isNull(column) { out.writeStaticString("null") } else { out.writeJSONString(text(column)) }
    }

    /// A metadata column as `Metadata.json` writes it: the stored `{}` as is, anything else
    /// decoded and written again (sorted, strings only).
    func writeMetadata(_ column: Int32, to out: inout ByteBuffer) {
        let stored = text(column)
        if stored.count == 2, stored[0] == UInt8(ascii: "{"), stored[1] == UInt8(ascii: "}") {
            out.writeStaticString("{}")
        } else {
            out.writeString(Metadata.json(Metadata.decode(isNull(column) ? nil : string(column))).text)
        }
    }

    /// A stored JSON column as `JSON(stored:)` writes it again. A flat array of strings with no
    /// escapes and no spaces (what the sandbox stores for `images`) is its own serialisation and
    /// is copied; anything else is parsed and written again.
    func writeStoredJSON(_ column: Int32, to out: inout ByteBuffer) {
        if isNull(column) { out.writeStaticString("null"); return }
        let stored = text(column)
        if RowBytes.isPlainStringArray(stored) {
            out.writeBytes(stored)
        } else {
            out.writeString(JSON(stored: string(column)).text)
        }
    }

    /// `[]` or `["…","…"]` with no backslash, no control byte and nothing between the tokens.
    static func isPlainStringArray(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "["), bytes[bytes.count - 1] == UInt8(ascii: "]") else { return false }
        if bytes.count == 2 { return true }
        var index = 1
        let end = bytes.count - 1
        while true {
            guard index < end, bytes[index] == UInt8(ascii: "\"") else { return false }
            index += 1
            while index < end, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] < 0x20 || bytes[index] == UInt8(ascii: "\\") { return false }
                index += 1
            }
            guard index < end else { return false }
            index += 1  // the closing quote
            if index == end { return true }
            guard bytes[index] == UInt8(ascii: ",") else { return false }
            index += 1
        }
    }
}

extension ByteBuffer {
    /// A JSON string literal, escaped exactly as `JSON.writeString` escapes it (byte by byte is the
    /// same as scalar by scalar: every byte of a multi-byte UTF-8 sequence is ≥ 0x80).
    mutating func writeJSONString(_ bytes: UnsafeRawBufferPointer) {
        writeInteger(UInt8(ascii: "\""))
        var run = 0  // start of the bytes not yet written
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            writeBytes(UnsafeRawBufferPointer(rebasing: bytes[run..<index]))
            run = index + 1
            switch byte {
            case UInt8(ascii: "\""): writeStaticString("\\\"")
            case UInt8(ascii: "\\"): writeStaticString("\\\\")
            case UInt8(ascii: "\n"): writeStaticString("\\n")
            case UInt8(ascii: "\r"): writeStaticString("\\r")
            case UInt8(ascii: "\t"): writeStaticString("\\t")
            default:
                let hex = String(byte, radix: 16)
                writeString("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            }
        }
        writeBytes(UnsafeRawBufferPointer(rebasing: bytes[run..<bytes.count]))
        writeInteger(UInt8(ascii: "\""))
    }

    mutating func writeJSONString(_ text: String) {
        var text = text
        text.withUTF8 { writeJSONString(UnsafeRawBufferPointer($0)) }
    }

    /// An integer in decimal, as `String(Int64)` writes it, without making the String.
    mutating func writeDecimal(_ value: Int64) {
        if value < 0 {
            if value == .min { writeString(String(value)); return }
            writeInteger(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &digits) { scratch in
            var index = scratch.count
            repeat {
                index -= 1
                scratch[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            writeBytes(UnsafeRawBufferPointer(rebasing: scratch[index...]))
        }
    }

    mutating func writeJSONBool(_ value: Bool) {
        if value { writeStaticString("true") } else { writeStaticString("false") }
    }
}
