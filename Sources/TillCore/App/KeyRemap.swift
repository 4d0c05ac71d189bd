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

/// Why the binding table refuses a line of keys.toml, as a value: TillView words it in the
/// till's language (the TUI's and the command line's words are one table, `RemapPhrase`).
public enum KeyBindingProblem: Hashable, Sendable {
    /// An action the table (or `[lists]`) does not have; `actions` are those it does.
    case unknownAction(String, table: String, actions: [String])
    /// A table that is no scope's; `tables` are the file's table names.
    case unknownTable(String, tables: [String])
    /// A key name that is no key.
    case keyName(KeyNameError)
    /// An empty list of keys.
    case noKey(action: String)
    /// A binding that cannot be remapped: the terminal handles it, or every printable key types text.
    case notRemappable(action: String, table: String, handledByTerminal: Bool)
    /// Ctrl-C (always quits) or Ctrl-L (always repaints), named by its label.
    case reserved(key: String, quits: Bool)
    /// A printable key where a field takes text.
    case typesText(key: String, table: String, action: String)
    /// One key for two actions of one table; `first` is the action of the line at fault.
    case clash(key: String, first: String, second: String, table: String)
}

/// Why a key name cannot be bound.
public enum KeyNameError: Error, Hashable, Sendable {
    case unknown(String, suggestion: String?)
    /// Ctrl-M is Enter to the terminal: a binding to it would never fire.
    case arrivesAs(String, String)
}
