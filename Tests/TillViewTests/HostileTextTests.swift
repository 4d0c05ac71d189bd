import Foundation
import Testing
import TillCore
@testable import TillView

/// Names from the API or the operator that would break a naive terminal UI.
@Suite("hostile and wide text on screen")
struct HostileTextTests {
    typealias F = Fixtures

    static let hostileNames = [
        "Clear\u{1B}[2Jscreen",
        "Title\u{1B}]0;pwn\u{07}bell",
        "C1\u{9B}31mcsi",
        "Tab\there\nnewline\r",
        "DEL\u{7F}end",
        "\u{202E}reversed\u{202C} bidi",
    ]

    static let wideNames = [
        "漢字の商品名 (kanji)",
        "Emoji ☕️😀👩‍💻 party",
        "Cafe\u{301} au lait, cre\u{300}me bru\u{302}le\u{301}e",
        "한국어 상품",
        "🇬🇧🇫🇷 flags",
        "ｗｉｄｅ Ｌａｔｉｎ",
        "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
    ]

    @Test func hostileNamesRenderAsPlaceholders() {
        var state = F.loaded(F.products(6, names: Self.hostileNames))
        // Text from the API reaches the status line as it came (here a configuration failure's own words).
        state.status.message = .error(.requestFailed(APIFailure(kind: .configuration, message: "Server said: \u{1B}[31mred\u{1B}[0m"),
                                                     keyed: true))
        for size in standardSizes {
            let frame = render(state, size: size)
            expectFrame(frame, "hostile-names.\(size.width)x\(size.height)")
            expectNoControls(frame)
        }
        let text = render(state, size: Size(width: 120, height: 40)).text()
        #expect(text.contains("Clear␛[2Jscreen"))
        #expect(text.contains("Title␛]0;pwn␇bell"))
        #expect(text.contains("C1\u{FFFD}31mcsi"))
        #expect(text.contains("Tab␉here␊newline␍"))
        #expect(text.contains("DEL␡end"))
    }

    @Test func hostileTextInEveryPlace() {
        // The same hostile string as a host, a price nickname, a one-off item, a session id and URL.
        let evil = "x\u{1B}]52;c;ZXZpbA==\u{07}\u{9B}2J"
        var state = F.withSession(F.session(id: "cs_" + evil, url: "http://h/" + evil))
        state.environment = EnvironmentInfo(mode: .test, apiHost: evil)
        state.prices.productName = evil
        state.prices.prices = [Price(id: "price_" + evil, productId: "p", currency: .gbp, unitAmount: 1, nickname: evil,
                                     created: F.now)]
        for pane in Pane.allCases {
            state.focus = pane
            for size in standardSizes + [Size(width: 60, height: 20)] { expectNoControls(render(state, size: size)) }
        }
    }

    @Test func wideNamesKeepColumnsAligned() {
        let state = F.loaded(F.products(7, names: Self.wideNames))
        for size in standardSizes {
            let frame = render(state, size: size)
            expectFrame(frame, "wide-names.\(size.width)x\(size.height)")
            // Every row is exactly the frame's width in display columns: nothing overflows or shifts.
            for y in 0..<frame.height { #expect(displayWidth(frame.row(y)) == frame.width, "row \(y)") }
            // The price-count and status columns start at the same column on every product row.
            let columns = (5..<12).map { y -> [Int] in
                let row = frame.row(y)
                return ["—", "active", "archived"].compactMap { word in
                    row.range(of: word).map { displayWidth(String(row[..<$0.lowerBound])) }
                }
            }
            let dash = Set(columns.map { $0[0] })
            let status = Set(columns.map { $0[1] })
            #expect(dash.count == 1 && status.count == 1, "columns drift: \(columns)")
        }
    }

    @Test func wideNamesInTheCart() {
        var state = F.withPrices()
        state.prices.productName = "漢字の商品名 ☕️"
        F.send(&state, .prices(.addToCartRequested), .paneSelected(.cart), .cart(.oneOffItemRequested))
        F.type(&state, "Crème brûlée 🍮")
        F.send(&state, .products(.form(.focusMovedNext)))
        F.type(&state, "3")
        F.send(&state, .products(.form(.submitted(freshID: "f"))))
        for size in standardSizes {
            let frame = render(state, size: size)
            expectFrame(frame, "wide-cart.\(size.width)x\(size.height)")
            for y in 0..<frame.height { #expect(displayWidth(frame.row(y)) == frame.width, "row \(y)") }
        }
    }

    @Test func cursorSitsAfterWideCharacters() {
        var state = F.loaded(F.products(3))
        F.send(&state, .products(.newProductRequested))
        F.type(&state, "漢字😀")
        let frame = render(state, size: Size(width: 80, height: 24))
        let cursor = try! #require(frame.cursor)
        // The cursor is 6 columns after the field start: 漢 字 😀 are two columns each.
        let row = frame.row(cursor.y)
        let start = try! #require(row.range(of: "漢字😀"))
        let prefixColumns = displayWidth(String(row[..<start.lowerBound]))
        #expect(cursor.x == prefixColumns + 6)
    }

    func expectNoControls(_ frame: Frame, sourceLocation: SourceLocation = #_sourceLocation) {
        for cell in frame.cells {
            for scalar in cell.text.unicodeScalars {
                let v = scalar.value
                let bad = v < 0x20 || (v >= 0x7F && v <= 0x9F) || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
                #expect(!bad, "control U+\(String(v, radix: 16)) reached a cell", sourceLocation: sourceLocation)
            }
        }
    }
}
