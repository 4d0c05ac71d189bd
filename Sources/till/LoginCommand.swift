import ArgumentParser
import Foundation
import TillConfig
import TillCore
import TillTerminal
import WooshPay
#if canImport(Glibc)
import Glibc
#endif

/// `till login`: read a secret key without echo, check it with one cheap request, save it 0600.
struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Save a WooshPay secret key in ~/.config/till/config.toml (mode 0600).")

    @Option(name: .customLong("api-base"), help: "Base URL to check the key against (saved with it).")
    var apiBase: String?

    func run() async throws {
        let text = try SecretPrompt.read(prompt: CLIPhrase.keyPrompt.said)
        guard !text.isEmpty else { throw LoginError(description: CLIPhrase.noKeyEntered.said) }
        let key: SecretKey
        do { key = try SecretKey(text) } catch { throw SaidError(description: Says.configuration(error)) }
        let configuration = try WooshPayConfiguration(secretKey: key, baseURL: apiBase)
        let client = WooshPayClient(configuration: configuration)
        do {
            // The cheapest request that proves the key: one product.
            _ = try await client.listProducts(limit: 1)
        } catch {
            await client.shutdown()
            throw LoginError(description: CLIPhrase.keyNotAccepted.said("error", Says.any(error)))
        }
        await client.shutdown()
        let path: String
        do { path = try TillSettings.save(secretKey: text, apiBase: apiBase) } catch {
            throw SaidError(description: Says.any(error))
        }
        print(CLIPhrase.keySaved.said("key", key.redacted, "path", path))
    }
}

/// A login that failed for a reason other than the command line (no usage text after it).
struct LoginError: Error, CustomStringConvertible {
    let description: String
}

/// `till logout`: forget the saved key.
struct Logout: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove the saved secret key.")

    func run() throws {
        do { try TillSettings.remove() } catch {
            throw SaidError(description: Says.any(error))
        }
        print(CLIPhrase.keyRemoved.said)
    }
}

/// Reads one line from the terminal with echo off (termios), or from stdin when it is not a tty.
enum SecretPrompt {
    static func read(prompt: String) throws -> String {
        let fd = STDIN_FILENO
        guard isatty(fd) == 1 else {
            return (readLine(strippingNewline: true) ?? "").trimmingCharacters(in: .whitespaces)
        }
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { throw ValidationError(CLIPhrase.noTerminalSettings.said) }
        TermiosGuard.hold(fd: fd)
        defer { TermiosGuard.release() }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        tcsetattr(fd, TCSAFLUSH, &quiet)
        defer { tcsetattr(fd, TCSAFLUSH, &saved) }
        return (readLine(strippingNewline: true) ?? "").trimmingCharacters(in: .whitespaces)
    }
}
