import ArgumentParser
import Foundation
import Logging
import TillApp
import TillConfig
import TillCore
import TillView
import WooshPay

/// `till doctor`: whether the account Till would use works the way Till expects, one line a check.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the config, the key, the connection and (test keys only) every call Till makes.",
        discussion: """
            Prints one ✓ or ✗ line a check, in order: the config file and its mode, the key's mode \
            (never the key), reaching the API (TLS), the clock against the server's, then with a test key \
            (or none: the embedded sandbox) a run of every call Till makes, each answer compared with \
            docs/api-coverage.md; what it made is archived or expired afterwards. With a live key it \
            only reads. Exit status 0 only when every check passed, 1 otherwise.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Read the key from this environment variable instead of WOOSHPAY_SECRET_KEY or the config file.")
    var keyEnv: String?

    func run() async throws {
        let doctor = Doctor(json: global.json)
        await doctor.run(apiBase: global.apiBase, keyEnv: keyEnv, verbose: global.verbose)
        if global.json { doctor.printJSON() }
        Foundation.exit(doctor.failures == 0 ? ExitStatus.ok : ExitStatus.refused)
    }
}

/// Counts the retries the client logs (`retrying`), by reason, and passes every line on.
final class RetryCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var reasons: [String: Int] = [:]

    func record(_ reason: String) {
        let words = Self.words(reason)
        lock.lock()
        reasons[words, default: 0] += 1
        lock.unlock()
    }

    /// `api(status: 500, …)` as `HTTP 500`; a transport kind as its name (`transport`, `timeout`).
    static func words(_ reason: String) -> String {
        if reason.hasPrefix("api(status: ") {
            return "HTTP " + reason.dropFirst(12).prefix { $0.isNumber }
        }
        return String(reason.prefix { $0.isLetter })
    }

    var counts: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return reasons
    }

    struct Handler: LogHandler {
        let counter: RetryCounter
        var next: Logger
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            if event.message.description == "retrying" {
                counter.record(event.metadata?["reason"].map { "\($0)" } ?? "unknown")
            }
            next.log(level: event.level, event.message, metadata: event.metadata, source: event.source,
                     file: event.file, function: event.function, line: event.line)
        }
    }

    func logger(passingTo next: Logger) -> Logger {
        Logger(label: "till.wooshpay") { _ in Handler(counter: self, next: next) }
    }
}

/// The checks, run in order, each printed as it ends.
final class Doctor: @unchecked Sendable {
    struct Check: Encodable {
        var name: String
        var ok: Bool
        var detail: String
        var differences: [String]
    }

    let json: Bool
    private(set) var checks: [Check] = []
    var failures: Int { checks.filter { !$0.ok }.count }
    let retries = RetryCounter()
    var seen = Conformance.Seen()

    init(json: Bool) { self.json = json }

    // MARK: Reporting

    func pass(_ name: String, _ detail: String) {
        record(Check(name: name, ok: true, detail: detail, differences: []))
    }

    func fail(_ name: String, _ reason: String, differences: [String] = []) {
        record(Check(name: name, ok: false, detail: reason, differences: differences))
    }

    /// A line that is no check (something not exercised, a skipped step).
    func note(_ text: String) {
        if !json { Output(json: false).line("· " + text) }
    }

    private func record(_ check: Check) {
        checks.append(check)
        guard !json else { return }
        let output = Output(json: false)
        output.line("\(check.ok ? "✓" : "✗") \(check.name): \(check.detail)")
        for difference in check.differences { output.line("    " + difference) }
    }

    func printJSON() {
        struct Body: Encodable {
            var object = "doctor"
            var ok: Bool
            var checks: [Check]
            var retries: [String: Int]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(Body(ok: failures == 0, checks: checks, retries: retries.counts)) {
            Output(json: true).json(data)
        }
    }

    // MARK: The run

    func run(apiBase: String?, keyEnv: String?, verbose: Bool) async {
        var environment = ProcessInfo.processInfo.environment
        var keyName = "WOOSHPAY_SECRET_KEY"
        if let keyEnv {
            keyName = keyEnv
            environment["WOOSHPAY_SECRET_KEY"] = environment[keyEnv] ?? ""
        }
        let paths = TillPaths(environment: environment)

        // 1. The config file and its mode.
        let settings: TillSettings
        do {
            settings = try TillSettings.load(environment: environment)
            var info = stat()
            if stat(paths.configFile.path, &info) == 0 {
                pass("config file", "\(paths.configFile.path), mode \(String(Int(info.st_mode) & 0o777, radix: 8))")
            } else {
                pass("config file", "none at \(paths.configFile.path) (the defaults apply)")
            }
        } catch {
            fail("config file", "\(error)")
            return
        }
        if let keyEnv, (environment[keyEnv] ?? "").isEmpty {
            fail("key", "the environment variable \(keyEnv) is not set")
            return
        }

        // 2. The key's mode, never the key.
        let mode: EnvironmentInfo.Mode
        let account: TillAccount
        do {
            account = try await TillAccount.open(
                settings: settings, apiBase: apiBase,
                logger: retries.logger(passingTo: TillLogging.requestLogger(settings.paths, verbose: verbose)))
            mode = account.mode
        } catch let error as ConfigurationError {
            fail("key", error.description)
            return
        } catch {
            fail("embedded sandbox", "could not start: \(error)")
            return
        }
        let source = switch settings.keySource {
        case .environment?: "from \(keyName)"
        case .configFile(let path)?: "from \(path)"
        case nil: ""
        }
        switch mode {
        case .sandbox: pass("key", "none: the embedded sandbox at \(account.configuration.baseURL)")
        case .test: pass("key", "test mode, \(source)")
        case .live: pass("key", "live mode, \(source): only reads are made")
        }
        let client = WooshPayClient(configuration: account.configuration)
        await checkConnection(client, account: account)
        if failures == 0 {
            if mode == .live {
                await readOnlyRun(client)
            } else {
                await conformanceRun(client, account: account, settings: settings)
            }
        } else {
            note(CLIPhrase.doctorNotTried.said)
        }
        let counts = retries.counts
        if counts.isEmpty {
            pass("retries", "no request needed one")
        } else {
            let total = counts.values.reduce(0, +)
            let reasons = counts.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(separator: ", ")
            pass("retries", "\(total) failed attempt\(total == 1 ? " was" : "s were") retried (\(reasons))")
        }
        if !json {
            Output(json: false).line(failures == 0 ? CLIPhrase.doctorAllPassed.said("count", String(checks.count))
                                                   : CLIPhrase.doctorFailed.said("failed", String(failures),
                                                                                 "count", String(checks.count)))
        }
        await client.shutdown()
        await account.close()
    }

    /// Reaching the API, TLS, the key accepted, and the clock against the server's `Date`.
    func checkConnection(_ client: WooshPayClient, account: TillAccount) async {
        let base = account.configuration.baseURL
        let answer: RawResponse
        do {
            answer = try await client.exchange("GET", "/v1/products", query: [("limit", "1")])
        } catch {
            fail("reach \(base)", "\(error)")
            return
        }
        let secure = base.lowercased().hasPrefix("https") ? "TLS verified" : "plain http (loopback)"
        pass("reach \(base)", "HTTP \(answer.status), \(secure)")
        switch answer.status {
        case 200..<300:
            pass("key accepted", "GET /v1/products answered \(answer.status)")
        case 401, 403:
            let failure = answer.failure
            fail("key accepted", "the key was refused: \(failure.description)")
        default:
            let failure = answer.failure
            fail("key accepted", "GET /v1/products answered: \(failure.description)")
        }
        guard let header = answer.header("Date"), let date = Self.httpDate(header) else {
            fail("clock", "the server sent no Date header to compare with")
            return
        }
        let skew = Date().timeIntervalSince(date)
        let words = abs(skew) < 1 ? "within a second of the server's" : String(format: "%.0f s %@ the server's", abs(skew),
                                                                              skew > 0 ? "ahead of" : "behind")
        if abs(skew) <= 60 {
            pass("clock", words)
        } else {
            fail("clock", words + ": session expiry and report windows would be off; set the system clock (NTP)")
        }
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    // MARK: Calls

    /// One typed call (as Till makes it) whose raw answer is compared with `schema`.
    @discardableResult
    func call<Value>(_ name: String, _ schema: Conformance.Schema, list: Bool = false,
                     detail: (Value) -> String, _ body: () async throws -> Value) async -> Value? {
        let recorder = ResponseRecorder()
        do {
            let value = try await WooshPayClient.$recorder.withValue(recorder) { try await body() }
            let differences = list ? Conformance.listDifferences(recorder.bodies.last, schema, seen: &seen)
                                   : Conformance.differences(recorder.bodies.last, schema, seen: &seen)
            if differences.isEmpty {
                pass(name, detail(value))
            } else {
                fail(name, "the answer differs from docs/api-coverage.md", differences: differences)
            }
            return value
        } catch {
            fail(name, (error as? APIFailure)?.description ?? "\(error)")
            return nil
        }
    }

    /// A request that must be refused with `status`, its body in a documented error shape.
    func refusal(_ name: String, status: Int, _ client: WooshPayClient, _ method: String, _ path: String,
                 json: String? = nil, idempotencyKey: String? = nil, key: String? = nil, type: String? = nil) async {
        do {
            let answer = try await client.exchange(method, path, json: json.map { Data($0.utf8) },
                                                   idempotencyKey: idempotencyKey, key: key)
            var differences = Conformance.errorDifferences(answer.body, seen: &seen)
            if answer.status != status { differences.insert("HTTP \(answer.status), expected \(status)", at: 0) }
            let failure = answer.failure
            if let type, case .api(_, let got, _, _) = failure.kind, got != type {
                differences.append("error.type: \(got ?? "none"), expected \(type)")
            }
            if differences.isEmpty {
                var parts: [String] = []
                if case .api(_, let type, let code, let param) = failure.kind {
                    parts = [type, code, param.map { "param \($0)" }].compactMap { $0 }
                }
                pass(name, "HTTP \(answer.status) " + parts.joined(separator: ", "))
            } else {
                fail(name, "the refusal differs from docs/api-coverage.md", differences: differences)
            }
        } catch {
            fail(name, "\(error)")
        }
    }

    /// With a live key: reads only.
    func readOnlyRun(_ client: WooshPayClient) async {
        let products = await call("list products", Conformance.product, list: true,
                                  detail: { "\($0.items.count) on the first page" }) {
            try await client.listProducts(limit: 2)
        }
        if let first = products?.items.first {
            await call("retrieve a product", Conformance.product, detail: { $0.id }) { try await client.getProduct(first.id) }
        }
        await call("list prices", Conformance.price, list: true, detail: { "\($0.items.count) on the first page" }) {
            try await client.listPrices(limit: 2)
        }
        await call("list checkout sessions", Conformance.session, list: true,
                   detail: { "\($0.items.count) on the first page" }) {
            try await client.listCheckoutSessions(limit: 2)
        }
        await refusal("error: unknown id", status: 404, client, "GET", "/v1/products/prod_0000000000000000000")
        await refusal("error: wrong key", status: 401, client, "GET", "/v1/products", key: Self.wrongKey)
        note(CLIPhrase.doctorLiveReadsOnly.said)
    }

    // A live key is refused by a test host and by the sandbox alike (which takes any well-formed test key).
    static let wrongKey = "sk_" + "live_tilldoctor" + String(repeating: "0", count: 16)  // built, so no key-shaped literal is committed

    /// With a test key or the sandbox: every call Till makes, then what it made archived or expired.
    func conformanceRun(_ client: WooshPayClient, account: TillAccount, settings: TillSettings) async {
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let currency = (try? Currency(settings.defaultCurrency ?? "GBP")) ?? .gbp
        let amount = Money(minorUnits: 250, currency: currency)
        var products: [String] = []
        var prices: [String] = []
        var sessions: [String] = []
        func timestamps() -> String {
            seen.timestampUnits.isEmpty ? "" : ", times in " + seen.timestampUnits.sorted().joined(separator: " and ")
        }

        let product = await call("create a product", Conformance.product, detail: { "\($0.id)" + timestamps() }) {
            try await client.createProduct(ProductDraft(name: "Till doctor \(tag)", description: "made by till doctor"))
        }
        if let product { products.append(product.id) }
        let lookupKey = "TILL-DOCTOR-\(tag.uppercased())"
        var bound: Price? = nil
        if let product {
            bound = await call("create a price for it", Conformance.price, detail: { $0.id }) {
                try await client.createPrice(PriceDraft(product: .existing(id: product.id), amount: amount,
                                                        nickname: "doctor", lookupKey: lookupKey))
            }
            if let bound { prices.append(bound.id) }
        }
        let inline = await call("create a price with its product inline", Conformance.price,
                                detail: { "\($0.id) for \($0.productId)" }) {
            try await client.createPrice(PriceDraft(product: .inline(ProductDraft(name: "Till doctor \(tag) inline")),
                                                    amount: amount))
        }
        if let inline { prices.append(inline.id); products.append(inline.productId) }

        let success = account.successURL ?? "https://example.com/till-doctor/success"
        let cancel = account.cancelURL ?? "https://example.com/till-doctor/cancel"
        var byPrice: CheckoutSession? = nil
        if let bound {
            byPrice = await call("create a session with a price id", Conformance.session,
                                 detail: { "\($0.id), \($0.total?.formatted ?? "no total")" }) {
                try await client.createCheckoutSession(CheckoutSessionRequest(
                    items: [.price(id: bound.id, quantity: 2)], successURL: success, cancelURL: cancel))
            }
            if let byPrice { sessions.append(byPrice.id) }
        }
        let byData = await call("create a session with inline price data", Conformance.session,
                                detail: { "\($0.id), \($0.total?.formatted ?? "no total")" }) {
            try await client.createCheckoutSession(CheckoutSessionRequest(
                items: [.inline(name: "Till doctor \(tag) item", description: nil, amount: amount, quantity: 1)],
                successURL: success, cancelURL: cancel))
        }
        if let byData {
            sessions.append(byData.id)
            // Inline price data makes a price and a product (active, in WooshPay's example): archived too.
            let items = byData.lineItems.isEmpty ? ((try? await client.listLineItems(byData.id)) ?? []) : byData.lineItems
            for item in items {
                if let id = item.priceId, !prices.contains(id) { prices.append(id) }
                if let id = item.productId, !products.contains(id) { products.append(id) }
            }
        }
        if let session = byPrice ?? byData {
            let expected = session.created.addingTimeInterval(24 * 3600)
            if abs(session.expiresAt.timeIntervalSince(expected)) > 60 {
                fail("session expiry", "expires_at is \(Show.date(session.expiresAt)), not 24 hours after created "
                     + "(\(Show.date(session.created))): a timestamp unit is misread")
            } else {
                pass("session expiry", "24 hours after created")
            }
        }

        // Retrieve and list each, paging.
        if let product {
            await call("retrieve the product", Conformance.product, detail: { $0.id }) { try await client.getProduct(product.id) }
        }
        if let bound {
            await call("retrieve the price", Conformance.price, detail: { $0.id }) { try await client.getPrice(bound.id) }
        }
        if let session = byPrice ?? byData {
            await call("retrieve the session", Conformance.session, detail: { "\($0.id), \($0.status.rawValue)" }) {
                try await client.getCheckoutSession(session.id)
            }
            await call("list the session's line items", Conformance.lineItem, list: true,
                       detail: { "\($0.count) item\($0.count == 1 ? "" : "s")" }) {
                try await client.listLineItems(session.id)
            }
            if let intent = session.paymentIntentId {
                await call("retrieve its payment intent", Conformance.paymentIntent,
                           detail: { "\($0.id), \($0.status.rawValue)" }) {
                    try await client.retrievePaymentIntent(id: intent)
                }
            }
        }
        await paging("products", Conformance.product) { limit, after in
            try await client.listProducts(limit: limit, startingAfter: after)
        }
        await paging("prices", Conformance.price) { limit, after in
            try await client.listPrices(limit: limit, startingAfter: after)
        }
        await paging("checkout sessions", Conformance.session) { limit, after in
            try await client.listCheckoutSessions(limit: limit, startingAfter: after)
        }
        if let bound {
            await call("find the price by its lookup key", Conformance.price, list: true, detail: { (page: Page<Price>) in
                page.items.map(\.id) == [bound.id] ? "\(lookupKey) → \(bound.id)" : "found \(page.items.map(\.id))"
            }) {
                let page = try await client.listPrices(active: true, lookupKeys: [lookupKey])
                if page.items.map(\.id) != [bound.id] {
                    throw APIFailure(kind: .decoding(path: "data"), message: "lookup_keys[0]=\(lookupKey) found "
                                     + "\(page.items.map(\.id)), expected only \(bound.id)")
                }
                return page
            }
        }

        // An idempotent replay, then the same key with another body.
        let replayKey = "till-doctor-\(tag)-\(UUID().uuidString)"
        let firstTry = await call("create with an idempotency key", Conformance.product, detail: { $0.id }) {
            try await client.createProduct(ProductDraft(name: "Till doctor \(tag) replay"), idempotencyKey: replayKey)
        }
        if let firstTry {
            products.append(firstTry.id)
            await call("the same create again (a replay)", Conformance.product, detail: { (product: Product) in "\(product.id), the same product" }) {
                let again = try await client.createProduct(ProductDraft(name: "Till doctor \(tag) replay"),
                                                           idempotencyKey: replayKey)
                if again.id != firstTry.id {
                    products.append(again.id)
                    throw APIFailure(kind: .decoding(path: "id"), message: "the replay made another product, \(again.id)")
                }
                return again
            }
        }

        // Refusals, one of each documented shape.
        await refusal("error: unknown id", status: 404, client, "GET", "/v1/products/prod_0000000000000000000",
                      type: "invalid_request_error")
        await refusal("error: missing parameter", status: 400, client, "POST", "/v1/products", json: "{}",
                      type: "invalid_request_error")
        await refusal("error: wrong key", status: 401, client, "GET", "/v1/products", key: Self.wrongKey)
        if firstTry != nil {
            await refusal("error: idempotency key reused", status: 409, client, "POST", "/v1/products",
                          json: #"{"name":"Till doctor \#(tag) another"}"#, idempotencyKey: replayKey,
                          type: "idempotency_error")
        }

        // Expire the sessions, archive the prices and products.
        var leftovers: [String] = []
        for (index, id) in sessions.enumerated() {
            if index == 0 {
                await call("expire a session", Conformance.session, detail: { (session: CheckoutSession) in "\(session.id), \(session.status.rawValue)" }) {
                    let session = try await client.expireCheckoutSession(id)
                    if session.status != .expired {
                        throw APIFailure(kind: .decoding(path: "status"), message: "\(session.status.rawValue) after expiring")
                    }
                    return session
                }
            } else {
                do { _ = try await client.expireCheckoutSession(id) } catch { leftovers.append(id) }
            }
        }
        for id in prices {
            do { _ = try await client.updatePrice(id, PriceUpdate(active: false)) } catch { leftovers.append(id) }
        }
        for id in products {
            do { _ = try await client.updateProduct(id, ProductUpdate(active: false)) } catch { leftovers.append(id) }
        }
        if leftovers.isEmpty {
            pass("clean up", "archived \(products.count) products and \(prices.count) prices, expired \(sessions.count) sessions")
        } else {
            fail("clean up", "could not archive or expire " + leftovers.joined(separator: ", "))
        }
        note(CLIPhrase.doctorNoRefunds.said)
    }

    /// Two pages of one item: `has_more` set, and the second page starts after the first.
    func paging<Item>(_ what: String, _ schema: Conformance.Schema,
                      _ list: (Int, String?) async throws -> Page<Item>) async
        where Item: Identifiable & Hashable & Sendable, Item.ID == String {
        let first = await call("list \(what), one a page", schema, list: true,
                               detail: { "has_more \($0.hasMore)" }) { try await list(1, nil) }
        guard let first, let head = first.items.first else { return }
        guard first.hasMore else {
            fail("page through \(what)", "has_more is false with more than one \(what.dropLast()) in the account")
            return
        }
        await call("page through \(what)", schema, list: true, detail: { (_: Page<Item>) in "starting_after \(head.id)" }) {
            let next = try await list(1, head.id)
            if next.items.first?.id == head.id || next.items.isEmpty {
                throw APIFailure(kind: .decoding(path: "data"),
                                 message: "starting_after \(head.id) returned \(next.items.first?.id ?? "nothing")")
            }
            return next
        }
    }
}
