import ArgumentParser
import Foundation
import TillCore
import WooshPay

/// `till products …`
struct ProductsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "products", abstract: "List, create, show and update products; import and export them as CSV.",
        subcommands: [List.self, Create.self, ShowByID<Get>.self, Update.self, ProductsImport.self, ProductsExport.self])

    struct List: AsyncParsableCommand, ListedItems {
        static let configuration = CommandConfiguration(abstract: "List products, newest first.")
        static let plural = "Products"
        @OptionGroup var global: GlobalOptions
        @OptionGroup var pages: PageOptions<Self>
        @Option(help: "Only active (true) or archived (false) products.") var active: Bool?

        func run() async throws {
            try await CommandRunner.run(global) { runner in
                let products = try await pages.fetch(every: { runner.client.allProducts(active: active, pageSize: $0) },
                                                     page: { try await runner.client.listProducts(limit: $0, active: active) })
                if runner.output.json { return runner.output.jsonList(runner.recordedBodies) }
                runner.output.table(Heading.names(.id, .name, .active, .created), products.map {
                    [$0.id, $0.name, Show.flag($0.active), Show.date($0.created)]
                })
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a product.")
        @OptionGroup var global: GlobalOptions
        @Option var name: String
        @Option var description: String?
        @Option var url: String?
        @Option(parsing: .upToNextOption, help: "key=value pairs.") var metadata: [String] = []
        @Option(help: "Reuse to make a retried command create the product only once.") var idempotencyKey: String?

        func validate() throws {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError(CLIPhrase.nameEmpty.said) }
            _ = try parseMetadata(metadata)
        }

        func run() async throws {
            let draft = ProductDraft(name: name, description: description, url: url, metadata: try parseMetadata(metadata))
            try await CommandRunner.run(global, write: true) { runner in
                let product = try await runner.client.createProduct(draft, idempotencyKey: idempotencyKey)
                runner.show(product, Show.product)
            }
        }
    }

    enum Get: ShownByID {
        static let abstract = "Show one product."

        static func show(_ id: String, _ runner: CommandRunner) async throws {
            runner.show(try await runner.client.getProduct(id), Show.product)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a product; unset options stay as they are.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option var name: String?
        @Option var description: String?
        @Option(help: "false archives the product.") var active: Bool?
        @Option(parsing: .upToNextOption, help: "key=value pairs, merged into the metadata; key= removes a key.") var metadata: [String] = []
        @Option(help: "Reuse to make a retried command apply the change only once.") var idempotencyKey: String?
        @OptionGroup var who: OperatorOptions

        func validate() throws {
            try validateID(id)
            _ = try parseMetadata(metadata)
            if name == nil, description == nil, active == nil, metadata.isEmpty {
                throw ValidationError(CLIPhrase.nothingToChange.said)
            }
        }

        func run() async throws {
            let update = ProductUpdate(name: name, description: description, active: active,
                                       metadata: metadata.isEmpty ? nil : try parseMetadata(metadata))
            try await CommandRunner.run(global, write: true) { runner in
                // Archiving needs a manager when the shop has operators (`permissions.archive_product`).
                var approval: CommandApproval? = nil
                let shop = active == false ? try CommandShop(runner) : nil
                if let shop {
                    approval = try CommandApproval.require(.archiveProduct, who, store: shop.store, till: shop.till,
                                                           permissions: runner.settings.permissions)
                }
                let product = try await runner.client.updateProduct(id, update, idempotencyKey: idempotencyKey)
                if let shop, let approval, try shop.store.hasOperators() {
                    try? shop.store.appendAudit(AuditEntry(time: Date(), till: shop.till, operatorName: approval.operatorName,
                                                           action: .productArchived, objectId: id))
                }
                runner.show(product, Show.product)
            }
        }
    }
}

func validateLimit(_ limit: Int?) throws {
    if let limit, !(1...100).contains(limit) { throw ValidationError(CLIPhrase.limitRange.said) }
}

/// An id argument must name something: an empty one would reach the list endpoint instead.
func validateID(_ id: String) throws {
    if id.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError(CLIPhrase.idEmpty.said) }
}
