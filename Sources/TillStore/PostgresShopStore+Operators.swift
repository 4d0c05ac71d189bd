import Foundation
import PostgresNIO
import TillCore

/// Operators, lockouts and the audit trail on the PostgreSQL store (schema version 2).
extension PostgresShopStore {
    public func operators() throws(ShopStoreError) -> [Operator] {
        try readOne { tx in
            try tx.run("SELECT name, role FROM operators ORDER BY name_key").rows.map { row in
                let (name, role) = try row.decode((String, String).self)
                return Operator(name: name, role: OperatorRole(rawValue: role) ?? .cashier)
            }
        }
    }

    public func addOperator(_ person: Operator, pin: PINHash, now: Date) throws {
        if let problem = Operator.problem(withName: person.name) { throw OperatorError.invalidName(person.name, problem: problem) }
        let added = try write { tx in
            try tx.run("""
                INSERT INTO operators (name_key, name, role, pin_hash, created_at, updated_at)
                VALUES (\(Operator.key(person.name)), \(person.name), \(person.role.rawValue), \(pin.text), \(now), \(now))
                ON CONFLICT (name_key) DO NOTHING
                """).metadata.rows ?? 0
        }
        if added == 0 { throw OperatorError.exists(person.name) }
    }

    public func removeOperator(name: String) throws {
        let outcome: OperatorChange = try write { tx in
            try tx.run("SELECT pg_advisory_xact_lock(hashtext('till.operators'), 0)")
            guard let role = try tx.run("SELECT role FROM operators WHERE name_key = \(Operator.key(name))").rows.first?
                .decode(String.self) else { return .unknown }
            if role == OperatorRole.manager.rawValue, try Self.isLastManagerWithOthers(tx) { return .lastManager }
            try tx.run("DELETE FROM operators WHERE name_key = \(Operator.key(name))")
            return .done
        }
        try outcome.check(name)
    }

    public func setPIN(name: String, pin: PINHash, now: Date) throws {
        let changed = try write { tx in
            try tx.run("UPDATE operators SET pin_hash = \(pin.text), updated_at = \(now) WHERE name_key = \(Operator.key(name))")
                .metadata.rows ?? 0
        }
        if changed == 0 { throw OperatorError.unknown(name) }
    }

    public func setRole(name: String, role: OperatorRole, now: Date) throws {
        let outcome: OperatorChange = try write { tx in
            try tx.run("SELECT pg_advisory_xact_lock(hashtext('till.operators'), 0)")
            guard let old = try tx.run("SELECT role FROM operators WHERE name_key = \(Operator.key(name))").rows.first?
                .decode(String.self) else { return .unknown }
            if old == OperatorRole.manager.rawValue, role != .manager, try Self.isLastManagerWithOthers(tx) { return .lastManager }
            try tx.run("UPDATE operators SET role = \(role.rawValue), updated_at = \(now) WHERE name_key = \(Operator.key(name))")
            return .done
        }
        try outcome.check(name)
    }

    static func isLastManagerWithOthers(_ tx: PostgresTransaction) throws -> Bool {
        guard let row = try tx.run("""
            SELECT count(*) FILTER (WHERE role = 'manager'), count(*) FROM operators
            """).rows.first else { return false }
        let (managers, all) = try row.decode((Int, Int).self)
        return managers == 1 && all > 1
    }

    public func credential(name: String) throws(ShopStoreError) -> (person: Operator, pin: PINHash)? {
        try readOne { tx in
            guard let row = try tx.run("SELECT name, role, pin_hash FROM operators WHERE name_key = \(Operator.key(name))")
                .rows.first else { return nil }
            let (found, role, hash) = try row.decode((String, String, String).self)
            return (Operator(name: found, role: OperatorRole(rawValue: role) ?? .cashier), PINHash(text: hash))
        }
    }

    public func lockout(name: String) throws(ShopStoreError) -> Lockout {
        try readOne { tx in try Self.lockout(tx, key: Operator.key(name)) }
    }

    static func lockout(_ tx: PostgresTransaction, key: String) throws -> Lockout {
        guard let row = try tx.run("SELECT failures, lockouts, locked_until FROM pin_lockouts WHERE name_key = \(key)")
            .rows.first else { return Lockout() }
        let (failures, lockouts, until) = try row.decode((Int, Int, Date?).self)
        return Lockout(failures: failures, lockouts: lockouts, lockedUntil: until)
    }

    public func recordPINFailure(name: String, now: Date) throws(ShopStoreError) -> Lockout {
        let key = Operator.key(name)
        return try write { tx in
            // Tills failing at once for one name each count: one at a time per name.
            try tx.run("SELECT pg_advisory_xact_lock(hashtext('till.lockout'), hashtext(\(key)))")
            let next = try Self.lockout(tx, key: key).failed(now: now)
            try tx.run("""
                INSERT INTO pin_lockouts (name_key, failures, lockouts, locked_until)
                VALUES (\(key), \(next.failures), \(next.lockouts), \(next.lockedUntil))
                ON CONFLICT (name_key) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts,
                    locked_until = excluded.locked_until
                """)
            return next
        }
    }

    public func clearLockout(name: String) throws(ShopStoreError) {
        try write { tx in try tx.run("DELETE FROM pin_lockouts WHERE name_key = \(Operator.key(name))") }
    }

    public func appendAudit(_ entry: AuditEntry) throws(ShopStoreError) {
        try write { tx in
            try tx.run("""
                INSERT INTO audit (at, till, operator, action, object_id, amount, currency, approved_by)
                VALUES (\(entry.time), \(entry.till), \(entry.operatorName), \(entry.action.rawValue), \(entry.objectId),
                        \(entry.amount?.minorUnits), \(entry.amount?.currency.code), \(entry.approvedBy))
                """)
        }
    }

    public func audit(_ query: AuditQuery) throws(ShopStoreError) -> [AuditEntry] {
        let who = query.operatorName.map(Operator.key)
        let limit = query.limit.map { Int64(max(0, $0)) }
        return try readOne { tx in
            try tx.run("""
                SELECT seq, at, till, operator, action, object_id, amount, currency, approved_by FROM (
                    SELECT * FROM audit
                    WHERE (\(query.since)::timestamptz IS NULL OR at >= \(query.since))
                      AND (\(query.until)::timestamptz IS NULL OR at < \(query.until))
                      AND (\(who)::text IS NULL OR lower(operator) = \(who) OR lower(approved_by) = \(who))
                    ORDER BY seq DESC LIMIT \(limit)
                ) newest ORDER BY seq
                """).rows.compactMap { row in
                let (seq, at, till, person, action, object, minor, code, approver) =
                    try row.decode((Int64, Date, String, String?, String, String?, Int64?, String?, String?).self)
                guard let action = AuditEntry.Action(rawValue: action) else { return nil }
                let amount = minor.flatMap { minor in code.map { Money(minorUnits: minor, currency: Currency(apiCode: $0)) } }
                return AuditEntry(seq: seq, time: at, till: till, operatorName: person, action: action, objectId: object,
                                  amount: amount, approvedBy: approver)
            }
        }
    }
}
