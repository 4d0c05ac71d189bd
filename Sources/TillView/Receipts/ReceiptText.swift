import Foundation
import TillCore

// A receipt goes to a file and to a printer's standard input: an ESC in a product name would be a
// printer command there, as it is a terminal command on screen. Every text on a receipt passes
// through `printable` first, and is measured in columns with the measure the caller gives
// (TillView's display width, so CJK and emoji take two).

/// Text shaping for fixed-width receipts.
enum ReceiptText {
    /// `text` on one line with no control characters: tabs and line breaks become spaces, every
    /// other control (C0, DEL, C1), bidi override and line separator becomes "?", and key-shaped
    /// text is redacted (TillCore's `redactingSecretKeys`).
    static func printable(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in redactingSecretKeys(in: text).unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: scalars.append(" ")
            case 0x00..<0x20, 0x7F...0x9F, 0x61C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: scalars.append("?")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Columns `text` takes by `columns`.
    static func width(_ text: String, _ columns: (Character) -> Int) -> Int {
        text.reduce(0) { $0 + columns($1) }
    }

    /// `text` cut to `width` columns, ending in "…" when something was cut.
    static func truncate(_ text: String, to width: Int, _ columns: (Character) -> Int) -> String {
        guard self.width(text, columns) > width else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = columns(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `text` in lines of at most `width` columns, broken at spaces; a word longer than a line is
    /// broken where the line ends. At most `maxLines` lines: the last one then ends in "…".
    static func wrap(_ text: String, to width: Int, maxLines: Int = .max, _ columns: (Character) -> Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = 0
        func flush() {
            lines.append(line)
            line = ""
            used = 0
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let wordWidth = self.width(String(word), columns)
            if used > 0 && used + 1 + wordWidth <= width {
                line += " " + word
                used += 1 + wordWidth
                continue
            }
            if wordWidth <= width {
                if used > 0 { flush() }
                line = String(word)
                used = wordWidth
                continue
            }
            // A word wider than a line starts where the line is and breaks where it ends.
            if used > 0 && used + 2 <= width {
                line += " "
                used += 1
            } else if used > 0 {
                flush()
            }
            for character in word {
                let w = columns(character)
                if used + w > width && used > 0 { flush() }
                line.append(character)
                used += w
            }
        }
        if used > 0 || lines.isEmpty { flush() }
        guard lines.count > maxLines else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = truncate(kept[maxLines - 1] + " " + lines[maxLines], to: width, columns)
        return kept
    }

    /// `left` and `right` on one line of `width` columns, `right` against the right edge; `left`
    /// is cut when both do not fit.
    static func row(_ left: String, _ right: String, width: Int, _ columns: (Character) -> Int) -> String {
        let rightWidth = self.width(right, columns)
        let shown = truncate(left, to: max(1, width - rightWidth - 1), columns)
        let gap = max(1, width - self.width(shown, columns) - rightWidth)
        return shown + String(repeating: " ", count: gap) + right
    }

    /// `text` centred in `width` columns (no trailing spaces).
    static func centred(_ text: String, width: Int, _ columns: (Character) -> Int) -> String {
        String(repeating: " ", count: max(0, (width - self.width(text, columns)) / 2)) + text
    }
}
