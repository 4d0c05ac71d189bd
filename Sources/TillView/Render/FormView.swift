import TillCore

/// Forms: single-line fields with a cursor, the inline validation message and progress.
enum FormView {
    struct FieldModel {
        var label: String
        var value: TextFieldValue
        var focused: Bool
        var invalid: Bool
    }

    struct Model {
        var title: String
        var fields: [FieldModel]
        var message: String?
        var busy: String?
        /// A line of guidance under the fields, when there is no message.
        var note: String? = nil
        /// Rows listed under everything else (the lines a refund can choose from).
        var list: [String] = []
    }

    /// The product, price or one-off form open in the focused pane (the checkout form is drawn by its pane).
    static func model(for state: AppState, keys: BindingTable = .standard) -> Model? {
        let words = Messages(state, keys: keys)
        switch state.activeForm {
        case .product(let form)?:
            let title = form.mode == .create ? "New product" : "Edit product"
            return model(title, form.fields, busy: "Saving…", words: words)
        case .price(let form)?:
            switch form.fields {
            case .existingProduct(_, let name, let fields):
                return model("New price for " + name, fields, busy: "Creating the price…", words: words)
            case .newProduct(let fields):
                return model("New price with a new product", fields, busy: "Creating the product and price…", words: words)
            }
        case .oneOff(let form)?:
            return model("One-off item", form, busy: nil, words: words)
        case .checkout?, nil:
            return nil
        }
    }

    static func model<F: FormField>(_ title: String, _ form: FormState<F>, busy: String?, words: Messages) -> Model {
        Model(title: title, fields: fields(form, words: words), message: form.message.map { words.text($0) },
              busy: form.isSubmitting ? busy : nil)
    }

    static func fields<F: FormField>(_ form: FormState<F>, words: Messages) -> [FieldModel] {
        F.allCases.map { field in
            FieldModel(label: words.label(field), value: form[field], focused: form.focus == field,
                       invalid: form.invalidField == field)
        }
    }

    /// A form in a box centred in `area`, over whatever the pane drew.
    static func drawOverlay(_ model: Model, in area: Rect, into frame: inout Frame) {
        let width = min(area.width - 4, 76)
        let inner = width - 4
        let messageWidth = inner - 2
        var messageLines: [String] = []
        if let message = model.message { messageLines = Array(wordWrap(sanitize(message), toWidth: messageWidth).prefix(3)) }
        var noteLines: [String] = []
        if messageLines.isEmpty, let note = model.note, !note.isEmpty {
            noteLines = Array(wordWrap(sanitize(note), toWidth: messageWidth).prefix(2))
        }
        var height = 2 + 1 + model.fields.count + 1
        if !messageLines.isEmpty { height += messageLines.count + 1 }
        if !noteLines.isEmpty { height += noteLines.count + 1 }
        if !model.list.isEmpty { height += model.list.count + 1 }
        if model.busy != nil { height += messageLines.isEmpty ? 2 : 1 }
        let box = area.centered(Size(width: width, height: min(height, area.height)))
        frame.clear(Rect(x: box.x - 1, y: box.y, width: box.width + 2, height: box.height))
        frame.box(box, style: .accent, title: model.title)

        var y = box.y + 2
        drawFields(model.fields, x: box.x + 2, y: &y, width: inner, into: &frame)
        y += 1
        for line in messageLines where y < box.maxY - 1 {
            frame.put(line, x: box.x + 4, y: y, style: [.bold, .error])
            y += 1
        }
        for line in noteLines where y < box.maxY - 1 {
            frame.put(line, x: box.x + 4, y: y, style: .muted)
            y += 1
        }
        if !model.list.isEmpty { y += 1 }
        for line in model.list where y < box.maxY - 1 {
            frame.text(line, x: box.x + 4, y: y, width: inner - 2)
            y += 1
        }
        if let busy = model.busy, y < box.maxY - 1 {
            frame.put(busy, x: box.x + 4, y: y, style: .accent)
        }
    }

    /// Label and field per row; the focused field gets "›" and the terminal cursor.
    static func drawFields(_ fields: [FieldModel], x: Int, y: inout Int, width: Int, into frame: inout Frame) {
        let labelWidth = (fields.map { displayWidth($0.label) }.max() ?? 0) + 2
        for field in fields {
            frame.put(field.focused ? "›" : " ", x: x, y: y, style: [.bold, .accent])
            frame.text(field.label, x: x + 2, y: y, width: labelWidth - 1,
                       style: field.invalid ? [.bold, .error] : (field.focused ? .bold : []))
            let fieldX = x + 2 + labelWidth
            let rect = Rect(x: fieldX, y: y, width: max(1, x + width - fieldX), height: 1)
            drawField(field.value, in: rect, focused: field.focused, invalid: field.invalid, into: &frame)
            y += 1
        }
    }

    /// One single-line field, underlined across its width, scrolled so the cursor stays visible.
    /// When focused, the frame's cursor is put at the insertion point.
    static func drawField(_ value: TextFieldValue, in rect: Rect, focused: Bool, invalid: Bool = false,
                          into frame: inout Frame) {
        guard !rect.isEmpty else { return }
        var style: Style = .underline
        if invalid { style.role = .error }
        frame.clear(rect, style: style)
        // A key typed into a field shows redacted like everywhere else; the cursor then stays
        // within the shorter text.
        let shown = redactingSecretKeys(in: value.text)
        let characters = Array(shown)
        let widths = characters.map { displayWidth(sanitize(String($0))) }
        let rawCursor = shown == value.text || value.cursor < value.text.count ? value.cursor : characters.count
        let cursor = min(max(0, rawCursor), characters.count)
        var start = 0
        var before = widths[..<cursor].reduce(0, +)
        while before > rect.width - 1 && start < cursor {
            before -= widths[start]
            start += 1
        }
        frame.put(String(characters[start...]), x: rect.x, y: rect.y, style: style, clip: rect)
        if focused { frame.placeFieldCursor(at: Point(x: rect.x + before, y: rect.y)) }
    }
}
