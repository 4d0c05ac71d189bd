import Foundation
import Testing
import TillCore
@testable import TillView

/// A refund of `minor` pence in the journal, as the receipt finds it.
private func refundEntry(_ key: String, _ minor: Int64, _ currency: Currency = .gbp, session: String,
                         state: RefundJournal.State = .sent) -> RefundJournal.Entry {
    RefundJournal.Entry(idempotencyKey: key, sessionId: session, paymentIntentId: "pi_" + session.dropFirst(3),
                        amount: Money(minorUnits: minor, currency: currency), reason: .requestedByCustomer,
                        lines: nil, state: state, created: Date(timeIntervalSince1970: 1_700_000_000))
}

/// Columns as a terminal counts them, for the scripts these tests use: CJK two, the rest one
/// (close to TillView's `displayWidth`, but fixed here so the receipts stay as written).
@Sendable func testColumns(_ character: Character) -> Int {
    character.unicodeScalars.contains { (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) } ? 2 : 1
}

@Suite("Receipts")
struct ReceiptTests {
    static let london = TimeZone(identifier: "Europe/London")!

    static func paidSale() -> CheckoutSession {
        var sale = CheckoutSession(
            id: "cs_1732536000000000004", status: .complete, paymentStatus: .paid, url: nil, currency: .gbp,
            amountSubtotal: 3399, amountTotal: 3399, created: Date(timeIntervalSince1970: 1_782_905_400), // 2026-07-01 11:30 UTC
            expiresAt: Date(timeIntervalSince1970: 1_782_991_800), paymentIntentId: "pi_1732536000000000003")
        sale.lineItems = [
            LineItem(id: "li_1", description: "Flat white", quantity: 2, currency: .gbp, unitAmount: 350,
                     amountSubtotal: 700, amountTotal: 700, priceId: "price_1"),
            LineItem(id: "li_2", description: "A very long product name that goes on and on beyond the column and further still",
                     quantity: 1, currency: .gbp, unitAmount: 1999, amountSubtotal: 1999, amountTotal: 1999, priceId: "price_2"),
            LineItem(id: "li_3", description: "Tea\u{1B}[2J\twith\u{9B}tab\nand\u{202E}newline", quantity: 1, currency: .gbp,
                     unitAmount: 250, amountSubtotal: 250, amountTotal: 250, priceId: "price_3"),
            LineItem(id: "li_4", description: "抹茶ラテ", quantity: 1, currency: .gbp, unitAmount: 450,
                     amountSubtotal: 450, amountTotal: 450, priceId: "price_4"),
        ]
        return sale
    }

    static let refunds = [
        refundEntry("a", 500, session: "cs_1732536000000000004", state: .recorded(refundId: "re_1732536000000000007", status: .succeeded)),
        refundEntry("b", 250, session: "cs_1732536000000000004", state: .recorded(refundId: "re_1732536000000000008", status: .pending)),
        refundEntry("c", 100, session: "cs_1732536000000000004"),
        refundEntry("d", 9999, session: "cs_1732536000000000004", state: .failed(message: "too large")),
        refundEntry("e", 300, session: "cs_other", state: .recorded(refundId: "re_9", status: .succeeded)),
    ]

    static func format(_ width: ReceiptWidth, name: String = "The Corner Café", address: [String] = ["1 High Street", "Townsville TS1 1AA"]) -> ReceiptFormat {
        ReceiptFormat(shopName: name, shopAddress: address, width: width, timeZone: london, columns: testColumns)
    }

    @Test func narrowReceiptWithRefunds() {
        let text = Receipt.text(for: Self.paidSale(), refunds: Self.refunds, format: Self.format(.narrow))
        #expect(text == """
                         The Corner Café
                          1 High Street
                        Townsville TS1 1AA

            2026-07-01 12:30
            ------------------------------------------
            2 x Flat white                    GBP 7.00
              at GBP 3.50 each
            A very long product name that    GBP 19.99
              goes on and on beyond the
              column and further still
            Tea?[2J with?tab and?newline      GBP 2.50
            抹茶ラテ                          GBP 4.50
            ------------------------------------------
            TOTAL                            GBP 33.99
            Refund                           -GBP 5.00
              re_1732536000000000007
            Refund (pending)                 -GBP 2.50
              re_1732536000000000008
            Refund (unconfirmed)             -GBP 1.00
            REFUNDED                         -GBP 7.50
            NET                              GBP 26.49
            ------------------------------------------
            Session cs_1732536000000000004
            Payment pi_1732536000000000003

            """)
    }

    @Test func inSpanishTheWordsChangeAndTheAmountsDoNot() {
        let text = Receipt.text(for: Self.paidSale(), refunds: Self.refunds, format: Self.format(.narrow), language: .spanish)
        #expect(text == """
                         The Corner Café
                          1 High Street
                        Townsville TS1 1AA

            2026-07-01 12:30
            ------------------------------------------
            2 x Flat white                    GBP 7.00
              a GBP 3.50 cada uno
            A very long product name that    GBP 19.99
              goes on and on beyond the
              column and further still
            Tea?[2J with?tab and?newline      GBP 2.50
            抹茶ラテ                          GBP 4.50
            ------------------------------------------
            TOTAL                            GBP 33.99
            Reembolso                        -GBP 5.00
              re_1732536000000000007
            Reembolso (pendiente)            -GBP 2.50
              re_1732536000000000008
            Reembolso (sin confirmar)        -GBP 1.00
            REEMBOLSADO                      -GBP 7.50
            NETO                             GBP 26.49
            ------------------------------------------
            Sesión cs_1732536000000000004
            Pago pi_1732536000000000003

            """)
        var open = Self.paidSale()
        open.status = .open
        #expect(Receipt.lines(for: open, refunds: [], format: Self.format(.narrow), language: .spanish).contains("SIN PAGAR (abierta)"))
        #expect(PhraseCheck.problems(ReceiptPhrase.self).isEmpty, "\(PhraseCheck.problems(ReceiptPhrase.self))")
    }

    @Test func wideReceiptWithoutRefunds() {
        var sale = Self.paidSale()
        sale.lineItems = Array(sale.lineItems.prefix(2))
        sale.amountTotal = 2699
        let text = Receipt.text(for: sale, refunds: [], format: Self.format(.wide, address: []))
        #expect(text == """
                            The Corner Café

            2026-07-01 12:30
            ------------------------------------------------
            2 x Flat white                          GBP 7.00
              at GBP 3.50 each
            A very long product name that goes     GBP 19.99
              on and on beyond the column and
              further still
            ------------------------------------------------
            TOTAL                                  GBP 26.99
            ------------------------------------------------
            Session cs_1732536000000000004
            Payment pi_1732536000000000003

            """)
    }

    @Test func noLineIsWiderThanThePaperAndNoneHoldsAControl() {
        let hostile = String(repeating: "Ｗ", count: 60) + "\u{7}\u{0}\u{7F}" + String(repeating: "x", count: 200)
        var sale = Self.paidSale()
        sale.lineItems.append(LineItem(id: "li_5", description: hostile, quantity: 999, currency: .gbp, unitAmount: 99_999_999_999,
                                       amountSubtotal: 99_999_999_999, amountTotal: 99_999_999_999, priceId: "price_5"))
        for width in ReceiptWidth.allCases {
            let format = Self.format(width, name: "Shop \u{1B}]0;owned\u{7} " + String(repeating: "名", count: 40),
                                     address: ["Line\u{2028}one", String(repeating: "street ", count: 20)])
            let lines = Receipt.lines(for: sale, refunds: Self.refunds, format: format)
            for line in lines {
                #expect(line.reduce(0) { $0 + testColumns($1) } <= width.rawValue, "\(width): \(line)")
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" },
                        "\(line.debugDescription)")
                #expect(line.last != " ")
            }
            // The shop's name and each address line take at most two lines; a description three.
            #expect(lines.prefix(2).allSatisfy { $0.contains("名") || $0.contains("Shop") })
            #expect(!lines[2].contains("名"))
            let description = lines.filter { $0.contains("ＷＷ") || $0.contains("xxx") }
            #expect(description.count == Receipt.maxDescriptionLines, "\(description)")
            #expect(description.last?.hasSuffix("…") == true || description.last?.contains("…") == true)
        }
    }

    @Test func aKeyInANameIsRedacted() {
        let key = "sk_" + "live_" + String(repeating: "A1b2", count: 6)
        var sale = Self.paidSale()
        sale.lineItems = [LineItem(id: "li_1", description: "Gift \(key)", quantity: 1, currency: .gbp, unitAmount: 100,
                                   amountSubtotal: 100, amountTotal: 100)]
        let text = Receipt.text(for: sale, refunds: [], format: Self.format(.narrow))
        #expect(text.contains("Gift sk_live_…A1b2"))
        #expect(!text.contains(key))
    }

    @Test func anUnpaidSessionSaysSo() {
        var sale = Self.paidSale()
        sale.status = .open
        sale.paymentStatus = .unpaid
        sale.paymentIntentId = nil
        let lines = Receipt.lines(for: sale, refunds: [], format: Self.format(.narrow, name: "", address: []))
        #expect(Array(lines.prefix(3)) == ["2026-07-01 12:30", "NOT PAID (open)", String(repeating: "-", count: 42)])
        #expect(lines.last == "Session cs_1732536000000000004")
    }

    @Test func amountsUseTheCurrencysDecimals() {
        var sale = Self.paidSale()
        sale.currency = .jpy
        sale.amountTotal = 1500
        sale.lineItems = [LineItem(id: "li_1", description: "Matcha", quantity: 3, currency: .jpy, unitAmount: 500,
                                   amountSubtotal: 1500, amountTotal: 1500)]
        let refunds = [refundEntry("a", 500, .jpy, session: sale.id, state: .recorded(refundId: "re_1", status: .succeeded))]
        let lines = Receipt.lines(for: sale, refunds: refunds, format: Self.format(.narrow, name: "", address: []))
        #expect(lines.contains("3 x Matcha                       JPY 1,500"))
        #expect(lines.contains("  at JPY 500 each"))
        #expect(lines.contains("Refund                            -JPY 500"))
        #expect(lines.contains("  re_1"))
        #expect(lines.contains("NET                              JPY 1,000"))
    }
}
