import ArgumentParser
import Foundation
import TillConfig
import TillCore
import TillStore
import WooshPay

/// `till refunds …`: refund paid checkout sessions and read Till's refund journal (WooshPay has no
/// endpoint that lists refunds, so the journal is the list).
struct RefundsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refunds", abstract: "Refund paid checkout sessions and list the refunds Till made.",
        subcommands: [Create.self, ShowByID<Get>.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Refund a paid checkout session: all that is left, an amount, or chosen lines.",
            discussion: """
                The refund is saved in the journal with its idempotency key before it is sent. If the \
                answer is lost (exit 5, or 3), run the same command again with the --idempotency-key Till \
                prints: the saved refund is sent again with that key and cannot be made twice.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The paid checkout session to refund (cs_…).") var session: String
        // .unconditional: "-1" is a value here, not an option, so the real message shows.
        @Option(parsing: .unconditional, help: "Amount in major units (1.50), read in the session's currency. Default: what is left.")
        var amount: String?
        @Option(name: .customLong("item"), help: "PRICE_ID[:QTY]: refund units of a line at its price, each unit once (repeatable).")
        var items: [String] = []
        @Option(help: "duplicate, fraudulent or requested_by_customer.") var reason: String?
        @Option(help: "The key of a refund to send again (from the journal); or a new refund's own key.")
        var idempotencyKey: String?
        @OptionGroup var who: OperatorOptions

        func validate() throws {
            try validateID(session)
            if amount != nil, !items.isEmpty { throw ValidationError(CLIPhrase.amountOrItem.said) }
            _ = try parsedReason()
            _ = try parsedItems()
            if let idempotencyKey, idempotencyKey.isEmpty || idempotencyKey.count > 255 {
                throw ValidationError(CLIPhrase.keyLength.said)
            }
        }

        func parsedReason() throws -> Refund.Reason? {
            guard let reason else { return nil }
            guard let parsed = Refund.Reason(rawValue: reason) else {
                throw ValidationError(CLIPhrase.reasonOneOf.said("reasons", Refund.Reason.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return parsed
        }

        /// `--item PRICE_ID[:QTY]` as line key → units (repeats add up).
        func parsedItems() throws -> [String: Int] {
            var lines: [String: Int] = [:]
            for text in items {
                guard case .price(let id, let quantity) = try LineItemArgument.price(text) else { continue }
                lines[id, default: 0] += quantity
            }
            return lines
        }

        func run() async throws {
            let reason = try parsedReason()
            let lines = try parsedItems()
            try await CommandRunner.run(global, write: true) { runner in
                let shop = try CommandShop(runner)
                // With operators in the shop, a refund needs a manager (`permissions.refund`): asked before anything is sent.
                let approval = try CommandApproval.require(.refund, who, store: shop.store, till: shop.till,
                                                           permissions: runner.settings.permissions)
                let store = shop.journal
                let journal = try store.load()
                let refund: Refund
                if let key = idempotencyKey, let saved = journal.entry(key: key) {
                    refund = try await retry(saved, store: store, runner: runner, reason: reason, lines: lines)
                } else {
                    let entry = try await newEntry(runner: runner, store: store, reason: reason, lines: lines,
                                                   operatorName: approval.operatorName)
                    refund = try await send(entry, store: store, runner: runner)
                    try? shop.store.appendAudit(AuditEntry(time: Date(), till: shop.till, operatorName: approval.operatorName,
                                                           action: .refund, objectId: session, amount: refund.amount,
                                                           approvedBy: entry.approvedBy))
                }
                runner.show(refund) { Show.refund($0, session: session, $1) }
            }
        }

        /// Looks the session and its payment up, works out the amount, and saves the entry (under the
        /// journal's lock, so two refunds at once cannot both take what is left).
        func newEntry(runner: CommandRunner, store: AccountJournal, reason: Refund.Reason?,
                      lines: [String: Int], operatorName: String? = nil) async throws -> RefundJournal.Entry {
            let sale = try await runner.client.getCheckoutSession(session)
            guard sale.status == .complete, sale.paymentStatus != .unpaid else {
                throw CommandFailure(CLIPhrase.notPaid.said("id", sale.id, "status", sale.status.rawValue,
                                                            "payment", sale.paymentStatus.rawValue),
                                     code: ExitStatus.refused)
            }
            guard let intentId = sale.paymentIntentId else {
                throw CommandFailure(CLIPhrase.noPaymentIntent.said("id", sale.id), code: ExitStatus.refused)
            }
            let intent = try await runner.client.retrievePaymentIntent(id: intentId)
            guard intent.status == .succeeded else {
                throw CommandFailure(CLIPhrase.paymentNotSucceeded.said("payment", intentId, "id", sale.id,
                                                                       "status", intent.status.rawValue),
                                     code: ExitStatus.refused)
            }
            let total = sale.total ?? intent.amount
            var lineItems = sale.lineItems
            if !lines.isEmpty, lineItems.isEmpty { lineItems = try await runner.client.listLineItems(sale.id) }
            var requested: Money? = nil
            if let text = amount {
                do { requested = try Money(parsing: text, currency: total.currency) } catch {
                    throw ValidationError("--amount: \(Says.any(error))")
                }
            }
            let key = idempotencyKey ?? UUID().uuidString
            let now = millisecondNow()
            var unconfirmed: Money? = nil
            do {
                return try store.update { journal -> RefundJournal.Entry in
                    let balance = try journal.balance(session: sale.id, total: total, apiRefunded: intent.amountRefunded)
                    unconfirmed = balance.unconfirmed
                    let amount = try requested
                        ?? (lines.isEmpty ? balance.remaining
                            : RefundLines.amount(for: lines, of: lineItems, currency: total.currency,
                                                 entries: journal.entries(session: sale.id)))
                    try balance.check(amount)
                    let entry = RefundJournal.Entry(
                        idempotencyKey: key, sessionId: sale.id, paymentIntentId: intentId, amount: amount,
                        reason: reason, lines: lines.isEmpty ? nil : lines, created: now, till: store.till,
                        operatorName: operatorName)
                    try journal.begin(entry)
                    return entry
                }
            } catch let error as RefundError {
                var messages = [Says.any(error) + " " + CLIPhrase.nothingSent.said]
                // The API may already count an unconfirmed refund, and the journal counts it too.
                switch error {
                case .exceedsRemaining, .nothingLeft:
                    if let unconfirmed, unconfirmed.minorUnits > 0 {
                        messages.append(CLIPhrase.unconfirmedCounted.said("amount", unconfirmed.formatted))
                    }
                default:
                    break
                }
                throw CommandFailure(messages, code: ExitStatus.refused)
            }
        }

        /// Sends a saved entry and records the answer: the refund, or a refusal. When the outcome
        /// is unknown the entry stays `sent`, and its key is what the retry uses.
        func send(_ entry: RefundJournal.Entry, store: AccountJournal, runner: CommandRunner) async throws -> Refund {
            let key = entry.idempotencyKey
            let refund: Refund
            do throws(APIFailure) {
                refund = try await runner.client.createRefund(RefundRequest(entry), idempotencyKey: key)
            } catch {
                if case .api = error.kind, !error.retryWithSameKey {
                    try store.update { journal in journal.fail(key: key, message: error.description, at: millisecondNow()) }
                    throw error
                }
                // Exit 5 already says to rerun with the key; for exit 3 it has to be said here.
                if ExitStatus.code(for: error) == ExitStatus.unfinished { throw error }
                throw CommandFailure([Says.api(error), CLIPhrase.refundSaved.said("key", key)],
                                     code: ExitStatus.code(for: error))
            }
            do {
                try store.update { journal in journal.record(refund, key: key, at: millisecondNow()) }
            } catch {
                throw CommandFailure([CLIPhrase.journalNotUpdated.said("id", refund.id, "amount", refund.amount.formatted,
                                                                       "status", refund.status.rawValue, "error", Says.any(error)),
                                      CLIPhrase.rerunToRecord.said("key", key)],
                                     code: ExitStatus.configuration)
            }
            return refund
        }

        /// A re-run with the key of a saved entry: sends it again if its answer is unknown, reads the
        /// refund back if it was recorded, and repeats the refusal if it was refused. Options given
        /// again must match what was saved.
        func retry(_ saved: RefundJournal.Entry, store: AccountJournal, runner: CommandRunner,
                   reason: Refund.Reason?, lines: [String: Int]) async throws -> Refund {
            let key = saved.idempotencyKey
            guard saved.sessionId == session else {
                throw ValidationError(CLIPhrase.keyOtherSession.said("key", key, "saved", saved.sessionId, "session", session))
            }
            if let text = amount {
                let given = try? Money(parsing: text, currency: saved.amount.currency)
                guard given == saved.amount else {
                    throw ValidationError(CLIPhrase.savedOtherAmount.said("key", key, "saved", saved.amount.formatted, "amount", text))
                }
            }
            if !lines.isEmpty, lines != saved.lines ?? [:] {
                throw ValidationError(CLIPhrase.savedOtherLines.said("key", key))
            }
            if let reason, reason != saved.reason {
                throw ValidationError(CLIPhrase.savedOtherReason.said("key", key,
                                                                      "reason", saved.reason?.rawValue ?? CLIPhrase.noReason.said))
            }
            switch saved.state {
            case .sent:
                return try await send(saved, store: store, runner: runner)
            case .recorded(let refundId, _):
                // Done already: read it back rather than resend (the API keeps keys only 24 hours).
                let refund = try await runner.client.retrieveRefund(id: refundId)
                try store.update { journal in journal.refresh(refund, at: millisecondNow()) }
                return refund
            case .failed(let message):
                throw CommandFailure([message, CLIPhrase.savedWasRefused.said("key", key)],
                                     code: ExitStatus.refused)
            }
        }
    }

    enum Get: ShownByID {
        static let abstract = "Show a refund (and update its status in the journal)."

        static func show(_ id: String, _ runner: CommandRunner) async throws {
            let refund = try await runner.client.retrieveRefund(id: id)
            let store = try CommandShop(runner).journal
            let entry = try store.load().entry(refundId: refund.id)
            if entry != nil { try store.update { journal in journal.refresh(refund, at: millisecondNow()) } }
            runner.show(refund) { Show.refund($0, session: entry?.sessionId, $1) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the refunds in Till's journal, oldest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only the refunds of this checkout session.") var session: String?
        @Flag(help: "Read every refund still pending back from the API first.") var refresh = false

        func run() async throws {
            try await CommandRunner.run(global) { runner in
                let store = try CommandShop(runner).journal
                if refresh { try await RefundRefresh.pending(store: store, client: runner.client) }
                let journal = try store.load()
                let entries = session.map { journal.entries(session: $0) } ?? journal.entries
                if runner.output.json { return try Show.journalJSON(entries, runner.output) }
                runner.output.table(Heading.names(.created, .session, .amount, .reason, .state, .refund, .key), entries.map {
                    [Show.date($0.created), $0.sessionId, $0.amount.formatted, $0.reason?.rawValue ?? "-",
                     Show.state($0.state), $0.refundId ?? "-", $0.idempotencyKey]
                })
            }
        }
    }
}

/// Reading refunds whose status may still change back from the API, into the journal.
enum RefundRefresh {
    /// Every recorded refund that is not settled yet (optionally only those made in `window`).
    static func pending(store: AccountJournal, client: WooshPayClient, in window: ShiftWindow? = nil) async throws {
        let unsettled = try store.load().entries.compactMap { entry -> String? in
            guard case .recorded(let id, let status) = entry.state, !status.isSettled,
                  window?.contains(entry.created) ?? true else { return nil }
            return id
        }
        var refunds: [Refund] = []
        for id in unsettled { refunds.append(try await client.retrieveRefund(id: id)) }
        guard !refunds.isEmpty else { return }
        let now = millisecondNow()
        try store.update { journal in for refund in refunds { journal.refresh(refund, at: now) } }
    }
}

/// The current time to the whole millisecond, the precision the API's timestamps and the files'
/// dates have, so a time saved and read back compares the same.
func millisecondNow() -> Date {
    Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
}
