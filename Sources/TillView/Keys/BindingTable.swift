import TillCore

/// The binding table in use: the default one (`standard`), or the default remapped by the
/// operator's keys.toml at start. The key mapper, the hint bar and the `?` help all read the
/// same table, so a remapped key is the key the screen shows.
public struct BindingTable: Sendable {
    /// Every binding, in the order help lists them.
    public let all: [Binding]
    /// The table split by scope once, so a key press or a frame never scans all of it.
    private let byScope: [KeyScope: [Binding]]

    public init(_ bindings: [Binding]) {
        all = bindings
        byScope = Dictionary(grouping: bindings, by: \.scope)
    }

    /// The default keys, as docs/keys.md lists them.
    public static let standard = BindingTable(TillView.bindings)

    /// One scope's bindings, in table order.
    public func bindings(in scope: KeyScope) -> [Binding] { byScope[scope] ?? [] }

    /// The first key of an action as the screen writes it ("n"), for text that names a key.
    public func keyLabel(_ name: String, in scope: KeyScope) -> String {
        binding(name, in: scope)?.keys.first?.label ?? "?"
    }

    /// The key a message mentions, as this table binds it ("?" when unbound).
    public func label(of mention: KeyMention) -> String {
        guard let scope = KeyScope(fileName: mention.scope) else { return "?" }
        return keyLabel(mention.action, in: scope)
    }

    /// The binding called `name` in `scope`.
    public func binding(_ name: String, in scope: KeyScope) -> Binding? {
        bindings(in: scope).first { $0.name == name }
    }
}
