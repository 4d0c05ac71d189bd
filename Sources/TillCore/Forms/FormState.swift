import Foundation

/// The fields of one kind of form, in the order they are shown and tabbed through (the view
/// labels them).
public protocol FormField: Hashable, CaseIterable, Sendable where AllCases == [Self] {}

/// A form: a text value per field, the focused field, and the inline validation message.
public struct FormState<Field: FormField>: Hashable, Sendable {
    /// Each field's text and cursor.
    public var values: [Field: TextFieldValue]
    /// The field that receives typing.
    public var focus: Field
    /// Why the last submit was refused, or why the request failed; nil when fine.
    public var message: Message?
    /// The field the message is about, if any.
    public var invalidField: Field?
    /// Whether the submitted request is in flight (the form then ignores edits and submits).
    public var isSubmitting: Bool

    /// A form with the given starting texts (missing fields start empty), focus on the first field.
    public init(_ initial: [Field: String] = [:], focus: Field? = nil) {
        var values: [Field: TextFieldValue] = [:]
        for field in Field.allCases { values[field] = TextFieldValue(initial[field] ?? "") }
        self.values = values
        self.focus = focus ?? Field.allCases[0]
        self.message = nil
        self.invalidField = nil
        self.isSubmitting = false
    }

    /// A field's value.
    public subscript(field: Field) -> TextFieldValue {
        get { values[field] ?? TextFieldValue() }
        set { values[field] = newValue }
    }

    /// A field's text with surrounding whitespace removed.
    public func trimmed(_ field: Field) -> String {
        self[field].text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Records a refusal: the message, the field it concerns, and focus moved there.
    public mutating func refuse(_ message: Message, at field: Field?) {
        self.message = message
        self.invalidField = field
        if let field { focus = field }
    }

    /// Applies an editing action (typing, cursor, Tab); submit and cancel are the feature's business.
    /// Edits clear a standing validation message about the edited field.
    mutating func edit(_ action: FormAction) {
        switch action {
        case .edited(let edit):
            let before = self[focus].text
            self[focus].apply(edit)
            // Only a change of text answers a complaint; moving the cursor does not.
            if self[focus].text != before, invalidField == focus || invalidField == nil {
                message = nil
                invalidField = nil
            }
        case .focusMovedNext:
            let all = Field.allCases
            focus = all[(all.firstIndex(of: focus)! + 1) % all.count]
        case .focusMovedPrevious:
            let all = Field.allCases
            focus = all[(all.firstIndex(of: focus)! + all.count - 1) % all.count]
        case .submitted, .cancelled:
            break
        }
    }
}

/// What the operator did in whichever form is open (routed by the app reducer to that form).
public enum FormAction: Hashable, Sendable {
    /// The focused field was edited.
    case edited(TextEdit)
    /// Tab.
    case focusMovedNext
    /// Shift-Tab.
    case focusMovedPrevious
    /// Enter. `freshID` is a new UUID from the runtime, used as the idempotency key when a create is sent.
    case submitted(freshID: String)
    /// Esc: the form closes and nothing is sent.
    case cancelled
}

extension FormAction {
    /// What every form opened over a pane (`form`, nil while closed) does with this action:
    /// typing and Tab go to it through `edit`, Esc closes it. A submit is the feature's own
    /// business: it gets the form and Enter's fresh id. Nil when handled here or no form is open.
    func submission<Form>(of form: inout Form?, edit: (inout Form) -> Void) -> (form: Form, freshID: String)? {
        guard var open = form else { return nil }
        switch self {
        case .edited, .focusMovedNext, .focusMovedPrevious:
            edit(&open)
            form = open
        case .cancelled:
            form = nil
        case .submitted(let freshID):
            return (open, freshID)
        }
        return nil
    }
}

/// Fields of the product form (create and edit).
public enum ProductField: String, FormField {
    case name, description
}

/// Fields of the "new price for this product" form.
public enum PriceField: String, FormField {
    case currency, amount, nickname, lookupKey
}

/// Fields of the "new price with a new product" form.
public enum InlinePriceField: String, FormField {
    case productName, productDescription, currency, amount, nickname, lookupKey
}

/// Fields of the cart's one-off item form.
public enum OneOffField: String, FormField {
    case name, amount, currency, quantity
}

/// Fields of the checkout form.
public enum CheckoutField: String, FormField {
    case successURL, cancelURL
}
