import Foundation
import GRDB

extension Row {
    /// The row of `table` with this id in this account, or the 404 every endpoint answers for
    /// an id the account does not have (`kind` names it: "price", "checkout session").
    static func owned(_ db: Database, _ table: String, _ kind: String, id: String, account: String,
                      param: String = "id") throws -> Row {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM \(table) WHERE id = ? AND account = ?"),
                                         arguments: [id, account]) else {
            throw APIError.noSuch(kind, id, param: param)
        }
        return row
    }
}
