import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TillCore

/// The WooshPay API over one shared HTTP client with keep-alive. Call `shutdown()` when done.
/// Every method throws `APIFailure`, after retrying what is safe to retry.
public final class WooshPayClient: Sendable {
    public let configuration: WooshPayConfiguration
    let http: HTTPClient

    /// Records the raw body of every successful response made in this task (used by `till --json`).
    @TaskLocal public static var recorder: ResponseRecorder?

    public init(configuration: WooshPayConfiguration) {
        self.configuration = configuration
        // Redirects are never followed, so the Authorization header only ever goes to the base URL.
        var httpConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: Self.timeAmount(configuration.connectTimeout),
                           read: Self.timeAmount(configuration.requestTimeout)))
        // Till's own retry policy decides about failed connections (AHC would otherwise keep
        // retrying until the connect timeout, hiding a refused connection for 5 s per attempt).
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    }

    /// Closes the connections. The client must not be used afterwards.
    public func shutdown() async {
        try? await http.shutdown()
    }

    // MARK: Products

    /// `POST /v1/products`.
    public func createProduct(_ draft: ProductDraft, idempotencyKey: String? = nil) async throws(APIFailure) -> Product {
        try await object(WireProduct.self, .POST, "/v1/products", body: ProductBody(draft), idempotencyKey: idempotencyKey)
    }

    /// `GET /v1/products/{id}`.
    public func getProduct(_ id: String) async throws(APIFailure) -> Product {
        try await object(WireProduct.self, .GET, "/v1/products/" + Self.segment(id))
    }

    /// `POST /v1/products/{id}`: changes only the fields set in `update`.
    public func updateProduct(_ id: String, _ update: ProductUpdate,
                              idempotencyKey: String? = nil) async throws(APIFailure) -> Product {
        try await object(WireProduct.self, .POST, "/v1/products/" + Self.segment(id), body: ProductBody(update),
                         idempotencyKey: idempotencyKey)
    }

    /// `GET /v1/products`: one page, newest first.
    public func listProducts(limit: Int? = nil, startingAfter: String? = nil, endingBefore: String? = nil,
                             active: Bool? = nil) async throws(APIFailure) -> Page<Product> {
        try await page(WireProduct.self, "/v1/products",
                       query: Self.paging(limit, startingAfter, endingBefore) + Self.flag("active", active))
    }

    /// Every product, page after page.
    public func allProducts(active: Bool? = nil, pageSize: Int = 100) -> PagedSequence<Product> {
        PagedSequence { cursor throws(APIFailure) in
            try await self.listProducts(limit: pageSize, startingAfter: cursor, active: active)
        }
    }

    // MARK: Prices

    /// `POST /v1/prices`, bound to an existing product or with a new one inline.
    public func createPrice(_ draft: PriceDraft, idempotencyKey: String? = nil) async throws(APIFailure) -> Price {
        try await object(WirePrice.self, .POST, "/v1/prices", body: PriceCreateBody(draft), idempotencyKey: idempotencyKey)
    }

    /// `GET /v1/prices/{id}`.
    public func getPrice(_ id: String) async throws(APIFailure) -> Price {
        try await object(WirePrice.self, .GET, "/v1/prices/" + Self.segment(id))
    }

    /// `POST /v1/prices/{id}`: active, nickname, metadata, lookup key.
    public func updatePrice(_ id: String, _ update: PriceUpdate,
                            idempotencyKey: String? = nil) async throws(APIFailure) -> Price {
        try await object(WirePrice.self, .POST, "/v1/prices/" + Self.segment(id), body: update, idempotencyKey: idempotencyKey)
    }

    /// `GET /v1/prices`, optionally of one product.
    public func listPrices(product: String? = nil, active: Bool? = nil, lookupKeys: [String] = [], limit: Int? = nil,
                           startingAfter: String? = nil, endingBefore: String? = nil)
        async throws(APIFailure) -> Page<Price> {
        var query = Self.paging(limit, startingAfter, endingBefore) + Self.flag("active", active)
        if let product { query.append(("product", product)) }
        for (position, code) in lookupKeys.enumerated() { query.append(("lookup_keys[\(position)]", code)) }
        return try await page(WirePrice.self, "/v1/prices", query: query)
    }

    /// Every price (of one product, if given), page after page.
    public func allPrices(product: String? = nil, active: Bool? = nil, pageSize: Int = 100) -> PagedSequence<Price> {
        PagedSequence { cursor throws(APIFailure) in
            try await self.listPrices(product: product, active: active, limit: pageSize, startingAfter: cursor)
        }
    }

    // MARK: Checkout sessions

    /// `POST /v1/checkout/sessions` in payment mode.
    public func createCheckoutSession(_ request: CheckoutSessionRequest,
                                      idempotencyKey: String? = nil) async throws(APIFailure) -> CheckoutSession {
        try await object(WireCheckoutSession.self, .POST, "/v1/checkout/sessions", body: CheckoutSessionCreateBody(request),
                         idempotencyKey: idempotencyKey)
    }

    /// `GET /v1/checkout/sessions/{id}`.
    public func getCheckoutSession(_ id: String) async throws(APIFailure) -> CheckoutSession {
        try await object(WireCheckoutSession.self, .GET, "/v1/checkout/sessions/" + Self.segment(id))
    }

    /// `GET /v1/checkout/sessions/list` (paging and the `created` filter as query parameters).
    public func listCheckoutSessions(limit: Int? = nil, startingAfter: String? = nil, endingBefore: String? = nil,
                                     created: CreatedFilter? = nil) async throws(APIFailure) -> Page<CheckoutSession> {
        try await page(WireCheckoutSession.self, "/v1/checkout/sessions/list",
                       query: Self.paging(limit, startingAfter, endingBefore) + (created?.query ?? []))
    }

    /// Every checkout session (created in `created`, if given), page after page.
    public func allCheckoutSessions(pageSize: Int = 100, created: CreatedFilter? = nil) -> PagedSequence<CheckoutSession> {
        PagedSequence { cursor throws(APIFailure) in
            try await self.listCheckoutSessions(limit: pageSize, startingAfter: cursor, created: created)
        }
    }

    /// `POST /v1/checkout/sessions/{id}/expire` (only an open session).
    public func expireCheckoutSession(_ id: String,
                                      idempotencyKey: String? = nil) async throws(APIFailure) -> CheckoutSession {
        try await object(WireCheckoutSession.self, .POST, "/v1/checkout/sessions/" + Self.segment(id) + "/expire",
                         body: EmptyBody(), idempotencyKey: idempotencyKey)
    }

    /// `GET /v1/checkout/sessions/{id}/line_items`, every page.
    public func listLineItems(_ sessionId: String) async throws(APIFailure) -> [LineItem] {
        var items: [LineItem] = []
        var cursor: String? = nil
        while true {
            let batch = try await page(WireLineItem.self, "/v1/checkout/sessions/" + Self.segment(sessionId) + "/line_items",
                                       query: Self.paging(100, cursor, nil))
            items += batch.items
            guard batch.hasMore, let last = batch.items.last?.id, last != cursor else { return items }
            cursor = last
        }
    }

    // MARK: Payment intents and refunds

    /// `GET /v1/payment_intents/{id}`.
    public func retrievePaymentIntent(id: String) async throws(APIFailure) -> PaymentIntent {
        try await object(WirePaymentIntent.self, .GET, "/v1/payment_intents/" + Self.segment(id))
    }

    /// `POST /v1/refunds`. Save the idempotency key with the request before calling, so a retry
    /// after a lost answer reuses it and cannot refund twice.
    public func createRefund(_ request: RefundRequest, idempotencyKey: String? = nil) async throws(APIFailure) -> Refund {
        try await object(WireRefund.self, .POST, "/v1/refunds", body: RefundCreateBody(request), idempotencyKey: idempotencyKey)
    }

    /// `GET /v1/refunds/{id}`.
    public func retrieveRefund(id: String) async throws(APIFailure) -> Refund {
        try await object(WireRefund.self, .GET, "/v1/refunds/" + Self.segment(id))
    }

    // MARK: Helpers

    struct EmptyBody: Encodable, Sendable {}

    /// One object of the API, as its domain value.
    func object<Wire: WireObject>(_ wire: Wire.Type, _ method: HTTPMethod, _ path: String,
                                  body: (any Encodable & Sendable)? = nil,
                                  idempotencyKey: String? = nil) async throws(APIFailure) -> Wire.Domain {
        let wire: Wire = try await send(method, path, body: body, idempotencyKey: idempotencyKey)
        return wire.domain
    }

    /// One page of a list, as domain values.
    func page<Wire: WireObject>(_ wire: Wire.Type, _ path: String,
                                query: [(String, String)]) async throws(APIFailure) -> Page<Wire.Domain> {
        let list: WireList<Wire> = try await send(.GET, path, query: query)
        return list.page(\.domain)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// An id as one path segment: percent-encoded, so an id can never change the path.
    static func segment(_ id: String) -> String { PercentEncoding.unreserved(id) }

    static func paging(_ limit: Int?, _ startingAfter: String?, _ endingBefore: String?) -> [(String, String)] {
        var query: [(String, String)] = []
        if let limit { query.append(("limit", String(limit))) }
        if let startingAfter { query.append(("starting_after", startingAfter)) }
        if let endingBefore { query.append(("ending_before", endingBefore)) }
        return query
    }

    static func flag(_ name: String, _ value: Bool?) -> [(String, String)] {
        value.map { [(name, $0 ? "true" : "false")] } ?? []
    }
}

/// Collects raw response bodies (see `WooshPayClient.recorder`).
public final class ResponseRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Data] = []

    public init() {}

    /// The bodies recorded so far, oldest first.
    public var bodies: [Data] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }

    func record(_ body: Data) {
        lock.lock()
        storage.append(body)
        lock.unlock()
    }
}
