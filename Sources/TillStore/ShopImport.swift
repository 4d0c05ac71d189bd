import Foundation
import TillConfig
import TillCore
#if canImport(Glibc)
import Glibc
#endif

/// Brings the JSON files of earlier versions (one account's draft, parked tickets, checkout URLs,
/// refund journal and shifts) into the shop store, once: each file is read under its lock, written
/// in one store transaction that also records it as imported, then renamed to `<name>.imported`.
/// A second run finds nothing to import; a crash between the commit and the rename imports nothing
/// twice (the store remembers the file). A file that cannot be read is renamed to
/// `<name>.unreadable-<time>` and said, never taken for an empty one.
public enum ShopImport {
    /// What an import did, in words for the log and the status line.
    public struct Outcome: Hashable, Sendable {
        /// "parked tickets (3)", … one per file imported.
        public var imported: [String] = []
        /// A sentence per file that could not be read (and where it was set aside).
        public var problems: [String] = []

        public init(imported: [String] = [], problems: [String] = []) {
            self.imported = imported
            self.problems = problems
        }
    }

    /// Imports `account`'s files; the draft, parked tickets and shifts go to `till`.
    public static func run(store: any ShopStore, paths: TillPaths, account: String, till: String) -> Outcome {
        var outcome = Outcome()
        func file(_ url: URL, _ what: String, _ load: (Data) throws -> (count: Int, write: (ShopImportWriter) throws -> Void)) {
            let path = url.path
            // Nothing to import (the usual case after the first start): no lock file is made either.
            guard FileManager.default.fileExists(atPath: path) else { return }
            do {
                try PrivateFile.withLock(path) {
                    guard FileManager.default.fileExists(atPath: path) else { return }
                    let parsed: (count: Int, write: (ShopImportWriter) throws -> Void)
                    do { parsed = try load(try Data(contentsOf: url)) } catch {
                        let aside = path + ".unreadable-\(Int(Date().timeIntervalSince1970))"
                        let moved = rename(path, aside) == 0
                        outcome.problems.append("The \(what) file \(path) could not be read (\(LocalJSON.describe(error)))"
                                                + (moved ? "; it was set aside as \(aside)." : "."))
                        return
                    }
                    let source = String(path.dropFirst(paths.state.path.count).drop { $0 == "/" })
                    let done = try store.importOnce(source: source, parsed.write)
                    _ = rename(path, path + ".imported")
                    if done { outcome.imported.append("\(what) (\(parsed.count))") }
                }
            } catch {
                outcome.problems.append("The \(what) file \(path) was not imported: \(error)")
            }
        }
        file(paths.drafts(account: account), "draft") { data in
            let saved = try JSONDecoder().decode(SavedDraft.self, from: data)
            return (saved.draft.cart.itemCount, { try $0.insertDraft(saved, account: account, till: till) })
        }
        file(paths.parked(account: account), "parked tickets") { data in
            let tickets = try JSONDecoder().decode(OldParked.self, from: data).tickets
            return (tickets.count, { writer in
                for var ticket in tickets {
                    ticket.till = ticket.till ?? till
                    try writer.insertParked(ticket, account: account)
                }
            })
        }
        file(paths.checkoutURLs(account: account), "checkout URLs") { data in
            let defaults = try LocalJSON.decoder.decode(CheckoutURLDefaults.self, from: data)
            return (1, { try $0.insertURLDefaults(defaults, account: account) })
        }
        file(paths.refundJournal(account: account), "refund journal") { data in
            let journal = try LocalJSON.decoder.decode(RefundJournal.self, from: data)
            return (journal.entries.count, { try $0.insertJournal(journal.entries, account: account) })
        }
        file(paths.shifts(account: account), "shifts") { data in
            let log = try LocalJSON.decoder.decode(ShiftLog.self, from: data)
            return (log.closed.count, { try $0.insertShifts(log, account: account, till: till) })
        }
        return outcome
    }

    /// The parked file's form before the store (`{"version":1,"tickets":[…]}`).
    struct OldParked: Decodable {
        var tickets: [ParkedTicket]
    }
}
