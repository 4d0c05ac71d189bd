import Foundation
import Testing

/// TillCore says what happened as values; the words are TillView's (and the command line's). This
/// reads every TillCore source and fails for a string literal with words in it: letters, a space,
/// letters ("Could not load", "the cart"), outside comments and outside interpolations.
@Suite struct NoSentencesInCoreTests {
    /// Literals that may stay, by file and text, each with why.
    static let allowed: [(file: String, text: String, reason: String)] = [
        // Data, not words.
        ("Money/Currency.swift", "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
         "ISO 4217 codes without a minor unit: a table, split on spaces"),
        ("Money/Currency.swift", "BHD IQD JOD KWD LYD OMR TND", "ISO 4217 codes with three decimals: a table"),
        ("Money/Currency.swift", "CLF UYW", "ISO 4217 codes with four decimals: a table"),
        ("Money/Currency.swift", "*AED AFN ALL AMD*", "the ISO 4217 codes Till knows: a table"),
        ("Cart/Cart.swift", "The same price appears on two lines.",
         "DecodingError.debugDescription of a corrupt stored cart: for the log, never on screen"),
        // CartError.description: why a stored cart is corrupt, for the log and the shop store's
        // "unreadable" problem (LocalJSON.describe); the TUI says a CartError through Messages.
        ("Cart/Cart.swift", "Quantity must be from ", "CartError.description of a corrupt stored cart (quantity)"),
        ("Cart/Cart.swift", " to ", "CartError.description of a corrupt stored cart (quantity)"),
        ("Cart/Cart.swift", "The cart is in ", "CartError.description of a corrupt stored cart (currencies)"),
        ("Cart/Cart.swift", "; an item in ", "CartError.description of a corrupt stored cart (currencies)"),
        ("Cart/Cart.swift", " cannot join it. Check out or empty the cart first.", "CartError.description of a corrupt stored cart"),
        ("Cart/Cart.swift", "A cart holds at most ", "CartError.description of a corrupt stored cart (lines)"),
        ("Cart/Cart.swift", "The cart total would be too large.", "CartError.description of a corrupt stored cart (total)"),
        ("Cart/Cart.swift", "There is no cart line ", "CartError.description (never stored: setQuantity's refusal)"),
        ("Refunds/RefundJournal.swift", "unknown refund state '", "DecodingError.debugDescription of a corrupt journal: for the log"),
        // The command line's and the shop store's English, not the TUI's: the TUI says these values
        // through TillView's Messages. They leave TillCore when the command line takes its words from
        // TillView too (engineer "cli", issue #28).
        ("Model/APIFailure.swift", "*", "APIFailure.description: the CLI's error output and the refund journal's failure note"),
        ("Money/Money.swift", "*", "MoneyError.description: the CLI's and the catalog import's errors"),
        ("Money/Currency.swift", "Enter a currency code, such as GBP.", "CurrencyError.description: the CLI's --currency errors"),
        ("Money/Currency.swift", "*Unknown currency*", "CurrencyError.description: the CLI's --currency errors"),
        ("Money/Currency.swift", "*ISO 4217 code such as*", "CurrencyError.description: the CLI's --currency errors"),
        ("Refunds/RefundBalance.swift", "*", "RefundError.description: `till refunds` errors"),
        ("Reports/ReportTime.swift", "*", "ReportTimeError.description: `till report --from` errors"),
        ("Reports/ShiftLog.swift", "*", "ShiftLogError.description: `till report close` errors"),
        ("Operators/Operator.swift", "*", "operator name and PIN rules: `till operators` errors and the store's refusals"),
        ("Operators/Permissions.swift", "*", "GuardedAction.title: `till` approval errors"),
        ("Operators/Lockout.swift", "*", "PINCheck.refusal: `till` approval errors"),
        ("Model/Product.swift", "a product name", "ProductDraft.problem(withName:): the catalog import's English"),
        ("Model/Product.swift", "Enter ", "ProductDraft.problem(withName:): the catalog import's English"),
        ("Model/Product.swift", "Names can be at most ", "ProductDraft.problem(withName:): the catalog import's English"),
        ("Model/Product.swift", " characters (this one has ", "ProductDraft.problem(withName:): the catalog import's English"),
        ("Model/Price.swift", "A SKU or barcode has at most ", "PriceDraft.problem(withLookupKey:): `till prices` and the catalog import"),
        ("Model/Price.swift", " characters (this one has ", "PriceDraft.problem(withLookupKey:): `till prices` and the catalog import"),
        ("Model/Price.swift", "A SKU or barcode cannot contain spaces or control characters.",
         "PriceDraft.problem(withLookupKey:): `till prices` and the catalog import"),
        // The receipt is printed text, which engineer "es" moves to TillView with the other screens' words.
        ("Receipts/Receipt.swift", "*", "receipt lines (engineer es)"),
    ]

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/TillCore").standardizedFileURL

    @Test func noTillCoreSourceBuildsASentence() throws {
        let files = try #require(FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 50)
        var found: [String] = []
        for file in files {
            let path = String(file.standardizedFileURL.path.dropFirst(Self.sources.path.count + 1))
            let source = try String(contentsOf: file, encoding: .utf8)
            for literal in Self.literals(in: source) where Self.hasWords(literal) {
                if !Self.isAllowed(path, literal) { found.append("\(path): \"\(literal)\"") }
            }
        }
        #expect(found == [], "English in TillCore: say it as a Message (or allow it here, with why)")
    }

    @Test func theScanFindsASentenceAndSkipsCommentsAndInterpolations() {
        let source = #"""
            // "Not this one: a comment"
            let a = "id"
            /* "nor this" */ let b = "\(count) \(noun)"
            let c = .error("Could not load \(what)")
            let d = """
                A multi-line sentence
                """
            let e = "Refund \(x)"
            let f = "\(n) of \(m)"
            """#
        let words = Self.literals(in: source).filter(Self.hasWords)
        #expect(words.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } == ["Could not load", "A multi-line sentence", "Refund", "of"])
        #expect(!Self.isAllowed("App/AppReducer.swift", "Could not load "))
        #expect(Self.isAllowed("Money/Money.swift", "Enter an amount, such as 12.50."))
    }

    /// Two words ("the cart"), or a word and a space before an interpolation ("Refund \(id)",
    /// "Ticket \(n)"), where the literal's piece ends.
    static func hasWords(_ literal: String) -> Bool {
        literal.range(of: #"\p{L} +\p{L}"#, options: .regularExpression) != nil
            || literal.range(of: #"\p{L}{2,} +$"#, options: .regularExpression) != nil
    }

    static func isAllowed(_ path: String, _ literal: String) -> Bool {
        allowed.contains { entry in
            guard entry.file == path else { return false }
            if entry.text == "*" { return true }
            if entry.text.hasPrefix("*") && entry.text.hasSuffix("*") { return literal.contains(entry.text.dropFirst().dropLast()) }
            return entry.text == literal
        }
    }

    /// The text of each string literal outside comments; an interpolation ends one piece of text
    /// and starts another (what it holds is code, scanned for literals of its own).
    static func literals(in source: String) -> [String] {
        let chars = Array(source.unicodeScalars)
        var out: [String] = []
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k < chars.count ? chars[k] : nil }
        // Reads a literal starting at the opening quote(s); returns the index after it.
        func literal(from start: Int, pounds: Int) -> Int {
            let multi = at(start) == "\"" && at(start + 1) == "\"" && at(start + 2) == "\""
            var k = start + (multi ? 3 : 1)
            var text = ""
            func closes(_ k: Int) -> Bool {
                let quotes = multi ? 3 : 1
                guard (0..<quotes).allSatisfy({ at(k + $0) == "\"" }) else { return false }
                return (0..<pounds).allSatisfy { at(k + quotes + $0) == "#" }
            }
            while k < chars.count {
                if closes(k) {
                    out.append(text)
                    return k + (multi ? 3 : 1) + pounds
                }
                let escape = chars[k] == "\\" && (0..<pounds).allSatisfy { at(k + 1 + $0) == "#" }
                if escape {
                    let next = k + 1 + pounds
                    if at(next) == "(" {
                        // An interpolation: its code may hold literals; the text so far is one piece.
                        out.append(text)
                        text = ""
                        var depth = 1
                        var j = next + 1
                        while j < chars.count, depth > 0 {
                            if chars[j] == "\"" { j = literal(from: j, pounds: 0); continue }
                            if chars[j] == "(" { depth += 1 }
                            if chars[j] == ")" { depth -= 1 }
                            j += 1
                        }
                        k = j
                        continue
                    }
                    text.unicodeScalars.append(" ")
                    k = next + 1
                    continue
                }
                text.unicodeScalars.append(chars[k])
                k += 1
            }
            out.append(text)
            return k
        }
        while i < chars.count {
            let c = chars[i]
            if c == "/" && at(i + 1) == "/" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
            } else if c == "/" && at(i + 1) == "*" {
                i += 2
                while i < chars.count && !(chars[i] == "*" && at(i + 1) == "/") { i += 1 }
                i += 2
            } else if c == "#" {
                var pounds = 0
                while at(i + pounds) == "#" { pounds += 1 }
                if at(i + pounds) == "\"" { i = literal(from: i + pounds, pounds: pounds) } else { i += pounds }
            } else if c == "\"" {
                i = literal(from: i, pounds: 0)
            } else if c == "'" || c == "`" {
                i += 1
            } else {
                i += 1
            }
        }
        return out.filter { !$0.isEmpty }
    }
}
