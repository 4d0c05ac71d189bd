import Testing
import TillCore
@testable import TillView

/// A table made for these tests only: the checker and the filling are what is tested here; each
/// real table is checked in `PhraseTablesCheckTests`.
private enum Sample: PhraseTable {
    case refunded, greeting, onlyEnglish, renamed
    static let english: [Sample: String] = [.refunded: "Refunded {amount} ({id})", .greeting: "Hello",
                                            .onlyEnglish: "Only English", .renamed: "Named {name}"]
    static let spanish: [Sample: String] = [.refunded: "Reembolsado {amount} ({id})", .greeting: "Hola",
                                            .renamed: "Llamado {nombre}"]
}

@Suite("Phrase tables: filling, fallback and the check")
struct PhraseTableTests {
    @Test("placeholders are filled once; a value holding a placeholder stays as it is")
    func filling() {
        #expect(Sample.refunded.text(.english, "amount", "£2.10", "id", "re_1") == "Refunded £2.10 (re_1)")
        #expect(Sample.refunded.text(.spanish, "amount", "{id}", "id", "re_1") == "Reembolsado {id} (re_1)")
        #expect(Phrases.fill("{a} and {b", ["a": "x"]) == "x and {b")
        #expect(Phrases.fill("{missing}", ["a": "x"]) == "{missing}")
    }

    @Test("a phrase missing in Spanish is said in English")
    func fallback() {
        #expect(Sample.onlyEnglish.text(.spanish) == "Only English")
        #expect(Sample.greeting.text(.spanish) == "Hola")
    }

    @Test("the check names a phrase missing in Spanish and placeholders that differ")
    func check() {
        let problems = PhraseCheck.problems(Sample.self)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("onlyEnglish") && $0.contains("missing in Spanish") })
        #expect(problems.contains { $0.contains("renamed") && $0.contains("placeholders differ") })
    }
}
