import ArgumentParser
import TillCore
import WooshPay

/// `--limit` and `--all` of a list command: one page of --limit items (the API's default when not
/// given), or with --all every page (pages of --limit, else 100). `Items` words the --limit help.
struct PageOptions<Items: ListedItems>: ParsableArguments {
    @Option(help: ArgumentHelp("\(Items.plural) per page (1-100).")) var limit: Int?
    @Flag(help: "Fetch every page.") var all = false

    func validate() throws { try validateLimit(limit) }

    /// The items: `every` pages of a size, or the one `page` of at most a limit.
    func fetch<Item>(every: (Int) -> PagedSequence<Item>, page: (Int?) async throws -> Page<Item>) async throws -> [Item] {
        all ? try await every(limit ?? 100).collect() : try await page(limit).items
    }
}

/// What a list command lists, as its --limit help names it ("Products").
protocol ListedItems {
    static var plural: String { get }
}
