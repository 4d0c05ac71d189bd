import GRDB

/// Fresh ids: a type prefix and 19 random decimal digits, checked unique in their table.
enum Identifiers {
    static func fresh(_ prefix: String, table: String, in db: Database) throws -> String {
        while true {
            let number = UInt64.random(in: 1_000_000_000_000_000_000...9_223_372_036_854_775_807)
            let id = prefix + String(number)
            let taken = try Bool.fetchOne(try db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE id = ?)"), arguments: [id]) ?? false
            if !taken { return id }
        }
    }
}
