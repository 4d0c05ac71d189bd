import Foundation
import Testing
@testable import till
@testable import TillConfig
@testable import TillCatalog
import TillCore
import TillStore
import TillView
import WooshPay

/// The command line's words: both tables complete, English word for word what it was, and the
/// language chosen by --language, config.toml and the locale.
@Suite("The command line's words", .serialized) struct CLIWordsTests {
    @Test func everyTableHasEveryPhraseInSpanishWithTheSamePlaceholders() {
        #expect(PhraseCheck.problems(CLIPhrase.self).isEmpty, "\(PhraseCheck.problems(CLIPhrase.self))")
        #expect(PhraseCheck.problems(ErrorPhrase.self).isEmpty, "\(PhraseCheck.problems(ErrorPhrase.self))")
        #expect(PhraseCheck.problems(Heading.self).isEmpty, "\(PhraseCheck.problems(Heading.self))")
    }

    /// In English the command line says the lower layers' errors exactly as they describe themselves.
    @Test func englishErrorsAreTheLowerLayersOwnWords() {
        CLILanguage.current = .english
        let configuration: [ConfigurationError] = [
            .missingKey(configPath: "/h/config.toml"), .malformedKey(reason: .prefix), .malformedKey(reason: .characters, variable: "WOOSHPAY_SECRET_KEY"),
            .insecurePermissions(path: "/h/c", mode: 0o644), .insecureFolder(path: "/h", mode: 0o777),
            .environmentKeyNotUsed(.insecurePermissions(path: "/h/c", mode: 0o640)),
            .invalidBaseURL("ftp://x", reason: .scheme), .invalidBaseURL("x", reason: .notAURL), .invalidBaseURL("https://u@x", reason: .userInfo),
            .invalidBaseURL("https://x?a", reason: .queryOrFragment), .invalidBaseURL("http://x", reason: .plainHTTPOffLoopback),
            .liveWriteRefused,
        ]
        for error in configuration { #expect(Says.configuration(error) == error.description) }
        let store: [ShopStoreError] = [
            .newerSchema(location: "/s.db", found: 9, supported: 4), .unavailable(location: "pg", reason: "down"),
            .refused(location: "pg", reason: "constraint"), .unreadable(location: "pg", what: "a cart", reason: "json"),
            .tillInUse(name: "t-1", host: "h", pid: 42), .invalidTillName("a b"), .leaseLost(name: "t-1"),
        ]
        for error in store { #expect(Says.store(error) == error.description) }
        let operators: [OperatorError] = [.exists("Ana"), .unknown("Ana"), .invalidName("", problem: "empty"), .lastManager("Ana")]
        for error in operators { #expect(Says.operators(error) == error.description) }
        let kinds: [APIFailure.Kind] = [
            .api(status: 400, type: "invalid_request_error", code: "parameter_missing", param: "name"),
            .api(status: 500, type: nil, code: nil, param: nil), .timeout, .connectionFailed, .tls, .transport,
            .decoding(path: ""), .decoding(path: "data[0].id"), .configuration,
        ]
        for kind in kinds {
            for message in ["", "No such product"] {
                let failure = APIFailure(kind: kind, message: message, requestId: "req_1")
                #expect(Says.api(failure) == failure.description)
            }
        }
        #expect(Says.keysFile(.binding(.noKey(action: "help"), path: "/h/keys.toml", line: 4))
                == "/h/keys.toml line 4: help needs at least one key")
    }

    @Test func spanishErrorsKeepWhatTheyQuote() {
        CLILanguage.current = .spanish
        defer { CLILanguage.current = .english }
        #expect(Says.configuration(.invalidBaseURL("http://example.com", reason: .plainHTTPOffLoopback))
                == "La URL base de la API 'http://example.com' no sirve: http sin cifrar solo se admite hacia loopback (127.0.0.1, localhost, ::1).")
        #expect(Says.store(.tillInUse(name: "t-1", host: "h", pid: 42))
                == "La caja t-1 ya está abierta (proceso 42 en h): elige otro nombre con --till, o quítalo para tomar uno libre.")
        let failure = APIFailure(kind: .api(status: 404, type: "invalid_request_error", code: nil, param: "id"), message: "")
        #expect(Says.api(failure) == "WooshPay rechazó la petición (HTTP 404) (campo id, invalid_request_error, HTTP 404)")
    }

    @Test func tillCoresRefusalsAreWordedAsOnTheScreenInEitherLanguage() {
        let errors: [any Error & CustomStringConvertible] = [
            MoneyError.notANumber("abc"), MoneyError.negative, CurrencyError.unknown("XYZ"),
            ShiftLogError.notTheOpenShift(expectedStart: Date(timeIntervalSince1970: 1_700_000_000), reportStart: nil),
        ]
        for error in errors { #expect(Says.any(error) == error.description, "\(error)") }
        CLILanguage.current = .spanish
        defer { CLILanguage.current = .english }
        for error in errors { #expect(Says.any(error) != error.description, "not in Spanish: \(Says.any(error))") }
        #expect(Says.any(MoneyError.notANumber("abc")).contains("«abc» no es un importe"))
    }

    @Test func theFlagIsReadBeforeAnythingElseAndOnlyBeforeDashDash() {
        #expect(CLILanguage.flag(in: ["products", "list", "--language", "es"]) == .fixed(.spanish))
        #expect(CLILanguage.flag(in: ["--language=en", "products"]) == .fixed(.english))
        #expect(CLILanguage.flag(in: ["--language", "auto"]) == .auto)
        #expect(CLILanguage.flag(in: ["--language", "fr"]) == nil)
        #expect(CLILanguage.flag(in: ["--language"]) == nil)
        #expect(CLILanguage.flag(in: ["--", "--language", "es"]) == nil)
    }

    @Test func theFlagWinsOverTheConfigFileWhichWinsOverTheLocale() throws {
        let home = try TemporaryFolder()
        defer { home.cleanUp() }
        var environment = home.environment
        environment["LANG"] = "es_ES.UTF-8"
        #expect(CLILanguage.resolve(arguments: [], environment: environment) == .spanish)
        #expect(CLILanguage.resolve(arguments: ["--language", "en"], environment: environment) == .english)
        for (locale, language) in [("C", Language.english), ("ko-KR", .english), ("es_ES@euro", .spanish), ("", .english)] {
            environment["LANG"] = locale
            #expect(CLILanguage.resolve(arguments: [], environment: environment) == language, "LANG=\(locale)")
        }
        let config = home.path + "/config/till/config.toml"
        try FileManager.default.createDirectory(atPath: home.path + "/config/till", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try PrivateFile.write(Data("language = \"es\"\n".utf8), to: config)
        environment["LANG"] = "C"
        #expect(CLILanguage.resolve(arguments: [], environment: environment) == .spanish)
        #expect(CLILanguage.resolve(arguments: ["--language=auto"], environment: environment) == .english)
    }
}

/// The built binary in Spanish: human output and messages change, what scripts read does not.
@Suite("The command line in Spanish", .serialized) struct SpanishCLITests {
    @Test func theLocaleAndTheFlagBothGiveSpanishTablesAndTheJSONNeverChanges() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            let created = try await till.run(["products", "create", "--name", "Café con leche"] + base, key: key)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout.contains("Name:"))

            var spanish = till
            spanish.environment["LANG"] = "es_ES.UTF-8"
            let listed = try await spanish.run(["products", "list"] + base, key: key)
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout.hasPrefix("ID"))
            #expect(listed.stdout.contains("NOMBRE") && listed.stdout.contains("ACTIVO") && listed.stdout.contains(" sí "))

            let flagged = try await till.run(["products", "list", "--language", "es"] + base, key: key)
            #expect(flagged.stdout == listed.stdout)
            let english = try await spanish.run(["products", "list", "--language", "en"] + base, key: key)
            #expect(english.stdout.contains("NAME") && english.stdout.contains("ACTIVE") && !english.stdout.contains("NOMBRE"))

            let jsonEnglish = try await till.run(["products", "list", "--json"] + base, key: key)
            let jsonSpanish = try await spanish.run(["products", "list", "--json", "--language", "es"] + base, key: key)
            #expect(jsonEnglish.status == 0 && jsonSpanish.status == 0)
            #expect(jsonEnglish.stdout == jsonSpanish.stdout)
        }
    }

    @Test func usageAndAPIErrorsAreSpanishWithTheSameExitCodes() async throws {
        try await withSandbox { sandbox, till, key in
            let base = ["--api-base", sandbox.baseURL]
            var spanish = till
            spanish.environment["LANG"] = "es_ES.UTF-8"
            let usage = try await spanish.run(["products", "list", "--limit", "0"] + base, key: key)
            #expect(usage.status == 2)
            #expect(usage.stderr.contains("--limit debe estar entre 1 y 100"), "\(usage.stderr)")
            let englishUsage = try await till.run(["products", "list", "--limit", "0"] + base, key: key)
            #expect(englishUsage.status == 2 && englishUsage.stderr.contains("--limit must be between 1 and 100"))

            let missing = try await spanish.run(["products", "get", "prod_missing"] + base, key: key)
            let englishMissing = try await till.run(["products", "get", "prod_missing"] + base, key: key)
            #expect(missing.status == englishMissing.status && missing.status == 1)
            #expect(missing.stderr.contains("HTTP 404"))

            let live = ["--api-base", sandbox.baseURL]
            let refused = try await spanish.run(["products", "create", "--name", "Té"] + live,
                                                key: TestKeys.random(prefix: "sk_live_"))
            #expect(refused.status == 4)
            #expect(refused.stderr.contains("Esta orden cambia datos con una clave real (sk_live_); añade --live"),
                    "\(refused.stderr)")
        }
    }

    @Test func aCommandWithoutGlobalOptionsFollowsTheConfigFileAndTheLocale() async throws {
        let till = try TillProcess()
        defer { till.cleanUp() }
        var spanish = till
        spanish.environment["LANG"] = "es_ES.UTF-8"
        let none = try await spanish.run(["operators", "list"])
        #expect(none.status == 0)
        #expect(none.stdout.hasPrefix("No hay operadores"), "\(none.stdout)")

        try FileManager.default.createDirectory(atPath: till.home + "/config/till", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try PrivateFile.write(Data("language = \"es\"\n".utf8), to: till.configPath)
        let configured = try await till.run(["audit"])
        #expect(configured.status == 0)
        #expect(configured.stdout.hasPrefix("No hay entradas de auditoría"), "\(configured.stdout)")
    }

    /// Locales Till does not speak, or that are malformed, fall back to English without a crash.
    @Test(arguments: ["C", "ko-KR", "es_ES@euro", "", "xx_YY.weird@@", "es"])
    func anyLocaleRuns(_ locale: String) async throws {
        var till = try TillProcess()
        defer { till.cleanUp() }
        till.environment["LANG"] = locale
        let result = try await till.run(["operators", "list"])
        #expect(result.status == 0)
        let spanish = locale.hasPrefix("es")
        #expect(result.stdout.hasPrefix(spanish ? "No hay operadores" : "No operators"), "LANG=\(locale): \(result.stdout)")
    }
}

/// The refusals TillConfig and TillCatalog carry as values: English word for word as before, and
/// Spanish with nothing left in English.
@Suite("Config, keys and catalog refusals in words", .serialized) struct RefusalWordsTests {
    let configProblems: [(ConfigProblem, String)] = [
        (.nulCharacter, "a NUL character is not allowed"),
        (.unknownSetting("secretkey", known: ["secret_key", "api_base"]), "unknown setting 'secretkey' (known: secret_key, api_base)"),
        (.width(key: "receipt_width", allowed: [42, 48]), "receipt_width must be 42 or 48 (columns)"),
        (.notString(key: "shop_name"), "'shop_name' must be a string in quotes"),
        (.printerQR, "printer_qr must be \"native\" or \"raster\""),
        (.lockAfter, "lock_after must be a time such as \"5m\", \"90s\" or \"1h\", or \"off\""),
        (.language(accepted: "auto, en, es"), "language must be one of auto, en, es"),
        (.permissionSetting(key: "refund", accepted: ["anyone", "approval", "manager"]),
         "permissions.refund must be one of anyone, approval, manager, in quotes"),
    ]

    @Test func everyTableHasEveryPhraseInSpanishWithTheSamePlaceholders() {
        for problems in [PhraseCheck.problems(DoctorPhrase.self), PhraseCheck.problems(ConfigPhrase.self),
                         PhraseCheck.problems(CatalogPhrase.self)] {
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test func configAndKeysRefusalsAreTheSameEnglishAndSpanishWithoutLeftovers() {
        for (problem, english) in configProblems {
            #expect(Says.problem(problem, in: .english) == english)
            let spanish = Says.problem(problem, in: .spanish)
            #expect(spanish != english && !spanish.contains(" must "), "\(spanish)")
        }
        let error = ConfigFileError(path: "/h/config.toml", line: 3, problem: .lockAfter)
        #expect(Says.configFile(error, in: .english) == "/h/config.toml:3: lock_after must be a time such as \"5m\", \"90s\" or \"1h\", or \"off\"")
        #expect(Says.configFile(error, in: .spanish).hasPrefix("/h/config.toml:3: lock_after debe ser un tiempo"))
        let keys = KeysFileError(path: "/h/keys.toml", line: 2, problem: .notKeys(action: "check-out", scope: "cart"))
        #expect(Says.keysFile(keys, in: .english) == "/h/keys.toml line 2: check-out in [cart] takes a key in quotes or a list "
                + "of them: check-out = \"Ctrl-K\" or check-out = [\"Ctrl-K\", \"F2\"]")
        #expect(Says.keysFile(keys, in: .spanish).hasPrefix("/h/keys.toml línea 2: check-out en [cart] espera una tecla"))
    }

    @Test func secretKeyAndLocalFileTroublesAreSpanishWithoutLeftovers() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        // A file where the folder should be: PrivateFile cannot make the folder (the system's words stay as given).
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path + "/taken"))
        var caught: LocalFileError?
        do { try PrivateFile.write(Data("y".utf8), to: folder.path + "/taken/till/config.toml") } catch { caught = error }
        let local = try #require(caught)
        let errors: [any Error & CustomStringConvertible] = [
            ConfigurationError.malformedKey(reason: .prefix), ConfigurationError.malformedKey(reason: .characters),
            ConfigurationError.malformedKey(reason: .prefix, variable: "WOOSHPAY_SECRET_KEY"), local,
            LocalFileError(path: "/h/c", problem: .notWritten), LocalFileError(path: "/h/c", problem: .unreadable),
            LocalFileError(path: "/h/c", problem: .notUTF8),
        ]
        CLILanguage.current = .english
        for error in errors { #expect(Says.any(error) == error.description) }
        CLILanguage.current = .spanish
        defer { CLILanguage.current = .english }
        for error in errors {
            #expect(Says.any(error) != error.description)
            // Foundation's own words about the folder (in the system's language) stay as they came.
            let spanish = Says.any(error).components(separatedBy: " (").first ?? ""
            for word in ["starts with", "holds only", "not usable", "could not", "is not UTF-8"] {
                #expect(!spanish.contains(word), "\(spanish)")
            }
        }
        #expect(Says.any(errors[2]) == "La clave secreta no sirve: WOOSHPAY_SECRET_KEY: una clave secreta de WooshPay "
                + "empieza por sk_test_ o sk_live_.")
        #expect(Says.any(local).hasPrefix(folder.path + "/taken/till: no se pudo crear la carpeta ("), "\(Says.any(local))")
    }

    @Test func catalogRowsAreTheSameEnglishAndSpanishWithoutLeftovers() {
        let tea = ImportPlan.NewPrice(line: 4, amount: Money(minorUnits: 150, currency: .eur), nickname: "Small", sku: "T1")
        let rows: [(ImportPlan.Outcome, String)] = [
            (.fail(.noName), "no name"),
            (.fail(.price("abc", .notANumber("abc"))),
             "price abc: \"abc\" is not an amount: use digits with an optional decimal point, such as 12.50."),
            (.fail(.duplicateSKU("A6", firstLine: 7)), "the SKU A6 is also on line 7"),
            (.fail(.skuOnOtherProduct(sku: "T9", name: "Tea", id: "prod_2")),
             "the SKU T9 is already on another product, \"Tea\" (prod_2); run with --update to rename it"),
            (.create(.price(tea, product: "Tea", id: "prod_2")), "price EUR 1.50 (SKU T1) \"Small\" for \"Tea\" (prod_2)"),
            (.create(.productWithPrice(name: "Scone", tea)), "product \"Scone\" with price EUR 1.50 (SKU T1) \"Small\""),
            (.skip(.priceThere(id: "price_1", amount: tea.amount, asked: tea.amount)), "already there: price_1, EUR 1.50"),
            (.update(ImportPlan.ProductChange(id: "prod_1", name: "Tea", update: ProductUpdate(name: "Té", active: false))),
             "product prod_1 name \"Tea\" → \"Té\", archived"),
        ]
        for (outcome, english) in rows {
            #expect(Says.outcome(outcome, in: .english) == english)
            let spanish = Says.outcome(outcome, in: .spanish)
            #expect(spanish != english, "\(spanish)")
            for word in ["price ", "already", "product ", "name", "line"] {
                #expect(!spanish.contains(word), "\(spanish)")
            }
        }
        #expect(Says.catalogFile(.noNameColumn, in: .spanish).hasPrefix("la línea de cabecera: no hay columna name"))
    }
}

/// The built binary in Spanish where lower layers refuse: a bad config.toml, a bad catalog file, and `till doctor`.
@Suite("Refusals and the doctor in Spanish", .serialized) struct SpanishRefusalsCLITests {
    @Test func aBadConfigFileIsRefusedInSpanish() async throws {
        var till = try TillProcess()
        defer { till.cleanUp() }
        try FileManager.default.createDirectory(atPath: till.home + "/config/till", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try PrivateFile.write(Data("shop_name = \"x\"\nlock_after = \"soon\"\n".utf8), to: till.configPath)
        let english = try await till.run(["operators", "list"])
        #expect(english.status == 4)
        #expect(english.stderr.contains("config.toml:2: lock_after must be a time such as"), "\(english.stderr)")
        till.environment["LANG"] = "es_ES.UTF-8"
        let spanish = try await till.run(["operators", "list"])
        #expect(spanish.status == 4)
        #expect(spanish.stderr.contains("config.toml:2: lock_after debe ser un tiempo como"), "\(spanish.stderr)")
        #expect(!spanish.stderr.contains("must be"))
    }

    @Test func aBadKeysFileAndAMalformedKeyAreRefusedInSpanish() async throws {
        var till = try TillProcess()
        defer { till.cleanUp() }
        try FileManager.default.createDirectory(atPath: till.home + "/config/till", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try Data("[cart]\nchekout = \"Ctrl-K\"\n".utf8).write(to: URL(fileURLWithPath: till.home + "/config/till/keys.toml"))
        let english = try await till.run(["keys", "check"])
        #expect(english.status == 2)
        #expect(english.stderr.contains("keys.toml line 2: unknown action \"chekout\" in [cart]; actions there: "),
                "\(english.stderr)")
        let tui = try await till.run(["tui", "--language", "es"])
        #expect(tui.status == 2)
        #expect(tui.stderr.contains("keys.toml línea 2: acción desconocida \"chekout\" en [cart]; acciones allí: "),
                "\(tui.stderr)")
        till.environment["LANG"] = "es_ES.UTF-8"
        let spanish = try await till.run(["keys", "check"])
        #expect(spanish.status == 2)
        #expect(spanish.stderr == tui.stderr)
        for word in ["unknown", "line 2", "actions there"] { #expect(!spanish.stderr.contains(word), "\(spanish.stderr)") }

        // A malformed key: the reason in Spanish, never the key.
        let bad = "pk_test_" + String(repeating: "Q7", count: 12)
        let refused = try await till.run(["products", "list", "--language", "es", "--api-base", "http://127.0.0.1:9"], key: bad)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("La clave secreta no sirve: WOOSHPAY_SECRET_KEY: una clave secreta de WooshPay "
                                        + "empieza por sk_test_ o sk_live_."), "\(refused.stderr)")
        #expect(!refused.stderr.contains("starts with") && !refused.stderr.contains("Q7Q7"), "\(refused.stderr)")
    }

    @Test func aBadCatalogFileIsReportedInSpanishAndItsJSONStaysEnglish() async throws {
        try await withSandbox { sandbox, till, key in
            let folder = try TemporaryFolder()
            defer { folder.cleanUp() }
            let path = folder.path + "/catalog.csv"
            try Data("name,price,currency,sku\n,1.00,GBP,A1\nTea,abc,GBP,A2\nScone,1.00,GBP,A3\n".utf8)
                .write(to: URL(fileURLWithPath: path))
            let base = ["--api-base", sandbox.baseURL, "--dry-run"]
            let spanish = try await till.run(["products", "import", path, "--language", "es"] + base, key: key)
            #expect(spanish.status == 4, "\(spanish.stdout)\(spanish.stderr)")
            #expect(spanish.stderr.contains("sin nombre") && spanish.stderr.contains("precio abc: «abc» no es un importe"),
                    "\(spanish.stderr)")
            #expect(spanish.stdout.contains("el producto «Scone» con el precio GBP 1.00 (SKU A3)"), "\(spanish.stdout)")
            for english in ["no name", "is not an amount", "product \""] {
                #expect(!spanish.stderr.contains(english) && !spanish.stdout.contains(english), "\(english)")
            }
            let json = try await till.run(["products", "import", path, "--json", "--language", "es"] + base, key: key)
            #expect(json.stdout.contains("\"detail\":\"no name\""), "\(json.stdout)")
        }
    }

    @Test func theDoctorSpeaksSpanishAndItsJSONStaysEnglish() async throws {
        var till = try TillProcess()
        defer { till.cleanUp() }
        till.environment["LANG"] = "es_ES.UTF-8"
        let run = try await till.run(["doctor"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        for check in ["✓ archivo de configuración: no hay en ", "✓ clave: ninguna: el sandbox integrado en ", "✓ conectar con ",
                      "✓ crear un producto", "✓ paginar precios: starting_after", "✓ limpieza: archivados ",
                      "✓ reintentos: "] {
            #expect(run.stdout.contains(check), "\(check)\n\(run.stdout)")
        }
        for english in ["config file", "create a", "clean up", "retries", " on the first page", "the defaults apply"] {
            #expect(!run.stdout.contains(english), "\(english)\n\(run.stdout)")
        }
        let json = try await till.run(["doctor", "--json"])
        let checks = try #require(try json.json()["checks"] as? [[String: Any]])
        #expect(checks.first?["name"] as? String == "config file")
    }
}
