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
            guard !tills.isEmpty else { return runner.output.line("No till has been opened on this shop store yet.") }
            runner.output.table(["TILL", "STATE", "HOST", "PID", "LAST SEEN", "CART", "PARKED", "SHIFTS"], tills.map { till in
                var cart = till.cartItems == 0 ? "-" : counted(till.cartItems, "item")
                if till.checkoutInFlight { cart += " (checkout being created)" }
                return [till.name, till.isOpen ? "open" : (till.lastSeen == nil ? "never opened" : "closed"),
                        till.host.isEmpty ? "-" : till.host, till.isOpen ? String(till.pid) : "-",
                        till.lastSeen.map(Show.date) ?? "-", cart, String(till.parkedTickets), String(till.closedShifts)]
            })
        }
    }
}
