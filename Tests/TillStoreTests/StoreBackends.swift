import Foundation
import Testing
import TillCore
@testable import TillStore

/// A backend the contract suite runs against: how to open a store in a fresh place, and how to make
/// that store look as if a newer Till had migrated it. PostgreSQL (`StoreBackend.postgres`, a
/// database per test on the server of `TILL_TEST_POSTGRES_URL`) runs the whole suite too.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    let name: String
    /// Opens (or reopens) the store that lives at `place`.
    let open: @Sendable (_ place: String) throws -> any ShopStore
    /// Records schema version `version` in the store at `place`, as a newer Till would.
    let setSchemaVersion: @Sendable (_ place: String, _ version: Int) throws -> Void
    /// What another process is given to open the store at `place`: a file's path or a server's URL.
    let address: @Sendable (_ place: String) throws -> String

    var testDescription: String { name }

    static let sqlite = StoreBackend(
        name: "SQLite",
        open: { place in try SQLiteShopStore(path: place + "/shop.sqlite") },
        setSchemaVersion: { place, version in try SQLiteTesting.setSchemaVersion(path: place + "/shop.sqlite", version) },
        address: { place in place + "/shop.sqlite" })

    static let all: [StoreBackend] = [.sqlite] + PostgresTesting.backends
}

/// A fresh folder for one test, removed when the test is done with it.
final class TemporaryPlace: @unchecked Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "till-store-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

enum Sample {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func cart(_ name: String, _ pence: Int64, quantity: Int = 1) -> Cart {
        try! Cart(lines: [CartLine(item: .oneOff(name: name), unitAmount: Money(minorUnits: pence, currency: .gbp),
                                   quantity: quantity)])
    }

    static func draft(_ name: String, key: String? = nil, sent: Bool = false) -> SavedDraft {
        SavedDraft(draft: CheckoutDraft(cart: cart(name, 250), successURL: "https://shop.example/ok",
                                        cancelURL: "https://shop.example/back", idempotencyKey: key, isSent: sent),
                   defaults: DraftDefaults(successURL: "https://shop.example/ok", cancelURL: "https://shop.example/back"))
    }

    static func ticket(_ id: String, label: String, till: String, at offset: TimeInterval = 0) -> ParkedTicket {
        ParkedTicket(id: id, label: label, content: .cart(cart(label, 300)), parkedAt: t0.addingTimeInterval(offset), till: till)
    }

    static func entry(_ key: String, session: String = "cs_1", pence: Int64 = 100) -> RefundJournal.Entry {
        RefundJournal.Entry(idempotencyKey: key, sessionId: session, paymentIntentId: "pi_1",
                            amount: Money(minorUnits: pence, currency: .gbp), created: t0)
    }

    static func report(from start: Date?, to end: Date) -> ShiftReport {
        ShiftReport(window: ShiftWindow(start: start, end: end), figures: [])
    }
}
