import GRDB

/// API objects made from a table's row, whose columns mostly hold a field's value under the
/// field's own name.
extension JSONObject {
    /// An object of the API: `id` and `object` come first, as WooshPay writes them.
    init(id: String, object: String) {
        self.init()
        self["id"] = .string(id)
        self["object"] = .string(object)
    }

    /// The row's columns of these names, each as its field of the same name, as stored: text as
    /// a string, a whole number as a number, NULL as null.
    mutating func copy(_ row: Row, _ columns: String...) {
        for column in columns {
            self[column] = JSON(column: row[column])
        }
    }
}

extension JSON {
    init(column value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .blob(let data): self = .string(String(decoding: data, as: UTF8.self))
        }
    }
}
