import Foundation
import Testing
import TillCore
@testable import TillView

/// Keys that reach the screen (a product named with one, an error echoing one, a key typed into a
/// form) are drawn as `sk_test_…WXYZ`, like everywhere else text leaves Till.
@Suite("secret keys on screen")
struct ScreenRedactionTests {
    typealias F = Fixtures
    static let key = "sk_live_" + "Zq8wE4rT6yU1iO3pA5sD7fGh"

    @Test func aProductNamedWithAKeyShowsItRedacted() {
        let state = F.loaded(F.products(3, names: ["Gift \(Self.key)", "rk_test_0123456789abcdefghij", "Coffee"]))
        for size in standardSizes {
            let text = render(state, size: size).text()
            #expect(!text.contains("Zq8wE4rT"), "\(size)")
            #expect(!text.contains("0123456789abc"))
            #expect(text.contains("Gift sk_live_…"))
        }
    }

    @Test func anErrorEchoingAKeyShowsItRedacted() {
        var state = F.loaded(F.products(2))
        state.status.message = .error(.requestFailed(APIFailure(kind: .configuration, message: "No such product: '\(Self.key)'"), keyed: true))
        let text = render(state, size: Size(width: 120, height: 40)).text()
        #expect(text.contains("No such product: 'sk_live_…7fGh'"), "\(text)")
        #expect(!text.contains("Zq8wE4rT"))
    }

    @Test func aKeyTypedIntoAFormIsRedactedAndTheCursorStaysInTheField() throws {
        var state = F.loaded(F.products(2))
        F.send(&state, .products(.newProductRequested))
        F.type(&state, "Tea " + Self.key)
        let frame = render(state, size: Size(width: 80, height: 24))
        let text = frame.text()
        #expect(text.contains("Tea sk_live_…7fGh"), "\(text)")
        #expect(!text.contains("Zq8wE4rT"))
        let cursor = try #require(frame.cursor)
        let row = frame.row(cursor.y)
        #expect(displayColumn(of: "Tea sk_live_…7fGh", in: row).map { $0 + displayWidth("Tea sk_live_…7fGh") } == cursor.x)
    }

    @Test func drawingPathsAllRedact() {
        var frame = Frame(size: Size(width: 40, height: 3))
        frame.put(Self.key, x: 0, y: 0)                       // the ASCII fast path
        frame.put("漢 " + Self.key, x: 0, y: 1)               // the general path
        frame.text("key " + Self.key, x: 0, y: 2, width: 40) // the pane helper
        for y in 0..<3 { #expect(!frame.row(y).contains("Zq8wE4rT"), "row \(y)") }
        #expect(frame.row(0).hasPrefix("sk_live_…7fGh"))
        #expect(sanitize("id \(Self.key)") == "id sk_live_…7fGh")
    }
}

/// The terminal column where `needle` first starts in `line`.
private func displayColumn(of needle: String, in line: String) -> Int? {
    var column = 0
    var index = line.startIndex
    while index < line.endIndex {
        if line[index...].hasPrefix(needle) { return column }
        column += displayWidth(line[index])
        index = line.index(after: index)
    }
    return nil
}
