import Foundation
import TillCore

/// What the key mapper needs besides the key and the state, supplied by the runtime per key press.
public struct KeyContext: Hashable, Sendable {
    /// The runtime's clock at the key press.
    public var now: Date
    /// A fresh UUID string, used as an idempotency key when the key submits a create.
    public var freshID: String
    /// The terminal size at the key press, so PgUp/PgDn move by the rows actually visible.
    public var size: Size

    public init(now: Date, freshID: String, size: Size = Layout.minimumSize) {
        self.now = now
        self.freshID = freshID
        self.size = size
    }
}
