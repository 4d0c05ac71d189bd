import Foundation
import Testing
import TillCore
@testable import TillStore

/// Operators, PIN checks, lockouts and the audit trail: what every backend must do (each test runs
/// once per backend in `StoreBackend.all`, PostgreSQL included when a server is given).
@Suite struct OperatorStoreContractTests {
    static let maria = Operator(name: "Maria", role: .manager)
    static let sam = Operator(name: "Sam", role: .cashier)

    static func pin(_ text: String) -> PIN { PIN(text)! }

    @Test(arguments: StoreBackend.all)
    func operatorsAreTheShopsWithUniqueNamesInAnyCase(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        #expect(try store.operators() == [])
        #expect(try store.hasOperators() == false)
        try store.addOperator(Self.sam, pin: try PINHash.make(Self.pin("1234")), now: Sample.t0)
        try store.addOperator(Self.maria, pin: try PINHash.make(Self.pin("987654")), now: Sample.t0)
        #expect(throws: OperatorError.exists("maria")) {
            try store.addOperator(Operator(name: "maria", role: .cashier), pin: try PINHash.make(Self.pin("1111")), now: Sample.t0)
        }
        #expect(throws: OperatorError.invalidName("", problem: "an operator name cannot be empty")) {
            try store.addOperator(Operator(name: "", role: .cashier), pin: try PINHash.make(Self.pin("1111")), now: Sample.t0)
        }
        // Another connection (another till) sees them, by name.
        let other = try backend.open(place.path)
        #expect(try other.operators() == [Self.maria, Self.sam])
        try other.setRole(name: "sam", role: .manager, now: Sample.t0)
        #expect(try store.operators() == [Self.maria, Operator(name: "Sam", role: .manager)])
        try other.removeOperator(name: "SAM")
        #expect(try store.operators() == [Self.maria])
        #expect(throws: OperatorError.unknown("Sam")) { try store.removeOperator(name: "Sam") }
        #expect(throws: OperatorError.unknown("Nobody")) { try store.setPIN(name: "Nobody", pin: try PINHash.make(Self.pin("1234")), now: Sample.t0) }
        #expect(throws: OperatorError.unknown("Nobody")) { try store.setRole(name: "Nobody", role: .manager, now: Sample.t0) }
    }

    @Test(arguments: StoreBackend.all)
    func theLastManagerCannotBeRemovedOrDemotedWhileOthersRemain(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        try store.addOperator(Self.maria, pin: try PINHash.make(Self.pin("987654")), now: Sample.t0)
        try store.addOperator(Self.sam, pin: try PINHash.make(Self.pin("1234")), now: Sample.t0)
        #expect(throws: OperatorError.lastManager("Maria")) { try store.removeOperator(name: "Maria") }
        #expect(throws: OperatorError.lastManager("Maria")) { try store.setRole(name: "Maria", role: .cashier, now: Sample.t0) }
        try store.removeOperator(name: "Sam")
        // Alone, the last manager may go: the shop is back to one person and no PIN.
        try store.removeOperator(name: "Maria")
        #expect(try store.hasOperators() == false)
    }

    @Test(arguments: StoreBackend.all)
    func aPINIsCheckedAgainstItsHashAndAuditedWithoutThePIN(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        try store.addOperator(Self.maria, pin: try PINHash.make(Self.pin("73061594")), now: Sample.t0)
        #expect(try store.credential(name: "maria")?.pin.text.contains("73061594") == false)
        let t1 = Sample.t0.addingTimeInterval(1), t2 = Sample.t0.addingTimeInterval(2)
        #expect(try store.checkPIN(name: "Maria", pin: Self.pin("0000"), now: t1, till: "A") == .refused(lockedFor: nil))
        #expect(try store.checkPIN(name: "maria", pin: Self.pin("73061594"), now: t2, till: "B") == .accepted(Self.maria))
        // A new PIN replaces the old one.
        try store.setPIN(name: "Maria", pin: try PINHash.make(Self.pin("24682468")), now: t2)
        #expect(try store.checkPIN(name: "Maria", pin: Self.pin("73061594"), now: t2, till: "A") == .refused(lockedFor: nil))
        #expect(try store.checkPIN(name: "Maria", pin: Self.pin("24682468"), now: t2, till: "A") == .accepted(Self.maria))
        let audit = try backend.open(place.path).audit(AuditQuery())
        #expect(audit.map(\.action) == [.pinFailed, .signIn, .pinFailed, .signIn])
        #expect(audit.map(\.till) == ["A", "B", "A", "A"])
        #expect(audit.map(\.operatorName) == ["Maria", "Maria", "Maria", "Maria"])
        #expect(audit[0].time == t1 && audit[1].time == t2)
    }

    @Test(arguments: StoreBackend.all)
    func aWrongPINForANameNoOperatorHasIsAuditedWithoutThatName(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        try store.addOperator(Self.maria, pin: try PINHash.make(Self.pin("73061594")), now: Sample.t0)
        // Someone typed a PIN where the name goes: it must not land in the audit.
        #expect(try store.checkPIN(name: "55501234", pin: Self.pin("0000"), now: Sample.t0, till: "A") == .refused(lockedFor: nil))
        let audit = try store.audit(AuditQuery())
        #expect(audit.map(\.action) == [.pinFailed])
        #expect(audit.map(\.operatorName) == [nil])
        #expect(!"\(audit)".contains("55501234"))
    }

    @Test(arguments: StoreBackend.all)
    func fiveWrongPINsLockANameForAMinuteThenTwiceAsLongAcrossTills(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let a = try backend.open(place.path), b = try backend.open(place.path)
        try a.addOperator(Self.sam, pin: try PINHash.make(Self.pin("1234")), now: Sample.t0)
        let wrong = Self.pin("9999")
        for attempt in 1...4 {
            let till = attempt.isMultiple(of: 2) ? a : b
            #expect(try till.checkPIN(name: "Sam", pin: wrong, now: Sample.t0, till: "T") == .refused(lockedFor: nil))
        }
        #expect(try a.checkPIN(name: "Sam", pin: wrong, now: Sample.t0, till: "T") == .refused(lockedFor: 60))
        // Locked on every till, even with the right PIN, and the answer says for how long.
        #expect(try b.checkPIN(name: "Sam", pin: Self.pin("1234"), now: Sample.t0.addingTimeInterval(20), till: "T") == .locked(for: 40))
        let after = Sample.t0.addingTimeInterval(61)
        for _ in 1...4 { #expect(try b.checkPIN(name: "Sam", pin: wrong, now: after, till: "T") == .refused(lockedFor: nil)) }
        #expect(try b.checkPIN(name: "Sam", pin: wrong, now: after, till: "T") == .refused(lockedFor: 120))
        #expect(try a.lockout(name: "sam") == Lockout(failures: 0, lockouts: 2, lockedUntil: after.addingTimeInterval(120)))
        // A good PIN once the lock is over starts the count again.
        #expect(try a.checkPIN(name: "Sam", pin: Self.pin("1234"), now: after.addingTimeInterval(121), till: "T") == .accepted(Self.sam))
        #expect(try a.lockout(name: "Sam") == Lockout())
    }

    @Test(arguments: StoreBackend.all)
    func aNameThatDoesNotExistGetsTheSameAnswersAsAWrongPIN(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        try store.addOperator(Self.sam, pin: try PINHash.make(Self.pin("1234")), now: Sample.t0)
        var real: [PINCheck] = [], ghost: [PINCheck] = []
        for _ in 1...6 {
            real.append(try store.checkPIN(name: "Sam", pin: Self.pin("5555"), now: Sample.t0, till: "T"))
            ghost.append(try store.checkPIN(name: "Ghost", pin: Self.pin("5555"), now: Sample.t0, till: "T"))
        }
        #expect(real == ghost)
        #expect(real.last == .locked(for: 60))
    }

    @Test(arguments: StoreBackend.all)
    func theAuditIsReadBySpanAndOperatorNewestLast(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        let gbp = Money(minorUnits: 210, currency: .gbp)
        let entries = [
            AuditEntry(time: Sample.t0, till: "A", operatorName: "Sam", action: .signIn),
            AuditEntry(time: Sample.t0.addingTimeInterval(10), till: "A", operatorName: "Sam", action: .refund,
                       objectId: "cs_1", amount: gbp, approvedBy: "Maria"),
            AuditEntry(time: Sample.t0.addingTimeInterval(20), till: "B", operatorName: "Maria", action: .zClose, objectId: "3"),
            AuditEntry(time: Sample.t0.addingTimeInterval(30), till: "B", operatorName: nil, action: .lock),
        ]
        for entry in entries { try store.appendAudit(entry) }
        let all = try backend.open(place.path).audit(AuditQuery())
        #expect(all.map { var e = $0; e.seq = 0; return e } == entries)
        #expect(all.map(\.seq) == all.map(\.seq).sorted() && Set(all.map(\.seq)).count == 4)
        #expect(try store.audit(AuditQuery(since: Sample.t0.addingTimeInterval(10), until: Sample.t0.addingTimeInterval(30)))
            .map(\.action) == [.refund, .zClose])
        // An operator's entries are those they did and those they approved.
        #expect(try store.audit(AuditQuery(operatorName: "maria")).map(\.action) == [.refund, .zClose])
        #expect(try store.audit(AuditQuery(operatorName: "Sam")).map(\.action) == [.signIn, .refund])
        #expect(try store.audit(AuditQuery(limit: 2)).map(\.action) == [.zClose, .lock])
    }

    @Test func theAuditTableRefusesUpdatesAndDeletes() throws {
        let place = TemporaryPlace()
        let store = try SQLiteShopStore(path: place.path + "/shop.sqlite")
        try store.appendAudit(AuditEntry(time: Sample.t0, till: "A", operatorName: "Sam", action: .refund))
        #expect(throws: (any Error).self) { try SQLiteTesting.execute(path: place.path + "/shop.sqlite", "UPDATE audit SET operator = 'Eve'") }
        #expect(throws: (any Error).self) { try SQLiteTesting.execute(path: place.path + "/shop.sqlite", "DELETE FROM audit") }
        #expect(try store.audit(AuditQuery()).map(\.operatorName) == ["Sam"])
    }

    @Test func theStoreFileNeverHoldsThePIN() throws {
        let place = TemporaryPlace()
        let path = place.path + "/shop.sqlite"
        let store = try SQLiteShopStore(path: path)
        try store.addOperator(Self.maria, pin: try PINHash.make(Self.pin("73061594")), now: Sample.t0)
        _ = try store.checkPIN(name: "Maria", pin: Self.pin("73061594"), now: Sample.t0, till: "A")
        _ = try store.checkPIN(name: "Maria", pin: Self.pin("55501234"), now: Sample.t0, till: "A")
        var bytes = Data()
        for file in try FileManager.default.contentsOfDirectory(atPath: place.path) {
            bytes += (try? Data(contentsOf: URL(fileURLWithPath: place.path + "/" + file))) ?? Data()
        }
        #expect(!bytes.isEmpty)
        #expect(bytes.range(of: Data("73061594".utf8)) == nil)
        #expect(bytes.range(of: Data("55501234".utf8)) == nil)
    }
}
