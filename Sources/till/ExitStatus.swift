import ArgumentParser
import Foundation
import TillCore
import TillView
import WooshPay

/// The exit codes of the scriptable commands.
enum ExitStatus {
    static let ok: Int32 = 0
    /// The API refused the request.
    static let refused: Int32 = 1
    /// A usage error (argument-parser's).
    static let usage: Int32 = 2
    /// Network or transport failure after retries.
    static let transport: Int32 = 3
    /// A command the shop keeps for managers was refused (no manager, a wrong PIN, a locked name;
    /// issue #24 names 3). Nothing was sent.
    static let notPermitted: Int32 = 3
    /// Till is not configured to make the request.
    static let configuration: Int32 = 4
    /// `till products import`: some rows failed (the others were imported); issue #26 names 4.
    static let rowsFailed: Int32 = 4
    /// A write whose outcome is unknown after retries (an attempt may have been carried out, or
    /// the server kept asking to wait): run it again with the same `--idempotency-key`.
    static let unfinished: Int32 = 5

    static func code(for failure: APIFailure) -> Int32 {
        if failure.retryWithSameKey { return unfinished }
        return switch failure.kind {
        case .api: refused
        case .configuration: configuration
        case .timeout, .connectionFailed, .tls, .transport, .decoding: transport
        }
    }
}

extension Till {
    /// Runs the command line, mapping argument-parser's usage errors to exit code 2
    /// (argument-parser's own default is 64).
    static func main() async {
        CLILanguage.current = CLILanguage.resolve(arguments: Array(CommandLine.arguments.dropFirst()),
                                                  environment: ProcessInfo.processInfo.environment)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                // The message quotes what was typed: keep its lines, make controls visible.
                let message = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { sanitize(String($0)) }.joined(separator: "\n")
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}
