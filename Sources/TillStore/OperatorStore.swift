import Foundation
import TillCore

/// The shop's operators, their PIN hashes and lockouts, and the audit trail: the part of the shop
/// store issue #24 added. Operators belong to the shop (every account, every till); names are
/// unique regardless of case. The audit table is append-only: no code path of Till updates or
/// deletes it (and the schema refuses both).
public protocol OperatorStore: Sendable {
    /// Every operator, by name.
    func operators() throws(ShopStoreError) -> [Operator]
    /// Adds an operator; throws `OperatorError.exists` for a name taken (in any case).
    func addOperator(_ person: Operator, pin: PINHash, now: Date) throws
    /// Removes an operator; throws `OperatorError.unknown`.
    func removeOperator(name: String) throws
    /// Replaces an operator's PIN hash; throws `OperatorError.unknown`.
    func setPIN(name: String, pin: PINHash, now: Date) throws
    /// Changes an operator's role; throws `OperatorError.unknown`.
    func setRole(name: String, role: OperatorRole, now: Date) throws
    /// The operator and their PIN hash (nil: no such name).
    func credential(name: String) throws(ShopStoreError) -> (person: Operator, pin: PINHash)?

    /// The lockout of a name (a fresh one for a name never tried).
    func lockout(name: String) throws(ShopStoreError) -> Lockout
    /// Records a wrong PIN for `name` at `now` (`Lockout.failed`, in one transaction so that tills
    /// failing at once all count) and returns the new lockout.
    func recordPINFailure(name: String, now: Date) throws(ShopStoreError) -> Lockout
    /// Clears a name's count after a good PIN.
    func clearLockout(name: String) throws(ShopStoreError)

    /// Appends to the audit trail.
    func appendAudit(_ entry: AuditEntry) throws(ShopStoreError)
    /// Entries that match, oldest first.
    func audit(_ query: AuditQuery) throws(ShopStoreError) -> [AuditEntry]
}

/// Why an operator could not be added or changed. The text is for the operator.
public enum OperatorError: Error, Hashable, Sendable, CustomStringConvertible {
    case exists(String)
    case unknown(String)
    case invalidName(String, problem: String)
    /// Removing or demoting the last manager while cashiers remain would leave nobody to approve.
    case lastManager(String)

    public var description: String {
        switch self {
        case .exists(let name): "An operator named \"\(name)\" exists already."
        case .unknown(let name): "There is no operator named \"\(name)\"."
        case .invalidName(_, let problem): "Not an operator name: \(problem)."
        case .lastManager(let name): "\(name) is the shop's last manager: make another operator a manager first (other operators would be left with nobody to approve)."
        }
    }
}

extension OperatorStore {
    /// Checks `pin` for `name` at `now` and records the outcome (the lockout, and a sign-in or a
    /// failed PIN in the audit as `till`): the same answer, after the same work, whether the name
    /// exists or not. `audit` false leaves the audit to the caller (an approval records its own).
    public func checkPIN(name: String, pin: PIN, now: Date, till: String, audit action: AuditEntry.Action? = .signIn) throws -> PINCheck {
        if let left = try lockout(name: name).remaining(at: now) { return .locked(for: left) }
        let found = try credential(name: name)
        let good: Bool
        if let found { good = found.pin.matches(pin) } else {
            PINHash.wasteOneCheck(pin)
            good = false
        }
        if good, let person = found?.person {
            try clearLockout(name: name)
            if let action { try appendAudit(AuditEntry(time: now, till: till, operatorName: person.name, action: action)) }
            return .accepted(person)
        }
        let after = try recordPINFailure(name: name, now: now)
        // The name as typed only when it is an operator's: a PIN typed into the name prompt must
        // never land in the audit.
        try appendAudit(AuditEntry(time: now, till: till, operatorName: found?.person.name, action: .pinFailed))
        return .refused(lockedFor: after.remaining(at: now))
    }

    /// Whether any operator is defined (with none, Till runs as a one-person till with no PIN).
    public func hasOperators() throws(ShopStoreError) -> Bool { try !operators().isEmpty }
}
