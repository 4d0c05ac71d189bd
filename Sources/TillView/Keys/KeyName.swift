import TillCore

/// Key names as keys.toml writes them: what `Key.label` prints (`Enter`, `Esc`, `Ctrl-P`, `↑`,
/// `PgDn`, `F5`, `Space`, one character), plus `Up`, `Down`, `Left` and `Right` for the arrows.
public enum KeyName {
    /// The names that are not a single character, and their keys.
    static let named: [String: Key] = {
        var table: [String: Key] = ["Up": .up, "Down": .down, "Left": .left, "Right": .right]
        let keys: [Key] = [.char(" "), .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape,
                           .backspace, .delete, .tab, .backTab]
        for key in keys { table[key.label] = key }
        return table
    }()

    /// Control letters the terminal delivers as another key, so a binding to them would never fire.
    static let arrivesAs: [Character: String] = ["h": "Backspace", "i": "Tab", "j": "Enter", "m": "Enter"]

    /// The key a name stands for, or why the name is refused.
    public static func key(_ name: String) -> Result<Key, KeyNameError> {
        if let key = named[name] { return .success(key) }
        if name.hasPrefix("Ctrl-"), name.count == 6, let letter = name.last, letter.isASCII, letter.isLetter {
            let lower = Character(letter.lowercased())
            if let other = arrivesAs[lower] { return .failure(.arrivesAs(name, other)) }
            return .success(.ctrl(lower))
        }
        if name.count >= 2, name.first == "F", let n = Int(name.dropFirst()), (1...63).contains(n),
           !name.dropFirst().hasPrefix("0") {
            return .success(.function(n))
        }
        if name.count == 1, let c = name.first, !c.isWhitespace, !c.isNewline,
           !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return .success(.char(c))
        }
        let suggestion = named.keys.first { $0.lowercased() == name.lowercased() }
            ?? (name.lowercased().hasPrefix("ctrl-") && name.count == 6 ? "Ctrl-" + name.suffix(1).uppercased() : nil)
        return .failure(.unknown(name, suggestion: suggestion))
    }
}
