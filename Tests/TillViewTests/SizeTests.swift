import Foundation
import Testing
import TillCore
@testable import TillView

@Suite("sizes: too small, tiny, and every size in between")
struct SizeTests {
    typealias F = Fixtures

    @Test func tooSmallSaysWhatIsNeeded() {
        let state = F.loaded(F.products(10))
        expectFrame(render(state, size: Size(width: 60, height: 20)), "too-small.60x20")
        expectFrame(render(state, size: Size(width: 79, height: 24)), "too-small.79x24")
        expectFrame(render(state, size: Size(width: 20, height: 5)), "too-small.20x5")
        for size in [Size(width: 60, height: 20), Size(width: 79, height: 24), Size(width: 20, height: 5)] {
            expectFrame(render(inSpanish(state), size: size), "es/too-small.\(size.width)x\(size.height)")
        }
        let text = render(state, size: Size(width: 60, height: 20)).text()
        #expect(text.contains("80×24"))
        #expect(text.contains("60×20"))
    }

    @Test func tooSmallLiveStillSaysLive() {
        let state = F.loaded(F.products(10), mode: .live)
        let frame = render(state, size: Size(width: 60, height: 20))
        expectFrame(frame, "too-small-live.60x20")
        expectFrame(render(inSpanish(state), size: Size(width: 60, height: 20)), "es/too-small-live.60x20")
        let y = 0
        let row = frame.row(y)
        #expect(row.contains("LIVE"))
        let x = (0..<frame.width).first { frame[$0, y].text == "L" }!
        #expect(frame[x, y].style.contains(.reverse))
    }

    @Test func exactlyTheMinimumDrawsPanes() {
        let frame = render(F.loaded(F.products(3)), size: Layout.minimumSize)
        #expect(frame.text().contains("Products"))
        #expect(!frame.text().contains("needs a terminal"))
    }

    @Test func nothingCrashesAtAnySize() {
        var states: [AppState] = []
        var state = F.withSession()
        states.append(state)
        F.send(&state, .helpToggled)
        states.append(state)
        var form = F.withCart()
        F.send(&form, .cart(.oneOffItemRequested))
        states.append(form)
        var confirm = F.withPrices()
        F.send(&confirm, .prices(.addToCartRequested), .paneSelected(.cart), .cart(.removeRequested))
        states.append(confirm)
        states.append(F.loaded(F.products(50, names: HostileTextTests.wideNames), mode: .live))
        for state in states {
            for width in [0, 1, 2, 3, 10, 40, 79, 80, 81, 100, 200] {
                for height in [0, 1, 2, 3, 10, 23, 24, 25, 60] {
                    let frame = render(state, size: Size(width: width, height: height))
                    #expect(frame.cells.count == width * height)
                    if let cursor = frame.cursor {
                        #expect(cursor.x >= 0 && cursor.x < width && cursor.y >= 0 && cursor.y < height)
                    }
                }
            }
        }
        #expect(render(state, size: Size(width: -3, height: -1)).cells.isEmpty)
    }

    @Test func frameRowsAreAlwaysTheirWidth() {
        let state = F.withSession()
        for width in stride(from: 1, through: 130, by: 7) {
            for height in [1, 5, 24, 30] {
                let frame = render(state, size: Size(width: width, height: height))
                for y in 0..<height { #expect(displayWidth(frame.row(y)) == width) }
            }
        }
    }
}
