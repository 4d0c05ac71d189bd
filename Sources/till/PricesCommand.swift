import ArgumentParser
import Foundation
import TillCore
import WooshPay

/// `till prices …`
struct PricesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices", abstract: "List and create prices.", subcommands: [List.self, Create.self])

    struct List: AsyncParsableCommand, ListedItems {
        static let configuration = CommandConfiguration(abstract: "List prices, optionally of one product.")
        static let plural = "Prices"
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only prices of this product id.") var product: String?
        @OptionGroup var pages: PageOptions<Self>

        func run() async throws {
            try await CommandRunner.run(global) { runner in
                let prices = try await pages.fetch(every: { runner.client.allPrices(product: product, pageSize: $0) },
                                                   page: { try await runner.client.listPrices(product: product, limit: $0) })
                if runner.output.json { return runner.output.jsonList(runner.recordedBodies) }
                runner.output.table(Heading.names(.id, .product, .amount, .nickname, .lookupKey, .active), prices.map {
                    [$0.id, $0.productId, $0.money.formatted, $0.nickname ?? "-", $0.lookupKey ?? "-", Show.flag($0.active)]
                })
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a price for an existing product (--product) or a new one (--product-name).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "An existing product id.") var product: String?
        @Option(help: "Create a new product with this name.") var productName: String?
        @Option var productDescription: String?
        @Option(help: "ISO 4217 code, e.g. GBP.") var currency: String
        // .unconditional: "-1" is a value here, not an option, so the real message shows.
        @Option(parsing: .unconditional, help: "Amount in minor units (1250 = GBP 12.50).") var unitAmount: Int64?
        @Option(parsing: .unconditional, help: "Amount in major units (12.50), read for the currency.") var amount: String?
        @Option var nickname: String?
        @Option(help: "SKU or barcode (WooshPay's lookup_key, up to 200 characters) a scan finds the price by.")
        var lookupKey: String?
        @Option(help: "Reuse to make a retried command create the price only once.") var idempotencyKey: String?

        func validate() throws { _ = try draft() }

        func draft() throws -> PriceDraft {
            let code: Currency
            do { code = try Currency(currency) } catch { throw ValidationError("--currency: \(Says.any(error))") }
            let money: Money
            switch (unitAmount, amount) {
            case (let minor?, nil):
                guard minor >= 0 else { throw ValidationError(CLIPhrase.unitAmountNegative.said) }
                guard (0...Money.maximumMinorUnits).contains(minor) else {
                    throw ValidationError(CLIPhrase.unitAmountRange.said("most", String(Money.maximumMinorUnits)))
                }
                money = Money(minorUnits: minor, currency: code)
            case (nil, let text?):
                do { money = try Money(parsing: text, currency: code) } catch {
                    throw ValidationError("--amount: \(Says.any(error))")
                }
            default:
                throw ValidationError(CLIPhrase.oneAmount.said)
            }
            let owner: PriceProduct
            switch (product, productName) {
            case (let id?, nil):
                guard productDescription == nil else {
                    throw ValidationError(CLIPhrase.descriptionWithName.said)
                }
                owner = .existing(id: id)
            case (nil, let name?):
                owner = .inline(ProductDraft(name: name, description: productDescription))
            default:
                throw ValidationError(CLIPhrase.oneProduct.said)
            }
            if let lookupKey, let problem = PriceDraft.problem(withLookupKey: lookupKey) {
                throw ValidationError("--lookup-key: \(problem)")
            }
            return PriceDraft(product: owner, amount: money, nickname: nickname, lookupKey: lookupKey)
        }

        func run() async throws {
            let draft = try draft()
            try await CommandRunner.run(global, write: true) { runner in
                let price = try await runner.client.createPrice(draft, idempotencyKey: idempotencyKey)
                runner.show(price, Show.price)
            }
        }
    }
}
