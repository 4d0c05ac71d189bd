import Foundation
import Testing
import TillCore
@testable import TillView

/// Rows each list gets at a screen size: the view draws by them and the app reducer scrolls by them.
@Suite struct LayoutTests {
    private func freshState() -> AppState {
        AppState(environment: EnvironmentInfo(mode: .sandbox, apiHost: "127.0.0.1:1"),
                 settings: Settings(successURL: "http://127.0.0.1/ok", cancelURL: "http://127.0.0.1/no"),
                 now: Date(timeIntervalSince1970: 1_700_000_000))
    }

    private func session(_ id: String, url: String? = "https://checkout.example/pay/cs_1") -> CheckoutSession {
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        return CheckoutSession(id: id, status: .open, paymentStatus: .unpaid, url: url, currency: .gbp,
                               amountSubtotal: 2500, amountTotal: 2500, created: t0, expiresAt: t0.addingTimeInterval(86_400))
    }

    // Rows per list: the figures the app reducer scrolls by.

    @Test func listRowsAtCommonSizes() {
        let small = Size(width: 80, height: 24), large = Size(width: 120, height: 40)
        #expect(Layout.bodyRows(small) == 18)
        #expect(Layout.listRows(small) == 16)
        #expect(Layout.cartRows(small) == 13)
        #expect(Layout.listRows(large) == 32)
        #expect(Layout.cartRows(large) == 29)
        // Tiny screens still give every list one row, so the arithmetic never goes negative.
        for rows in [0, 1, 6, 8] {
            let tiny = Size(width: 10, height: rows)
            #expect(Layout.bodyRows(tiny) == max(0, rows - 6))
            #expect(Layout.listRows(tiny) == 1)
            #expect(Layout.cartRows(tiny) == 1)
        }
        let state = freshState()
        for (pane, rows) in [(Pane.products, 16), (.prices, 16), (.cart, 13), (.checkout, 1), (.session, 1), (.history, 16)] {
            #expect(Layout.listRows(for: pane, in: state, screen: small) == rows, "\(pane)")
        }
    }

    @Test func reducerRowsMatchTheFocusedPaneRows() {
        var state = freshState()
        let rows = Layout.listRows(state)
        #expect(rows == ListRows(products: 16, prices: 16, cart: 13, history: 16))
        state.screen = Size(width: 120, height: 40)
        #expect(Layout.listRows(state) == ListRows(products: 32, prices: 32, cart: 29, history: 32))
    }
}
