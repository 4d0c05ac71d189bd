import Foundation
import PropertyBased
import Testing
@testable import TillCore

@Suite("Money properties")
struct MoneyPropertyTests {
    static let currencies: [Currency] = [.gbp, .jpy, .kwd, .usd, Currency(apiCode: "CLF")]

    @Test("parse(format(m)) == m, with and without grouping")
    func roundTrip() async {
        await propertyCheck(count: 1000, input: Gen.int64(in: 0...Money.maximumMinorUnits),
                            Gen.int(in: 0...4).map { MoneyPropertyTests.currencies[$0] }) { minor, currency in
            let money = Money(minorUnits: minor, currency: currency)
            #expect((try? Money(parsing: money.amountText, currency: currency)) == money)
            #expect((try? Money(parsing: money.plainText, currency: currency)) == money)
        }
    }

    @Test("format(parse(text)) normalises any digits-and-decimals text the currency accepts")
    func parseThenFormat() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...999_999), Gen.int(in: 0...99)) { whole, cents in
            let text = "\(whole).\(cents < 10 ? "0" : "")\(cents)"
            let money = try? Money(parsing: text, currency: .gbp)
            #expect(money?.minorUnits == Int64(whole) * 100 + Int64(cents))
            #expect(money?.plainText == text)
        }
    }

    @Test("Money.sum equals the exact sum, or throws overflow exactly when a running total leaves Int64")
    func sumOverflow() async {
        await propertyCheck(count: 1000, input: Gen.int64(in: Int64.min...Int64.max).array(of: 0...6)) { amounts in
            var running: Int128 = 0
            var overflows = false
            for amount in amounts {
                running += Int128(amount)
                if running > Int128(Int64.max) || running < Int128(Int64.min) { overflows = true; break }
            }
            let moneys = amounts.map { Money(minorUnits: $0, currency: .eur) }
            if overflows {
                #expect(throws: MoneyError.overflow) { try Money.sum(moneys, currency: .eur) }
            } else {
                #expect((try? Money.sum(moneys, currency: .eur))?.minorUnits == Int64(running))
            }
        }
    }

    @Test("A cart's total is the exact sum of unit × quantity")
    func cartTotal() async {
        await propertyCheck(count: 300, input: Gen.int64(in: 0...Money.maximumMinorUnits).array(of: 1...20),
                            Gen.int(in: 1...999)) { units, quantity in
            var cart = Cart()
            for (i, unit) in units.enumerated() {
                try? cart.add(CartLine(item: .oneOff(name: "item \(i)"), unitAmount: gbp(unit), quantity: quantity))
            }
            let exact = units.reduce(Int128(0)) { $0 + Int128($1) * Int128(quantity) }
            #expect(cart.lines.count == units.count)
            #expect((try? cart.total())??.minorUnits == Int64(exact))
        }
    }
}
