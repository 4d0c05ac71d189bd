import Hummingbird

/// Every path the sandbox serves.
enum Routes {
    /// Every GET of the API, served by the router and, when the sandbox injects no faults, first
    /// by `RawReads` (in front of the HTTP codec) or `FastReads` (after it) on the event loop. A constant segment is listed before a `:id` in its place.
    static let reads: [ReadRoute] = [
        ReadRoute("/v1/products", Products.list, bytes: Products.writeList),
        ReadRoute("/v1/products/:id", Products.retrieve, bytes: Products.writeRetrieve, point: Products.pointRead),
        ReadRoute("/v1/prices", Prices.list),
        ReadRoute("/v1/prices/:id", Prices.retrieve, bytes: Prices.writeRetrieve, point: Prices.pointRead),
        ReadRoute("/v1/checkout/sessions/list", Sessions.list),
        ReadRoute("/v1/checkout/sessions", Sessions.list),
        ReadRoute("/v1/checkout/sessions/:id", Sessions.retrieve),
        ReadRoute("/v1/checkout/sessions/:id/line_items", Sessions.lineItems),
        ReadRoute("/v1/payment_intents/:id", PaymentIntents.retrieve),
        ReadRoute("/v1/refunds/:id", Refunds.retrieve),
        ReadRoute("/v1/webhook_endpoints", WebhookEndpoints.list),
        ReadRoute("/v1/webhook_endpoints/:id", WebhookEndpoints.retrieve),
        ReadRoute("/v1/events", Events.list),
        ReadRoute("/v1/events/:id", Events.retrieve),
        ReadRoute("/v1/test_helpers/webhook_attempts", TestHelpers.attempts),
    ]

    static func router(_ engine: Engine) -> Router<SandboxContext> {
        let router = Router(context: SandboxContext.self)
        router.add(middleware: EnvelopeMiddleware())

        func post(_ path: String, _ handler: @escaping Handler) {
            router.post(RouterPath(path)) { request, context in try await engine.api(request, context, write: true, handler: handler) }
        }
        func get(_ path: String, _ handler: @escaping Handler) {
            router.get(RouterPath(path)) { request, context in try await engine.api(request, context, write: false, handler: handler) }
        }

        for route in reads { get(route.path, route.handler) }

        post("/v1/products", Products.create)
        post("/v1/products/:id", Products.update)
        post("/v1/prices", Prices.create)
        post("/v1/prices/:id", Prices.update)
        post("/v1/checkout/sessions", Sessions.create)
        post("/v1/checkout/sessions/:id/expire", Sessions.expire)

        let pending = Int64(engine.configuration.refundPendingSeconds) * 1000
        post("/v1/refunds") { db, call in try Refunds.create(db, call, pendingMilliseconds: pending) }

        let hosts = engine.configuration.allowedWebhookHosts
        post("/v1/webhook_endpoints") { db, call in try WebhookEndpoints.create(db, call, allowedHosts: hosts) }
        post("/v1/webhook_endpoints/:id") { db, call in try WebhookEndpoints.update(db, call, allowedHosts: hosts) }
        router.delete("/v1/webhook_endpoints/:id") { request, context in
            try await engine.api(request, context, write: true, handler: WebhookEndpoints.delete)
        }

        // The test helpers are exempt from fault injection, so tests can always move time and
        // drive a session.
        func helper(_ path: String, _ handler: @escaping Handler) {
            router.post(RouterPath(path)) { request, context in
                try await engine.api(request, context, write: true, injectFaults: false, handler: handler)
            }
        }
        helper("/v1/test_helpers/advance_clock", TestClock.advance)
        helper("/v1/test_helpers/checkout/sessions/:id/pay", TestHelpers.pay)
        helper("/v1/test_helpers/checkout/sessions/:id/fail", TestHelpers.fail)
        helper("/v1/test_helpers/checkout/sessions/:id/expire", TestHelpers.expire)
        helper("/v1/test_helpers/reset", TestHelpers.reset)

        Cashier(engine: engine).register(router)

        return router
    }
}
