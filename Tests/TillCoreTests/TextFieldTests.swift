import Foundation
import Testing
@testable import TillCore

@Suite("Text fields and forms")
struct TextFieldTests {
    @Test func typingInsertsAtTheCursor() {
        var field = TextFieldValue("held")
        #expect(field.cursor == 4)
        field.apply(.cursorMovedLeft)
        field.apply(.cursorMovedLeft)
        do { let changed = field.apply(.inserted("ll")); #expect(changed) }
        #expect(field.text == "hellld" && field.cursor == 4)
        field.apply(.deletedBackward)
        #expect(field.text == "helld" && field.cursor == 3)
        field.apply(.deletedForward)
        #expect(field.text == "held" && field.cursor == 3)
        field.apply(.cursorMovedToStart)
        #expect(field.cursor == 0)
        do { let changed = field.apply(.deletedBackward); #expect(!changed) }
        do { let changed = field.apply(.cursorMovedLeft); #expect(!changed) }
        field.apply(.cursorMovedToEnd)
        #expect(field.cursor == 4)
        do { let changed = field.apply(.deletedForward); #expect(!changed) }
        do { let changed = field.apply(.cursorMovedRight); #expect(!changed) }
    }

    @Test func ctrlUDeletesEverythingBeforeTheCursor() {
        var field = TextFieldValue("hello world")
        for _ in 0..<5 { field.apply(.cursorMovedLeft) }
        field.apply(.deletedToStart)
        #expect(field == TextFieldValue("world").applying(.cursorMovedToStart))
        #expect(field.text == "world" && field.cursor == 0)
    }

    @Test func cursorCountsCharactersNotScalars() {
        var field = TextFieldValue("e\u{301}漢😀")
        #expect(field.cursor == 3)
        field.apply(.deletedBackward)
        #expect(field.text == "e\u{301}漢")
        field.apply(.deletedBackward)
        #expect(field.text == "é" || field.text == "e\u{301}")
        #expect(field.cursor == 1)
    }

    @Test("A combining mark or a second regional indicator typed alone joins the Character before it")
    func keysThatJoinThePreviousCharacterKeepTheCursorOnABoundary() {
        var field = TextFieldValue()
        field.apply(.inserted("e"))
        field.apply(.inserted("\u{301}"))
        #expect(field.text == "e\u{301}")
        #expect(field.cursor == 1)
        field.apply(.cursorMovedLeft)
        field.apply(.inserted("x"))
        #expect(field.text == "xe\u{301}")
        #expect(field.cursor == 1)
        field.apply(.cursorMovedToEnd)
        field.apply(.deletedBackward)
        #expect(field.text == "x")
        #expect(field.cursor == 1)

        var flag = TextFieldValue()
        flag.apply(.inserted("\u{1F1EC}"))
        flag.apply(.inserted("\u{1F1E7}"))
        #expect(flag.text == "🇬🇧")
        #expect(flag.cursor == 1)
        flag.apply(.deletedBackward)
        #expect(flag.text.isEmpty)
        #expect(flag.cursor == 0)
    }

    @Test func aSavedFieldWithAnImpossibleCursorIsReadBackSafely() throws {
        let json = Data(#"{"text":"abc","cursor":99}"#.utf8)
        var field = try JSONDecoder().decode(TextFieldValue.self, from: json)
        #expect(field.cursor == 3)
        field.apply(.deletedBackward)
        #expect(field.text == "ab")
        let negative = try JSONDecoder().decode(TextFieldValue.self, from: Data(#"{"text":"abc","cursor":-4}"#.utf8))
        #expect(negative.cursor == 0)
        let roundTrip = try JSONDecoder().decode(TextFieldValue.self, from: JSONEncoder().encode(field))
        #expect(roundTrip == field)
    }

    @Test func controlCharactersAndLineBreaksNeverEnter() {
        var field = TextFieldValue("a\nb\u{1B}[2Jc\u{7F}\u{9B}d\te")
        #expect(field.text == "ab[2Jcde")
        do { let changed = field.apply(.inserted("\r\n")); #expect(!changed) }
        #expect(field.text == "ab[2Jcde")
    }

    @Test func lengthIsCapped() {
        var field = TextFieldValue(String(repeating: "x", count: 600))
        #expect(field.text.count == TextFieldValue.maximumLength)
        do { let changed = field.apply(.inserted("y")); #expect(!changed) }
        field = TextFieldValue(String(repeating: "x", count: 498))
        do { let changed = field.apply(.inserted("abcd")); #expect(changed) }
        #expect(field.text.hasSuffix("xab") && field.cursor == 500)
    }

    @Test func formTabbingWrapsAndEditsClearTheMessage() {
        var form = FormState<InlinePriceField>([.currency: "GBP"])
        #expect(form.focus == .productName)
        #expect(form[.currency].text == "GBP" && form[.amount].text == "")
        form.edit(.focusMovedPrevious)
        #expect(form.focus == .lookupKey)
        form.edit(.focusMovedNext)
        #expect(form.focus == .productName)
        form.refuse(.amountRefused(.empty), at: .amount)
        #expect(form.focus == .amount && form.invalidField == .amount)
        form.edit(.edited(.cursorMovedLeft))    // nothing changes: the message stays
        #expect(form.message != nil)
        form.edit(.edited(.inserted("5")))
        #expect(form.message == nil && form.invalidField == nil && form[.amount].text == "5")
        form.refuse(.amountRefused(.empty), at: .amount)
        form.edit(.focusMovedNext)
        form.edit(.edited(.inserted("x")))     // another field: the amount's message stays
        #expect(form.message != nil && form[.nickname].text == "x")
        #expect(form.trimmed(.nickname) == "x")
        #expect(InlinePriceField.allCases == [.productName, .productDescription, .currency, .amount, .nickname, .lookupKey])
    }

    @Test("Selection movement", arguments: [
        (Movement.down, 3, 10, 4), (.up, 3, 10, 2), (.up, 0, 10, 0), (.down, 9, 10, 9),
        (.top, 7, 10, 0), (.bottom, 2, 10, 9), (.pageDown(rows: 4), 3, 10, 7), (.pageDown(rows: 4), 8, 10, 9),
        (.pageUp(rows: 4), 5, 10, 1), (.pageUp(rows: 4), 2, 10, 0), (.pageDown(rows: 0), 0, 10, 1),
        (.down, 0, 0, 0), (.bottom, 0, 0, 0),
    ])
    func movement(movement: Movement, from: Int, count: Int, to: Int) {
        #expect(movement.apply(to: from, count: count) == to)
    }
}
