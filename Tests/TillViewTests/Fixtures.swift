import Foundation
import Testing
import TillCore
@testable import TillView

/// States to render, built by sending actions through the real reducer so they are states Till can reach.
enum Fixtures {
    /// 2026-11-25 12:00:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_608_000)

    static func state(_ mode: EnvironmentInfo.Mode = .sandbox) -> AppState {
        let host = switch mode {
        case .sandbox: "127.0.0.1:54321"
        case .test, .live: "api.wooshpay.com"
        }
        let settings = Settings(defaultCurrency: .gbp, successURL: "http://127.0.0.1:54321/sandbox/success",
                                cancelURL: "http://127.0.0.1:54321/sandbox/cancel")
        return AppState(environment: EnvironmentInfo(mode: mode, apiHost: host), settings: settings, now: now)
    }

    static func send(_ state: inout AppState, _ actions: AppAction...) {
        for action in actions {
            // A form action goes where a form key sends it: to the form open in the focused pane.
            var sent = action
            if case .user(.products(.form(let edit))) = action, let routed = formAction(edit, in: state) {
                sent = routed
            }
            _ = appReducer.reduce(into: &state, action: sent)
        }
    }

    static func type(_ state: inout AppState, _ text: String) {
        send(&state, .products(.form(.edited(.inserted(text)))))
    }

    static let names = ["Coffee beans", "Espresso cup", "Flat white", "Oat milk 1l", "Croissant", "Pain au chocolat",
                        "Gift card", "Tea: Earl Grey", "Reusable cup", "Filter papers", "Grinder (manual)",
                        "Cold brew", "Hot chocolate", "Sourdough loaf", "Brownie", "Barista course"]

    static func products(_ count: Int, names: [String] = names) -> [Product] {
        (0..<count).map { i in
            Product(id: "prod_\(String(format: "%06d", count - i))", name: i < names.count ? names[i] : "Product \(count - i)",
                    description: i % 3 == 0 ? "House item \(i)" : nil, active: i % 7 != 5,
                    created: now.addingTimeInterval(Double(-3_600 * 7 * i)))
        }
    }

    /// The products loaded from WooshPay in one page.
    static func loaded(_ products: [Product], mode: EnvironmentInfo.Mode = .sandbox) -> AppState {
        var state = state(mode)
        send(&state, .started, .catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: products, hasMore: false)))))
        return state
    }

    static func prices(for productId: String) -> [Price] {
        [
            Price(id: "price_1Std", productId: productId, currency: .gbp, unitAmount: 1250, nickname: "Standard bag 250g",
                  created: now.addingTimeInterval(-86_400)),
            Price(id: "price_2Big", productId: productId, currency: .gbp, unitAmount: 4_200, nickname: "Kilo bag",
                  created: now.addingTimeInterval(-2 * 86_400)),
            Price(id: "price_3Old", productId: productId, currency: .gbp, unitAmount: 999, nickname: nil, active: false,
                  created: now.addingTimeInterval(-30 * 86_400)),
            Price(id: "price_4Bulk", productId: productId, currency: .gbp, unitAmount: 123_456_78, nickname: "Wholesale pallet",
                  created: now.addingTimeInterval(-31 * 86_400)),
        ]
    }

    /// Products pane → Enter on the first product → prices loaded.
    static func withPrices() -> AppState {
        var state = loaded(products(20))
        send(&state, .products(.pricesRequested))
        let id = state.prices.productId!
        send(&state, .prices(.pricesLoaded(productId: id, .success(prices(for: id)))))
        return state
    }

    /// The cart with "co" typed on its quick-add line (Coffee beans, Espresso cup, … match).
    static func withQuickAdd(_ typed: String = "co") -> AppState {
        var state = withCart()
        send(&state, .quickAdd(.edited(.inserted(typed))))
        return state
    }

    /// Enter on "Coffee beans", which has three active prices: the chooser.
    static func withChooser() -> AppState {
        var state = withQuickAdd("coffee")
        send(&state, .quickAdd(.submitted))
        return state
    }

    /// A scanned code no price has, as WooshPay answered.
    static func withUnknownCode() -> AppState {
        var state = withCart()
        send(&state, .quickAdd(.scanned("4006381333931")),
             .quickAdd(.codeLookedUp(code: "4006381333931", .success(nil))))
        return state
    }

    /// Two price lines (one twice) and a one-off item.
    static func withCart() -> AppState {
        var state = withPrices()
        send(&state, .prices(.addToCartRequested), .prices(.addToCartRequested), .prices(.selectionMoved(.down)),
             .prices(.addToCartRequested), .paneSelected(.cart), .cart(.oneOffItemRequested))
        type(&state, "Gift wrap")
        send(&state, .products(.form(.focusMovedNext)))
        type(&state, "2.50")
        send(&state, .products(.form(.submitted(freshID: "fresh-1"))))
        return state
    }

    static let sessionURL = "http://127.0.0.1:54321/c/pay/cs_test_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ0123456789abcdefghijKLMNOPqrstuvWXYZ#fidkdWxOYHwnPyd1blpxYHdWYHxvc2Zk"

    static func session(status: CheckoutSession.Status = .open, payment: CheckoutSession.PaymentStatus = .unpaid,
                        id: String = "cs_test_a1B2c3D4e5F6g7H8i9J0", url: String? = sessionURL) -> CheckoutSession {
        CheckoutSession(id: id, status: status, paymentStatus: payment, url: url, currency: .gbp,
                        amountSubtotal: 6_950, amountTotal: 6_950, created: now,
                        expiresAt: now.addingTimeInterval(86_400 - 1_234))
    }

    /// A paid session of two lines with its payment intent: what can be refunded.
    static func paidSession(id: String = "cs_test_a1B2c3D4e5F6g7H8i9J0") -> CheckoutSession {
        var paid = session(status: .complete, payment: .paid, id: id)
        paid.amountTotal = 950
        paid.paymentIntentId = "pi_test_0001"
        paid.lineItems = [
            LineItem(id: "li_1", description: "Coffee beans", quantity: 2, currency: .gbp, unitAmount: 350,
                     amountSubtotal: 700, amountTotal: 700, priceId: "price_1"),
            LineItem(id: "li_2", description: "Brownie", quantity: 1, currency: .gbp, unitAmount: 250,
                     amountSubtotal: 250, amountTotal: 250, priceId: "price_2"),
        ]
        return paid
    }

    /// Cart → checkout → session created; history (pane 6) has loaded `older` plus the new one,
    /// as WooshPay lists them.
    static func withSession(_ session: CheckoutSession = session(), older: [CheckoutSession] = []) -> AppState {
        var state = withCart()
        send(&state, .cart(.checkoutRequested), .products(.form(.submitted(freshID: "fresh-2"))),
             .checkout(.sessionCreated(.success(session))),
             .history(.shown), .history(.pageLoaded(startingAfter: nil, .success(Page(items: [session] + older, hasMore: false)))))
        return state
    }

    /// Sessions made earlier (and elsewhere), newest first: `count` of them, an hour apart.
    static func olderSessions(_ count: Int) -> [CheckoutSession] {
        (1..<(count + 1)).map { i in
            let status: CheckoutSession.Status = i % 3 == 0 ? .open : (i % 3 == 1 ? .complete : .expired)
            return CheckoutSession(id: "cs_test_hist\(String(format: "%04d", i))", status: status,
                                   paymentStatus: status == .complete ? .paid : .unpaid,
                                   url: "http://127.0.0.1:54321/c/pay/cs_test_hist\(i)", currency: .gbp,
                                   amountSubtotal: Int64(500 * i), amountTotal: Int64(500 * i),
                                   created: now.addingTimeInterval(Double(-3_600 * i)),
                                   expiresAt: now.addingTimeInterval(Double(86_400 - 3_600 * i)))
        }
    }

    /// The reports pane with the open shift loaded: it started 13 hours ago where Z report #1
    /// ended; sessions in two currencies (some still open) and two refunds, one pending.
    static func withReport() -> AppState {
        var state = loaded(products(3))
        let start = now.addingTimeInterval(-13 * 3_600)
        var log = ShiftLog()
        _ = try? log.close(ShiftReport(window: ShiftWindow(start: nil, end: start), figures: []), at: start)
        var journal = RefundJournal()
        for (key, minor, status) in [("k1", Int64(200), Refund.Status.succeeded), ("k2", 150, .pending)] {
            try? journal.begin(RefundJournal.Entry(
                idempotencyKey: key, sessionId: "cs_test_hist0001", paymentIntentId: "pi_test_hist0001",
                amount: Money(minorUnits: minor, currency: .gbp), reason: .requestedByCustomer, lines: nil,
                state: .recorded(refundId: "re_" + key, status: status), created: now.addingTimeInterval(-600)))
        }
        let dollars = CheckoutSession(id: "cs_test_usd0001", status: .complete, paymentStatus: .paid, url: nil,
                                      currency: .usd, amountSubtotal: 12_000, amountTotal: 12_000,
                                      created: now.addingTimeInterval(-1_800), expiresAt: now.addingTimeInterval(84_600))
        send(&state, .refunds(.restored(journal)), .reports(.restored(log)), .paneSelected(.reports),
             .reports(.pageLoaded(from: start, through: now, startingAfter: nil,
                                  .success(Page(items: [dollars] + olderSessions(12), hasMore: false)))))
        return state
    }

    static let failure = APIFailure(kind: .api(status: 400, type: "invalid_request_error", code: "url_invalid",
                                               param: "success_url"),
                                    message: "Not a valid URL", requestId: "req_9f8e7d")
}

// MARK: Stored frames

/// Compares a frame with Frames/<name>.txt. A missing file, or TILL_RECORD_FRAMES=1, writes it and
/// fails the test, so recording is always a deliberate, reviewed step.
func expectFrame(_ frame: Frame, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = framesDirectory.appendingPathComponent(name + ".txt")
    let actual = snapshot(frame)
    let record = ProcessInfo.processInfo.environment["TILL_RECORD_FRAMES"] == "1"
    let stored = try? String(contentsOf: url, encoding: .utf8)
    if record || stored == nil {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("Recorded frame \(name).txt: review it, then run again without TILL_RECORD_FRAMES.",
                     sourceLocation: sourceLocation)
        return
    }
    guard let stored, actual != stored else { return }
    Issue.record("frame \(name) differs from Frames/\(name).txt:\n\(lineDiff(expected: stored, actual: actual))",
                 sourceLocation: sourceLocation)
}

/// The stored form: size, the rows, and where the cursor is ("(not shown)": placed but hidden).
func snapshot(_ frame: Frame) -> String {
    let cursor = frame.cursor.map { "\($0.x),\($0.y)" + (frame.isCursorVisible ? "" : " (not shown)") } ?? "hidden"
    return "size: \(frame.width)x\(frame.height)  cursor: \(cursor)\n" + frame.text() + "\n"
}

let framesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Frames")

/// The same state with the operator's language Spanish (its frames are stored under Frames/es/).
func inSpanish(_ state: AppState) -> AppState {
    var state = state
    state.settings.language = .spanish
    return state
}

/// The sizes every screen is checked at.
let standardSizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]
let appReducer = AppReducer(listRows: Layout.listRows)

/// The rows that differ, numbered, as `-` stored and `+` drawn (a snapshot library's line diff).
func lineDiff(expected: String, actual: String) -> String {
    let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
    var out: [String] = []
    for row in 0..<max(old.count, new.count) {
        let a = row < old.count ? old[row] : nil, b = row < new.count ? new[row] : nil
        guard a != b else { continue }
        if let a { out.append(String(format: "%3d -|", row) + a + "|") }
        if let b { out.append(String(format: "%3d +|", row) + b + "|") }
    }
    return out.joined(separator: "\n")
}
