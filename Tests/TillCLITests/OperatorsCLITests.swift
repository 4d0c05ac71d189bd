import Foundation
import Testing
import TillTestSupport
@testable import WooshPaySandbox

extension TillProcess {
    /// `till args…` with `input` on its standard input (a PIN for `--pin-stdin`).
    func run(_ arguments: [String], key: String? = nil, input: String) async throws -> RunResult {
        var environment = self.environment
        if let key { environment["WOOSHPAY_SECRET_KEY"] = key }
        return try await onThread { [environment] in
            try runProcess(tillBinary, arguments, input: input, environment: environment)
        }
    }
}

@Suite("The command line: operators, manager checks and the audit", .serialized)
struct OperatorsCLITests {
    @Test func operatorsAreAddedListedChangedAndRemovedWithTheirPINNeverShown() async throws {
        let till = try TillProcess()
        defer { till.cleanUp() }
        let none = try await till.run(["operators", "list"])
        #expect(none.status == 0)
        #expect(none.stdout.hasPrefix("No operators: Till runs as one person with no PIN."))
        let maria = try await till.run(["operators", "add", "Maria", "--role", "manager", "--pin-stdin"], input: "73061594\n")
        #expect(maria.status == 0, "\(maria.stderr)")
        #expect(maria.stdout == "Added Maria (manager).\n")
        // A first cashier before any manager is allowed, with a warning; here a manager exists.
        let sam = try await till.run(["operators", "add", "Sam", "--pin-stdin"], input: "48151623\n")
        #expect(sam.status == 0 && sam.stderr.isEmpty, "\(sam.stderr)")

        let twice = try await till.run(["operators", "add", "sam", "--pin-stdin"], input: "11112222\n")
        #expect(twice.status == 1)
        #expect(twice.stderr == "till: An operator named \"sam\" exists already.\n")
        let shortPIN = try await till.run(["operators", "add", "Ana", "--pin-stdin"], input: "123\n")
        #expect(shortPIN.status == 2)
        #expect(shortPIN.stderr == "till: the PIN on standard input is not one: a PIN is 4 to 12 digits\n")
        #expect(!shortPIN.stderr.contains("123"))
        let noPIN = try await till.run(["operators", "add", "Ana", "--pin-stdin"], input: "")
        #expect(noPIN.status == 2)
        #expect(noPIN.stderr == "till: no PIN on standard input: a PIN is 4 to 12 digits\n")
        let longName = try await till.run(["operators", "add", String(repeating: "x", count: 41), "--pin-stdin"], input: "1234\n")
        #expect(longName.status == 2)
        #expect(longName.stderr.contains("an operator name is at most 40 characters"), "\(longName.stderr)")

        let listed = try await till.run(["operators", "list"])
        #expect(listed.stdout == "NAME   ROLE\nMaria  manager\nSam    cashier\n")
        let json = try await till.run(["operators", "list", "--json"])
        #expect(json.stdout == #"[{"name":"Maria","role":"manager"},{"name":"Sam","role":"cashier"}]"# + "\n")

        #expect(try await till.run(["operators", "set-role", "Sam", "manager"]).stdout == "Sam is now a manager.\n")
        #expect(try await till.run(["operators", "set-pin", "Sam", "--pin-stdin"], input: "24682468\n").status == 0)
        let missing = try await till.run(["operators", "remove", "Nobody"])
        #expect(missing.status == 1 && missing.stderr == "till: There is no operator named \"Nobody\".\n")
        #expect(try await till.run(["operators", "remove", "Sam"]).status == 0)
        #expect(try await till.run(["operators", "list"]).stdout == "NAME   ROLE\nMaria  manager\n")

        // Every change is in the audit; no PIN anywhere in it.
        let audit = try await till.run(["audit", "--json"])
        #expect(audit.status == 0, "\(audit.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        #expect(entries.compactMap { $0["action"] as? String }
                == ["operator_added", "operator_added", "role_changed", "pin_changed", "operator_removed"])
        for pin in ["73061594", "48151623", "24682468"] { #expect(!audit.stdout.contains(pin)) }
    }

    @Test func aRefundAndAZCloseNeedAManagersPINAndARefusalExits3() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            #expect(try await till.run(["operators", "add", "Maria", "--role", "manager", "--pin-stdin"], input: "73061594\n").status == 0)
            #expect(try await till.run(["operators", "add", "Sam", "--pin-stdin"], input: "48151623\n").status == 0)
            let sale = try await till.paidSale(sandbox, key: key)

            let nobody = try await till.run(["refunds", "create", "--session", sale, "--amount", "2.10"] + base, key: key)
            #expect(nobody.status == 3)
            #expect(nobody.stderr == "till: Refund needs a manager: give --operator NAME --pin-stdin (the PIN on standard input).\n")
            let cashier = try await till.run(["refunds", "create", "--session", sale, "--amount", "2.10", "--operator", "Sam",
                                              "--pin-stdin"] + base, key: key, input: "48151623\n")
            #expect(cashier.status == 3)
            #expect(cashier.stderr == "till: Refund needs a manager, and Sam is a cashier: run it with a manager's --operator and PIN. Nothing was sent.\n")
            let wrong = try await till.run(["refunds", "create", "--session", sale, "--amount", "2.10", "--operator", "Maria",
                                            "--pin-stdin"] + base, key: key, input: "11111111\n")
            #expect(wrong.status == 3)
            #expect(wrong.stderr == "till: Wrong name or PIN. Refund refused, nothing was sent.\n")
            // A name that does not exist gets the same answer.
            let ghost = try await till.run(["refunds", "create", "--session", sale, "--amount", "2.10", "--operator", "Ghost",
                                            "--pin-stdin"] + base, key: key, input: "11111111\n")
            #expect(ghost.status == 3 && ghost.stderr == wrong.stderr)
            #expect(try await till.journal(sandbox, key: key).isEmpty)

            let done = try await till.run(["refunds", "create", "--session", sale, "--amount", "2.10", "--operator", "maria",
                                           "--pin-stdin", "--json"] + base, key: key, input: "73061594\n")
            #expect(done.status == 0, "\(done.stderr)")
            let refund = try done.json()
            #expect(refund["amount"] as? Int == 210)
            #expect((refund["metadata"] as? [String: String])?["operator"] == "Maria")

            let close = try await till.run(["report", "close"] + base, key: key)
            #expect(close.status == 3)
            #expect(close.stderr == "till: Close the shift (Z) needs a manager: give --operator NAME --pin-stdin (the PIN on standard input).\n")
            let closed = try await till.run(["report", "close", "--operator", "Maria", "--pin-stdin"] + base, key: key,
                                            input: "73061594\n")
            #expect(closed.status == 0, "\(closed.stderr)")

            // Archiving a product needs a manager too; other changes do not.
            let product = try await till.run(["products", "create", "--name", "Seasonal mug", "--json"] + base, key: key)
            let productId = try #require(try product.json()["id"] as? String)
            #expect(try await till.run(["products", "update", productId, "--name", "Winter mug"] + base, key: key).status == 0)
            let archive = try await till.run(["products", "update", productId, "--active", "false"] + base, key: key)
            #expect(archive.status == 3)
            #expect(archive.stderr == "till: Archive the product needs a manager: give --operator NAME --pin-stdin (the PIN on standard input).\n")
            let archived = try await till.run(["products", "update", productId, "--active", "false", "--operator", "Maria",
                                               "--pin-stdin", "--json"] + base, key: key, input: "73061594\n")
            #expect(archived.status == 0, "\(archived.stderr)")
            #expect(try archived.json()["active"] as? Bool == false)

            let audit = try await till.run(["audit", "--operator", "Maria", "--json"])
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
            #expect(entries.compactMap { $0["action"] as? String } == ["pin_failed", "refund", "z_close", "product_archived"])
            #expect(entries.allSatisfy { $0["operator"] as? String == "Maria" })
            let refunded = try #require(entries.first { $0["action"] as? String == "refund" })
            #expect(refunded["object_id"] as? String == sale)
            #expect((refunded["amount"] as? [String: Any])?["minorUnits"] as? Int == 210)
            let table = try await till.run(["audit"])
            #expect(table.stdout.hasPrefix("TIME"))
            #expect(table.stdout.contains("approval_refused"), "\(table.stdout)")
            for pin in ["73061594", "48151623", "11111111"] { #expect(!table.stdout.contains(pin)) }
        }
    }

    @Test func permissionsInConfigLetAnyoneRefund() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            try FileManager.default.createDirectory(atPath: till.home + "/config/till", withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try "[permissions]\nrefund = \"anyone\"\n".write(toFile: till.configPath, atomically: true, encoding: .utf8)
            chmod(till.configPath, 0o600)
            #expect(try await till.run(["operators", "add", "Maria", "--role", "manager", "--pin-stdin"], input: "73061594\n").status == 0)
            let sale = try await till.paidSale(sandbox, key: key)
            let refund = try await till.run(["refunds", "create", "--session", sale, "--amount", "1.00"] + base, key: key)
            #expect(refund.status == 0, "\(refund.stderr)")
            // Z close stays a manager's.
            #expect(try await till.run(["report", "close"] + base, key: key).status == 3)

            try "[permissions]\nrefund = \"sometimes\"\n".write(toFile: till.configPath, atomically: true, encoding: .utf8)
            chmod(till.configPath, 0o600)
            let bad = try await till.run(["refunds", "create", "--session", sale, "--amount", "1.00"] + base, key: key)
            #expect(bad.status == 4)
            #expect(bad.stderr.contains("permissions.refund must be one of anyone, approval, manager"), "\(bad.stderr)")
        }
    }
}
