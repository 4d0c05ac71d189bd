import Foundation
import GRDB
import TillCore

/// Operators, lockouts and the audit trail in the SQLite store (schema version 2).
extension SQLiteShopStore {
    public func operators() throws(ShopStoreError) -> [Operator] {
        let rows = try read { db in try Row.fetchAll(db, sql: "SELECT name, role FROM operators ORDER BY name_key") }
        return rows.map { Operator(name: $0["name"], role: OperatorRole(rawValue: $0["role"]) ?? .cashier) }
    }

    public func addOperator(_ person: Operator, pin: PINHash, now: Date) throws {
        if let problem = Operator.problem(withName: person.name) { throw OperatorError.invalidName(person.name, problem: problem) }
        let added = try write { db in
            try db.execute(sql: """
                INSERT INTO operators (name_key, name, role, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(name_key) DO NOTHING
                """, arguments: [Operator.key(person.name), person.name, person.role.rawValue, pin.text,
                                 now.timeIntervalSince1970, now.timeIntervalSince1970])
            return db.changesCount == 1
        }
        if !added { throw OperatorError.exists(person.name) }
    }

    public func removeOperator(name: String) throws {
        let outcome: OperatorChange = try write { db in
            guard let role = try String.fetchOne(db, sql: "SELECT role FROM operators WHERE name_key = ?",
                                                 arguments: [Operator.key(name)]) else { return .unknown }
            if role == OperatorRole.manager.rawValue, try Self.isLastManagerWithOthers(db) { return .lastManager }
            try db.execute(sql: "DELETE FROM operators WHERE name_key = ?", arguments: [Operator.key(name)])
            return .done
        }
        try outcome.check(name)
    }

    public func setPIN(name: String, pin: PINHash, now: Date) throws {
        let changed = try write { db in
            try db.execute(sql: "UPDATE operators SET pin_hash = ?, updated_at = ? WHERE name_key = ?",
                           arguments: [pin.text, now.timeIntervalSince1970, Operator.key(name)])
            return db.changesCount
        }
        if changed == 0 { throw OperatorError.unknown(name) }
    }

    public func setRole(name: String, role: OperatorRole, now: Date) throws {
        let outcome: OperatorChange = try write { db in
            guard let old = try String.fetchOne(db, sql: "SELECT role FROM operators WHERE name_key = ?",
                                                arguments: [Operator.key(name)]) else { return .unknown }
            if old == OperatorRole.manager.rawValue, role != .manager, try Self.isLastManagerWithOthers(db) { return .lastManager }
            try db.execute(sql: "UPDATE operators SET role = ?, updated_at = ? WHERE name_key = ?",
                           arguments: [role.rawValue, now.timeIntervalSince1970, Operator.key(name)])
            return .done
        }
        try outcome.check(name)
    }

    /// Whether the shop has one manager and other operators besides.
    static func isLastManagerWithOthers(_ db: Database) throws -> Bool {
        let managers = try Int.fetchOne(db, sql: "SELECT count(*) FROM operators WHERE role = 'manager'") ?? 0
        let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM operators") ?? 0
        return managers == 1 && all > 1
    }

    public func credential(name: String) throws(ShopStoreError) -> (person: Operator, pin: PINHash)? {
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT name, role, pin_hash FROM operators WHERE name_key = ?",
                             arguments: [Operator.key(name)])
        }
        guard let row else { return nil }
        return (Operator(name: row["name"], role: OperatorRole(rawValue: row["role"]) ?? .cashier), PINHash(text: row["pin_hash"]))
    }

    public func lockout(name: String) throws(ShopStoreError) -> Lockout {
        try read { db in try Self.lockout(db, key: Operator.key(name)) }
    }

    static func lockout(_ db: Database, key: String) throws -> Lockout {
        guard let row = try Row.fetchOne(db, sql: "SELECT failures, lockouts, locked_until FROM pin_lockouts WHERE name_key = ?",
                                         arguments: [key]) else { return Lockout() }
        let until: Double? = row["locked_until"]
        return Lockout(failures: row["failures"], lockouts: row["lockouts"], lockedUntil: until.map(Date.init(timeIntervalSince1970:)))
    }

    public func recordPINFailure(name: String, now: Date) throws(ShopStoreError) -> Lockout {
        try write { db in
            let key = Operator.key(name)
            let next = try Self.lockout(db, key: key).failed(now: now)
            try db.execute(sql: """
                INSERT INTO pin_lockouts (name_key, failures, lockouts, locked_until) VALUES (?, ?, ?, ?)
                ON CONFLICT(name_key) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts,
                    locked_until = excluded.locked_until
                """, arguments: [key, next.failures, next.lockouts, next.lockedUntil?.timeIntervalSince1970])
            return next
        }
    }

    public func clearLockout(name: String) throws(ShopStoreError) {
        try write { db in try db.execute(sql: "DELETE FROM pin_lockouts WHERE name_key = ?", arguments: [Operator.key(name)]) }
    }

    public func appendAudit(_ entry: AuditEntry) throws(ShopStoreError) {
        try write { db in
            try db.execute(sql: """
                INSERT INTO audit (at, till, operator, action, object_id, amount, currency, approved_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.time.timeIntervalSince1970, entry.till, entry.operatorName, entry.action.rawValue,
                                 entry.objectId, entry.amount?.minorUnits, entry.amount?.currency.code, entry.approvedBy])
        }
    }

    public func audit(_ query: AuditQuery) throws(ShopStoreError) -> [AuditEntry] {
        var conditions: [String] = [], arguments: [(any DatabaseValueConvertible)?] = []
        if let since = query.since { conditions.append("at >= ?"); arguments.append(since.timeIntervalSince1970) }
        if let until = query.until { conditions.append("at < ?"); arguments.append(until.timeIntervalSince1970) }
        if let name = query.operatorName {
            conditions.append("(lower(operator) = ? OR lower(approved_by) = ?)")
            arguments += [Operator.key(name), Operator.key(name)]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limit = query.limit.map { " LIMIT \(max(0, $0))" } ?? ""
        let sql = "SELECT * FROM (SELECT * FROM audit \(filter) ORDER BY seq DESC\(limit)) ORDER BY seq"
        let statementArguments = StatementArguments(arguments)
        let rows = try read { db in try Row.fetchAll(db, sql: sql, arguments: statementArguments) }
        return rows.compactMap { row in
            guard let action = AuditEntry.Action(rawValue: row["action"]) else { return nil }
            let minor: Int64? = row["amount"], code: String? = row["currency"]
            let amount = minor.flatMap { minor in code.map { Money(minorUnits: minor, currency: Currency(apiCode: $0)) } }
            return AuditEntry(seq: row["seq"], time: Date(timeIntervalSince1970: row["at"]), till: row["till"],
                              operatorName: row["operator"], action: action, objectId: row["object_id"], amount: amount,
                              approvedBy: row["approved_by"])
        }
    }
}

/// The outcome of a change to an operator, thrown as `OperatorError` after the transaction.
enum OperatorChange {
    case done, unknown, lastManager

    func check(_ name: String) throws {
        switch self {
        case .done: return
        case .unknown: throw OperatorError.unknown(name)
        case .lastManager: throw OperatorError.lastManager(name)
        }
    }
}
