import Foundation
import TillCore

/// One line of the command palette: a command of the binding table, or a product to go to.
public struct PaletteEntry: Hashable, Sendable {
    /// What it does, as help says it.
    public var title: String
    /// Its keys as help writes them ("" for a product).
    public var keys: String
    /// Where the keys work (the scope's title), or "Product".
    public var scope: String
    /// What Enter on it sends.
    public var actions: [AppAction]
}

/// The palette's entries for what is typed, best first: the commands of the binding table that do
/// something from here (switching to their pane first when they belong to another), then up to
/// five products to go to. Read from the same table as the hint bar and `?`, so it cannot
/// disagree with the keys.
public func paletteEntries(_ state: AppState, context: KeyContext, keys: BindingTable = .standard) -> [PaletteEntry] {
    var base = state
    base.palette = PaletteState()
    let commands = paletteCommands(base, context: context, keys: keys)
    let query = state.palette.query.text
    guard !query.isEmpty else { return commands }
    let index = SearchIndex(commands.enumerated().map { offset, entry in
        // Not by its keys: a remapped table lists the same commands in the same order.
        Product(id: String(offset), name: entry.title, description: entry.scope, created: .distantPast)
    })
    // Commands and products in one ranking: by how well they match, commands first among equals.
    var ranked: [(tier: UInt8, entry: PaletteEntry)] = index.ranked(query).map { offset in
        (index.tier(of: offset, for: query)?.rawValue ?? .max, commands[offset])
    }
    let products = state.catalog
    for item in products.ranked(query).prefix(5) where products.items.indices.contains(item) {
        let product = products.items[item]
        ranked.append((products.tier(ofItem: item, for: query)?.rawValue ?? .max,
                       PaletteEntry(title: ScreenPhrase.paletteGoToProduct.text(state.settings.language, "name", product.name), keys: "",
                                    scope: ScreenPhrase.paletteProduct.text(state.settings.language),
                                    actions: [.paneSelected(.products), .products(.revealRequested(id: product.id))])))
    }
    // A stable sort keeps each list's own order within a tier.
    return ranked.enumerated().sorted { ($0.element.tier, $0.offset) < ($1.element.tier, $1.offset) }.map(\.element.entry)
}

/// Every command that does something from this state: those of the panes (switching pane first),
/// pane switching and the keys that work everywhere. Text editing, scans, movement and the
/// runtime's own keys are left out: they mean nothing without a key press.
func paletteCommands(_ state: AppState, context: KeyContext, keys: BindingTable) -> [PaletteEntry] {
    let panes: [(KeyScope, Pane)] = [(.products, .products), (.prices, .prices), (.cart, .cart), (.session, .session),
                                     (.history, .history), (.reports, .reports)]
    var entries: [PaletteEntry] = []
    var seen: Set<String> = []
    func add(_ binding: Binding, in target: AppState, before: [AppAction]) {
        guard !binding.handledByRuntime, binding.isOffered(target),
              case .key(let key)? = binding.keys.first(where: { if case .key = $0 { true } else { false } }),
              !isMovement(key), let action = binding.action(for: key, in: target, context: context),
              !isPalette(action), !isTextEdit(action) else { return }
        let entry = PaletteEntry(title: binding.help(state.settings.language), keys: binding.keyLabel,
                                 scope: binding.scope.title(state.settings.language),
                                 actions: before + [action])
        guard seen.insert(entry.scope + entry.title).inserted else { return }
        entries.append(entry)
    }
    for (scope, pane) in panes {
        var target = state
        target.focus = pane
        // Only the pane's own list commands: not its forms' or filters' keys.
        guard underlyingScopes(target).contains(scope) else { continue }
        for binding in keys.bindings(in: scope) {
            add(binding, in: target, before: state.focus == pane ? [] : [.paneSelected(pane)])
        }
    }
    for scope in [KeyScope.panes, .always] {
        for binding in keys.bindings(in: scope) { add(binding, in: state, before: []) }
    }
    return entries
}

private func isMovement(_ key: Key) -> Bool {
    switch key {
    case .up, .down, .pageUp, .pageDown, .home, .end, .left, .right: true
    case .char(let c): "jkgG".contains(c)
    default: false
    }
}

private func isTextEdit(_ action: AppAction) -> Bool {
    if case .user(.quickAdd(.edited)) = action { return true }
    return false
}

private func isPalette(_ action: AppAction) -> Bool {
    if case .user(.palette) = action { return true }
    return false
}
