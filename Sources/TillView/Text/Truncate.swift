/// The string cut to at most `width` columns, ending in "…" when anything was cut.
/// Cuts between grapheme clusters only, so a wide character is never split.
public func truncate(_ string: String, toWidth width: Int) -> String {
    guard width > 0 else { return "" }
    if let ascii = asciiPrintableCount(string) {
        if ascii <= width { return string }
        return String(string.utf8.prefix(width - 1))! + "…"
    }
    var used = 0
    var cut: String.Index? = nil
    for index in string.indices {
        let w = displayWidth(string[index])
        if cut == nil && used + w > width - 1 { cut = index }
        used += w
        if used > width { break }
    }
    guard used > width, let cut else { return string }
    return String(string[..<cut]) + "…"
}

/// The string cut or padded with spaces to exactly `width` columns.
public func fit(_ string: String, toWidth width: Int) -> String {
    guard width > 0 else { return "" }
    let cut = truncate(string, toWidth: width)
    let w = displayWidth(cut)
    return w < width ? cut + String(repeating: " ", count: width - w) : cut
}

/// The string broken into lines of at most `width` columns, by grapheme cluster, with nothing
/// added: joining the lines gives the string back (so a wrapped URL copies whole).
public func wrap(_ string: String, toWidth width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    var used = 0
    for character in string {
        let w = displayWidth(character)
        if used + w > width && !line.isEmpty {
            lines.append(line)
            line = ""
            used = 0
        }
        line.append(character)
        used += w
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
}

/// The text broken at spaces into lines of at most `width` columns; a word longer than a line
/// is broken by grapheme cluster.
public func wordWrap(_ string: String, toWidth width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    var used = 0
    for word in string.split(separator: " ", omittingEmptySubsequences: true) {
        let w = displayWidth(String(word))
        if used > 0 && used + 1 + w <= width {
            line += " " + word
            used += 1 + w
            continue
        }
        if used > 0 {
            lines.append(line)
            line = ""
            used = 0
        }
        if w <= width {
            line = String(word)
            used = w
        } else {
            var pieces = wrap(String(word), toWidth: width)
            let last = pieces.removeLast()
            lines += pieces
            line = last
            used = displayWidth(last)
        }
    }
    if used > 0 || lines.isEmpty { lines.append(line) }
    return lines
}
