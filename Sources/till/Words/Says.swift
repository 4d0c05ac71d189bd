import Foundation
import TillConfig
import TillCore
import TillStore
import TillView
import WooshPay

/// The lower layers' errors as the command line prints them, in its language. In English each is
/// word for word the error's own `description` (a test holds them together); what the error
/// carries from further down (a file's own complaint, the API's message) is quoted as it came.
enum Says {
    static func configuration(_ error: ConfigurationError) -> String {
        switch error {
        case .missingKey(let configPath):
            ErrorPhrase.missingKey.said("path", configPath)
        case .malformedKey(let reason, let variable):
            ErrorPhrase.malformedKey.said("reason", secretKey(reason, from: variable))
        case .insecurePermissions(let path, let mode):
            ErrorPhrase.insecurePermissions.said("mode", String(format: "%04o", mode), "path", path)
        case .insecureFolder(let path, let mode):
            ErrorPhrase.insecureFolder.said("mode", String(format: "%04o", mode), "path", path)
        case .environmentKeyNotUsed(let reason):
            configuration(reason) + " " + ErrorPhrase.environmentKeyNotUsed.said
        case .invalidBaseURL(let url, let reason):
            ErrorPhrase.invalidBaseURL.said("url", url, "reason", baseURL(reason))
        case .liveWriteRefused:
            ErrorPhrase.liveWriteRefused.said
        }
    }

    /// Why a key is malformed (never the key), after the variable it came from if any.
    static func secretKey(_ problem: SecretKeyProblem, from variable: String?) -> String {
        let reason = switch problem {
        case .prefix: ErrorPhrase.keyPrefix.said
        case .characters: ErrorPhrase.keyCharacters.said
        }
        return variable.map { ErrorPhrase.keyFromVariable.said("variable", $0, "reason", reason) } ?? reason
    }

    /// Why a base URL is refused.
    static func baseURL(_ problem: BaseURLProblem) -> String {
        switch problem {
        case .notAURL: ErrorPhrase.urlNotAURL.said
        case .userInfo: ErrorPhrase.urlUserInfo.said
        case .queryOrFragment: ErrorPhrase.urlQueryOrFragment.said
        case .plainHTTPOffLoopback: ErrorPhrase.urlPlainHTTP.said
        case .scheme: ErrorPhrase.urlScheme.said
        }
    }

    /// One of Till's own files could not be read or written: `path: why` (the system's words as it gave them).
    static func localFile(_ error: LocalFileError) -> String {
        let message = switch error.problem {
        case .system(let words): words
        case .notWritten: ErrorPhrase.fileNotWritten.said
        case .folderNotCreated(let reason): ErrorPhrase.folderNotCreated.said("reason", reason)
        case .unreadable: ErrorPhrase.fileUnreadable.said
        case .notUTF8: ErrorPhrase.fileNotUTF8.said
        }
        return ErrorPhrase.localFile.said("path", error.path, "message", message)
    }

    /// A line of config.toml Till refuses: `path:line: why`.
    static func configFile(_ error: ConfigFileError, in language: Language = CLILanguage.current) -> String {
        "\(error.path):\(error.line): " + problem(error.problem, in: language)
    }

    static func problem(_ problem: ConfigProblem, in language: Language = CLILanguage.current) -> String {
        func say(_ phrase: ConfigPhrase, _ values: [String: String] = [:]) -> String { phrase.text(language, values) }
        return switch problem {
        case .nulCharacter: say(.nulCharacter)
        case .notTOML: say(.notTOML)
        case .syntax(let message): message
        case .unknownSetting(let key, let known): say(.unknownSetting, ["key": key, "known": known.joined(separator: ", ")])
        case .width(let key, let allowed):
            say(.width, ["key": key, "widths": allowed.map(String.init).joined(separator: say(.or))])
        case .notString(let key): say(.notString, ["key": key])
        case .secretKey(let error): say(.secretKey, ["reason": configuration(error)])
        case .printer(let value): say(.printer, ["value": value])
        case .printerCodePage(let accepted): say(.printerCodePage, ["accepted": accepted.joined(separator: ", ")])
        case .printerQR: say(.printerQR)
        case .lockAfter: say(.lockAfter)
        case .language(let accepted): say(.language, ["accepted": accepted])
        case .permissionsNotATable(let actions): say(.permissionsNotATable, ["actions": actions.joined(separator: ", ")])
        case .unknownPermission(let key, let actions):
            say(.unknownPermission, ["key": key, "actions": actions.joined(separator: ", ")])
        case .permissionSetting(let key, let accepted):
            say(.permissionSetting, ["key": key, "accepted": accepted.joined(separator: ", ")])
        }
    }

    /// A line of keys.toml Till refuses: `path line N: why`.
    static func keysFile(_ error: KeysFileError, in language: Language = CLILanguage.current) -> String {
        func say(_ phrase: ConfigPhrase, _ values: [String: String] = [:]) -> String { phrase.text(language, values) }
        let message = switch error.problem {
        case .syntax(let message): message
        case .binding(let problem): problem.text(language)
        case .notTOML: say(.notTOML)
        case .unreadable: say(.keysUnreadable)
        case .notUTF8: say(.keysNotUTF8)
        case .notATable(let scope): say(.keysNotATable, ["scope": scope])
        case .notKeys(let action, let scope): say(.keysNotKeys, ["action": action, "scope": scope])
        }
        return ErrorPhrase.keysFileLine.text(language, ["path": error.path, "line": String(error.line), "message": message])
    }

    static func store(_ error: ShopStoreError) -> String {
        switch error {
        case .newerSchema(let location, let found, let supported):
            ErrorPhrase.newerSchema.said("location", location, "found", String(found), "supported", String(supported))
        case .unavailable(let location, let reason):
            ErrorPhrase.storeUnavailable.said("location", location, "reason", reason)
        case .refused(let location, let reason):
            ErrorPhrase.storeRefused.said("location", location, "reason", reason)
        case .unreadable(let location, let what, let reason):
            ErrorPhrase.storeUnreadable.said("location", location, "what", what, "reason", reason)
        case .tillInUse(let name, let host, let pid):
            ErrorPhrase.tillInUse.said("name", name, "pid", String(pid), "host", host)
        case .invalidTillName(let name):
            ErrorPhrase.invalidTillName.said("name", name)
        case .leaseLost(let name):
            ErrorPhrase.leaseLost.said("name", name)
        }
    }

    /// A WooshPay failure, worded as the TUI words it (one table of these words, in TillView).
    static func api(_ failure: APIFailure) -> String {
        Messages(CLILanguage.current).text(failure)
    }

    /// Any error the command line prints, in its language where it knows the error.
    static func any(_ error: any Error) -> String {
        switch error {
        case let error as ConfigurationError: configuration(error)
        case let error as ConfigFileError: configFile(error)
        case let error as KeysFileError: keysFile(error)
        case let error as LocalFileError: localFile(error)
        case let error as ShopStoreError: store(error)
        case let error as APIFailure: api(error)
        // TillCore's refusals, worded as the TUI words them.
        case let error as MoneyError: Messages(CLILanguage.current).text(error)
        case let error as CurrencyError: Messages(CLILanguage.current).text(error)
        case let error as RefundError: Messages(CLILanguage.current).text(error)
        case let error as ShiftLogError: Messages(CLILanguage.current).text(error)
        case let error as CartError: Messages(CLILanguage.current).text(error)
        case let error as CheckoutDraftError: Messages(CLILanguage.current).text(error)
        default: "\(error)"
        }
    }

    /// An error in English, as `--json` carries it: the lower layer's own description, or for
    /// TillConfig's refusals (values with no words of their own) the command line's English.
    static func english(_ error: any Error) -> String {
        switch error {
        case let error as ConfigFileError: configFile(error, in: .english)
        case let error as KeysFileError: keysFile(error, in: .english)
        default: "\(error)"
        }
    }
}

/// A lower layer's error said in the command line's language, for argument-parser to print as
/// it prints any error ("Error: …", exit 1).
struct SaidError: Error, CustomStringConvertible {
    let description: String
}

extension Says {
    static func operators(_ error: OperatorError) -> String {
        switch error {
        case .exists(let name): ErrorPhrase.operatorExists.said("name", name)
        case .unknown(let name): ErrorPhrase.operatorUnknown.said("name", name)
        case .invalidName(_, let problem): ErrorPhrase.operatorInvalidName.said("problem", problem)
        case .lastManager(let name): ErrorPhrase.lastManager.said("name", name)
        }
    }
}
