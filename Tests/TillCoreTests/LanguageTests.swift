import Testing
import TillCore

@Suite("Language: the locale and the setting")
struct LanguageTests {
    @Test("POSIX and BCP 47 locale names give their language; others none",
          arguments: [("es_ES.UTF-8", Language.spanish), ("es_ES@euro", .spanish), ("es", .spanish),
                      ("es-MX", .spanish), ("ES_es.utf8", .spanish), ("en_GB.UTF-8", .english), ("en", .english)])
    func knownLocales(name: String, language: Language) {
        #expect(Language(locale: name) == language)
    }

    @Test("C, POSIX, empty and languages Till lacks give none", arguments: ["C", "POSIX", "", "ko-KR", "C.UTF-8", "fr_FR.UTF-8", "e", "_ES"])
    func unknownLocales(name: String) {
        #expect(Language(locale: name) == nil)
    }

    @Test("LC_ALL, then LC_MESSAGES, then LANG: the first set decides; unknown is English")
    func environmentOrder() {
        #expect(Language.fromEnvironment([:]) == .english)
        #expect(Language.fromEnvironment(["LANG": "es_ES.UTF-8"]) == .spanish)
        #expect(Language.fromEnvironment(["LANG": "es_ES.UTF-8", "LC_MESSAGES": "en_US.UTF-8"]) == .english)
        #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8", "LC_MESSAGES": "es_AR.UTF-8"]) == .spanish)
        #expect(Language.fromEnvironment(["LANG": "es_ES.UTF-8", "LC_ALL": "C"]) == .english)
        #expect(Language.fromEnvironment(["LANG": "es_ES.UTF-8", "LC_ALL": ""]) == .spanish)
        #expect(Language.fromEnvironment(["LANG": "ko-KR"]) == .english)
    }

    @Test("the setting: auto, en, es in any case; anything else refused")
    func setting() {
        #expect(LanguageSetting(parsing: "auto") == .auto)
        #expect(LanguageSetting(parsing: " ES ") == .fixed(.spanish))
        #expect(LanguageSetting(parsing: "en") == .fixed(.english))
        #expect(LanguageSetting(parsing: "spanish") == nil)
        #expect(LanguageSetting(parsing: "") == nil)
        #expect(LanguageSetting.auto.resolved(in: ["LANG": "es_ES.UTF-8"]) == .spanish)
        #expect(LanguageSetting.fixed(.english).resolved(in: ["LANG": "es_ES.UTF-8"]) == .english)
    }
}
