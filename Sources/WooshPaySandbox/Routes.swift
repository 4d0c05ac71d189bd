import Hummingbird

/// Every path the sandbox serves.
enum Routes {
    static func router(_ engine: Engine) -> Router<SandboxContext> {
        let router = Router(context: SandboxContext.self)
        router.add(middleware: EnvelopeMiddleware())

        func post(_ path: String, _ handler: @escaping Handler) {
            router.post(RouterPath(path)) { request, context in try await engine.api(request, context, write: true, handler: handler) }
        }
        func get(_ path: String, _ handler: @escaping Handler) {
            router.get(RouterPath(path)) { request, context in try await engine.api(request, context, write: false, handler: handler) }
        }

        post("/v1/products", Products.create)
        get("/v1/products", Products.list)
        get("/v1/products/:id", Products.retrieve)
        post("/v1/products/:id", Products.update)

        post("/v1/prices", Prices.create)
        get("/v1/prices", Prices.list)
        get("/v1/prices/:id", Prices.retrieve)
        post("/v1/prices/:id", Prices.update)

        post("/v1/checkout/sessions", Sessions.create)
        get("/v1/checkout/sessions/list", Sessions.list)
        get("/v1/checkout/sessions", Sessions.list)
        get("/v1/checkout/sessions/:id", Sessions.retrieve)
        post("/v1/checkout/sessions/:id/expire", Sessions.expire)
        get("/v1/checkout/sessions/:id/line_items", Sessions.lineItems)

        get("/v1/payment_intents/:id", PaymentIntents.retrieve)

        let pending = Int64(engine.configuration.refundPendingSeconds) * 1000
        post("/v1/refunds") { db, call in try Refunds.create(db, call, pendingMilliseconds: pending) }
        get("/v1/refunds/:id", Refunds.retrieve)

        // The clock helper is exempt from fault injection, so tests can always move time.
        router.post("/v1/test_helpers/advance_clock") { request, context in
            try await engine.api(request, context, write: true, injectFaults: false, handler: TestClock.advance)
        }

        Cashier(engine: engine).register(router)

        return router
    }
}
