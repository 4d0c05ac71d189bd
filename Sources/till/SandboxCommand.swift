import ArgumentParser
import Dispatch
import Foundation
import Logging
import TillApp
import TillConfig
import TillView
import WooshPaySandbox
#if canImport(Glibc)
import Glibc
#endif

/// `till sandbox`: the WooshPay-compatible sandbox server in the foreground. Bare, it serves the
/// host's embedded sandbox (the one every till of the data folder shares); with `--host`,
/// `--port` or `--db`, a standalone server of its own. Its subcommands drive a sandbox from a
/// script: pay, fail or expire a session, move the clock, empty an account, manage webhook
/// endpoints, read events and deliveries, and listen.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the WooshPay-compatible sandbox server in the foreground (Ctrl-C stops it), or drive it from a script.",
        discussion: """
            With none of --host, --port and --db it serves the embedded sandbox the tills of this \
            data folder share, at its recorded address (127.0.0.1:12112 unless that was taken), so \
            cashier URLs keep opening on a host with no till open; if a till serves it already, it \
            stands by and takes over when that till quits. With any of them it runs a standalone \
            server (default port 12111, database the embedded sandbox's file). The subcommands talk \
            to a sandbox like every other command: with WOOSHPAY_SECRET_KEY (or the config's key) and \
            --api-base http://127.0.0.1:12111 they act on a running `till sandbox`; with no key, on \
            the embedded sandbox's account.
            """,
        subcommands: [
            SandboxPay.self, SandboxFail.self, SandboxExpire.self, SandboxClock.self, SandboxReset.self,
            SandboxWebhooks.self, SandboxEvents.self, SandboxListen.self,
        ]
    )

    /// `$XDG_DATA_HOME/till/sandbox.sqlite`, else `~/.local/share/till/sandbox.sqlite`: the
    /// embedded sandbox's database, so both serve the same data.
    static func defaultDatabasePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        TillPaths(environment: environment).sandboxDatabase.path
    }

    @Option(help: "Address to bind (standalone). Loopback unless you ask for another. Default: 127.0.0.1.")
    var host: String?

    @Option(help: "Port to bind (standalone; 0 picks a free one). Default: 12111.")
    var port: Int?

    @Option(name: .customLong("db"), help: "SQLite file, or :memory: for a throwaway run. Default: $XDG_DATA_HOME/till/sandbox.sqlite, else ~/.local/share/till/sandbox.sqlite.")
    var databasePath: String?

    @Option(name: .customLong("fail-rate"), help: "Share of API requests (0...1) that suffer an injected fault.")
    var failRate: Double = 0

    @Option(name: .customLong("latency-ms"), help: "Delay added to every API request, in milliseconds.")
    var latencyMilliseconds = 0

    @Option(help: "Seed for the fault injector, to replay the same faults.")
    var seed: UInt64?

    @Option(name: .customLong("refund-pending"), parsing: .unconditional, help: "Seconds a new refund reads pending (on the account's clock) before it succeeds.")
    var refundPendingSeconds = 0

    @Option(name: .customLong("allow-webhook-host"), help: "A host besides loopback that webhook endpoints may name (repeatable).")
    var allowedWebhookHosts: [String] = []

    @Option(name: .customLong("webhook-timeout"), help: "Seconds a webhook endpoint has to answer before the attempt fails (default 10).")
    var webhookTimeout: Double = 10

    func validate() throws {
        guard webhookTimeout > 0 && webhookTimeout <= 300 else { throw ValidationError(CLIPhrase.webhookTimeoutRange.said) }
        for host in allowedWebhookHosts where host.isEmpty || host.contains("/") || host.contains(" ") {
            throw ValidationError(CLIPhrase.webhookHostForm.said("host", host))
        }
        if let port, !(0...65535).contains(port) { throw ValidationError(CLIPhrase.portRange.said) }
        guard failRate >= 0 && failRate <= 1 else { throw ValidationError(CLIPhrase.failRateRange.said) }
        guard latencyMilliseconds >= 0 else { throw ValidationError(CLIPhrase.latencyNegative.said) }
        guard (0...SandboxConfiguration.maxRefundPendingSeconds).contains(refundPendingSeconds) else {
            throw ValidationError(CLIPhrase.refundPendingRange.said("most", String(SandboxConfiguration.maxRefundPendingSeconds)))
        }
    }

    func run() async throws {
        if host == nil, port == nil, databasePath == nil { return try await serveShared() }
        let host = host ?? "127.0.0.1", port = port ?? 12111
        let configuration = SandboxConfiguration(
            host: host, port: port, databasePath: databasePath ?? Self.defaultDatabasePath(),
            failRate: failRate, latencyMilliseconds: latencyMilliseconds, seed: seed,
            refundPendingSeconds: refundPendingSeconds, allowedWebhookHosts: Set(allowedWebhookHosts),
            webhookTimeout: .milliseconds(Int64(webhookTimeout * 1000)))
        do {
            try await Sandbox.serve(configuration) { baseURL in
                // Unbuffered, so a script reading the pipe sees the line at once (in every language:
                // scripts wait for it).
                FileHandle.standardOutput.write(Data("WooshPay sandbox listening on \(baseURL)\n".utf8))
            }
        } catch {
            throw StartFailure(detail: CLIPhrase.sandboxNotServed.said("host", host, "port", String(port), "path", configuration.databasePath, "error", "\(error)"))
        }
    }

    /// Serves the data folder's embedded sandbox (taking its lease) until SIGINT or SIGTERM; when
    /// a till serves it already, stands by and takes over when that one quits.
    private func serveShared() async throws {
        let stop = SignalWait([SIGINT, SIGTERM])
        let paths = TillPaths()
        let template = SandboxConfiguration(failRate: failRate, latencyMilliseconds: latencyMilliseconds, seed: seed,
                                            refundPendingSeconds: refundPendingSeconds,
                                            allowedWebhookHosts: Set(allowedWebhookHosts),
                                            webhookTimeout: .milliseconds(Int64(webhookTimeout * 1000)))
        let shared: SharedSandbox
        do {
            shared = try await SharedSandbox.open(paths: paths, template: template,
                                                  logger: TillLogging.requestLogger(paths, verbose: false)) { url in
                Self.say("WooshPay sandbox listening on \(url)")
            }
        } catch {
            throw StartFailure(detail: CLIPhrase.sharedSandboxNotStarted.said("path", paths.data.path, "error", "\(error)"))
        }
        for notice in shared.notices { CommandRunner.note(notice) }
        if shared.servedByAtOpen == nil {
            Self.say("WooshPay sandbox listening on \(shared.baseURL)")
        } else {
            Self.say(CLIPhrase.standingBy.said("url", shared.baseURL, "pid", shared.servedByAtOpen.map(String.init) ?? "?"))
        }
        await stop.wait()
        await shared.close()
    }

    /// One line on stdout, unbuffered, so a script reading the pipe sees it at once.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// A start-up failure (busy port, unwritable database) said in words, controls made visible
    /// (it quotes the host and path as typed).
    struct StartFailure: Error, CustomStringConvertible {
        var detail: String
        var description: String { sanitize(detail) }
    }
}

/// Waits for the first of some signals (their default action turned off while it waits).
final class SignalWait: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init(_ signals: [Int32]) {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        self.stream = stream
        self.continuation = continuation
        sources = signals.map { signo in
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
    }

    func wait() async {
        for await _ in stream { return }
    }
}
