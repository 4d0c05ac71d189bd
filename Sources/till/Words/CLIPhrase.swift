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
    // `till doctor` (its checks' names and details stay English: `--json` carries them too).
    case doctorNotTried, doctorAllPassed, doctorFailed, doctorLiveReadsOnly, doctorNoRefunds
}

/// The lower layers' errors, as `Says` puts them.
enum ErrorPhrase: PhraseTable {
    case missingKey, malformedKey, insecurePermissions, insecureFolder, environmentKeyNotUsed, invalidBaseURL
    case liveWriteRefused, keysFileLine
    case newerSchema, storeUnavailable, storeRefused, storeUnreadable, tillInUse, invalidTillName, leaseLost
    case operatorExists, operatorUnknown, operatorInvalidName, lastManager
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
