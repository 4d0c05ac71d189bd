import Foundation

/// The status line: the last message. Background progress is read from the features doing the work.
public struct StatusLine: Hashable, Sendable {
    /// The last message, if any.
    public var message: StatusMessage?

    public init(message: StatusMessage? = nil) {
        self.message = message
    }
}

/// One message for the status line.
public struct StatusMessage: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, error }
    public var kind: Kind
    /// What happened; the view puts it in words.
    public var message: Message

    public init(_ kind: Kind, _ message: Message) {
        self.kind = kind
        self.message = message
    }

    public static func info(_ message: Message) -> StatusMessage { StatusMessage(.info, message) }
    public static func error(_ message: Message) -> StatusMessage { StatusMessage(.error, message) }
}

/// Background progress: "Loading products… 300".
public struct StatusProgress: Hashable, Sendable {
    public var label: ProgressLabel
    /// Items done so far, if counted.
    public var count: Int?
}
