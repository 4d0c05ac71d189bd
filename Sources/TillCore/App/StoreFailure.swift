import Foundation

/// The shop store refused or could not be reached; `message` says why, for the status line.
public struct StoreFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
