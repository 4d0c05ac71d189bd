import ArgumentParser
import Foundation
import Logging
import TillCore
import TillView
import TillApp
import TillConfig
import TillStore
import WooshPay

/// Opens the account from flags, environment and config (with no key, the embedded sandbox the
/// TUI uses, started in process on the same database), runs one operation, prints failures in
/// words and turns them into exit codes. Never prints the key.
struct CommandRunner {
    let options: GlobalOptions
    let settings: TillSettings
    let account: TillAccount
    let client: WooshPayClient
    let output: Output

    /// Runs `body` with a ready client; `write` marks commands that change data (they need --live with a live key).
    static func run(_ options: GlobalOptions, write: Bool = false,
                    _ body: (CommandRunner) async throws -> Void) async throws {
        let settings: TillSettings
        let account: TillAccount
        do {
            settings = try TillSettings.load()
            // The parsed --language, now that the settings are known (main guessed it from the arguments).
            CLILanguage.current = settings.language(flag: options.languageChoice.language)
            if write, settings.secretKey?.mode == .live, !options.live {
                // Refused before anything starts or is sent.
                _ = try settings.clientConfiguration(apiBase: options.apiBase)
                throw ConfigurationError.liveWriteRefused
            }
            account = try await TillAccount.open(settings: settings, apiBase: options.apiBase,
                                                 logger: TillLogging.requestLogger(settings.paths, verbose: options.verbose))
        } catch let error as ConfigurationError {
            fail(Says.configuration(error), code: ExitStatus.configuration)
        } catch let error as ConfigFileError {
            fail(Says.configFile(error), code: ExitStatus.configuration)
        } catch let error as LocalFileError {
            fail(Says.localFile(error), code: ExitStatus.configuration)
        } catch {
            fail(CLIPhrase.sandboxNotStarted.said("error", "\(error)"), code: ExitStatus.configuration)
        }
        // The embedded sandbox's recorded port was taken by another program: its old URLs are gone.
        for notice in account.sandbox?.notices ?? [] { note(notice) }
        let client = WooshPayClient(configuration: account.configuration)
        let runner = CommandRunner(options: options, settings: settings, account: account, client: client,
                                   output: Output(json: options.json))
        let recorder = ResponseRecorder()
        do {
            try await WooshPayClient.$recorder.withValue(recorder) {
                try await body(runner)
            }
        } catch {
            await client.shutdown()
            await account.close()
            switch error {
            case let failure as APIFailure:
                let code = ExitStatus.code(for: failure)
                if code == ExitStatus.unfinished, let key = failure.idempotencyKey {
                    fail([Says.api(failure), Self.unfinishedAdvice(key: key)], code: code)
                }
                fail(Says.api(failure), code: code)
            case let failure as CommandFailure:
                fail(failure.messages, code: failure.code)
            case let usage as ValidationError:
                fail(usage.message, code: ExitStatus.usage)
            case let configuration as ConfigurationError:
                fail(Says.configuration(configuration), code: ExitStatus.configuration)
            case let store as ShopStoreError:
                // A store that refused a write (a refund's entry): nothing was sent.
                fail(Says.store(store), code: ExitStatus.configuration)
            default:
                fail("\(error)", code: ExitStatus.transport)
            }
        }
        await client.shutdown()
        await account.close()
    }

    /// After printing a session: when no till of the host serves the embedded sandbox (this
    /// command served it itself), its cashier URL opens only once one does; said on stderr.
    func noteWhenNoTillServes() async {
        guard let sandbox = account.sandbox, await sandbox.isServing else { return }
        Self.note(CLIPhrase.noTillServes.said("url", sandbox.baseURL))
    }

    /// One `till: note: ` line on stderr, controls made visible.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data(("till: " + CLIPhrase.note.said + ": " + sanitize(message) + "\n").utf8))
    }

    /// What to do about a write that may or may not have been carried out (exit 5).
    static func unfinishedAdvice(key: String) -> String {
        CLIPhrase.unfinishedAdvice.said("key", key)
    }

    /// The raw bodies recorded so far in this command (for `--json`).
    var recordedBodies: [Data] { WooshPayClient.recorder?.bodies ?? [] }

    /// Shows what a call returned: the API's own JSON under `--json` (one object, or a `list` of
    /// them), else `lines` of it.
    func show<Value>(_ value: Value, list: Bool = false, _ lines: (Value, Output) -> Void) {
        guard output.json else { return lines(value, output) }
        if list { output.jsonList(recordedBodies) } else { output.jsonObject(recordedBodies) }
    }

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
}

/// A failure the command has put in words itself, with its exit status (one `till: ` line per message).
struct CommandFailure: Error {
    var messages: [String]
    var code: Int32

    init(_ messages: [String], code: Int32) {
        self.messages = messages
        self.code = code
    }

    init(_ message: String, code: Int32) {
        self.init([message], code: code)
    }
}

/// Parses `k=v` pairs given with --metadata.
func parseMetadata(_ pairs: [String]) throws -> [String: String] {
    var metadata: [String: String] = [:]
    for pair in pairs {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
            throw ValidationError(CLIPhrase.metadataForm.said("text", pair))
        }
        metadata[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    return metadata
}
