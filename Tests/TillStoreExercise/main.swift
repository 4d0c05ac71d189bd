import Foundation
import TillCore
import TillStore

// One "till" of the multi-process test (TillStoreTests' ConcurrencyTests): opens the shop store at
// argv[1] (an SQLite file, or a postgresql:// URL) as till argv[2], waits for the file argv[4] to exist (so every process starts together),
// then runs argv[3] operations in turn: park a ticket, resume one, discard one, append a refund to
// the journal. Prints one line per outcome (`parked ID`, `claimed ID`, `taken ID BY`, `gone ID`,
// `journal KEY`, `error …`) for the test to add up.
let arguments = CommandLine.arguments
guard arguments.count == 5, let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: till-store-exercise STORE TILL OPERATIONS START-FILE\n".utf8))
    exit(2)
}
let till = arguments[2]
let store: any ShopStore
do {
    store = PostgresLocation.isURL(arguments[1]) ? try ShopStores.open(url: arguments[1])
        : try SQLiteShopStore(path: arguments[1], busyTimeout: 30)
} catch {
    print("error open \(error)")
    exit(1)
}
while !FileManager.default.fileExists(atPath: arguments[4]) { usleep(1000) }

var output = ""
var generator = SystemRandomNumberGenerator()
for n in 0..<count {
    do {
        switch n % 4 {
        case 0:
            let id = "\(till)-\(n)"
            let cart = try Cart(lines: [CartLine(item: .oneOff(name: id), unitAmount: Money(minorUnits: 100, currency: .gbp))])
            try store.park(ParkedTicket(id: id, label: id, content: .cart(cart), parkedAt: Date(), till: till), account: "acct")
            output += "parked \(id)\n"
        case 1, 2:
            // Reach for a ticket another process may be reaching for too.
            let open = try store.parkedTickets(account: "acct")
            guard let ticket = open.randomElement(using: &generator) else { continue }
            switch try store.claimParked(id: ticket.id, account: "acct", till: till, purpose: n % 4 == 1 ? .resume : .discard, now: Date()) {
            case .claimed(let claimed): output += "claimed \(claimed.id)\n"
            case .taken(let by): output += "taken \(ticket.id) \(by)\n"
            case .gone: output += "gone \(ticket.id)\n"
            }
        default:
            let key = "\(till)-\(n)"
            try store.updateJournal(account: "acct") { journal in
                try journal.begin(RefundJournal.Entry(idempotencyKey: key, sessionId: "cs_\(till)", paymentIntentId: "pi_1",
                                                      amount: Money(minorUnits: 1, currency: .gbp), created: Date()))
            }
            output += "journal \(key)\n"
        }
    } catch {
        output += "error \(n) \(error)\n"
    }
}
print(output, terminator: "")
