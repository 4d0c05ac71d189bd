import ArgumentParser
import Foundation
import Logging
import TillCore
import TillView
import WooshPay

/// Builds the client from flags, environment and config, runs one operation, prints failures in
/// words and turns them into exit codes. Never prints the key.
struct CommandRunner {
    let options: GlobalOptions
    let settings: TillSettings
    let client: WooshPayClient
    let output: Output

    /// Runs `body` with a ready client; `write` marks commands that change data (they need --live with a live key).
    static func run(_ options: GlobalOptions, write: Bool = false,
                    _ body: (CommandRunner) async throws -> Void) async throws {
        let settings: TillSettings
        let configuration: WooshPayConfiguration
        do {
            settings = try TillSettings.load()
            var resolved = try settings.clientConfiguration(apiBase: options.apiBase)
            if write, resolved.secretKey.mode == .live, !options.live { throw ConfigurationError.liveWriteRefused }
            resolved.logger = makeLogger(settings.paths, verbose: options.verbose)
            configuration = resolved
        } catch let error as ConfigurationError {
            fail(error.description, code: ExitStatus.configuration)
        }
        let client = WooshPayClient(configuration: configuration)
        let runner = CommandRunner(options: options, settings: settings, client: client,
                                   output: Output(json: options.json))
        let recorder = ResponseRecorder()
        do {
            try await WooshPayClient.$recorder.withValue(recorder) {
                try await body(runner)
            }
        } catch {
            await client.shutdown()
            switch error {
            case let failure as APIFailure:
                let code = ExitStatus.code(for: failure)
                if code == ExitStatus.unfinished, let key = failure.idempotencyKey {
                    fail([failure.description, Self.unfinishedAdvice(key: key)], code: code)
                }
                fail(failure.description, code: code)
            case let usage as ValidationError:
                fail(usage.message, code: ExitStatus.usage)
            case let configuration as ConfigurationError:
                fail(configuration.description, code: ExitStatus.configuration)
            default:
                fail("\(error)", code: ExitStatus.transport)
            }
        }
        await client.shutdown()
    }

    /// What to do about a write that may or may not have been carried out (exit 5).
    static func unfinishedAdvice(key: String) -> String {
        "it may have gone through: run the same command again with --idempotency-key \(key) "
            + "to finish it without a duplicate"
    }

    /// The raw bodies recorded so far in this command (for `--json`).
    var recordedBodies: [Data] { WooshPayClient.recorder?.bodies ?? [] }

    /// Prints `message` to stderr, controls made visible, and exits with `code`. API messages echo
    /// what was sent (ids, names), so they must not be able to drive the terminal.
    static func fail(_ message: String, code: Int32) -> Never {
        fail([message], code: code)
    }

    /// One `till: ` line per message.
    static func fail(_ messages: [String], code: Int32) -> Never {
        FileHandle.standardError.write(Data(messages.map { "till: " + sanitize($0) + "\n" }.joined().utf8))
        exit(code)
    }

    /// Request lines go to the log file, and to stderr with --verbose.
    static func makeLogger(_ paths: TillPaths, verbose: Bool) -> Logger {
        var handlers: [LogHandler] = []
        if let file = try? FileLogHandler(label: "till", path: paths.logFile) { handlers.append(file) }
        if verbose { handlers.append(StandardErrorLogHandler(label: "till")) }
        guard !handlers.isEmpty else { return WooshPayConfiguration.silentLogger }
        return Logger(label: "till.wooshpay") { _ in MultiplexLogHandler(handlers) }
    }
}

/// Parses `k=v` pairs given with --metadata.
func parseMetadata(_ pairs: [String]) throws -> [String: String] {
    var metadata: [String: String] = [:]
    for pair in pairs {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
            throw ValidationError("--metadata takes key=value, not '\(pair)'")
        }
        metadata[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    return metadata
}
