import Foundation

/// What a feature's reducer returns besides its new state: the I/O to perform, a message for the
/// status line, a y/n question to ask, and delegate actions for the app reducer to route to other
/// features. A feature never writes another's state; it says what it needs here.
public struct Reduced<Delegate: Hashable & Sendable>: Hashable, Sendable {
    public var effects: [Effect]
    public var status: StatusMessage?
    /// Asked by the app; a yes comes back to the feature that asked.
    public var question: Confirmation?
    public var delegates: [Delegate]

    public init(_ effects: [Effect] = [], status: StatusMessage? = nil, question: Confirmation? = nil,
                delegates: [Delegate] = []) {
        self.effects = effects
        self.status = status
        self.question = question
        self.delegates = delegates
    }

    /// Nothing to do.
    public static var none: Reduced { Reduced() }
    /// Only a status line message.
    public static func info(_ message: Message) -> Reduced { Reduced(status: .info(message)) }
    /// Only an error on the status line.
    public static func error(_ message: Message) -> Reduced { Reduced(status: .error(message)) }
    /// Only delegate actions.
    public static func delegate(_ delegates: Delegate...) -> Reduced { Reduced(delegates: delegates) }

    /// Both results, in order (a later status message wins).
    public static func + (lhs: Reduced, rhs: Reduced) -> Reduced {
        Reduced(lhs.effects + rhs.effects, status: rhs.status ?? lhs.status, question: rhs.question ?? lhs.question,
                delegates: lhs.delegates + rhs.delegates)
    }
}
