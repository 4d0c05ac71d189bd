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
    /// One check: `--json` carries its name and detail in English, the printed line says them in
    /// the command line's language.
    struct Check: Encodable {
        var name: Worded
        var ok: Bool
        var detail: Worded
        var differences: [String]

        enum CodingKeys: CodingKey { case name, ok, detail, differences }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name.english, forKey: .name)
            try container.encode(ok, forKey: .ok)
            try container.encode(detail.english, forKey: .detail)
            try container.encode(differences, forKey: .differences)
        }
    }

    /// What a call answered that it should not have (said like the checks).
    struct Mismatch: Error {
        var words: Worded
    }

    let json: Bool
    private(set) var checks: [Check] = []
    var failures: Int { checks.filter { !$0.ok }.count }
    let retries = RetryCounter()
    var seen = Conformance.Seen()

    init(json: Bool) { self.json = json }

    // MARK: Reporting

    func pass(_ name: Worded, _ detail: Worded) {
        record(Check(name: name, ok: true, detail: detail, differences: []))
    }

    func fail(_ name: Worded, _ reason: Worded, differences: [String] = []) {
        record(Check(name: name, ok: false, detail: reason, differences: differences))
    }

    func pass(_ name: DoctorPhrase, _ detail: Worded) { pass(name.worded(), detail) }

    func fail(_ name: DoctorPhrase, _ reason: Worded, differences: [String] = []) {
        fail(name.worded(), reason, differences: differences)
    }

    /// A line that is no check (something not exercised, a skipped step).
    func note(_ text: String) {
        if !json { Output(json: false).line("· " + text) }
    }

    private func record(_ check: Check) {
        checks.append(check)
        guard !json else { return }
        let output = Output(json: false)
        output.line("\(check.ok ? "✓" : "✗") \(check.name.said): \(check.detail.said)")
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
                pass(.configFile, DoctorPhrase.configAt.worded(["path": Worded(paths.configFile.path),
                                                                "mode": Worded(String(Int(info.st_mode) & 0o777, radix: 8))]))
            } else {
                pass(.configFile, DoctorPhrase.configNone.worded(["path": Worded(paths.configFile.path)]))
            }
        } catch {
            fail(.configFile, Worded(error: error))
            return
        }
        if let keyEnv, (environment[keyEnv] ?? "").isEmpty {
            fail(.key, DoctorPhrase.keyEnvNotSet.worded(["name": Worded(keyEnv)]))
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
            fail(.key, Worded(error: error))
            return
        } catch {
            fail(.embeddedSandbox, DoctorPhrase.couldNotStart.worded(["error": Worded("\(error)")]))
            return
        }
        let source = switch settings.keySource {
        case .environment?: DoctorPhrase.keyFrom.worded(["place": Worded(keyName)])
        case .configFile(let path)?: DoctorPhrase.keyFrom.worded(["place": Worded(path)])
        case nil: Worded("")
        }
        switch mode {
        case .sandbox: pass(.key, DoctorPhrase.keySandbox.worded(["url": Worded(account.configuration.baseURL)]))
        case .test: pass(.key, DoctorPhrase.keyTest.worded(["source": source]))
        case .live: pass(.key, DoctorPhrase.keyLive.worded(["source": source]))
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
            pass(.retries, DoctorPhrase.noRetries.worded())
        } else {
            let total = counts.values.reduce(0, +)
            let reasons = counts.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(separator: ", ")
            pass(.retries, (total == 1 ? DoctorPhrase.retriedOne : .retriedMany)
                .worded(["count": Worded(String(total)), "reasons": Worded(reasons)]))
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
        let reach = DoctorPhrase.reach.worded(["url": Worded(base)])
        let answer: RawResponse
        do {
            answer = try await client.exchange("GET", "/v1/products", query: [("limit", "1")])
        } catch {
            fail(reach, Worded(error: error))
            return
        }
        let secure = base.lowercased().hasPrefix("https") ? DoctorPhrase.tlsVerified : .plainHTTP
        pass(reach, DoctorPhrase.reached.worded(["status": Worded(String(answer.status)), "secure": secure.worded()]))
        switch answer.status {
        case 200..<300:
            pass(.keyAccepted, DoctorPhrase.answered.worded(["status": Worded(String(answer.status))]))
        case 401, 403:
            fail(.keyAccepted, DoctorPhrase.keyRefused.worded(["failure": Worded(error: answer.failure)]))
        default:
            fail(.keyAccepted, DoctorPhrase.answeredFailure.worded(["failure": Worded(error: answer.failure)]))
        }
        guard let header = answer.header("Date"), let date = Self.httpDate(header) else {
            fail(.clock, DoctorPhrase.noDateHeader.worded())
            return
        }
        let skew = Date().timeIntervalSince(date)
        let words = abs(skew) < 1 ? DoctorPhrase.clockWithinASecond.worded()
            : (skew > 0 ? DoctorPhrase.clockAhead : .clockBehind).worded(["seconds": Worded(String(format: "%.0f", abs(skew)))])
        if abs(skew) <= 60 {
            pass(.clock, words)
        } else {
            fail(.clock, DoctorPhrase.clockOff.worded(["skew": words]))
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
    func call<Value>(_ name: Worded, _ schema: Conformance.Schema, list: Bool = false,
                     detail: (Value) -> Worded, _ body: () async throws -> Value) async -> Value? {
        let recorder = ResponseRecorder()
        do {
            let value = try await WooshPayClient.$recorder.withValue(recorder) { try await body() }
            let differences = list ? Conformance.listDifferences(recorder.bodies.last, schema, seen: &seen)
                                   : Conformance.differences(recorder.bodies.last, schema, seen: &seen)
            if differences.isEmpty {
                pass(name, detail(value))
            } else {
                fail(name, DoctorPhrase.answerDiffers.worded(), differences: differences)
            }
            return value
        } catch let mismatch as Mismatch {
            fail(name, mismatch.words)
            return nil
        } catch {
            fail(name, Worded(error: error))
            return nil
        }
    }

    @discardableResult
    func call<Value>(_ name: DoctorPhrase, _ schema: Conformance.Schema, list: Bool = false,
                     detail: (Value) -> Worded, _ body: () async throws -> Value) async -> Value? {
        await call(name.worded(), schema, list: list, detail: detail, body)
    }

    /// A request that must be refused with `status`, its body in a documented error shape.
    func refusal(_ name: DoctorPhrase, status: Int, _ client: WooshPayClient, _ method: String, _ path: String,
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
                pass(name, DoctorPhrase.refusedStatus.worded(["status": Worded(String(answer.status)),
                                                              "parts": Worded(parts.joined(separator: ", "))]))
            } else {
                fail(name, DoctorPhrase.refusalDiffers.worded(), differences: differences)
            }
        } catch {
            fail(name, Worded(error: error))
        }
    }

    /// With a live key: reads only.
    func readOnlyRun(_ client: WooshPayClient) async {
        let products = await call(.listProducts, Conformance.product, list: true,
                                  detail: { Self.firstPage($0.items.count) }) {
            try await client.listProducts(limit: 2)
        }
        if let first = products?.items.first {
            await call(.retrieveAProduct, Conformance.product, detail: { Worded($0.id) }) { try await client.getProduct(first.id) }
        }
        await call(.listPrices, Conformance.price, list: true, detail: { Self.firstPage($0.items.count) }) {
            try await client.listPrices(limit: 2)
        }
        await call(.listSessions, Conformance.session, list: true,
                   detail: { Self.firstPage($0.items.count) }) {
            try await client.listCheckoutSessions(limit: 2)
        }
        await refusal(.unknownId, status: 404, client, "GET", "/v1/products/prod_0000000000000000000")
        await refusal(.wrongKey, status: 401, client, "GET", "/v1/products", key: Self.wrongKey)
        note(CLIPhrase.doctorLiveReadsOnly.said)
    }

    static func firstPage(_ count: Int) -> Worded { DoctorPhrase.onFirstPage.worded(["count": Worded(String(count))]) }

    /// An id and its status ("cs_…, expired").
    static func idAnd(_ id: String, _ other: Worded) -> Worded {
        DoctorPhrase.idStatus.worded(["id": Worded(id), "status": other])
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
        func timestamps() -> Worded {
            let units = seen.timestampUnits.sorted().map { $0 == "milliseconds" ? DoctorPhrase.milliseconds.worded()
                                                                                : DoctorPhrase.seconds.worded() }
            guard let first = units.first else { return Worded("") }
            let joined = units.dropFirst().reduce(first) { $0 + DoctorPhrase.and.worded() + $1 }
            return DoctorPhrase.timesIn.worded(["units": joined])
        }

        let product = await call(.createProduct, Conformance.product, detail: { Worded($0.id) + timestamps() }) {
            try await client.createProduct(ProductDraft(name: "Till doctor \(tag)", description: "made by till doctor"))
        }
        if let product { products.append(product.id) }
        let lookupKey = "TILL-DOCTOR-\(tag.uppercased())"
        var bound: Price? = nil
        if let product {
            bound = await call(.createPrice, Conformance.price, detail: { Worded($0.id) }) {
                try await client.createPrice(PriceDraft(product: .existing(id: product.id), amount: amount,
                                                        nickname: "doctor", lookupKey: lookupKey))
            }
            if let bound { prices.append(bound.id) }
        }
        let inline = await call(.createInlinePrice, Conformance.price,
                                detail: { DoctorPhrase.priceFor.worded(["id": Worded($0.id), "product": Worded($0.productId)]) }) {
            try await client.createPrice(PriceDraft(product: .inline(ProductDraft(name: "Till doctor \(tag) inline")),
                                                    amount: amount))
        }
        if let inline { prices.append(inline.id); products.append(inline.productId) }

        let success = account.successURL ?? "https://example.com/till-doctor/success"
        let cancel = account.cancelURL ?? "https://example.com/till-doctor/cancel"
        var byPrice: CheckoutSession? = nil
        if let bound {
            byPrice = await call(.createSessionByPrice, Conformance.session, detail: { Self.total(of: $0) }) {
                try await client.createCheckoutSession(CheckoutSessionRequest(
                    items: [.price(id: bound.id, quantity: 2)], successURL: success, cancelURL: cancel))
            }
            if let byPrice { sessions.append(byPrice.id) }
        }
        let byData = await call(.createSessionByData, Conformance.session, detail: { Self.total(of: $0) }) {
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
                fail(.sessionExpiry, DoctorPhrase.expiryMisread.worded(["expires": Worded(Show.date(session.expiresAt)),
                                                                        "created": Worded(Show.date(session.created))]))
            } else {
                pass(.sessionExpiry, DoctorPhrase.expiryRight.worded())
            }
        }

        // Retrieve and list each, paging.
        if let product {
            await call(.retrieveTheProduct, Conformance.product, detail: { Worded($0.id) }) { try await client.getProduct(product.id) }
        }
        if let bound {
            await call(.retrieveThePrice, Conformance.price, detail: { Worded($0.id) }) { try await client.getPrice(bound.id) }
        }
        if let session = byPrice ?? byData {
            await call(.retrieveTheSession, Conformance.session, detail: { Self.idAnd($0.id, Worded($0.status.rawValue)) }) {
                try await client.getCheckoutSession(session.id)
            }
            await call(.listLineItems, Conformance.lineItem, list: true,
                       detail: { ($0.count == 1 ? DoctorPhrase.oneItem : .items).worded(["count": Worded(String($0.count))]) }) {
                try await client.listLineItems(session.id)
            }
            if let intent = session.paymentIntentId {
                await call(.retrievePaymentIntent, Conformance.paymentIntent,
                           detail: { Self.idAnd($0.id, Worded($0.status.rawValue)) }) {
                    try await client.retrievePaymentIntent(id: intent)
                }
            }
        }
        await paging(.products, one: .product, Conformance.product) { limit, after in
            try await client.listProducts(limit: limit, startingAfter: after)
        }
        await paging(.prices, one: .price, Conformance.price) { limit, after in
            try await client.listPrices(limit: limit, startingAfter: after)
        }
        await paging(.sessions, one: .session, Conformance.session) { limit, after in
            try await client.listCheckoutSessions(limit: limit, startingAfter: after)
        }
        if let bound {
            await call(.findByLookupKey, Conformance.price, list: true, detail: { (page: Page<Price>) in
                DoctorPhrase.lookupFound.worded(["key": Worded(lookupKey), "id": Worded(bound.id)])
            }) {
                let page = try await client.listPrices(active: true, lookupKeys: [lookupKey])
                if page.items.map(\.id) != [bound.id] {
                    throw Mismatch(words: DoctorPhrase.lookupMismatch.worded([
                        "key": Worded(lookupKey), "found": Worded("\(page.items.map(\.id))"), "id": Worded(bound.id)]))
                }
                return page
            }
        }

        // An idempotent replay, then the same key with another body.
        let replayKey = "till-doctor-\(tag)-\(UUID().uuidString)"
        let firstTry = await call(.createWithKey, Conformance.product, detail: { Worded($0.id) }) {
            try await client.createProduct(ProductDraft(name: "Till doctor \(tag) replay"), idempotencyKey: replayKey)
        }
        if let firstTry {
            products.append(firstTry.id)
            await call(.replay, Conformance.product, detail: { (product: Product) in
                DoctorPhrase.sameProduct.worded(["id": Worded(product.id)])
            }) {
                let again = try await client.createProduct(ProductDraft(name: "Till doctor \(tag) replay"),
                                                           idempotencyKey: replayKey)
                if again.id != firstTry.id {
                    products.append(again.id)
                    throw Mismatch(words: DoctorPhrase.replayMadeAnother.worded(["id": Worded(again.id)]))
                }
                return again
            }
        }

        // Refusals, one of each documented shape.
        await refusal(.unknownId, status: 404, client, "GET", "/v1/products/prod_0000000000000000000",
                      type: "invalid_request_error")
        await refusal(.missingParameter, status: 400, client, "POST", "/v1/products", json: "{}",
                      type: "invalid_request_error")
        await refusal(.wrongKey, status: 401, client, "GET", "/v1/products", key: Self.wrongKey)
        if firstTry != nil {
            await refusal(.keyReused, status: 409, client, "POST", "/v1/products",
                          json: #"{"name":"Till doctor \#(tag) another"}"#, idempotencyKey: replayKey,
                          type: "idempotency_error")
        }

        // Expire the sessions, archive the prices and products.
        var leftovers: [String] = []
        for (index, id) in sessions.enumerated() {
            if index == 0 {
                await call(.expireASession, Conformance.session, detail: { (session: CheckoutSession) in
                    Self.idAnd(session.id, Worded(session.status.rawValue))
                }) {
                    let session = try await client.expireCheckoutSession(id)
                    if session.status != .expired {
                        throw Mismatch(words: DoctorPhrase.notExpired.worded(["status": Worded(session.status.rawValue)]))
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
            pass(.cleanUp, DoctorPhrase.cleanedUp.worded(["products": Worded(String(products.count)),
                                                          "prices": Worded(String(prices.count)),
                                                          "sessions": Worded(String(sessions.count))]))
        } else {
            fail(.cleanUp, DoctorPhrase.notCleanedUp.worded(["ids": Worded(leftovers.joined(separator: ", "))]))
        }
        note(CLIPhrase.doctorNoRefunds.said)
    }

    /// Two pages of one item: `has_more` set, and the second page starts after the first.
    func paging<Item>(_ what: DoctorPhrase, one: DoctorPhrase, _ schema: Conformance.Schema,
                      _ list: (Int, String?) async throws -> Page<Item>) async
        where Item: Identifiable & Hashable & Sendable, Item.ID == String {
        let first = await call(DoctorPhrase.listOnePerPage.worded(["what": what.worded()]), schema, list: true,
                               detail: { DoctorPhrase.hasMore.worded(["value": Worded(String($0.hasMore))]) }) {
            try await list(1, nil)
        }
        guard let first, let head = first.items.first else { return }
        let pageThrough = DoctorPhrase.pageThrough.worded(["what": what.worded()])
        guard first.hasMore else {
            fail(pageThrough, DoctorPhrase.hasMoreFalse.worded(["one": one.worded()]))
            return
        }
        await call(pageThrough, schema, list: true, detail: { (_: Page<Item>) in
            DoctorPhrase.startingAfter.worded(["id": Worded(head.id)])
        }) {
            let next = try await list(1, head.id)
            if next.items.first?.id == head.id || next.items.isEmpty {
                throw Mismatch(words: DoctorPhrase.pageRepeated.worded([
                    "id": Worded(head.id), "found": next.items.first.map { Worded($0.id) } ?? DoctorPhrase.nothing.worded()]))
            }
            return next
        }
    }

    /// A session's id and total.
    static func total(of session: CheckoutSession) -> Worded {
        DoctorPhrase.sessionTotal.worded(["id": Worded(session.id),
                                          "total": session.total.map { Worded($0.formatted) } ?? DoctorPhrase.noTotal.worded()])
    }
}
