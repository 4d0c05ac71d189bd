import Foundation
import TillCore

/// TillCore's values in the operator's words: status messages, progress labels, the y/n
/// questions, form refusals and the labels of TillCore's form fields. The words themselves are in
/// `MessagePhrase`'s tables (Messages.en.swift, Messages.es.swift); this file only picks the phrase
/// and fills it. Amounts keep the currency's own format in every language. Text from elsewhere
/// (the API's messages, a reason from the shop store) is put in as it came; whoever draws it
/// sanitises it, as all text on screen.
public struct Messages: Sendable {
    public var language: Language
    /// The binding table in use: a message that names a key writes the key it is bound to.
    public var keys: BindingTable

    public init(_ language: Language, keys: BindingTable = .standard) {
        self.language = language
        self.keys = keys
    }

    /// The words of the state's language.
    public init(_ state: AppState, keys: BindingTable = .standard) {
        self.init(state.settings.language, keys: keys)
    }

    private func say(_ phrase: MessagePhrase, _ values: [String: String] = [:]) -> String {
        phrase.text(language, values)
    }

    private func key(_ mention: KeyMention) -> String { keys.label(of: mention) }

    /// A ticket's label in quotes, for the phrases that name a ticket.
    private func quoted(_ label: String) -> String { say(.quoted, ["text": label]) }

    /// " Press r to retry.", after a message that does not say how to retry.
    public func retryHint(_ mention: KeyMention) -> String { say(.pressToRetry, ["key": key(mention)]) }

    /// A count with its digits grouped as the language writes them: "1,200" and "12,000" in English;
    /// in Spanish (RAE) four digits stay together, "1200", and longer counts group with a
    /// non-breaking space, "12 000". Amounts keep the currency's own format instead.
    public func count(_ value: Int) -> String {
        switch language {
        case .english: return groupedDigits(value)
        case .spanish:
            guard value.magnitude >= 10_000 else { return "\(value)" }
            return groupedDigits(value).replacingOccurrences(of: ",", with: "\u{00A0}")
        }
    }

    // MARK: Messages

    /// The message in words.
    public func text(_ message: Message) -> String {
        switch message {
        case .checkoutLocked: say(.checkoutLocked)
        case .cartEmpty: say(.cartEmpty)
        case .quantityAlreadyOne:
            say(.quantityAlreadyOne, ["key": key(.cartRemoveLine), "key2": key(.cartRemoveSelectedLine)])
        case .addedToCart(let name, let quantity): say(.addedToCart, ["name": name, "quantity": "\(quantity)"])
        case .quantityNotWhole: say(.quantityNotWhole)
        case .cartRefused(let error): text(error)
        case .draftRefused(let error): text(error)
        case .checkoutCreated: say(.checkoutCreated)
        case .checkoutCreatedURLsKept: say(.checkoutCreatedURLsKept)
        case .checkoutFailed(let failure): say(.checkoutFailed, ["failure": text(failure)])
        case .cartNotSaved(let reason, true): say(.cartNotSavedInForm, ["reason": reason])
        case .cartNotSaved(let reason, false): say(.cartNotSaved, ["reason": reason])
        case .checkoutResumed: say(.checkoutResumed)
        case .requestFailed(let failure, let keyed):
            !failure.outcomeUnknown ? text(failure)
                : say(keyed ? .requestMayHaveGoneKeyed : .requestMayHaveGone, ["failure": text(failure)])

        case .nothingToUndo: say(.nothingToUndo)
        case .nothingToRedo: say(.nothingToRedo)
        case .undid(let change): say(.undid, ["what": text(change), "key": key(.redo)])
        case .redid(let change): say(.redid, ["what": text(change)])
        case .undidPark(let label?): say(.undidPark, ["label": label])
        case .undidPark(nil): say(.undidParkUnlabelled)
        case .undoParkTicketGone(let label?): say(.undoParkTicketGone, ["label": label])
        case .undoParkTicketGone(nil): say(.undoParkTicketGoneUnlabelled)
        case .undoParkNeedsEmptyCart(let label?): say(.undoParkNeedsEmptyCart, ["label": label])
        case .undoParkNeedsEmptyCart(nil): say(.undoParkNeedsEmptyCartUnlabelled)
        case .checkoutCannotBeUndone: say(.checkoutCannotBeUndone, ["key": key(.sessionExpire)])

        case .loadFailed(let subject, let failure, let retry):
            say(.loadFailed, ["what": text(subject), "failure": text(failure), "key": key(retry)])
        case .notLoaded(let subject, let failure): say(.notLoaded, ["what": text(subject), "failure": text(failure)])
        case .catalogPricesLoadFailed(let failure):
            say(.catalogPricesLoadFailed, ["failure": text(failure), "key": key(.productsReload)])
        case .productsLoaded(let count): say(count == 1 ? .productsLoadedOne : .productsLoaded, ["count": self.count(count)])

        case .productCreated(let name): say(.productCreated, ["name": name])
        case .productCreateFailed(let failure): say(.productCreateFailed, ["failure": text(failure)])
        case .productSaved(let name): say(.productSaved, ["name": name])
        case .productArchiveChanged(let name, let archived): say(archived ? .productArchivedDone : .productUnarchived, ["name": name])
        case .productUpdateFailed(let failure): say(.productUpdateFailed, ["failure": text(failure)])
        case .productGone: say(.productGone)
        case .noProductSelected: say(.noProductSelected)
        case .nameProblem(let problem): text(problem)
        case .lookupKeyProblem(let problem): text(problem)
        case .newProductForCode(let code): say(.newProductForCode, ["code": code, "key": key(.formSubmit)])
        case .noPriceSelected: say(.noPriceSelected)
        case .priceArchived: say(.priceArchived)
        case .productArchived(let name): say(.productArchived, ["name": name, "key": key(.productsArchive)])
        case .priceCreated(let money): say(.priceCreated, ["amount": money.formatted])
        case .priceCreateFailed(let failure): say(.priceCreateFailed, ["failure": text(failure)])
        case .openProductFirst: say(.openProductFirst, ["key": key(.productsOpenPrices)])
        case .currencyRefused(let error): text(error)
        case .amountRefused(let error): text(error)

        case .nothingMatches(let query): say(.nothingMatches, ["query": query, "key": key(.showProducts)])
        case .fetchingPrices(let name): say(.fetchingPrices, ["name": name])
        case .pricesFetchFailed(let failure): say(.pricesFetchFailed, ["failure": text(failure)])
        case .misreadBarcode(let kind, let code): say(.misreadBarcode, ["kind": kind.rawValue, "code": code])
        case .lookingUpCode(let code): say(.lookingUpCode, ["code": code])
        case .unknownCode(let code):
            say(.unknownCode, ["code": code, "key": key(.unknownCodeNew), "key2": key(.unknownCodeDismiss)])
        case .codeLookupFailed(let code, let failure): say(.codeLookupFailed, ["code": code, "failure": text(failure)])
        case .productHasNoPrice(let name):
            say(.productHasNoPrice, ["name": name, "key": key(.productsOpenPrices), "key2": key(.pricesNewPrice)])

        case .sessionFetchFailed(let failure): say(.sessionFetchFailed, ["failure": text(failure)])
        case .sessionCheckFailed(let failure): say(.sessionCheckFailed, ["failure": text(failure)])
        case .onlyOpenSessionExpires(let status): say(.onlyOpenSessionExpires, ["status": text(status)])
        case .sessionExpireFailed(let failure): say(.sessionExpireFailed, ["failure": text(failure)])
        case .sessionHasNoURL: say(.sessionHasNoURL)
        case .sessionURLCopied: say(.sessionURLCopied)
        case .sessionHasNoURLForQR: say(.sessionHasNoURLForQR)
        case .noSessionOpen: say(.noSessionOpen)
        case .sessionFinished(let id, let outcome, let total, let spoken):
            finished(id: id, outcome, total: total, spoken: spoken)
        case .showingOpenSessionsOnly: say(.showingOpenSessionsOnly, ["key": key(.historyOpenOnly)])
        case .showingEverySession: say(.showingEverySession)
        case .noSessionSelected: say(.noSessionSelected)

        case .receiptNeedsPaidSession(let status, let payment):
            say(.receiptNeedsPaidSession, ["status": text(status), "payment": text(payment)])
        case .savingReceipt(let id): say(.savingReceipt, ["id": id])
        case .receiptSaved(let path, nil): say(.receiptSaved, ["path": path])
        case .receiptSaved(let path, let command?): say(.receiptSavedAndSent, ["path": path, "command": command])
        case .receiptFailed(let reason, nil): say(.receiptFailed, ["reason": reason])
        case .receiptFailed(let reason, let path?): say(.receiptFailedSaved, ["reason": reason, "path": path])
        case .slipNeedsOpenSession(let status): say(.slipNeedsOpenSession, ["status": text(status)])
        case .printingSlip(let id): say(.printingSlip, ["id": id])
        case .slipPrinted(let place): say(.slipPrinted, ["where": place])
        case .slipNotPrinted(let reason): say(.slipNotPrinted, ["reason": reason, "key": key(.sessionPrintSlip)])
        case .storeWriteFailed(let what, let reason): say(.storeWriteFailed, ["what": text(what), "reason": reason])
        case .storeUnreachable(let reason, let work):
            say(work == .checkout ? .storeUnreachableCheckout : work == .refund ? .storeUnreachableRefund : .storeUnreachableSelling,
                ["reason": reason])
        case .storeReachable(let saved): say(saved == 1 ? .storeReachableOne : .storeReachable, ["count": count(saved)])
        case .storeOpenProblem(let problem, let more):
            more <= 0 ? problem : say(.storeOpenProblems, ["problem": problem, "count": "\(more)"])
        case .movedIntoStore(let notes): say(.movedIntoStore, ["notes": notes.joined(separator: ", ")])

        case .noCartsParked: say(.noCartsParked, ["key": key(.park)])
        case .resuming(let label): say(.resuming, ["label": label])
        case .discarding(let label): say(.discarding, ["label": label])
        case .ticketStoreUnreachable(let label?, let reason):
            say(.ticketStoreUnreachable, ["ticket": quoted(label), "reason": reason])
        case .ticketStoreUnreachable(nil, let reason): say(.ticketStoreUnreachableUnlabelled, ["reason": reason])
        case .ticketGone(let label?): say(.ticketGone, ["ticket": quoted(label)])
        case .ticketGone(nil): say(.ticketGoneUnlabelled)
        case .ticketTaken(let label?, let till): say(.ticketTaken, ["ticket": quoted(label), "till": till])
        case .ticketTaken(nil, let till): say(.ticketTakenUnlabelled, ["till": till])
        case .discarded(let label): say(.discarded, ["label": label])
        case .resumed(let label): say(.resumed, ["label": label])
        case .parkFailed(let label, let reason, let outcome):
            say(outcome == .cartBack ? .parkFailedCartBack : outcome == .sessionBack ? .parkFailedSessionBack : .parkFailedKept,
                ["label": label, "reason": reason])
        case .resumeWaitsForCheckout(let label): say(.resumeWaitsForCheckout, ["label": label])
        case .resumeNeedsEmptyCart(let label): say(.resumeNeedsEmptyCart, ["label": label, "key": key(.park)])
        case .resumeNeedsSessionParked(let id, let label):
            say(.resumeNeedsSessionParked, ["id": id, "label": label, "key": key(.showSession), "key2": key(.park)])
        case .parked(let label, let items, let total):
            say(.parked, ["label": label, "summary": say(items == 1 ? .itemsOne : .items, ["count": count(items)])
                            + (total.map { ", " + $0.formatted } ?? ""), "key": key(.parked)])
        case .parkWaitsForCheckout: say(.parkWaitsForCheckout)
        case .parkedCapacityReached(let capacity): say(.parkedCapacityReached, ["count": "\(capacity)", "key": key(.parked)])
        case .labelTooLong(let maximum): say(.labelTooLong, ["maximum": "\(maximum)"])
        case .labelHasControlCharacters: say(.labelHasControlCharacters)
        case .labelInUse(let label): say(.labelInUse, ["label": label])
        case .nothingToPark: say(.nothingToPark)
        case .cartParkedForOwner(let owner): say(.cartParkedForOwner, ["name": owner, "key": key(.parked)])

        case .refundRefused(let error): text(error)
        case .refunding(let amount, let id): say(.refunding, ["amount": amount.formatted, "id": id])
        case .refundNotSaved(let reason): say(.refundNotSaved, ["reason": reason, "key": key(.confirmYes)])
        case .refundOutcomeUnknown(let failure):
            say(.refundOutcomeUnknown, ["failure": text(failure), "key": key(.sessionRefund)])
        case .refundRefusedByAPI(let failure): say(.refundRefusedByAPI, ["failure": text(failure)])
        case .refundCheckFailed(let id, let failure): say(.refundCheckFailed, ["id": id, "failure": text(failure)])
        case .resendingRefunds(let count):
            say(count == 1 ? .resendingRefundsOne : .resendingRefunds, ["count": self.count(count)])
        case .onlyPaidSessionRefunds(let status, let payment):
            say(.onlyPaidSessionRefunds, ["status": text(status), "payment": text(payment)])
        case .sessionHasNoPaymentIntent(let id): say(.sessionHasNoPaymentIntent, ["id": id])
        case .refundBeingSent(let id): say(.refundBeingSent, ["id": id])
        case .resendingRefund(let amount): say(.resendingRefund, ["amount": amount.formatted])
        case .sessionHasNoTotal(let id): say(.sessionHasNoTotal, ["id": id])
        case .sessionNotRefundable: say(.sessionNotRefundable)
        case .linesComeTo(let amount): say(.linesComeTo, ["amount": amount.formatted])
        case .refundLinesUnreadable: say(.refundLinesUnreadable)
        case .noSuchSessionLine(let number, let lines):
            say(.noSuchSessionLine, ["number": "\(number)",
                                     "lines": say(lines == 1 ? .linesOne : .lines, ["count": count(lines)])])
        case .refundUnitsNotWhole(let line): say(.refundUnitsNotWhole, ["number": "\(line)"])
        case .lineFullyRefunded(let line): say(.lineFullyRefunded, ["number": "\(line)"])
        case .refundReasonUnknown: say(.refundReasonUnknown)
        case .refunded(let amount, let id): say(.refunded, ["amount": amount.formatted, "id": id])
        case .refundPending(let amount, let id): say(.refundPending, ["amount": amount.formatted, "id": id])
        case .refundFailed(let amount, let id, nil): say(.refundFailed, ["amount": amount.formatted, "id": id])
        case .refundFailed(let amount, let id, let reason?):
            say(.refundFailedBecause, ["amount": amount.formatted, "id": id, "reason": reason])
        case .refundCanceled(let amount, let id): say(.refundCanceled, ["amount": amount.formatted, "id": id])

        case .loadingReportFirst: say(.loadingReportFirst)
        case .noOpenSessionInShift: say(.noOpenSessionInShift)
        case .expiringSessions(let count):
            say(count == 1 ? .expiringSessionsOne : .expiringSessions, ["count": self.count(count)])
        case .savingZReport: say(.savingZReport)
        case .zReportSaved(let number, let closedAt):
            say(number == nil ? .zReportSaved : .zReportNumberSaved,
                ["number": number.map { "\($0)" } ?? "",
                 "end": closedAt.map { say(.closedAt, ["time": ReportTime.utcText($0)]) } ?? say(.closedNow)])
        case .zReportNotSaved(let reason): say(.zReportNotSaved, ["reason": reason])
        case .zReportStoreAway(let reason): say(.zReportStoreAway, ["reason": reason])
        case .zReportRefused(let error): say(.zReportNotSaved, ["reason": text(error)])
        case .zReportBeingSaved: say(.zReportBeingSaved)
        case .reportStillLoading: say(.reportStillLoading)
        case .reportFailedCannotClose: say(.reportFailedCannotClose, ["key": key(.reportsReload)])
        case .noReportLoaded: say(.noReportLoaded, ["key": key(.reportsReload)])
        case .shiftEmpty: say(.shiftEmpty)
        case .reportCannotAddUp(let error): say(.reportCannotAddUp, ["error": text(error)])

        case .signedIn(let name): say(.signedIn, ["name": name])
        case .approvalCancelled(let action): say(.approvalCancelled, ["action": title(action)])
        case .needsManagerNoneInShop(let action): say(.needsManagerNoneInShop, ["action": title(action)])
        case .managerOnly(let action): say(.managerOnly, ["action": title(action), "key": key(.lock)])

        case .sandboxNotice(let notice): notice
        }
    }

    /// The watched session ended. For a screen reader the outcome word, the amount and the next
    /// step lead, and the id (the longest part) comes last, where a narrow line cuts it.
    private func finished(id: String, _ outcome: SessionEnding, total: Money?, spoken: Bool) -> String {
        guard spoken else {
            return say(outcome == .paid ? .sessionPaid : outcome == .complete ? .sessionComplete : .sessionExpired,
                       ["id": id, "key": key(.sessionNextSale)])
        }
        let word = say(outcome == .paid ? .outcomePaid : outcome == .complete ? .outcomeComplete : .outcomeExpired)
        return say(.sessionFinishedSpoken, ["outcome": word + (total.map { " " + $0.formatted } ?? ""),
                                            "key": key(.sessionNextSale), "id": id])
    }

    /// "Loading products", before the "…" and the count.
    public func text(_ label: ProgressLabel) -> String {
        switch label {
        case .loadingProducts: say(.loadingProducts)
        case .loadingSessions: say(.loadingSessions)
        case .creatingCheckoutSession: say(.creatingCheckoutSession)
        }
    }

    /// What the shop store failed to save, as the sentence names it ("refund journal").
    func text(_ write: StoreWrite) -> String {
        switch write {
        case .cart: say(.writeCart)
        case .parkedTicket: say(.writeParkedTicket)
        case .checkoutURLDefaults: say(.writeCheckoutURLDefaults)
        case .refundJournal: say(.writeRefundJournal)
        case .customerDisplay: say(.writeCustomerDisplay)
        case .auditTrail: say(.writeAuditTrail)
        }
    }

    func text(_ subject: LoadSubject) -> String {
        switch subject {
        case .products: say(.subjectProducts)
        case .prices: say(.subjectPrices)
        case .sessions: say(.subjectSessions)
        }
    }

    func text(_ change: CartChange) -> String {
        switch change {
        case .add(let name): say(.changeAdd, ["name": name])
        case .quantityChange: say(.changeQuantity)
        case .remove(let name?): say(.changeRemove, ["name": name])
        case .remove(nil): say(.changeRemoveLine)
        case .addOneOff: say(.changeAddOneOff)
        }
    }

    /// A session's status as a sentence names it ("expired").
    public func text(_ status: CheckoutSession.Status) -> String {
        switch status {
        case .open: say(.statusOpen)
        case .complete: say(.statusComplete)
        case .expired: say(.statusExpired)
        }
    }

    /// A session's payment status ("unpaid").
    public func text(_ status: CheckoutSession.PaymentStatus) -> String {
        switch status {
        case .unpaid: say(.paymentUnpaid)
        case .paid: say(.paymentPaid)
        case .noPaymentRequired: say(.paymentNotRequired)
        }
    }

    // MARK: Errors

    /// A WooshPay failure in one sentence. The API's own message is put in as it came.
    public func text(_ failure: APIFailure) -> String {
        let message = failure.message
        switch failure.kind {
        case .api(let status, let type, let code, let param):
            var text = message.isEmpty ? say(.apiRefused, ["status": "\(status)"]) : message
            var details: [String] = []
            if let param, !param.isEmpty { details.append(say(.apiField, ["param": param])) }
            if let type, !type.isEmpty { details.append(type) }
            if let code, !code.isEmpty, code != type { details.append(code) }
            details.append("HTTP \(status)")
            if let id = failure.requestId, !id.isEmpty { details.append(say(.apiRequest, ["id": id])) }
            text += " (" + details.joined(separator: ", ") + ")"
            return text
        case .timeout: return say(.apiTimeout, ["message": message])
        case .connectionFailed: return say(.apiUnreachable, ["message": message])
        case .tls: return say(.apiTLS, ["message": message])
        case .transport: return say(.apiBroke, ["message": message])
        case .decoding(let path):
            return say(.apiUnreadable, ["path": path.isEmpty ? say(.apiTopLevel) : path, "message": message])
        case .configuration: return message
        }
    }

    public func text(_ error: MoneyError) -> String {
        switch error {
        case .empty: say(.amountEmpty)
        case .negative: say(.amountNegative)
        case .notANumber(let text): say(.amountNotANumber, ["text": text])
        case .misplacedSeparator(let text): say(.amountMisplacedComma, ["text": text])
        case .tooManyDecimals(let currency, let given) where currency.exponent == 0:
            say(given == 1 ? .amountNoMinorUnitOne : .amountNoMinorUnit, ["code": currency.code, "given": "\(given)"])
        case .tooManyDecimals(let currency, let given):
            say(currency.exponent == 1 ? .amountTooManyDecimalsOne : .amountTooManyDecimals,
                ["code": currency.code, "most": "\(currency.exponent)", "given": "\(given)"])
        case .tooLarge(let currency):
            say(.amountTooLarge, ["most": Money(minorUnits: Money.maximumMinorUnits, currency: currency).formatted])
        case .overflow: say(.amountOverflow)
        case .currencyMismatch(let a, let b): say(.amountCurrencyMismatch, ["a": a.code, "b": b.code])
        }
    }

    /// Why the shift log refused a close.
    public func text(_ error: ShiftLogError) -> String {
        switch error {
        case .notTheOpenShift(let expected, let given):
            say(.shiftNotOpen, ["expected": expected.map { say(.shiftStartsAt, ["time": $0.formatted(.iso8601)]) } ?? say(.shiftStartsAtStart),
                                "given": given.map { say(.shiftStartsAt, ["time": $0.formatted(.iso8601)]) } ?? say(.shiftStartsAtStart)])
        case .emptyWindow: say(.shiftEmptyNotSaved)
        }
    }

    public func text(_ error: CurrencyError) -> String {
        switch error {
        case .empty: say(.currencyEmpty)
        case .unknown(let code): say(.currencyUnknown, ["code": code])
        }
    }

    public func text(_ error: CartError) -> String {
        switch error {
        case .quantityOutOfRange(let quantity):
            say(.cartQuantityOutOfRange, ["low": "\(Cart.quantityRange.lowerBound)", "high": "\(Cart.quantityRange.upperBound)",
                                          "quantity": "\(quantity)"])
        case .currencyMismatch(let cart, let item): say(.cartCurrencyMismatch, ["cart": cart.code, "item": item.code])
        case .tooManyLines: say(.cartTooManyLines, ["count": "\(Cart.maximumLines)"])
        case .totalTooLarge: say(.cartTotalTooLarge)
        case .noSuchLine(let index): say(.cartNoSuchLine, ["number": "\(index + 1)"])
        }
    }

    public func text(_ error: CheckoutDraftError) -> String {
        switch error {
        case .emptyCart: say(.draftEmptyCart)
        case .missingURL(let field): say(.draftMissingURL, ["field": label(field)])
        case .urlHasSpaces(let field): say(.draftURLHasSpaces, ["field": label(field)])
        case .notAbsoluteURL(let field, let text): say(.draftNotAbsoluteURL, ["field": label(field), "text": text])
        case .unsupportedScheme(let field, let scheme): say(.draftUnsupportedScheme, ["field": label(field), "scheme": scheme])
        case .missingHost(let field, let text): say(.draftMissingHost, ["field": label(field), "text": text])
        }
    }

    public func text(_ error: RefundError) -> String {
        switch error {
        case .zeroAmount: say(.refundZero)
        case .nothingLeft(let total): say(.refundNothingLeft, ["total": total.formatted])
        case .exceedsRemaining(let requested, let remaining):
            say(.refundExceeds, ["requested": requested.formatted, "remaining": remaining.formatted])
        case .currencyMismatch(let expected, let given): say(.refundCurrencyMismatch, ["expected": expected.code, "given": given.code])
        case .keyInUse(let key): say(.refundKeyInUse, ["key": key])
        case .noLines: say(.refundNoLines)
        case .unknownLine(let line): say(.refundUnknownLine, ["line": line])
        case .tooManyUnits(let line, let requested, _) where requested < 1: say(.refundAtLeastOneUnit, ["line": line])
        case .tooManyUnits(let line, _, let left) where left == 0: say(.refundEveryUnitRefunded, ["line": line])
        case .tooManyUnits(let line, let requested, let left):
            say(left == 1 ? .refundUnitsLeftOne : .refundUnitsLeft, ["line": line, "left": "\(left)", "requested": "\(requested)"])
        case .noUnitAmount(let line): say(.refundNoUnitAmount, ["line": line])
        case .overflow: say(.refundOverflow)
        }
    }

    public func text(_ problem: NameProblem) -> String {
        switch problem {
        case .empty(.product): say(.nameEmptyProduct)
        case .empty(.item): say(.nameEmptyItem)
        case .tooLong(let length, let maximum): say(.nameTooLong, ["maximum": "\(maximum)", "length": "\(length)"])
        }
    }

    public func text(_ problem: LookupKeyProblem) -> String {
        switch problem {
        case .tooLong(let length, let maximum): say(.lookupKeyTooLong, ["maximum": "\(maximum)", "length": "\(length)"])
        case .spacesOrControls: say(.lookupKeySpaces)
        }
    }

    // MARK: Operators

    /// What the sign-in screen or an approval says.
    public func text(_ message: SignInMessage) -> String {
        switch message {
        case .refused(let check): refusal(check) ?? ""
        case .locked(nil): say(.locked)
        case .locked(let name?): say(.lockedBy, ["name": name])
        case .notAPIN: say(.notAPIN)
        case .failed(let reason): say(.pinNotChecked, ["reason": reason])
        case .notAManager(let name): say(.notAManager, ["name": name])
        }
    }

    /// Why a PIN was refused (nil when accepted).
    public func refusal(_ check: PINCheck) -> String? {
        switch check {
        case .accepted: nil
        case .refused(nil): say(.wrongPIN)
        case .refused(let seconds?): say(.wrongPINLocked, ["time": duration(seconds)])
        case .locked(let seconds): say(.pinLocked, ["time": duration(seconds)])
        }
    }

    /// "1 min", "45 s", "1 h 4 min": how long a lock lasts, rounded up.
    public func duration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return say(.seconds, ["count": "\(max(whole, 1))"]) }
        let minutes = Int((Double(whole) / 60).rounded(.up))
        if minutes < 60 { return say(.minutes, ["count": "\(minutes)"]) }
        if minutes % 60 == 0 { return say(.hours, ["count": "\(minutes / 60)"]) }
        return say(.hoursMinutes, ["hours": "\(minutes / 60)", "minutes": "\(minutes % 60)"])
    }

    /// How a question names a guarded action ("Refund", "Close the shift (Z)").
    public func title(_ action: GuardedAction) -> String {
        switch action {
        case .refund: say(.guardedRefund)
        case .zClose: say(.guardedZClose)
        case .expireAll: say(.guardedExpireAll)
        case .discardOthersTicket: say(.guardedDiscardOthers)
        case .archiveProduct: say(.guardedArchive)
        }
    }

    // MARK: Questions

    /// The y/n question.
    public func prompt(_ question: Confirmation) -> String {
        switch question {
        case .archiveProduct(_, let name, true): return say(.askArchive, ["name": name])
        case .archiveProduct(_, let name, false): return say(.askUnarchive, ["name": name])
        case .removeLastCartLine(let name): return say(.askRemoveLastLine, ["name": name])
        case .expireSession(let id): return say(.askExpireSession, ["id": id])
        case .liveCheckout(let total, _): return say(.askLiveCheckout, ["total": total.formatted])
        case .refund(let choice, let live):
            let reason = choice.reason.map { say(.reasonSuffix, ["reason": text($0)]) } ?? ""
            return say(live ? .askRefundLive : .askRefund,
                       ["amount": choice.amount.formatted, "id": choice.sessionId, "reason": reason])
        case .discardParked(_, let label, nil): return say(.askDiscardParked, ["label": label])
        case .discardParked(_, let label, let session?): return say(.askDiscardParkedSession, ["label": label, "id": session])
        case .closeShift(let report, let number):
            let net = report.figures.isEmpty ? say(.netNothing) : report.figures.map(\.netMoney.formatted).joined(separator: ", ")
            return say(.askCloseShift, ["number": "\(number)",
                                        "from": report.window.start.map(ReportTime.utcText) ?? say(.startOfData),
                                        "to": ReportTime.utcText(report.window.end), "net": net])
        case .quitWithStoreAway: return say(.askQuitStoreAway)
        case .expireSessions(let ids):
            return ids.count == 1 ? say(.askExpireSessionsOne) : say(.askExpireSessions, ["count": "\(ids.count)"])
        }
    }

    /// A refund reason as a question names it ("requested by customer").
    public func text(_ reason: Refund.Reason) -> String {
        switch reason {
        case .duplicate: say(.reasonDuplicate)
        case .fraudulent: say(.reasonFraudulent)
        case .requestedByCustomer: say(.reasonRequestedByCustomer)
        }
    }

    /// The end of a question while operators are active: who approves, or who answers.
    func approvedBy(_ manager: String?) -> String {
        say(.approvedBy, ["name": manager ?? say(.aManager)])
    }

    func answeredBy(_ name: String) -> String { say(.answeredBy, ["name": name]) }

    /// "(y/n)", which ends every question.
    var yesNo: String { say(.yesNo) }

    // MARK: Form fields

    /// The label shown before a field of one of TillCore's forms.
    public func label<Field: FormField>(_ field: Field) -> String {
        switch field {
        case let field as ProductField: field == .name ? say(.fieldName) : say(.fieldDescription)
        case let field as PriceField:
            switch field {
            case .currency: say(.fieldCurrency)
            case .amount: say(.fieldAmount)
            case .nickname: say(.fieldNickname)
            case .lookupKey: say(.fieldLookupKey)
            }
        case let field as InlinePriceField:
            switch field {
            case .productName: say(.fieldProductName)
            case .productDescription: say(.fieldDescription)
            case .currency: say(.fieldCurrency)
            case .amount: say(.fieldAmount)
            case .nickname: say(.fieldNickname)
            case .lookupKey: say(.fieldLookupKey)
            }
        case let field as OneOffField:
            switch field {
            case .name: say(.fieldName)
            case .amount: say(.fieldAmount)
            case .currency: say(.fieldCurrency)
            case .quantity: say(.fieldQuantity)
            }
        case let field as CheckoutField: field == .successURL ? say(.fieldSuccessURL) : say(.fieldCancelURL)
        case let field as RefundField:
            switch field {
            case .amount: say(.fieldAmount)
            case .lines: say(.fieldLines)
            case .reason: say(.fieldReason)
            }
        case is ParkLabelField: say(.fieldLabel)
        default: "\(field)"
        }
    }

    /// A URL field as a sentence names it ("Success URL").
    func label(_ field: CheckoutDraft.URLField) -> String {
        field == .success ? say(.fieldSuccessURL) : say(.fieldCancelURL)
    }
}

extension Message {
    /// This message in `language`, with keys as `keys` binds them.
    public func text(_ language: Language, keys: BindingTable = .standard) -> String {
        Messages(language, keys: keys).text(self)
    }
}
