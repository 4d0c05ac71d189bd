import ArgumentParser
import Foundation
import TillConfig
import TillCore
import TillStore
import TillView

/// `till audit`: the shop's audit trail (sign-ins, failed PINs, locks, refunds, Z reports,
/// expire-all, discarded tickets, archived products, changes of operators), oldest first.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the shop's audit trail: who did what, at which till, when.")
    @Option(help: "From: ISO 8601 (2026-11-25T09:00:00Z) or YYYY-MM-DD (local midnight).") var since: String?
    @Option(help: "Until (not included); the same forms.") var until: String?
    @Option(name: .customLong("operator"), help: "Only what this operator did or approved.") var operatorName: String?
    @Option(help: "Only the newest N entries.") var limit: Int?
    @Flag(help: "Print a JSON array.") var json = false

    func validate() throws {
        let (start, end) = try times()
        if let start, let end, start >= end { throw ValidationError(CLIPhrase.sinceBeforeUntil.said) }
        if let limit, limit < 1 { throw ValidationError(CLIPhrase.limitAtLeastOne.said) }
    }

    func times() throws -> (Date?, Date?) { (try optionTime(since, "--since"), try optionTime(until, "--until")) }

    func run() throws {
        let (start, end) = try times()
        let shop = try OperatorShop.open()
        let entries: [AuditEntry]
        do {
            entries = try shop.store.audit(AuditQuery(since: start, until: end, operatorName: operatorName, limit: limit))
        } catch {
            OperatorShop.fail(Says.any(error), code: ExitStatus.configuration)
        }
        if json { return OperatorShop.printJSON(entries) }
        guard !entries.isEmpty else {
            return print(operatorName.map { CLIPhrase.noAuditEntriesFor.said("name", sanitize($0)) } ?? CLIPhrase.noAuditEntries.said)
        }
        Output(json: false).table(Heading.names(.time, .till, .operatorName, .action, .object, .amount, .approvedBy), entries.map { entry in
            [Show.date(entry.time), entry.till, entry.operatorName ?? "-", entry.action.rawValue, entry.objectId ?? "-",
             entry.amount?.formatted ?? "-", entry.approvedBy ?? "-"]
        })
    }
}
