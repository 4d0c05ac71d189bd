import TillCore

/// Form field labels, by the field's name in TillCore (`name`, `lookupKey`, `successURL`…).
public enum FieldPhrase: String, PhraseTable {
    case name
    case description
    case currency
    case amount
    case nickname
    case lookupKey
    case productName
    case productDescription
    case quantity
    case successURL
    case cancelURL
    case label
    case lines
    case reason
}

extension FieldPhrase {
    /// A form field's label in `language`: by the field's name, so each form's fields share the
    /// words; TillCore's English label where the table has none.
    static func label<F: FormField>(of field: F, _ language: Language) -> String {
        guard let name = (field as? any RawRepresentable<String>)?.rawValue, let phrase = FieldPhrase(rawValue: name) else {
            return field.label
        }
        return phrase.text(language)
    }
}
