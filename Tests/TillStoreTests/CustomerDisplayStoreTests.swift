import Foundation
import Testing
import TillCore
@testable import TillStore

/// The customer display's record, on every backend: one per till, replaced by each write, read by
/// another connection (a display on another process or host), and a write moves that
/// connection's change token so the display knows to read it.
@Suite struct CustomerDisplayStoreTests {
    static let cart = CustomerDisplay(shopName: "Corner Café", screen: .cart(
        lines: [.init(name: "Flat white", quantity: 2, amount: Money(minorUnits: 640, currency: .gbp))],
        total: Money(minorUnits: 640, currency: .gbp)))
    static let pay = CustomerDisplay(shopName: "Corner Café", screen: .pay(
        url: "http://127.0.0.1:4242/pay/cs_1", total: Money(minorUnits: 640, currency: .gbp)))

    @Test(arguments: StoreBackend.all)
    func aTillsRecordIsReplacedAndReadByAnotherConnection(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let till = try backend.open(place.path), display = try backend.open(place.path)
        #expect(try display.customerDisplay(till: "A") == nil)
        let before = try display.changeToken()
        try till.showCustomer(Self.cart, till: "A")
        #expect(try display.changeToken() != before)
        #expect(try display.customerDisplay(till: "A") == Self.cart)
        let again = try display.changeToken()
        try till.showCustomer(Self.pay, till: "A")
        #expect(try display.changeToken() != again)
        #expect(try display.customerDisplay(till: "A") == Self.pay)
    }

    @Test(arguments: StoreBackend.all)
    func eachTillHasItsOwnRecord(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let a = try backend.open(place.path), b = try backend.open(place.path)
        try a.showCustomer(Self.cart, till: "A")
        try b.showCustomer(Self.pay, till: "B")
        #expect(try a.customerDisplay(till: "A") == Self.cart)
        #expect(try a.customerDisplay(till: "B") == Self.pay)
        #expect(try b.customerDisplay(till: "C") == nil)
    }

    @Test(arguments: StoreBackend.all)
    func theSchemaHasTheDisplayTableAtTheLatestVersion(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let store = try backend.open(place.path)
        try store.showCustomer(Self.cart, till: "A")
        #expect(ShopSchema.latest == ShopSchema.sqlite.count)
        #expect(ShopSchema.postgresql.count == ShopSchema.sqlite.count)
    }
}
