import CustomDump
import Foundation
import Testing
@testable import TillCore

/// A fixed clock reading for tests.
let t0 = Date(timeIntervalSince1970: 1_700_000_000)

let testSettings = Settings(defaultCurrency: .gbp, successURL: "http://127.0.0.1:4242/sandbox/success",
                            cancelURL: "http://127.0.0.1:4242/sandbox/cancel", pollInterval: .seconds(3))

func freshState() -> AppState {
    AppState(environment: EnvironmentInfo(mode: .sandbox, apiHost: "127.0.0.1:4242"), settings: testSettings, now: t0)
}

func product(_ id: String, _ name: String, description: String? = nil, active: Bool = true) -> Product {
    Product(id: id, name: name, description: description, active: active, created: t0)
}

func price(_ id: String, product: String, _ minor: Int64, _ currency: Currency = .gbp,
           nickname: String? = nil, active: Bool = true) -> Price {
    Price(id: id, productId: product, currency: currency, unitAmount: minor, nickname: nickname,
          active: active, created: t0)
}

func session(_ id: String, status: CheckoutSession.Status = .open, paid: CheckoutSession.PaymentStatus = .unpaid,
             url: String? = "https://checkout.example/pay/cs_1", expiresIn seconds: TimeInterval = 86_400) -> CheckoutSession {
    CheckoutSession(id: id, status: status, paymentStatus: paid, url: url, currency: .gbp, amountSubtotal: 2500,
                    amountTotal: 2500, created: t0, expiresAt: t0.addingTimeInterval(seconds))
}

func gbp(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .gbp) }

let badRequest = APIFailure(kind: .api(status: 400, type: "invalid_request_error", code: "parameter_missing",
                                       param: "name"), message: "Missing name.")
let timedOut = APIFailure(kind: .timeout, message: "no answer after 30 s.")

/// Rows each list shows, as Till's view lays a screen out (TillView's `Layout`, restated so that
/// TillCore is tested alone): 3 rows above the body and 3 below, 2 heading rows over each list,
/// the quick-add line and 2 rows under the cart.
func testListRows(_ state: AppState) -> ListRows {
    let body = max(0, state.screen.height - 6)
    let list = max(1, body - 2), cart = max(1, body - 5)
    return ListRows(products: list, prices: list, cart: cart, history: list)
}

let testReducer = AppReducer(listRows: testListRows)

/// Sends actions to the app reducer and checks, exhaustively, the new state and the effects.
struct Store {
    var state: AppState

    init(_ state: AppState = freshState()) { self.state = state }

    /// Sends `action`; `update` turns the old state into the expected new one.
    mutating func send(_ action: AppAction, effects expected: [Effect] = [],
                       sourceLocation: SourceLocation = #_sourceLocation,
                       _ update: (inout AppState) -> Void = { _ in }) {
        var expectedState = state
        update(&expectedState)
        let effects = testReducer.reduce(into: &state, action: action)
        // On failure these print the difference, not two whole states.
        expectSame(state, expectedState, "state", sourceLocation)
        expectSame(effects, expected, "effects", sourceLocation)
    }

    /// Sends without checking: for setting the scene.
    @discardableResult
    mutating func given(_ actions: AppAction...) -> [Effect] {
        actions.flatMap { testReducer.reduce(into: &state, action: $0) }
    }
}

/// A state with the given products loaded fresh from WooshPay (one page).
func loaded(_ products: [Product]) -> AppState {
    var store = Store()
    store.given(.started, .catalog(.productsPageLoaded(startingAfter: nil, .success(Page(items: products, hasMore: false)))))
    store.state.status = StatusLine()
    return store.state
}

let coffee = product("prod_1", "Coffee", description: "Flat white")
let creme = product("prod_2", "Crème brûlée", description: "Dessert")
let tea = product("prod_3", "Tea", description: nil, active: false)
let coffeeLarge = price("price_1", product: "prod_1", 350, nickname: "Large")
let coffeeSmall = price("price_2", product: "prod_1", 250, nickname: "Small")
let coffeeUSD = price("price_3", product: "prod_1", 400, .usd)

/// Sends one action to one feature alone: checks its exact new state (`update` turns the old one
/// into it) and exactly what it returns (effects, status, question, delegates).
func expectFeature<State: Equatable, Delegate>(
    _ state: inout State, _ reduce: (inout State) -> Reduced<Delegate>, returns expected: Reduced<Delegate> = .none,
    sourceLocation: SourceLocation = #_sourceLocation, _ update: (inout State) -> Void = { _ in }
) {
    var expectedState = state
    update(&expectedState)
    let result = reduce(&state)
    expectSame(state, expectedState, "state", sourceLocation)
    expectSame(result, expected, "result", sourceLocation)
}

/// Records an issue showing only what differs (CustomDump's diff: `-` expected, `+` actual).
/// Recorded through Swift Testing directly, so it fails the test on every platform.
func expectSame<T: Equatable>(_ actual: T, _ expected: T, _ what: String, _ sourceLocation: SourceLocation) {
    guard actual != expected else { return }
    let difference = diff(expected, actual) ?? "(no printable difference)"
    Issue.record("The \(what) is not as expected (− expected, + actual):\n\(difference)", sourceLocation: sourceLocation)
}

extension CheckoutDraft {
    /// The draft as saved while its create is in flight.
    var inFlight: CheckoutDraft {
        var draft = self
        draft.isSent = true
        return draft
    }
}
