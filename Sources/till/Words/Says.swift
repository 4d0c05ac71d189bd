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
        case .malformedKey(let reason):
            ErrorPhrase.malformedKey.said("reason", reason)
        case .insecurePermissions(let path, let mode):
            ErrorPhrase.insecurePermissions.said("mode", String(format: "%04o", mode), "path", path)
        case .insecureFolder(let path, let mode):
            ErrorPhrase.insecureFolder.said("mode", String(format: "%04o", mode), "path", path)
        case .environmentKeyNotUsed(let reason):
            configuration(reason) + " " + ErrorPhrase.environmentKeyNotUsed.said
        case .syntax(let path, let line, let message):
            "\(path):\(line): \(message)"
        case .invalidBaseURL(let url, let reason):
            ErrorPhrase.invalidBaseURL.said("url", url, "reason", reason)
        case .liveWriteRefused:
            ErrorPhrase.liveWriteRefused.said
        }
    }

    static func keysFile(_ error: KeysFileError) -> String {
        ErrorPhrase.keysFileLine.said("path", error.path, "line", String(error.line), "message", error.message)
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
        case let error as KeysFileError: keysFile(error)
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
