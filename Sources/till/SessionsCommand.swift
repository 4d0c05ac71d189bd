import ArgumentParser
import Foundation
import TillCore
import WooshPay

/// `till sessions …`
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "Create, show, list and expire checkout sessions.",
        subcommands: [Create.self, ShowByID<Get>.self, List.self, Expire.self, ShowByID<Items>.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a checkout session and print its URL.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Where the cashier sends a paying customer (default: success_url in the config, else the embedded sandbox's page).")
        var successUrl: String?
        @Option(help: "Where the cashier sends a customer who cancels (default: cancel_url in the config, else the embedded sandbox's page).")
        var cancelUrl: String?
        @Option(name: .customLong("item"), help: "PRICE_ID[:QTY], repeatable.") var items: [String] = []
        @Option(name: .customLong("item-inline"), help: "\"Name:12.50:GBP[:QTY]\", repeatable.")
        var inlineItems: [String] = []
        @Option(parsing: .upToNextOption, help: "key=value pairs.") var metadata: [String] = []
        @Option var clientReferenceId: String?
        @Option(help: "Reuse to make a retried command create the session only once.") var idempotencyKey: String?

        func validate() throws {
            if items.isEmpty, inlineItems.isEmpty { throw ValidationError(CLIPhrase.someItem.said) }
            _ = try lineItems()
            _ = try parseMetadata(metadata)
        }

        func lineItems() throws -> [CheckoutSessionRequest.Item] {
            try items.map(LineItemArgument.price) + inlineItems.map(LineItemArgument.inline)
        }

        func run() async throws {
            let items = try lineItems()
            let metadata = try parseMetadata(metadata)
            try await CommandRunner.run(global, write: true) { runner in
                guard let success = successUrl ?? runner.account.successURL else {
                    throw ValidationError(CLIPhrase.needSuccessURL.said)
                }
                guard let cancel = cancelUrl ?? runner.account.cancelURL else {
                    throw ValidationError(CLIPhrase.needCancelURL.said)
                }
                // A sale says which till made it (the command line acts as `till_name`, else
                // `<host>-1`), unless --metadata till=… says otherwise.
                var tagged = metadata
                if tagged["till"] == nil { tagged["till"] = CommandShop.tillName(runner) }
                let request = CheckoutSessionRequest(items: items, successURL: success, cancelURL: cancel,
                                                     metadata: tagged, clientReferenceId: clientReferenceId)
                let session = try await runner.client.createCheckoutSession(request, idempotencyKey: idempotencyKey)
                runner.show(session, Show.session)
                await runner.noteWhenNoTillServes()
            }
        }
    }

    enum Get: ShownByID {
        static let abstract = "Show a checkout session."

        static func show(_ id: String, _ runner: CommandRunner) async throws {
            let session = try await runner.client.getCheckoutSession(id)
            runner.show(session, Show.session)
            if session.status == .open { await runner.noteWhenNoTillServes() }
        }
    }

    struct List: AsyncParsableCommand, ListedItems {
        static let configuration = CommandConfiguration(abstract: "List checkout sessions, newest first.")
        static let plural = "Sessions"
        @OptionGroup var global: GlobalOptions
        @OptionGroup var pages: PageOptions<Self>
        @Option(help: "Only the sessions this till made (their metadata[till]), among those listed.") var till: String?

        func run() async throws {
            try await CommandRunner.run(global) { runner in
                var sessions = try await pages.fetch(every: { runner.client.allCheckoutSessions(pageSize: $0) },
                                                     page: { try await runner.client.listCheckoutSessions(limit: $0) })
                if let till {
                    sessions = sessions.filter { $0.metadata["till"] == till }
                    if runner.output.json { return runner.output.jsonList([Self.filtered(runner.recordedBodies, till: till)]) }
                }
                if runner.output.json { return runner.output.jsonList(runner.recordedBodies) }
                runner.output.table(Heading.names(.id, .status, .payment, .total, .expires, .till), sessions.map {
                    [$0.id, $0.status.rawValue, $0.paymentStatus.rawValue, $0.total?.formatted ?? "-",
                     Show.date($0.expiresAt), $0.metadata["till"] ?? "-"]
                })
            }
        }

        /// The pages' sessions of one till, as one list object (the API's own JSON of each).
        static func filtered(_ bodies: [Data], till: String) -> Data {
            var kept: [Any] = []
            for body in bodies {
                guard let page = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
                      let data = page["data"] as? [[String: Any]] else { continue }
                kept += data.filter { ($0["metadata"] as? [String: Any])?["till"] as? String == till } as [Any]
            }
            let list: [String: Any] = ["object": "list", "data": kept, "has_more": false]
            return (try? JSONSerialization.data(withJSONObject: list, options: [.sortedKeys])) ?? Data("{}".utf8)
        }
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Expire an open checkout session.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option(help: "Reuse to make a retried command send the expiry only once.") var idempotencyKey: String?

        func validate() throws { try validateID(id) }

        func run() async throws {
            try await CommandRunner.run(global, write: true) { runner in
                let session = try await runner.client.expireCheckoutSession(id, idempotencyKey: idempotencyKey)
                runner.show(session, Show.session)
            }
        }
    }

    enum Items: ShownByID {
        static let commandName = "items"
        static let abstract = "List a checkout session's line items."

        static func show(_ id: String, _ runner: CommandRunner) async throws {
            runner.show(try await runner.client.listLineItems(id), list: true, Show.lineItems)
        }
    }
}

/// Parses the `--item` and `--item-inline` forms.
enum LineItemArgument {
    /// `PRICE_ID[:QTY]`.
    static func price(_ text: String) throws -> CheckoutSessionRequest.Item {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), !parts[0].isEmpty else {
            throw ValidationError(CLIPhrase.itemForm.said("text", text))
        }
        return .price(id: parts[0], quantity: try quantity(parts.count == 2 ? parts[1] : nil, in: text))
    }

    /// `Name:12.50:GBP[:QTY]`; the name may itself hold colons.
    static func inline(_ text: String) throws -> CheckoutSessionRequest.Item {
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var quantityText: String? = nil
        if parts.count >= 4, Int(parts[parts.count - 1]) != nil, (try? Currency(parts[parts.count - 2])) != nil {
            quantityText = parts.removeLast()
        }
        guard parts.count >= 3 else {
            throw ValidationError(CLIPhrase.itemInlineForm.said("text", text))
        }
        let currencyText = parts.removeLast()
        let amountText = parts.removeLast()
        let name = parts.joined(separator: ":").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ValidationError(CLIPhrase.itemInlineNoName.said("text", text)) }
        let currency: Currency
        do { currency = try Currency(currencyText) } catch {
            throw ValidationError("--item-inline '\(text)': \(Says.any(error))")
        }
        let amount: Money
        do { amount = try Money(parsing: amountText, currency: currency) } catch {
            throw ValidationError("--item-inline '\(text)': \(Says.any(error))")
        }
        return .inline(name: name, description: nil, amount: amount, quantity: try quantity(quantityText, in: text))
    }

    static func quantity(_ text: String?, in argument: String) throws -> Int {
        guard let text else { return 1 }
        let range = Cart.quantityRange
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError(CLIPhrase.quantityRange.said("text", argument, "least", String(range.lowerBound),
                                                                 "most", String(range.upperBound)))
        }
        return value
    }
}
