import Foundation

/// Reading or writing one of Till's own files failed (the config file, a private file, a lock):
/// local I/O, which the WooshPay adapter has no part in.
public struct LocalFileError: Error, Hashable, Sendable, CustomStringConvertible {
    // Made only here, in TillConfig (the memberwise initializer); read everywhere.
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
