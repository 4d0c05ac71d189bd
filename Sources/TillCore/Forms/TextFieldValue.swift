import Foundation

/// A single-line text field's content and cursor (a position counted in Characters, 0...count).
public struct TextFieldValue: Hashable, Codable, Sendable {
    /// The text typed so far.
    public private(set) var text: String
    /// Where the next insertion goes, in Characters from the start.
    public private(set) var cursor: Int

    /// The longest text a field accepts; more is dropped so one paste cannot swamp the screen.
    public static let maximumLength = 500

    /// A field holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        let clean = TextFieldValue.singleLine(text)
        self.text = String(clean.prefix(TextFieldValue.maximumLength))
        self.cursor = self.text.count
    }

    private enum CodingKeys: String, CodingKey { case text, cursor }

    // A saved field is read back through the same rules as typing, so a hand-edited or damaged
    // draft file can never put the cursor outside the text.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(String.self, forKey: .text))
        let saved = try container.decodeIfPresent(Int.self, forKey: .cursor) ?? text.count
        self.cursor = min(max(saved, 0), text.count)
    }

    /// Whether the field is empty.
    public var isEmpty: Bool { text.isEmpty }

    /// Applies one edit and returns whether anything changed.
    @discardableResult
    public mutating func apply(_ edit: TextEdit) -> Bool {
        let before = self
        cursor = min(max(cursor, 0), text.count)
        switch edit {
        case .inserted(let typed):
            let clean = TextFieldValue.singleLine(typed)
            let room = TextFieldValue.maximumLength - text.count
            guard room > 0, !clean.isEmpty else { return false }
            let piece = String(clean.prefix(room))
            let index = text.index(text.startIndex, offsetBy: cursor)
            let prefix = String(text[..<index]) + piece
            text.insert(contentsOf: piece, at: index)
            // Count the cursor in the new text: a combining mark or the second half of a flag
            // joins the Character before it, so the count can grow by less than piece.count.
            cursor = min(prefix.count, text.count)
        case .deletedBackward:
            guard cursor > 0 else { return false }
            let index = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: index)
            cursor -= 1
        case .deletedForward:
            guard cursor < text.count else { return false }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .deletedToStart:
            let index = text.index(text.startIndex, offsetBy: cursor)
            text.removeSubrange(text.startIndex..<index)
            cursor = 0
        case .cursorMovedLeft:
            cursor = max(0, cursor - 1)
        case .cursorMovedRight:
            cursor = min(text.count, cursor + 1)
        case .cursorMovedToStart:
            cursor = 0
        case .cursorMovedToEnd:
            cursor = text.count
        }
        return self != before
    }

    /// Applies one edit and returns whether the text changed (a cursor move leaves a filter or a
    /// search over the text as it was).
    mutating func applyChangingText(_ edit: TextEdit) -> Bool {
        let old = text
        return apply(edit) && text != old
    }

    /// Returns the field after one edit.
    public func applying(_ edit: TextEdit) -> TextFieldValue {
        var copy = self
        copy.apply(edit)
        return copy
    }

    /// Drops line breaks, tabs and other control characters: a field is one line of printable text.
    static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
        }))
    }
}

/// What the operator did to a text field.
public enum TextEdit: Hashable, Sendable {
    /// Text typed or pasted at the cursor.
    case inserted(String)
    /// Backspace.
    case deletedBackward
    /// Delete.
    case deletedForward
    /// Ctrl-U: everything before the cursor removed.
    case deletedToStart
    case cursorMovedLeft
    case cursorMovedRight
    /// Home / Ctrl-A.
    case cursorMovedToStart
    /// End / Ctrl-E.
    case cursorMovedToEnd
}
