import ArgumentParser
import Foundation
import TillCore
import TillView
import WooshPay

/// `till sandbox pay|fail|expire cs_…`: one test helper run on an existing open session.
protocol SessionHelperCommand: AsyncParsableCommand {
    var open: OpenSession { get }
    /// The subcommand's name, which is also the helper's last path segment ("pay").
    static var action: String { get }
    static var abstract: String { get }
    /// What the helper is sent (nothing unless the command says).
    var body: (any Encodable & Sendable)? { get }
}

extension SessionHelperCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: action, abstract: abstract) }

    var body: (any Encodable & Sendable)? { nil }

    func run() async throws {
        try await SandboxDrive.helper(
            open.global, path: "/v1/test_helpers/checkout/sessions/\(SandboxDrive.segment(open.session))/\(Self.action)",
            body: body)
    }
}

/// The session a test helper runs on, with the options every command takes.
struct OpenSession: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The open checkout session (cs_…).") var session: String

    func validate() throws { try validateID(session) }
}

/// `till sandbox pay cs_…`: pays an existing open session, as its customer would.
struct SandboxPay: SessionHelperCommand {
    static let action = "pay"
    static let abstract = "Pay an open checkout session (as the cashier's Pay does) and print the events."
    @OptionGroup var open: OpenSession
}

/// `till sandbox fail cs_…`: a declined card on an existing open session.
struct SandboxFail: SessionHelperCommand {
    static let action = "fail"
    static let abstract = "Decline a payment on an open checkout session: it stays open, its payment intent records the failure."
    @OptionGroup var open: OpenSession
    @Option(help: "generic_decline (default), insufficient_funds, lost_card, stolen_card, expired_card, incorrect_cvc or processing_error.")
    var declineCode: String?

    var body: (any Encodable & Sendable)? { SandboxDrive.Decline(decline_code: declineCode) }
}

/// `till sandbox expire cs_…`: expires an existing open session now.
struct SandboxExpire: SessionHelperCommand {
    static let action = "expire"
    static let abstract = "Expire an open checkout session now and print the events."
    @OptionGroup var open: OpenSession
}

/// `till sandbox clock advance 25h`.
struct SandboxClock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock", abstract: "Move the account's clock.", subcommands: [Advance.self])

    struct Advance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move the account's clock forward: sessions expire, pending refunds settle and webhook retries come due.",
            discussion: "DURATION is a number of seconds or parts such as 25h, 90m, 1d12h, 30s.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "How far: 25h, 90m, 2d, 1h30m, or plain seconds.") var duration: String

        func validate() throws { _ = try SandboxDrive.seconds(duration) }

        func run() async throws {
            let seconds = try SandboxDrive.seconds(duration)
            try await CommandRunner.run(global, write: true) { runner in
                let data = try await runner.client.rawJSON(.post, "/v1/test_helpers/advance_clock", body: ["seconds": seconds])
                if runner.output.json { return runner.output.json(data) }
                let object = SandboxDrive.object(data)
                let now = (object["now"] as? NSNumber)?.int64Value ?? 0
                let offset = (object["offset_seconds"] as? NSNumber)?.int64Value ?? 0
                runner.output.line(CLIPhrase.clockAdvanced.said("duration", duration, "now", SandboxDrive.time(now),
                                                                "offset", SandboxDrive.durationText(offset)))
                SandboxDrive.printEvents(object, runner.output)
            }
        }
    }
}

/// `till sandbox reset --yes`.
struct SandboxReset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Empty the account: products, prices, sessions, refunds, events, webhook endpoints, and its clock.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Yes, delete everything this account holds in the sandbox.") var yes = false

    func validate() throws {
        guard yes else {
            throw ValidationError(CLIPhrase.resetNeedsYes.said)
        }
    }

    func run() async throws {
        try await CommandRunner.run(global, write: true) { runner in
            let data = try await runner.client.rawJSON(.post, "/v1/test_helpers/reset")
            if runner.output.json { return runner.output.json(data) }
            let deleted = SandboxDrive.object(data)["deleted"] as? [String: Any] ?? [:]
            // Idempotency keys are bookkeeping (every till write sends one), not the account's data.
            let counts = deleted.keys.sorted().filter { $0 != "idempotency_keys" }.compactMap { key -> String? in
                guard let count = (deleted[key] as? NSNumber)?.intValue, count > 0 else { return nil }
                return "\(count) \(key.replacingOccurrences(of: "_", with: " "))"
            }
            runner.output.line(counts.isEmpty ? CLIPhrase.alreadyEmpty.said
                               : CLIPhrase.emptied.said("counts", counts.joined(separator: ", ")))
        }
    }
}

/// What the driving commands share.
enum SandboxDrive {
    struct Decline: Encodable, Sendable { var decline_code: String? }

    /// An id as one path segment: only RFC 3986's unreserved characters stay as they are.
    static func segment(_ id: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-_.~")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// Calls a session test helper and prints what it touched and emitted.
    static func helper(_ global: GlobalOptions, path: String, body: (any Encodable & Sendable)? = nil) async throws {
        try await CommandRunner.run(global, write: true) { runner in
            let data: Data
            do {
                data = try await runner.client.rawJSON(.post, path, body: body)
            } catch let failure as APIFailure {
                throw notASandbox(failure)
            }
            if runner.output.json { return runner.output.json(data) }
            let object = object(data)
            let session = object["checkout_session"] as? [String: Any] ?? [:]
            let intent = object["payment_intent"] as? [String: Any] ?? [:]
            var intentText = CLIPhrase.intentState.said("id", "\(intent["id"] ?? "?")", "status", "\(intent["status"] ?? "?")")
            if let error = intent["last_payment_error"] as? [String: Any] {
                intentText += ", " + CLIPhrase.lastError.said("code", "\(error["decline_code"] ?? error["code"] ?? "?")",
                                                            "message", "\(error["message"] ?? "")")
            }
            runner.output.line(CLIPhrase.sessionState.said("id", "\(session["id"] ?? "?")", "status", "\(session["status"] ?? "?")",
                                                        "payment", "\(session["payment_status"] ?? "?")", "intent", intentText))
            printEvents(object, runner.output)
        }
    }

    /// A 404 unknown_route from a test helper means the server is no Till sandbox.
    static func notASandbox(_ failure: APIFailure) -> Error {
        if case .api(404, _, "unknown_route"?, _) = failure.kind {
            return CommandFailure([Says.api(failure), CLIPhrase.noTestHelpers.said],
                                  code: ExitStatus.refused)
        }
        return failure
    }

    static func printEvents(_ object: [String: Any], _ output: Output) {
        let events = object["events"] as? [[String: Any]] ?? []
        if events.isEmpty { return output.line(CLIPhrase.noEvents.said) }
        output.line(CLIPhrase.events.said)
        output.table(Heading.names(.id, .type, .object), events.map { ["\($0["id"] ?? "")", "\($0["type"] ?? "")", "\($0["object_id"] ?? "")"] })
    }

    static func object(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// `25h`, `90m`, `1d12h`, `30s`, `1h30m` or plain seconds, as seconds (at most ten years).
    static func seconds(_ text: String) throws -> Int64 {
        let invalid = ValidationError(CLIPhrase.durationForm.said("text", text))
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { throw invalid }
        if let plain = Int64(trimmed), plain >= 0 { return try bounded(plain) }
        var total: Int64 = 0
        var digits = ""
        for character in trimmed {
            if character.isASCII, character.isNumber { digits.append(character); continue }
            let unit: Int64
            switch character {
            case "d": unit = 86_400
            case "h": unit = 3_600
            case "m": unit = 60
            case "s": unit = 1
            default: throw invalid
            }
            guard let value = Int64(digits), digits.count <= 9 else { throw invalid }
            total += value * unit
            digits = ""
        }
        guard digits.isEmpty else { throw invalid }
        return try bounded(total)
    }

    private static func bounded(_ seconds: Int64) throws -> Int64 {
        let most: Int64 = 10 * 365 * 24 * 60 * 60
        guard seconds <= most else { throw ValidationError(CLIPhrase.durationTooLong.said("most", String(most))) }
        return seconds
    }

    static func durationText(_ seconds: Int64) -> String {
        var rest = seconds
        var parts: [String] = []
        for (unit, name) in [(Int64(86_400), "d"), (3_600, "h"), (60, "m"), (1, "s")] where rest >= unit {
            parts.append("\(rest / unit)\(name)")
            rest %= unit
        }
        return parts.isEmpty ? "0s" : parts.joined()
    }

    /// Milliseconds since 1970 as `2026-12-07 14:03:05 UTC`.
    static func time(_ milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
