import Foundation
import Testing
import TillCore
@testable import TillView

/// The customer display's frames (`till display`) at 40×12, 80×24 and 120×40, and the till's own
/// full-screen PAID. Stored frames in Frames/display-*.txt.
@Suite struct CustomerDisplayFrameTests {
    typealias F = Fixtures
    static let sizes = [Size(width: 40, height: 12), Size(width: 80, height: 24), Size(width: 120, height: 40)]
    static let utc = TimeZone(identifier: "UTC")!
    static func gbp(_ pence: Int64) -> Money { Money(minorUnits: pence, currency: .gbp) }

    static let idle = CustomerDisplay(shopName: "Corner Café", screen: .idle)
    static let cart = CustomerDisplay(shopName: "Corner Café", screen: .cart(lines: [
        .init(name: "Flat white", quantity: 2, amount: gbp(640)),
        .init(name: "Pain au chocolat", quantity: 1, amount: gbp(280)),
    ], total: gbp(920)))
    static let pay = CustomerDisplay(shopName: "Corner Café", screen: .pay(url: QRFixtures.longestSandboxURL, total: gbp(920)))
    static let paid = CustomerDisplay(shopName: "Corner Café", screen: .paid(total: gbp(920), at: F.now))
    static let expired = CustomerDisplay(shopName: "Corner Café", screen: .expired(total: gbp(920), at: F.now))

    func draw(_ display: CustomerDisplay?, _ size: Size, shownFor: TimeInterval = 0, language: Language = .english) -> Frame {
        renderCustomerDisplay(display, till: "shop-1", shownFor: shownFor, size: size, timeZone: Self.utc, cache: QRMatrixCache(),
                              language: language)
    }

    @Test(arguments: sizes)
    func everyStateAtEverySize(size: Size) {
        let name = "\(size.width)x\(size.height)"
        expectFrame(draw(nil, size), "display-waiting.\(name)")
        expectFrame(draw(Self.idle, size), "display-idle.\(name)")
        expectFrame(draw(Self.cart, size), "display-cart.\(name)")
        expectFrame(draw(Self.pay, size), "display-pay.\(name)")
        expectFrame(draw(Self.paid, size), "display-paid.\(name)")
        expectFrame(draw(Self.expired, size), "display-expired.\(name)")
        // In Spanish: the same screens, the amounts as the currency writes them.
        for (display, screen) in [(nil, "waiting"), (Self.idle, "idle"), (Self.cart, "cart"), (Self.pay, "pay"),
                                  (Self.paid, "paid"), (Self.expired, "expired")] as [(CustomerDisplay?, String)] {
            expectFrame(draw(display, size, language: .spanish), "es/display-\(screen).\(name)")
        }
    }

    @Test(arguments: sizes)
    func theCartShowsItsLinesAndTotal(size: Size) {
        let text = draw(Self.cart, size).text()
        #expect(text.contains("Flat white") && text.contains("GBP 6.40"))
        #expect(text.contains("Pain au chocolat") && text.contains("GBP 2.80"))
        #expect(text.contains("Total (3 items)") && text.contains("GBP 9.20"))
    }

    @Test(arguments: sizes)
    func paidAndExpiredAreUnmistakable(size: Size) {
        let paid = draw(Self.paid, size).text()
        #expect(paid.contains("GBP 9.20") && paid.contains("Thank you!") && paid.contains("Corner Café"))
        #expect(paid.contains("Paid at 12:00"))
        // Large letters wherever they fit (every size from 40×12).
        #expect(paid.contains("████ "))
        let expired = draw(Self.expired, size).text()
        #expect(expired.contains("Expired at 12:00") && !expired.contains("Thank you!"))
    }

    @Test func paidGoesBackToIdleAfterItsTimeOnShow() {
        let size = Size(width: 80, height: 24)
        #expect(draw(Self.paid, size, shownFor: CustomerDisplay.outcomeShownFor) == draw(Self.idle, size))
        #expect(draw(Self.paid, size, shownFor: 1) != draw(Self.idle, size))
    }

    @Test func theQRCodeIsNeverClippedAndSaysTheSizeItNeeds() {
        let small = draw(Self.pay, Size(width: 40, height: 12)).text()
        #expect(!small.contains("█") && !small.contains("▀") && !small.contains("▄"))
        #expect(small.contains("The QR code needs a terminal of at least"))
        #expect(small.contains("GBP 9.20"))
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let frame = draw(Self.pay, size)
            #expect(frame.cells.contains { $0.style.role == .qrCode })
            #expect(frame.text().contains("GBP 9.20 · Scan to pay"))
        }
    }

    @Test func theQRCodeDecodesAt80x24() throws {
        let frame = draw(Self.pay, Size(width: 80, height: 24))
        let zbarimg = try #require(QRDecodeTests.zbarimg, "zbarimg not found on PATH: install zbar-tools")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-display-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("display.pgm")
        try QRDecodeTests.pgm(frame, look: .colour).write(to: file)
        let (status, output) = try QRDecodeTests.run(zbarimg, ["--raw", "-q", file.path])
        #expect(status == 0)
        #expect(output == QRFixtures.longestSandboxURL + "\n")
    }

    @Test func manyLinesShowTheNewestAndHowManyAreAbove() {
        let lines = (1...30).map { CustomerDisplay.Line(name: "Item \($0)", quantity: 1, amount: Self.gbp(100)) }
        let frame = draw(CustomerDisplay(shopName: "Corner Café", screen: .cart(lines: lines, total: Self.gbp(3000))),
                         Size(width: 40, height: 12))
        let text = frame.text()
        #expect(text.contains("Item 30") && !text.contains("Item 1 "))
        #expect(text.contains("more above"))
        #expect(text.contains("Total (30 items)") && text.contains("GBP 30.00"))
    }

    @Test func hostileNamesNeverReachTheTerminal() {
        let hostile = CustomerDisplay(shopName: "Shop\u{1B}]0;pwned\u{07}", screen: .cart(lines: [
            .init(name: "Tea\u{1B}[2J\u{9B}31m", quantity: 1, amount: Self.gbp(100))], total: Self.gbp(100)))
        let frame = draw(hostile, Size(width: 80, height: 24))
        #expect(!frame.text().unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
    }

    @Test func theTillsFullScreenQRBecomesAFullScreenPAID() throws {
        var state = F.withSession()
        state.environment.shopName = "Corner Café"
        F.send(&state, .session(.qrToggled))
        F.send(&state, .session(.sessionPolled(id: F.session().id, .success(F.session(status: .complete, payment: .paid)))))
        let size = Size(width: 80, height: 24)
        let frame = render(state, size: size)
        let at = try #require(state.session.finishedAt)
        #expect(frame == renderFullScreenOutcome(.paid, total: Self.gbp(6_950), at: at, shopName: "Corner Café",
                                                 caption: "n next sale · Esc back", size: size))
        let text = frame.text()
        #expect(text.contains("GBP 69.50") && text.contains("Thank you!") && text.contains("n next sale"))
        #expect(!text.contains("▀") && !text.contains("▄"))
        // At 40×12 too: the word, the amount, the keys.
        let small = render(state, size: Size(width: 40, height: 12)).text()
        #expect(small.contains("GBP 69.50") && small.contains("n next sale"))
    }

    @Test func qPrintsASlipOnlyWhenAPrinterIsSetUp() {
        var state = F.withSession()
        let context = KeyContext(now: F.now, freshID: "x", size: Size(width: 120, height: 40))
        #expect(BindingTable.standard.action(for: .char("Q"), in: state, context: context) == nil)
        #expect(!render(state, size: Size(width: 120, height: 40)).text().contains("Q slip"))
        state.settings.hasPrinter = true
        #expect(BindingTable.standard.action(for: .char("Q"), in: state, context: context) == .slipRequested(F.session()))
        #expect(render(state, size: Size(width: 120, height: 40)).text().contains("Q slip"))
    }
}
