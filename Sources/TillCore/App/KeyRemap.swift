/// One line of keys.toml: in table `scope`, the action `action` answers to `keys` (names as
/// written there) instead of its default keys. TillConfig reads these from the file; TillView's
/// binding table applies them.
public struct KeyRemap: Hashable, Sendable {
    /// The table's name: a scope's `fileName`, or `lists` for the movement keys of every list.
    public var scope: String
    public var action: String
    public var keys: [String]
    /// The file's line (1-based), for errors.
    public var line: Int

    public init(scope: String, action: String, keys: [String], line: Int) {
        self.scope = scope
        self.action = action
        self.keys = keys
        self.line = line
    }
}
