import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading or writing one of Till's own files failed (the config file, a private file, a lock):
/// local I/O, which the WooshPay adapter has no part in.
public struct LocalFileError: Error, Hashable, Sendable, CustomStringConvertible {
    // Made only here, in TillConfig (the memberwise initializer); read everywhere.
    public var path: String
    public var problem: LocalFileProblem

    /// What went wrong, in English (the command line words `problem` in its language).
    public var message: String { problem.description }
    public var description: String { "\(path): \(message)" }

    /// The call that just failed, in the system's words for `errno` (strerror).
    static func system(_ path: String) -> LocalFileError {
        LocalFileError(path: path, problem: .system(String(cString: strerror(errno))))
    }
}

/// What went wrong with a local file, as a value. What the system says is carried as it said it.
public enum LocalFileProblem: Hashable, Sendable, CustomStringConvertible {
    /// The system's own words (strerror), quoted as they come.
    case system(String)
    case notWritten
    /// The folder could not be made; Foundation's own words.
    case folderNotCreated(String)
    case unreadable
    case notUTF8

    public var description: String {
        switch self {
        case .system(let words): words
        case .notWritten: "could not be written"
        case .folderNotCreated(let reason): "could not create the folder (\(reason))"
        case .unreadable: "could not be read"
        case .notUTF8: "is not UTF-8 text"
        }
    }
}
