import ArgumentParser
import Foundation
import TillConfig
import TillCore
import TillStore

/// `till tills`: the tills of the shop, when each was last seen and what each has open (for the
/// account in use): its cart, a checkout being created, tickets it parked, shifts it closed.
struct TillsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tills", abstract: "List the tills of the shop: last seen and what each has open.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await CommandRunner.run(global) { runner in
            let shop = try CommandShop(runner)
            let now = Date()
            let tills = try shop.store.tills(account: shop.account, now: now)
            if runner.output.json {
                return runner.output.json((try? LocalJSON.encoder(pretty: false).encode(tills)) ?? Data("[]".utf8))
            }
            guard !tills.isEmpty else { return runner.output.line(CLIPhrase.noTills.said) }
            runner.output.table(Heading.names(.till, .state, .host, .pid, .lastSeen, .cart, .parked, .shifts), tills.map { till in
                var cart = till.cartItems == 0 ? "-" : (till.cartItems == 1 ? CLIPhrase.oneItem : CLIPhrase.items).said("count", groupedDigits(till.cartItems))
                if till.checkoutInFlight { cart += " " + CLIPhrase.checkoutBeingCreated.said }
                return [till.name, (till.isOpen ? CLIPhrase.tillOpen : (till.lastSeen == nil ? CLIPhrase.tillNeverOpened : CLIPhrase.tillClosed)).said,
                        till.host.isEmpty ? "-" : till.host, till.isOpen ? String(till.pid) : "-",
                        till.lastSeen.map(Show.date) ?? "-", cart, String(till.parkedTickets), String(till.closedShifts)]
            })
        }
    }
}
