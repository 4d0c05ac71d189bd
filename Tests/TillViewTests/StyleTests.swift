import Foundation
import Testing
import TillCore
@testable import TillView

/// What the text frames cannot show: attributes that carry meaning.
@Suite("styles that carry meaning")
struct StyleTests {
    typealias F = Fixtures

    @Test func liveIsReverseOnEveryScreen() {
        var state = F.withSession()
        state.environment = EnvironmentInfo(mode: .live, apiHost: "api.wooshpay.com")
        for pane in Pane.allCases {
            state.focus = pane
            for help in [false, true] {
                state.isHelpVisible = help
                for size in standardSizes {
                    let frame = render(state, size: size)
                    let row = frame.row(0)
                    #expect(row.contains(" LIVE "), "\(pane) \(size)")
                    let x = (0..<frame.width).first { frame[$0, 0].text == "L" && frame[$0 + 1, 0].text == "I" }!
                    for i in x..<(x + 4) { #expect(frame[i, 0].style.contains(.reverse)) }
                }
            }
        }
    }

    @Test func sandboxAndTestAreNotReverse() {
        for mode in [EnvironmentInfo.Mode.sandbox, .test] {
            let frame = render(F.loaded(F.products(3), mode: mode), size: Size(width: 80, height: 24))
            #expect(!frame.row(0).contains("LIVE"))
            #expect((0..<80).allSatisfy { !frame[$0, 0].style.contains(.reverse) })
        }
    }

    @Test func selectedRowIsReverseAcrossTheWidth() {
        var state = F.loaded(F.products(30))
        F.send(&state, .products(.selectionMoved(.down)))
        let frame = render(state, size: Size(width: 80, height: 24))
        let y = 6  // header, tabs, rule, title, headings, first row, then the selected second row
        #expect(frame.row(y).hasPrefix("> Espresso cup"))
        #expect((0..<80).allSatisfy { frame[$0, y].style.contains(.reverse) })
        #expect((0..<80).allSatisfy { !frame[$0, y - 1].style.contains(.reverse) })
    }

    @Test func errorsUseTheErrorRole() {
        var state = F.loaded(F.products(3))
        state.status.message = .error(.requestFailed(APIFailure(kind: .configuration, message: "Something broke"), keyed: true))
        let frame = render(state, size: Size(width: 80, height: 24))
        let y = 22
        #expect(frame.row(y).contains("! Something broke"))
        #expect(frame[3, y].style.role == .error)
    }

    @Test func focusedFieldGetsTheCursorAndScrollsToKeepItVisible() {
        var state = F.loaded(F.products(3))
        F.send(&state, .products(.newProductRequested))
        let long = String(repeating: "abcdefghij", count: 12)
        F.type(&state, long)
        let frame = render(state, size: Size(width: 80, height: 24))
        let cursor = try! #require(frame.cursor)
        // The end of the text is shown, right before the cursor.
        #expect(frame.row(cursor.y).contains("hij"))
        #expect(frame[cursor.x - 1, cursor.y].text == "j")
        #expect(frame[cursor.x, cursor.y].text == " ")
        #expect(frame[cursor.x, cursor.y].style.contains(.underline))
        // Home puts the cursor at the start of the field, showing the start of the text.
        F.send(&state, .products(.form(.edited(.cursorMovedToStart))))
        let home = render(state, size: Size(width: 80, height: 24))
        let start = try! #require(home.cursor)
        #expect(home[start.x, start.y].text == "a")
        #expect(start.x < cursor.x)
    }

    @Test func theLiveCheckoutQuestionIsInReverseAndSaysTheTotal() {
        var state = F.withCart()
        state.environment = EnvironmentInfo(mode: .live, apiHost: "api.wooshpay.com")
        F.send(&state, .cart(.checkoutRequested), .products(.form(.submitted(freshID: "fresh-2"))))
        for size in standardSizes {
            let frame = render(state, size: size)
            let y = try! #require((0..<frame.height).first { frame.row($0).contains("LIVE: create a real checkout session") })
            #expect(frame.row(y).contains("for GBP 69.50? (y/n)"))
            let x = try! #require((0..<frame.width).first { frame[$0, y].text == "L" })
            #expect(frame[x, y].style.contains(.reverse))
            #expect(frame[x, y].style.role == .error)
            // No second LIVE warning inside the box: the question says it.
            #expect(!frame.text().contains("LIVE account: this changes real data."))
        }
    }
}
