import Foundation

/// Where a receipt went: the file it was saved to, and the command it was sent to, if any.
public struct ReceiptDelivery: Hashable, Sendable {
    public var path: String
    /// `receipt_command`, when one is set and took it.
    public var command: String?

    public init(path: String, command: String? = nil) {
        self.path = path
        self.command = command
    }
}

/// Why a receipt did not get where it was going, in words; `savedPath` when the file was saved
/// before the command failed (so nothing is lost).
public struct ReceiptFailure: Error, Hashable, Sendable {
    public var message: String
    public var savedPath: String?

    public init(message: String, savedPath: String? = nil) {
        self.message = message
        self.savedPath = savedPath
    }
}
