import Foundation

/// The account Till talks to.
public struct EnvironmentInfo: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable {
        /// The embedded sandbox (no key configured).
        case sandbox
        /// An `sk_test_` key.
        case test
        /// An `sk_live_` key: real money.
        case live
    }

    /// Whether real money moves (the header and the checkout confirm say LIVE).
    public var isLive: Bool { mode == .live }

    public var mode: Mode
    /// The API host shown in the header, e.g. "apitest.wooshpay.com" or "127.0.0.1:54321".
    public var apiHost: String
    /// This till's name in the shop ("shop-1"); shown in the header, carried by what it parks and sells.
    public var till: String
    /// The shop's name (`shop_name`, as on receipts): on the full-screen PAID and the customer display.
    public var shopName: String

    public init(mode: Mode, apiHost: String, till: String = "", shopName: String = "") {
        self.mode = mode
        self.apiHost = apiHost
        self.till = till
        self.shopName = shopName
    }
}

/// Defaults from configuration.
public struct Settings: Hashable, Sendable {
    /// Currency prefilled in new price and one-off forms.
    public var defaultCurrency: Currency
    /// Prefilled success URL.
    public var successURL: String
    /// Prefilled cancel URL.
    public var cancelURL: String
    /// How long to wait between polls of an open session.
    public var pollInterval: Duration
    /// The checkout URLs that become the account's defaults once a session is made with them:
    /// those the config does not set, with a real account (the sandbox's own pages stay its defaults).
    public var remembersURLs: Set<CheckoutDraft.URLField>
    /// `--screen-reader`: nothing redraws every second (the expiry countdown counts minutes) and
    /// changes are told in words on the status line, which the terminal cursor rests on.
    public var screenReader: Bool
    /// Whether what the customer should see is published for `till display` (`.showCustomer`
    /// after each change of it). On in a till; off where nothing reads it (most reducer tests).
    public var publishesCustomerDisplay: Bool
    /// Whether a receipt printer is set up (`printer`): only then is `Q` (a payment slip) offered.
    public var hasPrinter: Bool
    /// The operator's language (`language`, `--language`, the locale): the view's words follow it.
    public var language: Language

    public init(defaultCurrency: Currency = .gbp, successURL: String, cancelURL: String,
                pollInterval: Duration = .seconds(3), remembersURLs: Set<CheckoutDraft.URLField> = [],
                screenReader: Bool = false, publishesCustomerDisplay: Bool = false, hasPrinter: Bool = false,
                language: Language = .english) {
        self.language = language
        self.screenReader = screenReader
        self.publishesCustomerDisplay = publishesCustomerDisplay
        self.hasPrinter = hasPrinter
        self.defaultCurrency = defaultCurrency
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.pollInterval = pollInterval
        self.remembersURLs = remembersURLs
    }
}
