import Foundation
import TillCore
import TillStore

/// The operator part of the shop store, passed through to the real store (audit writes refuse too).
extension RefusingStore {
    func operators() throws(ShopStoreError) -> [Operator] { try inner.operators() }
    func addOperator(_ person: Operator, pin: PINHash, now: Date) throws { try inner.addOperator(person, pin: pin, now: now) }
    func removeOperator(name: String) throws { try inner.removeOperator(name: name) }
    func setPIN(name: String, pin: PINHash, now: Date) throws { try inner.setPIN(name: name, pin: pin, now: now) }
    func setRole(name: String, role: OperatorRole, now: Date) throws { try inner.setRole(name: name, role: role, now: now) }
    func credential(name: String) throws(ShopStoreError) -> (person: Operator, pin: PINHash)? { try inner.credential(name: name) }
    func lockout(name: String) throws(ShopStoreError) -> Lockout { try inner.lockout(name: name) }
    func recordPINFailure(name: String, now: Date) throws(ShopStoreError) -> Lockout { try inner.recordPINFailure(name: name, now: now) }
    func clearLockout(name: String) throws(ShopStoreError) { try inner.clearLockout(name: name) }
    func appendAudit(_ entry: AuditEntry) throws(ShopStoreError) {
        if let failure = failing.withLock({ $0 }) { throw failure }
        try inner.appendAudit(entry)
    }
    func audit(_ query: AuditQuery) throws(ShopStoreError) -> [AuditEntry] { try inner.audit(query) }
}
