import ArgumentParser
import Foundation
import TillConfig
import TillCore
import TillStore
import WooshPay

/// `till report`: the end of day. The X report (the default) reads a window without changing
/// anything; `till report close` is the Z report, which closes the open shift and saves it.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "End of day: the X report (read only) and the Z report (close).",
        subcommands: [X.self, Close.self], defaultSubcommand: X.self)

    struct X: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "x", abstract: "The X report: sessions and refunds of the open shift so far (or of any window), read only.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Start: ISO 8601 (2026-11-25T09:00:00Z) or YYYY-MM-DD (local midnight). Default: where the last Z report ended, else the start of the data.")
        var from: String?
        @Option(help: "End, not included; the same forms. Default: now.") var to: String?
        @Option(help: "The till whose sales and refunds are counted (default: till_name, else <host>-1).") var till: String?
        @Flag(help: "Count every till's sales and refunds (the shop total), in the till's open shift.") var shop = false
        @Option(name: .customLong("operator"), help: "Count only what this operator sold and refunded (every till), in the till's open shift.")
        var operatorName: String?
        @Flag(help: "Print CSV: a header and one row per currency.") var csv = false

        func validate() throws {
            try ReportFormat.check(csv: csv, json: global.json)
            if shop, till != nil { throw ValidationError(CLIPhrase.shopOrTill.said) }
            if operatorName != nil, shop || till != nil { throw ValidationError(CLIPhrase.operatorAlone.said) }
            let (start, end) = try times()
            if let start, let end, start >= end { throw ValidationError(CLIPhrase.fromBeforeTo.said) }
        }

        func times() throws -> (Date?, Date?) { (try optionTime(from, "--from"), try optionTime(to, "--to")) }

        func run() async throws {
            let (start, end) = try times()
            try await CommandRunner.run(global) { runner in
                let place = try CommandShop(runner, till: till)
                let log = try place.store.shifts(account: place.account, till: place.till)
                let window = ShiftWindow(start: start ?? log.openShiftStart, end: end ?? millisecondNow())
                if let start = window.start, start >= window.end {
                    throw ValidationError(CLIPhrase.windowBackwards.said("start", Show.date(start), "end", Show.date(window.end)))
                }
                if let operatorName {
                    let (report, _) = try await ReportBuilder.buildWithOperators(window, runner, till: nil,
                                                                                operatorName: operatorName)
                    ReportFormat.print(report, title: CLIPhrase.xReport.said, csv: csv, runner.output,
                                       till: CLIPhrase.everyTill.said, who: operatorName) {
                        XReportJSON(report: report, till: nil, operatorName: operatorName)
                    }
                    return
                }
                let counted = shop ? nil : place.till
                let (report, people) = try await ReportBuilder.buildWithOperators(window, runner, till: counted)
                ReportFormat.print(report, title: CLIPhrase.xReport.said, csv: csv, runner.output,
                                   till: counted ?? CLIPhrase.wholeShop.said,
                                   operators: people) {
                    XReportJSON(report: report, till: counted, operators: people?.rows)
                }
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The Z report: closes the open shift (from where the last one ended to now), saves it and prints it.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The till whose shift is closed (default: till_name, else <host>-1).") var till: String?
        @Flag(help: "Print CSV: a header and one row per currency.") var csv = false
        @OptionGroup var who: OperatorOptions

        func validate() throws { try ReportFormat.check(csv: csv, json: global.json) }

        func run() async throws {
            try await CommandRunner.run(global) { runner in
                let shop = try CommandShop(runner, till: till)
                // With operators in the shop, closing a shift needs a manager (`permissions.z_close`).
                let approval = try CommandApproval.require(.zClose, who, store: shop.store, till: shop.till,
                                                           permissions: runner.settings.permissions)
                let window = try shop.store.shifts(account: shop.account, till: shop.till).openWindow(now: millisecondNow())
                // Everything is read before anything is saved: a list error leaves the shift open.
                let report = try await ReportBuilder.build(window, runner, till: shop.till)
                let shift: ClosedShift
                do {
                    shift = try shop.store.updateShifts(account: shop.account, till: shop.till) { log in
                        try log.close(report, at: window.end)
                    }
                } catch let error as ShiftLogError {
                    throw CommandFailure(Says.any(error), code: ExitStatus.refused)
                }
                try? shop.store.appendAudit(AuditEntry(time: Date(), till: shop.till, operatorName: approval.operatorName,
                                                       action: .zClose, objectId: String(shift.number)))
                ReportFormat.print(report, title: CLIPhrase.zReport.said("number", String(shift.number)), csv: csv, runner.output,
                                   till: shop.till) {
                    ZReportJSON(shift: shift, till: shop.till)
                }
            }
        }
    }
}

/// A time option's value (ISO 8601 or YYYY-MM-DD, local time when no zone is given); nil when
/// the option is not given, and the option named when it cannot be read.
func optionTime(_ text: String?, _ option: String) throws -> Date? {
    guard let text else { return nil }
    do { return try ReportTime.parse(text, timeZone: .current) } catch {
        throw ValidationError("\(option): \(error.description)")
    }
}

/// Gathers a report: every session created in the window (paged), the journal's pending refunds
/// read back, then the arithmetic.
enum ReportBuilder {
    /// - Parameter till: count only this till's sales and refunds; nil counts the whole shop.
    static func build(_ window: ShiftWindow, _ runner: CommandRunner, till: String?) async throws -> ShiftReport {
        try await buildWithOperators(window, runner, till: till, withOperators: false).report
    }

    /// The report, and (`withOperators`) its table per operator when any sale or refund names
    /// one; with `operatorName`, only what that operator sold and refunded.
    static func buildWithOperators(_ window: ShiftWindow, _ runner: CommandRunner, till: String?, withOperators: Bool = true,
                                   operatorName: String? = nil) async throws -> (report: ShiftReport, operators: OperatorReport?) {
        let sessions = try await runner.client
            .allCheckoutSessions(pageSize: 100, created: CreatedFilter(from: window.start, through: window.end)).collect()
        let journal = try CommandShop(runner).journal
        try await RefundRefresh.pending(store: journal, client: runner.client, in: window)
        do {
            let entries = try journal.load()
            if let operatorName {
                return (try ShiftReport(window: window, operatorName: operatorName, sessions: sessions, journal: entries), nil)
            }
            let report = if let till { try ShiftReport(window: window, till: till, sessions: sessions, journal: entries) }
                else { try ShiftReport(window: window, sessions: sessions, journal: entries) }
            guard withOperators else { return (report, nil) }
            // The table counts what the report counts: this till's, or the shop's.
            let counted = till.map { till in sessions.filter { $0.metadata["till"] == till } } ?? sessions
            let refunds = till.map { till in RefundJournal(entries: entries.entries.filter { $0.till == till }) } ?? entries
            let people = try OperatorReport(window: window, sessions: counted, journal: refunds)
            return (report, people.rows.isEmpty ? nil : people)
        } catch let error as MoneyError {
            throw CommandFailure(CLIPhrase.cannotAddUp.said("error", Says.any(error)), code: ExitStatus.refused)
        }
    }
}

/// `--json` forms of the reports.
struct XReportJSON: Encodable {
    var object = "x_report"
    var report: ShiftReport
    /// The till counted; absent for the shop total.
    var till: String?
    /// The operator counted (`--operator`).
    var operatorName: String?
    /// The table per operator, when sales or refunds name operators.
    var operators: [OperatorReport.Row]?

    enum CodingKeys: String, CodingKey {
        case object, report, till, operators
        case operatorName = "operator"
    }
}

struct ZReportJSON: Encodable {
    var object = "z_report"
    var shift: ClosedShift
    var till: String

    func encode(to encoder: Encoder) throws {
        enum Key: String, CodingKey { case object, till }
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(object, forKey: .object)
        try container.encode(till, forKey: .till)
        try shift.encode(to: encoder)
    }
}

/// Prints a report as text, CSV or JSON.
enum ReportFormat {
    static func check(csv: Bool, json: Bool) throws {
        if csv && json { throw ValidationError(CLIPhrase.csvOrJSON.said) }
    }

    static func print<JSONForm: Encodable>(_ report: ShiftReport, title: String, csv: Bool, _ output: Output,
                                           till: String, who: String? = nil, operators: OperatorReport? = nil,
                                           json: () -> JSONForm) {
        if output.json {
            // A report holds only numbers, codes and ids: encoding it cannot fail.
            return output.json((try? LocalJSON.encoder(pretty: false).encode(json())) ?? Data("{}".utf8))
        }
        if csv { return FileHandle.standardOutput.write(Data(report.csvText.utf8)) }
        var details: [(String, String)] = [(CLIPhrase.report.said, title), (CLIPhrase.till.said, till)]
        if let who { details.append((CLIPhrase.operatorName.said, who)) }
        details.append((CLIPhrase.from.said, report.window.start.map(Show.date) ?? CLIPhrase.startOfData.said))
        details.append((CLIPhrase.to.said, Show.date(report.window.end) + " " + CLIPhrase.notIncluded.said))
        output.details(details)
        if report.figures.isEmpty {
            output.line()
            output.line(CLIPhrase.emptyWindow.said)
        }
        for figures in report.figures {
            output.line()
            let rows: [(String, ShiftReport.Tally)] = [
                (CLIPhrase.paid.said, figures.paid), (CLIPhrase.expired.said, figures.expired),
                (CLIPhrase.open.said, figures.open), (CLIPhrase.refunds.said, figures.refunds),
                ("  " + CLIPhrase.pending.said, figures.pendingRefunds), (CLIPhrase.unconfirmed.said, figures.unconfirmedRefunds),
            ]
            output.table([figures.currency.code] + Heading.names(.count, .amount),
                         rows.map { [$0.0, String($0.1.count), figures.money($0.1).formatted] }
                             + [[CLIPhrase.net.said, "", figures.netMoney.formatted]])
        }
        if let operators {
            output.line()
            output.table(Heading.names(.operatorName, .paid, .total, .refunds, .refunded), operators.rows.map { row in
                [row.operatorName, String(row.paid.count), row.money(row.paid).formatted, String(row.refunds.count),
                 row.money(row.refunds).formatted]
            })
        }
        if !report.openSessionIds.isEmpty {
            output.line()
            output.line(CLIPhrase.stillOpen.said + " " + report.openSessionIds.joined(separator: ", "))
        }
        if report.figures.contains(where: { $0.unconfirmedRefunds.count > 0 }) {
            output.line(CLIPhrase.unconfirmedNotNet.said)
        }
        if !report.sessionsWithoutTotal.isEmpty {
            output.line(CLIPhrase.withoutTotal.said + " " + report.sessionsWithoutTotal.joined(separator: ", "))
        }
    }
}
