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
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    public static func info(_ text: String) -> StatusMessage { StatusMessage(.info, text) }
    public static func error(_ text: String) -> StatusMessage { StatusMessage(.error, text) }
}

/// Background progress: "Loading products… 300".
public struct StatusProgress: Hashable, Sendable {
    public var label: String
    /// Items done so far, if counted.
    public var count: Int?

    public init(label: String, count: Int? = nil) {
        self.label = label
        self.count = count
    }
}
