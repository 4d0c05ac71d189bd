/// The binding table as Markdown, for docs/keys.md (a test keeps the file in step with the table).
public func keysMarkdown() -> String {
    var out = ""
    for scope in KeyScope.allCases {
        let scoped = BindingTable.standard.bindings(in: scope)
        guard !scoped.isEmpty else { continue }
        out += "### \(scope.title) `[\(scope.fileName)]`\n\n| Keys | Action | Does | Hint bar |\n|---|---|---|---|\n"
        for binding in scoped {
            let keys = binding.keys.map { "`\($0.label == "`" ? "backtick" : $0.label)`" }.joined(separator: " ")
            var does = binding.help
            if binding.handledByRuntime { does += " (handled by the terminal runtime)" }
            let name = binding.isRemappable ? "`\(binding.name)`" : "`\(binding.name)` (fixed)"
            out += "| \(keys) | \(name) | \(does.replacingOccurrences(of: "|", with: "\\|")) | \(binding.hint ?? "") |\n"
        }
        out += "\n"
    }
    return out
}
