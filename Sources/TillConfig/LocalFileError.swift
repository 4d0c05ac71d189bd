import Foundation

/// Reading or writing one of Till's own files failed (the config file, a private file, a lock):
/// local I/O, which the WooshPay adapter has no part in.
public struct LocalFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
