import TillCore

/// A remap the table refuses, with the line that asked for it and why (worded per language by
/// `KeyBindingProblem.text(_:)`).
public struct KeyRemapError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var problem: KeyBindingProblem

    /// Why, in English.
    public var message: String { problem.text(.english) }
    public var description: String { "line \(line): \(message)" }
}

extension BindingTable {
    /// The table name that remaps the movement keys of every list at once.
    public static let listsTable = "lists"

    /// The scopes `[lists]` reaches: those with the list movement keys.
    public var listScopes: [KeyScope] {
        KeyScope.allCases.filter { scope in Self.movementNames.allSatisfy { binding($0, in: scope) != nil } }
    }

    /// The actions of `movement(_:_:)` in Bindings.swift.
    static let movementNames: [BindingName] = [.moveUp, .moveDown, .goTop, .goBottom, .pageUp, .pageDown]

    /// This table with each remap's keys in place of the defaults of the binding it names;
    /// everything not named keeps its keys. `[lists]` applies to every list, and a list's own
    /// table wins over it. Refused, naming the earliest line at fault: an unknown table, action or
    /// key name, an action that cannot be remapped, and a key that two actions of one scope
    /// would answer to (or that types text in a scope with a text field).
    public func remapped(by remaps: [KeyRemap]) throws(KeyRemapError) -> BindingTable {
        var table = all
        var remappedAt: [Int: Int] = [:]  // binding index → line of its remap
        var errors: [KeyRemapError] = []
        let lists = listScopes
        let ordered = remaps.filter { $0.scope == Self.listsTable } + remaps.filter { $0.scope != Self.listsTable }
        for remap in ordered {
            let scopes: [KeyScope]
            if remap.scope == Self.listsTable {
                guard Self.movementNames.contains(where: { $0.rawValue == remap.action }) else {
                    errors.append(KeyRemapError(line: remap.line, problem: .unknownAction(
                        remap.action, table: Self.listsTable, actions: Self.movementNames.map(\.rawValue))))
                    continue
                }
                scopes = lists
            } else if let scope = KeyScope(fileName: remap.scope) {
                scopes = [scope]
            } else {
                errors.append(KeyRemapError(line: remap.line, problem: .unknownTable(
                    remap.scope, tables: KeyScope.allCases.map(\.fileName) + [Self.listsTable])))
                continue
            }
            var keys: [Key] = []
            var refused = false
            for name in remap.keys {
                switch KeyName.key(name) {
                case .success(let key): if !keys.contains(key) { keys.append(key) }
                case .failure(let error):
                    errors.append(KeyRemapError(line: remap.line, problem: .keyName(error)))
                    refused = true
                }
                if refused { break }
            }
            if refused { continue }
            if keys.isEmpty {
                errors.append(KeyRemapError(line: remap.line, problem: .noKey(action: remap.action)))
                continue
            }
            for scope in scopes {
                guard let index = table.firstIndex(where: { $0.scope == scope && $0.name.rawValue == remap.action }) else {
                    let names = table.filter { $0.scope == scope && $0.isRemappable }.map(\.name.rawValue)
                    errors.append(KeyRemapError(line: remap.line, problem: .unknownAction(remap.action, table: remap.scope, actions: names)))
                    continue
                }
                guard table[index].isRemappable else {
                    errors.append(KeyRemapError(line: remap.line, problem: .notRemappable(
                        action: remap.action, table: remap.scope, handledByTerminal: table[index].handledByRuntime)))
                    continue
                }
                if let reserved = keys.first(where: { Self.isReserved($0, for: table[index]) }) {
                    errors.append(KeyRemapError(line: remap.line, problem: .reserved(key: reserved.label, quits: reserved == .ctrl("c"))))
                    continue
                }
                table[index].keys = keys.map { .key($0) }
                remappedAt[index] = remap.line
            }
        }
        errors += Self.conflicts(in: table, remappedAt: remappedAt)
        if let first = errors.min(by: { $0.line < $1.line }) { throw first }
        return BindingTable(table)
    }

    /// Ctrl-C always quits and Ctrl-L always repaints: no other action may take them.
    static func isReserved(_ key: Key, for binding: Binding) -> Bool {
        if key == .ctrl("c") { return !(binding.scope == .always && binding.name == .quit) }
        return key == .ctrl("l")
    }

    /// Each remapped binding against the others of its scope: one key, two actions.
    static func conflicts(in table: [Binding], remappedAt: [Int: Int]) -> [KeyRemapError] {
        var errors: [KeyRemapError] = []
        for (index, line) in remappedAt.sorted(by: { $0.key < $1.key }) {
            let binding = table[index]
            let fileName = binding.scope.fileName
            for key in binding.keys {
                guard case .key(let bound) = key else { continue }
                for (other, peer) in table.enumerated() where other != index && peer.scope == binding.scope {
                    if peer.keys.contains(.typedText), case .char = bound {
                        errors.append(KeyRemapError(line: line, problem: .typesText(key: bound.label, table: fileName,
                                                                      action: "\(binding.name)")))
                    } else if peer.keys.contains(key) {
                        // Both remapped: the later line made the clash, and its action is named first.
                        let at = max(line, remappedAt[other] ?? line)
                        let (first, second) = at == line ? (binding.name, peer.name) : (peer.name, binding.name)
                        errors.append(KeyRemapError(line: at, problem: .clash(key: bound.label, first: "\(first)", second: "\(second)",
                                                                          table: fileName)))
                    }
                }
            }
        }
        return errors
    }
}
