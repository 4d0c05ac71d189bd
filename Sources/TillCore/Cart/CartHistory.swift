import Foundation

/// Undo and redo of cart changes (`u` or Ctrl-Z, Ctrl-R): each step keeps the cart as it was
/// before a change. A change made with WooshPay (a checkout session) leaves a barrier that undo
/// stops at and names, because it cannot be taken back from here.
public struct CartHistory: Hashable, Sendable {
    public enum Step: Hashable, Sendable {
        /// The cart before an add, quantity change, removal, one-off or emptying.
        case cart(Cart, what: CartChange)
        /// The cart before it was parked: undo resumes the ticket.
        case parked(Cart, label: String?)
        /// Something WooshPay did that undo cannot take back.
        case barrier(Message)
    }

    /// Oldest first; the last is undone next.
    public internal(set) var undo: [Step] = []
    /// Carts undo replaced, the last is redone next.
    public internal(set) var redo: [Step] = []

    /// The most steps kept.
    public static let limit = 50

    public init() {}

    /// A new change: it can be undone, and what was undone can no longer be redone.
    mutating func record(_ step: Step) {
        undo.append(step)
        if undo.count > Self.limit { undo.removeFirst(undo.count - Self.limit) }
        redo = []
    }
}
