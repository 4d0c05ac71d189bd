import Foundation
import Testing
@testable import TillCore
@testable import TillView

/// TillCore's messages in words: every message in both languages, the English as Till has always
/// said it, the Spanish on the status line, and amounts in the currency's own format.
@Suite struct MessagesTests {
    typealias F = Fixtures
    static let failure = APIFailure(kind: .timeout, message: "no answer after 30 s.")

    /// One of every case of `Message` (checked against Message.swift below), and the variants
    /// whose words differ (one or many, with or without an optional part).
    static let samples: [Message] = {
        let failure = MessagesTests.failure
        return [
            .checkoutLocked,
            .cartEmpty,
            .quantityAlreadyOne,
            .addedToCart(name: "Table 4", quantity: 2),
            .quantityNotWhole,
            .cartRefused(.tooManyLines),
            .draftRefused(.missingURL(.success)),
            .checkoutCreated,
            .checkoutCreatedURLsKept,
            .checkoutFailed(failure),
            .cartNotSaved(reason: "Table 4", inForm: true),
            .checkoutResumed,
            .requestFailed(failure, keyed: true),
            .nothingToUndo,
            .nothingToRedo,
            .undid(.add(name: "Latte")),
            .redid(.add(name: "Latte")),
            .undidPark(label: "Table 4"),
            .undoParkTicketGone(label: "Table 4"),
            .undoParkNeedsEmptyCart(label: "Table 4"),
            .checkoutCannotBeUndone,
            .loadFailed(.products, failure, retry: .productsReload),
            .notLoaded(.products, failure),
            .catalogPricesLoadFailed(failure),
            .productsLoaded(count: 2),
            .productCreated(name: "Table 4"),
            .productCreateFailed(failure),
            .productSaved(name: "Table 4"),
            .productArchiveChanged(name: "Table 4", archived: true),
            .productUpdateFailed(failure),
            .productGone,
            .noProductSelected,
            .nameProblem(.empty(.item)),
            .lookupKeyProblem(.spacesOrControls),
            .newProductForCode(code: "Table 4"),
            .noPriceSelected,
            .priceArchived,
            .productArchived(name: "Table 4"),
            .priceCreated(Money(minorUnits: 1250, currency: .gbp)),
            .priceCreateFailed(failure),
            .openProductFirst,
            .currencyRefused(.unknown("XYZ")),
            .amountRefused(.tooManyDecimals(currency: .gbp, given: 3)),
            .nothingMatches(query: "Table 4"),
            .fetchingPrices(productName: "Table 4"),
            .pricesFetchFailed(failure),
            .misreadBarcode(kind: .ean13, code: "Table 4"),
            .lookingUpCode("Table 4"),
            .unknownCode("Table 4"),
            .codeLookupFailed(code: "Table 4", failure),
            .productHasNoPrice(name: "Table 4"),
            .sessionFetchFailed(failure),
            .sessionCheckFailed(failure),
            .onlyOpenSessionExpires(.expired),
            .sessionExpireFailed(failure),
            .sessionHasNoURL,
            .sessionURLCopied,
            .sessionHasNoURLForQR,
            .noSessionOpen,
            .sessionFinished(id: "Table 4", .paid, total: Money(minorUnits: 1250, currency: .gbp), spoken: true),
            .showingOpenSessionsOnly,
            .showingEverySession,
            .noSessionSelected,
            .receiptNeedsPaidSession(.expired, .unpaid),
            .savingReceipt(sessionId: "Table 4"),
            .receiptSaved(path: "Table 4", sentTo: "lp -d counter"),
            .receiptFailed(reason: "Table 4", savedPath: "lp -d counter"),
            .slipNeedsOpenSession(.expired),
            .printingSlip(sessionId: "Table 4"),
            .slipPrinted(on: "Table 4"),
            .slipNotPrinted(reason: "Table 4"),
            .storeWriteFailed(what: .cart, reason: "Table 4"),
            .storeUnreachable(reason: "Table 4", .refund),
            .storeReachable(saved: 2),
            .storeOpenProblem("Table 4", more: 2),
            .movedIntoStore(notes: ["parked tickets (2)"]),
            .noCartsParked,
            .resuming(label: "Table 4"),
            .discarding(label: "Table 4"),
            .ticketStoreUnreachable(label: "lp -d counter", reason: "Table 4"),
            .ticketGone(label: "lp -d counter"),
            .ticketTaken(label: "lp -d counter", till: "Table 4"),
            .discarded(label: "Table 4"),
            .resumed(label: "Table 4"),
            .parkFailed(label: "Table 4", reason: "Table 4", .keptHere),
            .resumeWaitsForCheckout(label: "Table 4"),
            .resumeNeedsEmptyCart(label: "Table 4"),
            .resumeNeedsSessionParked(openSessionId: "Table 4", label: "Table 4"),
            .parked(label: "Table 4", items: 2, total: Money(minorUnits: 1250, currency: .gbp)),
            .parkWaitsForCheckout,
            .parkedCapacityReached(2),
            .labelTooLong(maximum: 2),
            .labelHasControlCharacters,
            .labelInUse("Table 4"),
            .nothingToPark,
            .cartParkedForOwner("Table 4"),
            .refundRefused(.noLines),
            .refunding(Money(minorUnits: 1250, currency: .gbp), sessionId: "Table 4"),
            .refundNotSaved(reason: "Table 4"),
            .refundOutcomeUnknown(failure),
            .refundRefusedByAPI(failure),
            .refundCheckFailed(id: "Table 4", failure),
            .resendingRefunds(count: 2),
            .onlyPaidSessionRefunds(.expired, .unpaid),
            .sessionHasNoPaymentIntent(sessionId: "Table 4"),
            .refundBeingSent(sessionId: "Table 4"),
            .resendingRefund(Money(minorUnits: 1250, currency: .gbp)),
            .sessionHasNoTotal(sessionId: "Table 4"),
            .sessionNotRefundable,
            .linesComeTo(Money(minorUnits: 1250, currency: .gbp)),
            .refundLinesUnreadable,
            .noSuchSessionLine(number: 2, lines: 2),
            .refundUnitsNotWhole(line: 2),
            .lineFullyRefunded(line: 2),
            .refundReasonUnknown,
            .refunded(Money(minorUnits: 1250, currency: .gbp), id: "Table 4"),
            .refundPending(Money(minorUnits: 1250, currency: .gbp), id: "Table 4"),
            .refundFailed(Money(minorUnits: 1250, currency: .gbp), id: "Table 4", reason: "lp -d counter"),
            .refundCanceled(Money(minorUnits: 1250, currency: .gbp), id: "Table 4"),
            .loadingReportFirst,
            .noOpenSessionInShift,
            .expiringSessions(count: 2),
            .savingZReport,
            .zReportSaved(number: 3, closedAt: Date(timeIntervalSince1970: 1_700_000_000)),
            .zReportNotSaved(reason: "Table 4"),
            .zReportStoreAway(reason: "Table 4"),
            .zReportBeingSaved,
            .reportStillLoading,
            .reportFailedCannotClose,
            .noReportLoaded,
            .shiftEmpty,
            .reportCannotAddUp(.tooManyDecimals(currency: .gbp, given: 3)),
            .signedIn(name: "Table 4"),
            .approvalCancelled(.zClose),
            .needsManagerNoneInShop(.zClose),
            .managerOnly(.zClose),
            .sandboxNotice("Table 4"),
            // Variants.
            .cartNotSaved(reason: "disk full", inForm: false),
            .requestFailed(failure, keyed: false),
            .requestFailed(APIFailure(kind: .api(status: 400, type: "invalid_request_error", code: nil, param: "name"),
                                      message: ""), keyed: true),
            .undid(.remove(name: nil)), .redid(.quantityChange), .redid(.addOneOff), .redid(.remove(name: "Tea")),
            .productsLoaded(count: 1), .productArchiveChanged(name: "Tea", archived: false),
            .nameProblem(.empty(.product)), .nameProblem(.tooLong(length: 251, maximum: 250)),
            .lookupKeyProblem(.tooLong(length: 201, maximum: 200)),
            .sessionFinished(id: "cs_1", .expired, total: nil, spoken: false),
            .sessionFinished(id: "cs_1", .complete, total: Money(minorUnits: 1250, currency: .gbp), spoken: true),
            .receiptSaved(path: "/r.txt", sentTo: nil), .receiptFailed(reason: "no printer", savedPath: nil),
            .storeUnreachable(reason: "gone", .checkout), .storeUnreachable(reason: "gone", .selling),
            .storeReachable(saved: 1), .storeOpenProblem("bad", more: 0),
            .ticketGone(label: nil), .parkFailed(label: "T", reason: "r", .cartBack), .parkFailed(label: "T", reason: "r", .sessionBack),
            .parked(label: "T", items: 1, total: nil), .resendingRefunds(count: 1), .noSuchSessionLine(number: 4, lines: 1),
            .refundFailed(Money(minorUnits: 100, currency: .gbp), id: "re_1", reason: nil),
            .expiringSessions(count: 1), .zReportSaved(number: nil, closedAt: nil), .zReportRefused(.emptyWindow),
            .amountRefused(.tooManyDecimals(currency: .jpy, given: 1)), .amountRefused(.tooManyDecimals(currency: .jpy, given: 2)),
            .amountRefused(.tooManyDecimals(currency: Currency(apiCode: "MGA"), given: 2)),
            .amountRefused(.empty), .amountRefused(.negative), .amountRefused(.notANumber("abc")),
            .amountRefused(.misplacedSeparator("1,23")), .amountRefused(.tooLarge(currency: .gbp)), .amountRefused(.overflow),
            .amountRefused(.currencyMismatch(.gbp, .usd)), .currencyRefused(.empty),
            .cartRefused(.quantityOutOfRange(1000)), .cartRefused(.currencyMismatch(cart: .gbp, item: .usd)),
            .cartRefused(.totalTooLarge), .cartRefused(.noSuchLine(2)),
            .draftRefused(.emptyCart), .draftRefused(.urlHasSpaces(.cancel)), .draftRefused(.notAbsoluteURL(.success, "x")),
            .draftRefused(.unsupportedScheme(.cancel, "ftp")), .draftRefused(.missingHost(.success, "https://")),
            .refundRefused(.zeroAmount), .refundRefused(.nothingLeft(total: Money(minorUnits: 2500, currency: .gbp))),
            .refundRefused(.exceedsRemaining(requested: Money(minorUnits: 300, currency: .gbp), remaining: Money(minorUnits: 250, currency: .gbp))),
            .refundRefused(.currencyMismatch(expected: .gbp, given: .usd)), .refundRefused(.keyInUse("k1")),
            .refundRefused(.unknownLine("price_1")), .refundRefused(.tooManyUnits(line: "price_1", requested: 0, left: 2)),
            .refundRefused(.tooManyUnits(line: "price_1", requested: 2, left: 0)),
            .refundRefused(.tooManyUnits(line: "price_1", requested: 3, left: 1)),
            .refundRefused(.tooManyUnits(line: "price_1", requested: 3, left: 2)),
            .refundRefused(.noUnitAmount(line: "price_1")), .refundRefused(.overflow),
            .approvalCancelled(.refund), .approvalCancelled(.expireAll), .approvalCancelled(.discardOthersTicket),
            .approvalCancelled(.archiveProduct),
            .onlyPaidSessionRefunds(.open, .paid), .onlyPaidSessionRefunds(.complete, .noPaymentRequired),
            .loadFailed(.prices, failure, retry: .pricesReload), .loadFailed(.sessions, failure, retry: .historyReload),
            .sessionCheckFailed(APIFailure(kind: .connectionFailed, message: "refused")),
            .sessionCheckFailed(APIFailure(kind: .tls, message: "bad certificate")),
            .sessionCheckFailed(APIFailure(kind: .transport, message: "reset")),
            .sessionCheckFailed(APIFailure(kind: .decoding(path: ""), message: "not JSON")),
            .sessionCheckFailed(APIFailure(kind: .decoding(path: "data[0].id"), message: "missing")),
        ]
    }()

    /// The name of a message's case ("refunded").
    static func caseName(_ message: Message) -> String {
        Mirror(reflecting: message).children.first?.label ?? "\(message)"
    }

    @Test func theTablesHaveEveryPhraseInBothLanguagesWithTheSamePlaceholders() {
        #expect(PhraseCheck.problems(MessagePhrase.self) == [])
    }

    @Test func theSamplesHoldEveryCaseOfMessage() throws {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/TillCore/App/Message.swift").standardizedFileURL, encoding: .utf8)
        let body = try #require(source.components(separatedBy: "public enum Message:").dropFirst().first?
            .components(separatedBy: "\n}\n").first)
        let declared = Set(body.split(separator: "\n").compactMap { line -> String? in
            let words = line.trimmingCharacters(in: .whitespaces)
            guard words.hasPrefix("case ") else { return nil }
            return String(words.dropFirst(5).prefix { $0.isLetter || $0.isNumber })
        })
        #expect(declared.count > 100)
        let sampled = Set(Self.samples.map(Self.caseName))
        #expect(declared.subtracting(sampled).sorted() == [], "cases without a sample")
        #expect(sampled.subtracting(declared).sorted() == [])
    }

    @Test(arguments: Language.allCases)
    func everyMessageHasWordsWithNoPlaceholderLeft(language: Language) {
        for message in Self.samples {
            let text = message.text(language)
            #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(message)")
            #expect(text.range(of: #"\{[A-Za-z0-9_]+\}"#, options: .regularExpression) == nil, "\(language) \(message): \(text)")
        }
        let words = Messages(language)
        for label in [ProgressLabel.loadingProducts, .loadingSessions, .creatingCheckoutSession] {
            #expect(!words.text(label).isEmpty)
        }
    }

    @Test func spanishIsNotEnglish() {
        var same: [String] = []
        for message in Self.samples where message.text(.english) == message.text(.spanish) {
            if case .sandboxNotice = message { continue }
            if case .storeOpenProblem(_, 0) = message { continue }
            if case .requestFailed(let failure, _) = message, failure.kind == .configuration { continue }
            same.append("\(message)")
        }
        #expect(same == [])
    }

    @Test func theEnglishIsAsTillHasAlwaysSaidIt() {
        let failure = Self.failure
        let cases: [(Message, String)] = [
            (.checkoutLocked, "A checkout session is being created: the cart is locked until WooshPay answers."),
            (.refunded(Money(minorUnits: 600, currency: .gbp), id: "re_1"), "Refunded GBP 6.00 (re_1)."),
            (.nothingMatches(query: "lat"), "Nothing matches \"lat\": check the spelling, or add it on Products (1)."),
            (.loadFailed(.products, failure, retry: .productsReload),
             "Could not load products: WooshPay did not answer in time: no answer after 30 s. Press r to retry."),
            (.parked(label: "Ticket 1", items: 2, total: Money(minorUnits: 700, currency: .gbp)),
             "Parked \"Ticket 1\" (2 items, GBP 7.00). P lists parked carts."),
            (.ticketStoreUnreachable(label: nil, reason: "locked"), "Could not reach the shop store: locked. \"the ticket\" stays parked."),
            (.sessionFinished(id: "cs_1", .paid, total: Money(minorUnits: 2500, currency: .gbp), spoken: true),
             "PAID GBP 25.00. n starts the next sale. Session cs_1."),
            (.sessionFinished(id: "cs_1", .complete, total: nil, spoken: false), "Session cs_1 is complete. n starts the next sale."),
            (.resendingRefunds(count: 2), "Sending 2 unanswered refunds again, with the same idempotency keys."),
            (.storeOpenProblem("The refund journal could not be read.", more: 1),
             "The refund journal could not be read. (and 1 more: see the log)"),
            (.zReportSaved(number: 1, closedAt: Date(timeIntervalSince1970: 1_700_003_600)),
             "Z report #1 saved: the shift closed at 2023-11-14 23:13 UTC. The next shift starts there."),
            (.requestFailed(failure, keyed: true),
             "WooshPay did not answer in time: no answer after 30 s. It may have gone through: press Enter to retry safely (same idempotency key)."),
            (.requestFailed(APIFailure(kind: .api(status: 400, type: "invalid_request_error", code: "parameter_missing", param: "name"),
                                       message: "Missing name.", requestId: "req_1"), keyed: true),
             "Missing name. (field name, invalid_request_error, parameter_missing, HTTP 400, request req_1)"),
            (.cartRefused(.currencyMismatch(cart: .gbp, item: .usd)),
             "The cart is in GBP; an item in USD cannot join it. Check out or empty the cart first."),
            (.cartRefused(.quantityOutOfRange(1000)), "Quantity must be from 1 to 999 (1000 asked)."),
            (.zReportRefused(.notTheOpenShift(expectedStart: Date(timeIntervalSince1970: 1_700_003_600), reportStart: nil)),
             "Z report not saved: " + ShiftLogError.notTheOpenShift(expectedStart: Date(timeIntervalSince1970: 1_700_003_600),
                                                                     reportStart: nil).description),
            (.zReportRefused(.emptyWindow), "Z report not saved: " + ShiftLogError.emptyWindow.description),
            (.draftRefused(.unsupportedScheme(.cancel, "ftp")), "The Cancel URL must start with https:// or http://, not ftp:."),
            (.draftRefused(.missingURL(.success)), "Enter the Success URL, such as https://example.com/thanks."),
            (.amountRefused(.tooManyDecimals(currency: .gbp, given: 3)), "GBP takes at most 2 decimals (3 given)."),
            (.amountRefused(.tooLarge(currency: .gbp)), "That amount is too large: the most is GBP 999,999,999.99."),
            (.refundRefused(.tooManyUnits(line: "price_coffee", requested: 2, left: 1)),
             "Only 1 unit of price_coffee is left to refund (2 asked)."),
            (.needsManagerNoneInShop(.refund),
             "Refund needs a manager, and the shop has none: add one with `till operators add NAME --role manager`."),
            (.nameProblem(.tooLong(length: 251, maximum: 250)), "Names can be at most 250 characters (this one has 251)."),
            (.misreadBarcode(kind: .ean13, code: "4006381333932"),
             "Misread EAN-13 4006381333932: its check digit is wrong. Nothing was added; scan it again."),
        ]
        for (message, english) in cases { #expect(message.text(.english) == english) }
    }

    @Test func theQuestionsInEnglish() {
        let words = Messages(.english)
        let gbp = { (minor: Int64) in Money(minorUnits: minor, currency: .gbp) }
        #expect(words.prompt(.archiveProduct(id: "p", name: "Coffee", archive: true)) == "Archive \"Coffee\"? (y/n)")
        #expect(words.prompt(.archiveProduct(id: "p", name: "Tea", archive: false)) == "Unarchive \"Tea\"? (y/n)")
        #expect(words.prompt(.removeLastCartLine(name: "Coffee · Large")) == "Remove \"Coffee · Large\" and empty the cart? (y/n)")
        #expect(words.prompt(.expireSession(id: "cs_1")) == "Expire session cs_1? The customer can no longer pay. (y/n)")
        #expect(words.prompt(.liveCheckout(total: Money(minorUnits: 1_250, currency: .jpy), freshID: "k"))
                == "LIVE: create a real checkout session for JPY 1,250? (y/n)")
        #expect(words.prompt(.liveCheckout(total: gbp(1250), freshID: "k")) == "LIVE: create a real checkout session for GBP 12.50? (y/n)")
        let choice = RefundChoice(sessionId: "cs_9", paymentIntentId: "pi_9", amount: gbp(600), reason: .requestedByCustomer,
                                  lines: nil, idempotencyKey: "k1")
        #expect(words.prompt(.refund(choice, live: false)) == "Refund GBP 6.00 of session cs_9 (requested by customer)? (y/n)")
        var duplicate = choice
        duplicate.amount = gbp(950)
        duplicate.reason = .duplicate
        #expect(words.prompt(.refund(duplicate, live: true)) == "LIVE: refund GBP 9.50 of real money of session cs_9 (duplicate)? (y/n)")
        let end = Date(timeIntervalSince1970: 1_700_003_600)
        var figures = ShiftReport.Figures(currency: .gbp)
        figures.paid.amount = 2500
        let report = ShiftReport(window: ShiftWindow(start: nil, end: end), figures: [figures])
        #expect(words.prompt(.closeShift(report, number: 1)) == "Close the shift: Z report #1 from the start of the data to "
            + "2023-11-14 23:13 UTC, net GBP 25.00? It is saved and the next shift starts there. (y/n)")
        #expect(words.prompt(.closeShift(ShiftReport(window: ShiftWindow(start: end, end: end), figures: []), number: 2))
            .contains("from 2023-11-14 23:13 UTC to 2023-11-14 23:13 UTC, net nothing?"))
        #expect(words.prompt(.expireSessions(ids: ["cs_4", "cs_2"]))
                == "Expire the 2 open sessions of this shift? Customers can no longer pay them. (y/n)")
        #expect(words.prompt(.quitWithStoreAway).hasSuffix("Quit anyway? (y/n)"))
    }

    @Test func signInWordsInEnglish() {
        let words = Messages(.english)
        #expect(words.text(SignInMessage.notAPIN) == "A PIN is 4 to 12 digits.")
        #expect(words.text(SignInMessage.refused(.refused(lockedFor: nil))) == "Wrong name or PIN.")
        #expect(words.text(SignInMessage.refused(.refused(lockedFor: 60))) == "Wrong name or PIN. Too many tries: locked for 1 min.")
        #expect(words.text(SignInMessage.locked(by: "Sam")) == "Locked by Sam. Sign in to go on; the cart waits for Sam.")
        #expect(words.duration(3_840) == "1 h 4 min" && words.duration(45) == "45 s" && words.duration(7_200) == "2 h")
        #expect(words.label(InlinePriceField.productName) == "Product name")
        #expect(InlinePriceField.allCases.map { words.label($0) } == ["Product name", "Description", "Currency", "Amount", "Nickname", "SKU/barcode"])
    }

    @Test func spanishKeepsTheCurrencysOwnFormat() {
        let yen = Message.priceCreated(Money(minorUnits: 1_250, currency: .jpy))
        #expect(yen.text(.spanish) == "Precio JPY 1,250 creado.")
        #expect(Message.refunded(Money(minorUnits: 123_456, currency: .gbp), id: "re_1").text(.spanish) == "Reembolsado GBP 1,234.56 (re_1).")
        #expect(Messages(.spanish).prompt(.liveCheckout(total: Money(minorUnits: 1250, currency: .gbp), freshID: "k"))
                == "REAL: ¿crear una sesión de pago real por GBP 12.50? (y/n)")
    }

    /// The status line at 80 columns holds 76 characters of an error ("! " and the edges take the
    /// rest; an information line holds 78): a message that fits in English fits in Spanish too, so
    /// the key it names is never cut.
    @Test func spanishFitsTheStatusLineWhereEnglishDoes() {
        let width = 76
        var over: [String] = []
        for message in Self.samples where message.text(.english).count <= width {
            let spanish = message.text(.spanish)
            if spanish.count > width { over.append("\(spanish.count): \(spanish)") }
        }
        #expect(over == [])
    }

    @Test func spanishWordsTheOptionalPartsWithoutGrammarSlips() {
        let end = Date(timeIntervalSince1970: 1_700_003_600)
        // A session is feminine.
        #expect(Message.sessionFinished(id: "cs_1", .paid, total: nil, spoken: true).text(.spanish).hasPrefix("PAGADA."))
        #expect(Message.sessionFinished(id: "cs_1", .complete, total: nil, spoken: true).text(.spanish).hasPrefix("COMPLETADA."))
        #expect(Message.sessionFinished(id: "cs_1", .expired, total: nil, spoken: true).text(.spanish).hasPrefix("CADUCADA."))
        // A ticket without a label starts a sentence with a capital, and is not quoted.
        #expect(Message.ticketGone(label: nil).text(.spanish) == "El ticket ya no está aparcado.")
        #expect(Message.ticketStoreUnreachable(label: nil, reason: "bloqueado").text(.spanish)
                == "Almacén de la tienda inaccesible: bloqueado. El ticket sigue aparcado.")
        #expect(Message.ticketTaken(label: nil, till: "2").text(.spanish) == "La caja 2 se ha llevado el ticket.")
        #expect(Message.ticketTaken(label: "Mesa 4", till: "2").text(.spanish) == "La caja 2 se ha llevado «Mesa 4».")
        // The shift closed on a date, or now; it starts on a date, or at the start of the data.
        #expect(Message.zReportSaved(number: 1, closedAt: end).text(.spanish)
                == "Informe Z n.º 1 guardado: el turno se cerró el 2023-11-14 23:13 UTC. El turno siguiente empieza ahí.")
        #expect(Message.zReportSaved(number: nil, closedAt: nil).text(.spanish).contains("el turno se cerró ahora."))
        let refused = Message.zReportRefused(.notTheOpenShift(expectedStart: end, reportStart: nil)).text(.spanish)
        #expect(refused.contains("empieza el 2023-11-14T23:13:20Z, no al inicio de los datos:"), "\(refused)")
        #expect(!refused.contains("el el"))
        #expect(Message.zReportRefused(.notTheOpenShift(expectedStart: nil, reportStart: end)).text(.english)
                == "Z report not saved: " + ShiftLogError.notTheOpenShift(expectedStart: nil, reportStart: end).description)
        #expect(Message.zReportSaved(number: nil, closedAt: nil).text(.english)
                == "Z report saved: the shift closed at now. The next shift starts there.")
        #expect(Message.ticketGone(label: nil).text(.english) == "\"the ticket\" is no longer parked.")
        #expect(Message.ticketTaken(label: "T", till: "2").text(.english) == "\"T\" was taken by till 2.")
        // A park undone whose ticket had no label to read.
        #expect(Message.undidPark(label: nil).text(.spanish) == "Deshecho: aparcar el ticket; su carrito ha vuelto.")
        #expect(Message.undidPark(label: nil).text(.english) == "Undid: park \"ticket\"; its cart is back.")
        #expect(Message.undoParkNeedsEmptyCart(label: nil).text(.spanish).hasSuffix("del ticket."))
        #expect(!Message.undoParkTicketGone(label: nil).text(.spanish).contains("«"))
        // What the store could not save is named in the sentence's language.
        #expect(Message.storeWriteFailed(what: .refundJournal, reason: "disk full").text(.english)
                == "Could not save the refund journal in the shop store: disk full")
        #expect(Message.storeWriteFailed(what: .refundJournal, reason: "disco lleno").text(.spanish)
                == "No se pudo guardar el diario de reembolsos en el almacén de la tienda: disco lleno")
        #expect(Message.storeWriteFailed(what: .parkedTicket, reason: "x").text(.english).hasPrefix("Could not save the parked ticket in"))
        // The refund that was not saved names the yes key, in both languages.
        #expect(Message.refundNotSaved(reason: "disco lleno").text(.spanish)
                == "No se pudo guardar el reembolso: disco lleno; no se ha enviado nada. Pulsa y para reintentarlo (misma clave de idempotencia).")
        #expect(Message.refundNotSaved(reason: "disk full").text(.english)
                == "Could not save the refund: disk full; nothing was sent. y tries again (same idempotency key).")
        // The reasons the hint lists are the words the question shows.
        let hint = Message.refundReasonUnknown.text(.spanish)
        #expect(hint.contains("duplicado") && hint.contains("fraudulento") && hint.contains("solicitado"))
        #expect(Messages(.spanish).text(Refund.Reason.requestedByCustomer).hasPrefix("solicitado"))
    }

    @Test func countsAreGroupedAsTheLanguageWritesThem() {
        #expect(Message.resendingRefunds(count: 1_200).text(.english) == "Sending 1,200 unanswered refunds again, with the same idempotency keys.")
        #expect(Message.resendingRefunds(count: 1_200).text(.spanish).hasPrefix("Reenviando 1200 reembolsos"))
        #expect(Message.expiringSessions(count: 12_000).text(.spanish) == "Caducando 12\u{00A0}000 sesiones abiertas…")
        #expect(Message.productsLoaded(count: 12_000).text(.english) == "Loaded 12,000 products.")
        #expect(Message.productsLoaded(count: 12_000).text(.spanish) == "12\u{00A0}000 productos cargados.")
        #expect(Message.parked(label: "T", items: 1_500, total: Money(minorUnits: 123_456, currency: .gbp)).text(.spanish)
                .contains("(1500 artículos, GBP 1,234.56)"))
        #expect(Messages(.spanish).count(999) == "999" && Messages(.spanish).count(-12_345) == "-12\u{00A0}345")
    }

    /// A pane whose list did not load says so, and how to retry, in the operator's language.
    @Test(arguments: [Pane.products, .prices, .history, .reports])
    func aFailedLoadOnAPaneIsInTheOperatorsLanguage(pane: Pane) {
        var state = F.state()
        switch pane {
        case .products:
            F.send(&state, .started, .catalog(.productsPageLoaded(startingAfter: nil, .failure(Self.failure))))
        case .prices:
            state = F.loaded(F.products(3))
            F.send(&state, .products(.pricesRequested))
            F.send(&state, .prices(.pricesLoaded(productId: state.prices.productId!, .failure(Self.failure))))
        case .history:
            F.send(&state, .paneSelected(.history), .history(.pageLoaded(startingAfter: nil, .failure(Self.failure))))
        default:
            F.send(&state, .paneSelected(.reports),
                   .reports(.pageLoaded(from: nil, through: F.now, startingAfter: nil, .failure(Self.failure))))
        }
        state.focus = pane
        state.status.message = nil
        let size = Size(width: 200, height: 40)
        state.settings.language = .spanish
        let spanish = render(state, size: size).text()
        #expect(spanish.contains("WooshPay no respondió a tiempo: no answer after 30 s. Pulsa r para reintentar."), "\(spanish)")
        #expect(!spanish.contains("Press r") && !spanish.contains("Could not load"))
        state.settings.language = .english
        let english = render(state, size: size).text()
        #expect(english.contains("WooshPay did not answer in time: no answer after 30 s. Press r to retry."), "\(english)")
    }

    @Test func theStatusLineSpeaksTheOperatorsLanguage() {
        var state = F.loaded(F.products(3))
        state.settings.language = .spanish
        state.status.message = .error(.loadFailed(.products, Self.failure, retry: .productsReload))
        let size = Size(width: 120, height: 40)
        let status = render(state, size: size).row(size.height - 2)
        #expect(status.contains("! No se pudieron cargar los productos: WooshPay no respondió a tiempo: no answer after 30 s. Pulsa r para reintentar."),
                "\(status)")
        state.status.message = .info(.parked(label: "Mesa 4", items: 2, total: Money(minorUnits: 700, currency: .gbp)))
        #expect(render(state, size: size).row(size.height - 2).contains("«Mesa 4» aparcado (2 artículos, GBP 7.00). P lista los carritos aparcados."))
        // A remapped key is named in Spanish too.
        state.status.message = .info(.undid(.add(name: "Té")))
        #expect(render(state, size: size).row(size.height - 2).contains("Deshecho: añadir Té. Ctrl-R lo rehace."))
        // The same state in English is as it always was.
        state.settings.language = .english
        #expect(render(state, size: size).row(size.height - 2).contains("Undid: add Té. Ctrl-R redoes it."))
    }

    @Test func spanishQuestionsAndFormsAtEightyColumns() {
        var state = F.loaded(F.products(3))
        state.settings.language = .spanish
        state.confirmation = .archiveProduct(id: "p", name: "Café", archive: true)
        let text = render(state, size: Size(width: 80, height: 24)).text()
        #expect(text.contains("¿Archivar «Café»? (y/n)"), "\(text)")
        state.confirmation = nil
        F.send(&state, .products(.newProductRequested), .products(.form(.submitted(freshID: "k1"))))
        let form = render(state, size: Size(width: 80, height: 24)).text()
        #expect(form.contains("Nombre") && form.contains("Descripción"), "\(form)")
        #expect(form.contains("Escribe un nombre de producto."), "\(form)")
    }
}
