import Foundation

/// What the customer should see on the display turned to them (`till display`): one small value,
/// worked out from the till's state by `CustomerDisplay(_:)` and written to the shop store as one
/// record per till. It carries only what the customer may see: the shop's name, the lines and
/// total of the sale, the payment URL and how the sale ended; never the operator's other panes,
/// the key or anything of another till.
public struct CustomerDisplay: Hashable, Codable, Sendable {
    /// The shop's name (`shop_name`, as on receipts); may be empty.
    public var shopName: String
    public var screen: Screen

    public init(shopName: String, screen: Screen) {
        self.shopName = shopName
        self.screen = screen
    }

    /// The display's states, in the order a sale goes through them.
    public enum Screen: Hashable, Codable, Sendable {
        /// Between sales: the shop's name.
        case idle
        /// The sale being rung up: each line as it is added, and the running total.
        case cart(lines: [Line], total: Money?)
        /// The checkout session's URL as a QR code, with the total.
        case pay(url: String, total: Money?)
        /// The sale is paid (at `at`, by the till's clock).
        case paid(total: Money?, at: Date)
        /// The session expired unpaid.
        case expired(total: Money?, at: Date)
    }

    /// One line of the sale as the customer sees it.
    public struct Line: Hashable, Codable, Sendable {
        public var name: String
        public var quantity: Int
        /// The line's amount (quantity × unit); nil when it does not fit the currency's range.
        public var amount: Money?

        public init(name: String, quantity: Int, amount: Money?) {
            self.name = name
            self.quantity = quantity
            self.amount = amount
        }
    }

    /// How long PAID or EXPIRED stays on the display before it goes back to idle (the next sale
    /// sends it back at once).
    public static let outcomeShownFor: TimeInterval = 8
}

extension CustomerDisplay {
    /// What the customer should see for this state of the till: the QR code of the session on
    /// show while it is open; else the cart's lines while a sale is rung up (the next sale has
    /// begun, even before `n`); else how the watched sale ended; else idle.
    public init(_ state: AppState) {
        let shop = state.environment.shopName
        let session = state.session
        if let open = session.open, open.status == .open, let url = open.url, !url.isEmpty {
            self.init(shopName: shop, screen: .pay(url: url, total: open.total))
            return
        }
        let cart = state.cart.cart
        if !cart.isEmpty {
            let lines = cart.lines.map { Line(name: $0.name, quantity: $0.quantity, amount: try? $0.subtotal()) }
            self.init(shopName: shop, screen: .cart(lines: lines, total: (try? cart.total()) ?? nil))
            return
        }
        if let open = session.open, let outcome = session.outcome, let at = session.finishedAt {
            switch outcome {
            case .paid: self.init(shopName: shop, screen: .paid(total: open.total, at: at))
            case .expired: self.init(shopName: shop, screen: .expired(total: open.total, at: at))
            }
            return
        }
        self.init(shopName: shop, screen: .idle)
    }

    /// The screen to draw when this record has been on show for `elapsed` seconds (by the
    /// display's own clock, since the till's may differ): an outcome shown for
    /// `outcomeShownFor` is idle again.
    public func screen(shownFor elapsed: TimeInterval) -> Screen {
        switch screen {
        case .paid, .expired: elapsed >= Self.outcomeShownFor ? .idle : screen
        case .idle, .cart, .pay: screen
        }
    }

    /// Whether the drawn screen changes by the clock alone (an outcome going back to idle).
    public var isTimed: Bool {
        switch screen {
        case .paid, .expired: true
        case .idle, .cart, .pay: false
        }
    }
}
