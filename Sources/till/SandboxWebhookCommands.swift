import ArgumentParser
import Foundation
import TillCore
import TillView
import WooshPay
import WooshPaySandbox

/// `till sandbox webhooks add|list|remove`.
struct SandboxWebhooks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Add, list and remove the account's webhook endpoints.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a webhook endpoint; prints its signing secret (shown this once).",
            discussion: "Only loopback URLs are taken unless the sandbox runs with --allow-webhook-host HOST.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Where to POST events, e.g. http://127.0.0.1:4242/webhooks.") var url: String
        @Option(help: "Event types to send, comma-separated (default: all, *).") var events: String?
        @Option(help: "A note for the endpoint.") var description: String?

        struct Body: Encodable, Sendable {
            var url: String
            var enabled_events: [String]?
            var description: String?
        }

        func run() async throws {
            let types = events.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            try await CommandRunner.run(global, write: true) { runner in
                let data = try await runner.client.rawJSON(.post, "/v1/webhook_endpoints",
                                                           body: Body(url: url, enabled_events: types, description: description))
                if runner.output.json { return runner.output.json(data) }
                let endpoint = SandboxDrive.object(data)
                runner.output.line(CLIPhrase.endpointAdded.said("id", "\(endpoint["id"] ?? "?")", "url", "\(endpoint["url"] ?? "?")",
                                                                "events", (endpoint["enabled_events"] as? [String] ?? []).joined(separator: ", ")))
                runner.output.line(CLIPhrase.signingSecret.said("secret", "\(endpoint["secret"] ?? "?")"))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the account's webhook endpoints, newest first.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await CommandRunner.run(global) { runner in
                let data = try await runner.client.rawJSON(.get, "/v1/webhook_endpoints", query: [("limit", "100")])
                if runner.output.json { return runner.output.json(data) }
                let endpoints = SandboxDrive.object(data)["data"] as? [[String: Any]] ?? []
                if endpoints.isEmpty { return runner.output.line(CLIPhrase.noEndpoints.said) }
                runner.output.table(Heading.names(.id, .url, .events, .status), endpoints.map {
                    ["\($0["id"] ?? "")", "\($0["url"] ?? "")", ($0["enabled_events"] as? [String] ?? []).joined(separator: ","),
                     "\($0["status"] ?? "")"]
                })
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a webhook endpoint; what was still waiting to be sent to it is canceled.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The endpoint (we_…).") var id: String

        func validate() throws { try validateID(id) }

        func run() async throws {
            try await CommandRunner.run(global, write: true) { runner in
                let data = try await runner.client.rawJSON(.delete, "/v1/webhook_endpoints/" + SandboxDrive.segment(id))
                if runner.output.json { return runner.output.json(data) }
                runner.output.line(CLIPhrase.endpointRemoved.said("id", id))
            }
        }
    }
}

/// `till sandbox events [ID] [--deliveries]`.
struct SandboxEvents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "List the account's events, newest first, or every webhook delivery attempt.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "One event (evt_…) to show in full.") var id: String?
    @Flag(help: "List webhook delivery attempts instead: when, which event, where, the answer, the next retry.")
    var deliveries = false
    @Option(help: "Only events of this type (a prefix ending in * matches several).") var type: String?
    @Option(help: "How many (1-100, default 20).") var limit = 20

    func validate() throws {
        guard (1...100).contains(limit) else { throw ValidationError(CLIPhrase.limitOneToHundred.said) }
        if id != nil, deliveries { throw ValidationError(CLIPhrase.eventOrDeliveries.said) }
    }

    func run() async throws {
        try await CommandRunner.run(global) { runner in
            if let id {
                let data = try await runner.client.rawJSON(.get, "/v1/events/" + SandboxDrive.segment(id))
                if runner.output.json { return runner.output.json(data) }
                return SandboxEvents.show(SandboxDrive.object(data), runner.output)
            }
            if deliveries {
                let data = try await runner.client.rawJSON(.get, "/v1/test_helpers/webhook_attempts", query: [("limit", String(limit))])
                if runner.output.json { return runner.output.json(data) }
                let attempts = SandboxDrive.object(data)["data"] as? [[String: Any]] ?? []
                if attempts.isEmpty { return runner.output.line(CLIPhrase.noAttempts.said) }
                runner.output.table(Heading.names(.when, .event, .type, .url, .attempt, .result, .nextRetry), attempts.map { attempt in
                    let status = (attempt["status"] as? NSNumber).map { "HTTP \($0)" }
                    let result = (attempt["error"] as? String).map { (status.map { "\($0): " } ?? "") + $0 } ?? status ?? "?"
                    let next = (attempt["next_attempt"] as? NSNumber).map { SandboxDrive.time($0.int64Value) } ?? "-"
                    return [SandboxDrive.time((attempt["at"] as? NSNumber)?.int64Value ?? 0), "\(attempt["event"] ?? "")",
                            "\(attempt["event_type"] ?? "")", "\(attempt["url"] ?? "")", "\(attempt["attempt"] ?? "")", result, next]
                })
                return
            }
            var query = [("limit", String(limit))]
            if let type { query.append(("type", type)) }
            let data = try await runner.client.rawJSON(.get, "/v1/events", query: query)
            if runner.output.json { return runner.output.json(data) }
            let events = SandboxDrive.object(data)["data"] as? [[String: Any]] ?? []
            if events.isEmpty { return runner.output.line(CLIPhrase.noEvents.said) }
            runner.output.table(Heading.names(.created, .id, .type, .object, .pending), events.map { event in
                let object = (event["data"] as? [String: Any])?["object"] as? [String: Any] ?? [:]
                return [SandboxDrive.time((event["created"] as? NSNumber)?.int64Value ?? 0), "\(event["id"] ?? "")",
                        "\(event["type"] ?? "")", "\(object["id"] ?? "")", "\(event["pending_webhooks"] ?? 0)"]
            })
        }
    }

    static func show(_ event: [String: Any], _ output: Output) {
        let object = (event["data"] as? [String: Any])?["object"] as? [String: Any] ?? [:]
        output.details([
            (CLIPhrase.event.said, "\(event["id"] ?? "")"), (CLIPhrase.type.said, "\(event["type"] ?? "")"),
            (CLIPhrase.created.said, SandboxDrive.time((event["created"] as? NSNumber)?.int64Value ?? 0)),
            (CLIPhrase.object.said, "\(object["object"] ?? "") \(object["id"] ?? "")"),
            (CLIPhrase.status.said, "\(object["status"] ?? "-")"),
            (CLIPhrase.pendingWebhooks.said, "\(event["pending_webhooks"] ?? 0)"),
        ])
    }
}

/// `till sandbox listen [--forward-to URL]`: prints events as they happen and forwards them signed.
struct SandboxListen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Print the account's events as they happen and forward each, signed, to a local URL (as `stripe listen`).",
        discussion: """
            Starts with the events made after it starts. The signing secret is printed on stderr at \
            start; it is derived from the account's key, so it stays the same between runs. Ctrl-C stops.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("forward-to"), help: "Where to POST each event (loopback unless --allow-forward-host).")
    var forwardTo: String?
    @Option(help: "Only these event types, comma-separated.") var events: String?
    @Option(name: .customLong("allow-forward-host"), help: "A host besides loopback that --forward-to may name (repeatable).")
    var allowedHosts: [String] = []
    @Option(help: "Stop after this many events (for scripts).") var maxEvents: Int?
    @Option(name: .customLong("interval-ms"), help: "How often to look for new events, in milliseconds (default 250).")
    var intervalMilliseconds = 250

    func validate() throws {
        if let forwardTo {
            guard let components = URLComponents(string: forwardTo), let scheme = components.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
                throw ValidationError(CLIPhrase.forwardToForm.said("url", forwardTo))
            }
            guard WebhookSignature.isAllowed(host: host, allowedHosts: Set(allowedHosts.map { $0.lowercased() })) else {
                throw ValidationError(CLIPhrase.forwardLoopbackOnly.said("host", host))
            }
        }
        if let maxEvents, maxEvents < 1 { throw ValidationError(CLIPhrase.maxEventsAtLeastOne.said) }
        guard (10...60_000).contains(intervalMilliseconds) else { throw ValidationError(CLIPhrase.intervalRange.said) }
    }

    func run() async throws {
        let wanted = events.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        try await CommandRunner.run(global) { runner in
            let secret = WebhookSignature.listenSecret(secretKey: runner.account.configuration.secretKey.rawValue)
            let forwarder = forwardTo.map { _ in WebhookForwarder() }
            do {
                try await listen(runner, secret: secret, forwarder: forwarder, wanted: wanted)
            } catch {
                await forwarder?.shutdown()
                throw error
            }
            await forwarder?.shutdown()
        }
    }

    private func listen(_ runner: CommandRunner, secret: String, forwarder: WebhookForwarder?, wanted: Set<String>?) async throws {
        // The newest event now: only what comes after it is shown.
        var cursor = (SandboxDrive.object(try await runner.client.rawJSON(.get, "/v1/events", query: [("limit", "1")]))["data"]
            as? [[String: Any]])?.first?["id"] as? String
        let ready = forwardTo.map { CLIPhrase.readyForwarding.said("url", $0, "secret", secret) }
            ?? CLIPhrase.ready.said("secret", secret)
        FileHandle.standardError.write(Data(sanitize(ready)
            .appending("\n").utf8))
        var seen = 0
        while true {
            var query = [("limit", "100")]
            if let cursor { query.append(("ending_before", cursor)) }
            let page = SandboxDrive.object(try await runner.client.rawJSON(.get, "/v1/events", query: query))
            // Newest first in the page: oldest first on the screen.
            let fresh = (page["data"] as? [[String: Any]] ?? []).reversed()
            for event in fresh {
                if let id = event["id"] as? String { cursor = id }
                let type = event["type"] as? String ?? ""
                if let wanted, !wanted.contains(type) { continue }
                let payload = (try? JSONSerialization.data(withJSONObject: event, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
                var forwarded = ""
                if let forwarder, let forwardTo {
                    let outcome = await forwarder.post(url: forwardTo, payload: payload, secret: secret)
                    forwarded = outcome.status.map { "  → \(forwardTo) [\($0)]" } ?? "  → \(forwardTo) [\(outcome.error ?? CLIPhrase.failed.said)]"
                }
                if runner.output.json {
                    runner.output.json(payload)
                } else {
                    let object = (event["data"] as? [String: Any])?["object"] as? [String: Any] ?? [:]
                    runner.output.line("\(SandboxDrive.time((event["created"] as? NSNumber)?.int64Value ?? 0))  \(type)  "
                                       + "\(event["id"] ?? "")  \(object["id"] ?? "")\(forwarded)")
                }
                seen += 1
                if let maxEvents, seen >= maxEvents { return }
            }
            if page["has_more"] as? Bool == true { continue }
            try await Task.sleep(for: .milliseconds(intervalMilliseconds))
        }
    }
}
