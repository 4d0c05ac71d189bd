import TillView

/// The command line's own words: labels, messages, prompts (CLI.en.swift, CLI.es.swift).
enum CLIPhrase: PhraseTable {
    // Labels of detail blocks (`label: value`).
    case id, name, description, active, created, metadata, product, amount, nickname, lookupKey, status
    case paymentStatus, total, expires, reason, payment, session, failure, report, till, operatorName, from, to
    case yes, no, noReason, noURL, note, stateSent, stateRefused
    // Usage.
    case nameEmpty, nothingToChange, limitRange, limitAtLeastOne, idEmpty, metadataForm
    case unitAmountNegative, unitAmountRange, oneAmount, descriptionWithName, oneProduct
    case someItem, needSuccessURL, needCancelURL, itemForm, itemInlineForm, itemInlineNoName, quantityRange
    case amountOrItem, keyLength, reasonOneOf, sinceBeforeUntil, shopOrTill, operatorAlone, fromBeforeTo
    case windowBackwards, csvOrJSON
    // Running a command.
    case sandboxNotStarted, noTillServes, unfinishedAdvice
    // Managers' approval and operators.
    case managersName, pinFor, pinPrompt, pinAgain, pinRule, needsManager, looksLikePIN, notAPINRefused
    case actionRefused, roleRefused, refused, wrongPIN, wrongPINLocked, lockedOut
    case actionRefund, actionZClose, actionExpireAll, actionDiscardTicket, actionArchive, cashier, manager
    case firstIsCashier, operatorAdded, noOperators, operatorRemoved, pinSet, roleSet, auditNotRecorded
    case noPINOnStdin, badPINOnStdin, notAPIN, pinsDiffer, noAuditEntries, noAuditEntriesFor
    // Refunds.
    case notPaid, noPaymentIntent, paymentNotSucceeded, nothingSent, unconfirmedCounted, refundSaved
    case journalNotUpdated, rerunToRecord, keyOtherSession, savedOtherAmount, savedOtherLines, savedOtherReason
    case savedWasRefused
    // Reports.
    case xReport, zReport, everyTill, wholeShop, cannotAddUp, startOfData, notIncluded, emptyWindow
    case paid, expired, open, refunds, pending, unconfirmed, net, stillOpen, unconfirmedNotNet, withoutTotal
    // Tills, the display, keys, login.
    case noTills, oneItem, items, checkoutBeingCreated, tillOpen, tillNeverOpened, tillClosed
    case noTillOpen, severalTillsOpen, keysFileOK, keysFileNone
    case keyPrompt, noKeyEntered, keyNotAccepted, keySaved, keyRemoved, noTerminalSettings
    // Importing and exporting the catalog.
    case concurrencyRange, cannotRead, columnsIgnored, dryRunLine, failedLine, cannotWriteReport, runStopped
    case runAgainSkips, cannotWrite, dryRunSummary, importSummary, wouldCreate, wouldUpdate, wouldSkip, progress
    // The sandbox and its test helpers.
    case webhookTimeoutRange, webhookHostForm, portRange, failRateRange, latencyNegative, refundPendingRange
    case sandboxNotServed, sharedSandboxNotStarted, standingBy, clockAdvanced, resetNeedsYes, alreadyEmpty, emptied
    case intentState, lastError, sessionState, noTestHelpers, noEvents, events, durationForm, durationTooLong
    case endpointAdded, signingSecret, noEndpoints, endpointRemoved, limitOneToHundred, eventOrDeliveries, noAttempts
    case event, type, object, pendingWebhooks, forwardToForm, forwardLoopbackOnly, maxEventsAtLeastOne, intervalRange
    case ready, readyForwarding, failed
    // `till doctor`'s notes and summary (its checks are `DoctorPhrase`).
    case doctorNotTried, doctorAllPassed, doctorFailed, doctorLiveReadsOnly, doctorNoRefunds
}

/// The lower layers' errors, as `Says` puts them.
enum ErrorPhrase: PhraseTable {
    case missingKey, malformedKey, insecurePermissions, insecureFolder, environmentKeyNotUsed, invalidBaseURL
    case liveWriteRefused, keysFileLine
    // Why a secret key is malformed (never the key itself), and a local file's trouble.
    case keyPrefix, keyCharacters, keyFromVariable
    case urlNotAURL, urlUserInfo, urlQueryOrFragment, urlPlainHTTP, urlScheme
    case localFile, fileNotWritten, folderNotCreated, fileUnreadable, fileNotUTF8
    case newerSchema, storeUnavailable, storeRefused, storeUnreadable, tillInUse, invalidTillName, leaseLost
    case operatorExists, operatorUnknown, operatorInvalidName, lastManager
}

/// Why Till refuses a line of config.toml or keys.toml (TillConfig's `ConfigProblem` and `KeysProblem`).
enum ConfigPhrase: PhraseTable {
    case nulCharacter, notTOML, unknownSetting, width, or, notString, secretKey, printer, printerCodePage, printerQR
    case lockAfter, language, permissionsNotATable, unknownPermission, permissionSetting
    case keysUnreadable, keysNotUTF8, keysNotATable, keysNotKeys
}

/// `till catalog import`: why a row is not imported and what is done with it (TillCatalog's values).
enum CatalogPhrase: PhraseTable {
    case fieldCount, noName, name, nameControls, scientificSKU, sku, activeFlag, currency, noCurrency, price, needsPrice
    case duplicateSKU, skuOnOtherProduct, skuOnAnotherProduct, archived, refused, notAttempted
    case product, productWithPrice, priceForNewProduct, priceForProduct, priceAmount, priceSKU, priceNickname
    case change, changeName, changeDescription, changeActive, changeArchived
    case priceThere, amountNeverChanges, samePriceAs, productThere, sameProductAsEarlierLine
    // Why a whole file cannot be read.
    case unreadable, header, emptyFile, severalSKUColumns, columnTwice, noNameColumn
    case nulBytes, notUTF8, oddUTF16, loneSurrogate
}

/// Column titles of the tables (upper case, as the tables print them).
enum Heading: PhraseTable {
    case id, name, active, created, product, amount, nickname, lookupKey, status, payment, total, expires, till
    case quantity, unit, description, session, reason, state, refund, key, role, time, operatorName, action
    case object, approvedBy, host, pid, lastSeen, cart, parked, shifts, count, paid, refunds, refunded
    case type, url, events, when, event, attempt, result, nextRetry, pending

    /// The titles of `columns`, in the command line's language.
    static func names(_ columns: Heading...) -> [String] { columns.map(\.said) }
}

/// `till doctor`'s checks: their names and what each found. `--json` carries them in English
/// (scripts read it); the lines people read are in the command line's language.
enum DoctorPhrase: PhraseTable {
    // Names of checks.
    case configFile, key, embeddedSandbox, retries, reach, keyAccepted, clock
    case listProducts, retrieveAProduct, listPrices, listSessions, unknownId, wrongKey
    case createProduct, createPrice, createInlinePrice, createSessionByPrice, createSessionByData, sessionExpiry
    case retrieveTheProduct, retrieveThePrice, retrieveTheSession, listLineItems, retrievePaymentIntent
    case listOnePerPage, pageThrough, findByLookupKey, createWithKey, replay, missingParameter, keyReused
    case expireASession, cleanUp
    // What is paged through.
    case products, prices, sessions, product, price, session
    // What the checks found.
    case configAt, configNone, keyEnvNotSet, couldNotStart, keySandbox, keyTest, keyLive, keyFrom
    case noRetries, retriedOne, retriedMany, reached, tlsVerified, plainHTTP, answered, keyRefused, answeredFailure
    case noDateHeader, clockWithinASecond, clockAhead, clockBehind, clockOff
    case onFirstPage, priceFor, sessionTotal, noTotal, timesIn, seconds, milliseconds, and
    case expiryMisread, expiryRight, idStatus, oneItem, items, hasMore, hasMoreFalse, startingAfter
    case lookupFound, sameProduct, answerDiffers, refusalDiffers, refusedStatus
    case cleanedUp, notCleanedUp
    // A call whose answer is not what it should be.
    case lookupMismatch, replayMadeAnother, notExpired, pageRepeated, nothing
}

/// A phrase said twice: in English (for `--json`, which scripts read) and in the command line's language.
struct Worded: Sendable {
    var english: String
    var said: String

    /// Text from elsewhere (an id, a path), the same in both.
    init(_ text: String) {
        english = text
        said = text
    }

    init(english: String, said: String) {
        self.english = english
        self.said = said
    }

    /// An error as the lower layer describes it, and as `Says` puts it in the command line's language.
    init(error: any Error) {
        self.init(english: Says.english(error), said: Says.any(error))
    }

    static func + (a: Worded, b: Worded) -> Worded {
        Worded(english: a.english + b.english, said: a.said + b.said)
    }
}
