// The command line's words in English. Placeholders are `{name}`; Spanish is in CLI.es.swift.

extension CLIPhrase {
    static let english: [CLIPhrase: String] = [
        .id: "ID", .name: "Name", .description: "Description", .active: "Active", .created: "Created",
        .metadata: "Metadata", .product: "Product", .amount: "Amount", .nickname: "Nickname", .lookupKey: "Lookup key",
        .status: "Status", .paymentStatus: "Payment status", .total: "Total", .expires: "Expires", .reason: "Reason",
        .payment: "Payment", .session: "Session", .failure: "Failure", .report: "Report", .till: "Till",
        .operatorName: "Operator", .from: "From", .to: "To",
        .yes: "yes", .no: "no", .noReason: "none", .noURL: "(no URL)", .note: "note",
        .stateSent: "sent (unconfirmed)", .stateRefused: "refused",

        .nameEmpty: "--name is empty",
        .nothingToChange: "nothing to change: give --name, --description, --active or --metadata",
        .limitRange: "--limit must be between 1 and 100",
        .limitAtLeastOne: "--limit must be at least 1",
        .idEmpty: "the id is empty",
        .metadataForm: "--metadata takes key=value, not '{text}'",
        .unitAmountNegative: "--unit-amount: Amounts cannot be negative.",
        .unitAmountRange: "--unit-amount must be between 0 and {most}",
        .oneAmount: "give exactly one of --unit-amount (minor units) or --amount (major units)",
        .descriptionWithName: "--product-description goes with --product-name",
        .oneProduct: "give exactly one of --product ID or --product-name NAME",
        .someItem: "give at least one --item or --item-inline",
        .needSuccessURL: "give --success-url (or set success_url in the config file)",
        .needCancelURL: "give --cancel-url (or set cancel_url in the config file)",
        .itemForm: "--item takes PRICE_ID[:QTY], not '{text}'",
        .itemInlineForm: "--item-inline takes \"Name:12.50:GBP[:QTY]\", not '{text}'",
        .itemInlineNoName: "--item-inline '{text}' has no name",
        .quantityRange: "quantity in '{text}' must be a whole number from {least} to {most}",
        .amountOrItem: "give --amount or --item, not both",
        .keyLength: "--idempotency-key must be 1 to 255 characters",
        .reasonOneOf: "--reason must be one of {reasons}",
        .sinceBeforeUntil: "--since must be before --until",
        .shopOrTill: "give --shop or --till, not both",
        .operatorAlone: "give --operator alone, not with --shop or --till",
        .fromBeforeTo: "--from must be before --to",
        .windowBackwards: "the window starts at {start}, after its end {end}",
        .csvOrJSON: "give --csv or --json, not both",

        .sandboxNotStarted: "could not start the embedded sandbox: {error}",
        .noTillServes: "no till on this host is serving the embedded sandbox, so this command served it only while it ran: "
            + "the payment URL opens (at {url}) while a till runs on this host, or `till sandbox` serves it alone.",
        .unfinishedAdvice: "it may have gone through: run the same command again with --idempotency-key {key} "
            + "to finish it without a duplicate",

        .managersName: "Manager's name: ",
        .pinFor: "PIN for {name}: ",
        .pinPrompt: "PIN (4 to 12 digits): ",
        .pinAgain: "The same PIN again: ",
        .pinRule: "a PIN is 4 to 12 digits",
        .needsManager: "{action} needs a manager: give --operator NAME --pin-stdin (the PIN on standard input).",
        .looksLikePIN: "That looks like a PIN, not a name: give the manager's name, then the PIN.",
        .notAPINRefused: "Not a PIN ({rule}): {action} refused, nothing was sent.",
        .actionRefused: "{action} refused, nothing was sent.",
        .roleRefused: "{action} needs a manager, and {name} is a {role}: run it with a manager's --operator and PIN. "
            + "Nothing was sent.",
        .refused: "Refused.",
        .wrongPIN: "Wrong name or PIN.",
        .wrongPINLocked: "Wrong name or PIN. Too many tries: locked for {time}.",
        .lockedOut: "Too many wrong PINs: try again in {time}.",
        .actionRefund: "Refund", .actionZClose: "Close the shift (Z)", .actionExpireAll: "Expire every open session",
        .actionDiscardTicket: "Discard another operator's ticket", .actionArchive: "Archive the product",
        .cashier: "cashier", .manager: "manager",
        .firstIsCashier: "the shop's first operator is a cashier: nobody will be able to approve refunds "
            + "or close the shift until a manager is added (till operators add NAME --role manager)",
        .operatorAdded: "Added {name} ({role}).",
        .noOperators: "No operators: Till runs as one person with no PIN. Add one with `till operators add NAME --role manager`.",
        .operatorRemoved: "Removed {name}.",
        .pinSet: "Set a new PIN for {name}.",
        .roleSet: "{name} is now a {role}.",
        .auditNotRecorded: "the change was made but could not be recorded in the audit: {error}",
        .noPINOnStdin: "no PIN on standard input: {rule}",
        .badPINOnStdin: "the PIN on standard input is not one: {rule}",
        .notAPIN: "not a PIN: {rule}",
        .pinsDiffer: "the two PINs differ: nothing was changed",
        .noAuditEntries: "No audit entries.",
        .noAuditEntriesFor: "No audit entries for {name}.",

        .notPaid: "{id} is not paid (status {status}, payment {payment}): only a paid session can be refunded. "
            + "Nothing was sent.",
        .noPaymentIntent: "{id} has no payment intent to refund. Nothing was sent.",
        .paymentNotSucceeded: "The payment {payment} of {id} is {status}, not succeeded: it cannot be refunded. "
            + "Nothing was sent.",
        .nothingSent: "Nothing was sent.",
        .unconfirmedCounted: "{amount} of the refunds counted were sent with no answer yet: send them "
            + "again with their --idempotency-key (see `till refunds list`) to settle them",
        .refundSaved: "the refund is saved in the journal as {key}: run the same command again with "
            + "--idempotency-key {key} to send it",
        .journalNotUpdated: "the refund {id} ({amount}, {status}) was made, but the journal could not be updated: {error}",
        .rerunToRecord: "run the same command again with --idempotency-key {key} to record it",
        .keyOtherSession: "the idempotency key {key} belongs to a refund of {saved}, not {session}",
        .savedOtherAmount: "the refund saved as {key} is for {saved}, not {amount}: run it again with that amount, "
            + "or without --amount",
        .savedOtherLines: "the refund saved as {key} refunds other lines: run it again without --item",
        .savedOtherReason: "the refund saved as {key} has reason {reason}: run it again without --reason",
        .savedWasRefused: "the refund saved as {key} was refused, so nothing was refunded: run the command "
            + "without --idempotency-key to make a new refund",

        .xReport: "X report (read only)", .zReport: "Z report #{number} (shift closed)",
        .everyTill: "every till", .wholeShop: "the shop (every till)",
        .cannotAddUp: "the report cannot be added up: {error}",
        .startOfData: "the start of the data", .notIncluded: "(not included)",
        .emptyWindow: "No sessions or refunds in this window.",
        .paid: "Paid", .expired: "Expired", .open: "Open", .refunds: "Refunds", .pending: "pending",
        .unconfirmed: "Unconfirmed", .net: "Net",
        .stillOpen: "Still open (till sessions expire ID):",
        .unconfirmedNotNet: "Unconfirmed refunds are not taken off the net: send them again with "
            + "`till refunds create --session … --idempotency-key KEY` (keys: `till refunds list`).",
        .withoutTotal: "Sessions with no total, counted nowhere:",

        .noTills: "No till has been opened on this shop store yet.",
        .oneItem: "{count} item", .items: "{count} items", .checkoutBeingCreated: "(checkout being created)",
        .tillOpen: "open", .tillNeverOpened: "never opened", .tillClosed: "closed",
        .noTillOpen: "No till is open in the shop store {location}: start one, or name it with --till.",
        .severalTillsOpen: "Several tills are open ({tills}): name one with --till.",
        .keysFileOK: "OK", .keysFileNone: "no file, the default keys apply",
        .keyPrompt: "WooshPay secret key: ",
        .noKeyEntered: "No key entered: paste a secret key (sk_test_… or sk_live_…) at the prompt.",
        .keyNotAccepted: "The key was not accepted: {error}",
        .keySaved: "Key {key} checked and saved to {path}.",
        .keyRemoved: "Saved key removed.",
        .noTerminalSettings: "Cannot read the terminal settings.",

        .concurrencyRange: "--concurrency must be between 1 and 32",
        .cannotRead: "cannot read {file}: {error}",
        .columnsIgnored: "warning: columns ignored (Till reads name, description, price, currency, sku or "
            + "barcode, nickname, active): {columns}",
        .dryRunLine: "line {line}: would {action} {detail}",
        .failedLine: "line {line}: {detail}",
        .cannotWriteReport: "cannot write the report {file}: {error}",
        .runStopped: "the run stopped: {error}",
        .runAgainSkips: "run the same command again: rows already imported are skipped",
        .cannotWrite: "cannot write {file}: {error}",
        .dryRunSummary: "Dry run of {file}: {rows} rows, {created} would create, {updated} would update, "
            + "{skipped} would skip, {failed} failed",
        .importSummary: "{file}: {rows} rows, {created} created, {updated} updated, {skipped} skipped, "
            + "{failed} failed in {seconds} s",
        .wouldCreate: "create", .wouldUpdate: "update", .wouldSkip: "skip",
        .progress: "{done}/{total} rows · {rate}/s · {left} left",

        .webhookTimeoutRange: "--webhook-timeout must be more than 0 and at most 300 seconds.",
        .webhookHostForm: "--allow-webhook-host takes a host name or address, not '{host}'.",
        .portRange: "--port must be 0...65535.",
        .failRateRange: "--fail-rate must be between 0 and 1.",
        .latencyNegative: "--latency-ms must not be negative.",
        .refundPendingRange: "--refund-pending must be 0 to {most} seconds.",
        .sandboxNotServed: "could not start the sandbox on {host}:{port} with database {path}: {error}",
        .sharedSandboxNotStarted: "could not start the embedded sandbox of {path}: {error}",
        .standingBy: "The embedded sandbox at {url} is served by another till (pid {pid}); standing by to serve it "
            + "when that one quits.",
        .clockAdvanced: "Clock advanced {duration}: the account's time is now {now} ({offset} ahead of the real clock).",
        .resetNeedsYes: "till sandbox reset deletes every product, price, session, refund, event and webhook endpoint "
            + "of the account and resets its clock; run it again with --yes",
        .alreadyEmpty: "The account was already empty; its clock is back to the real clock.",
        .emptied: "Emptied the account: {counts}; its clock is back to the real clock.",
        .intentState: "payment intent {id} {status}",
        .lastError: "last error {code}: {message}",
        .sessionState: "Checkout session {id} is {status} ({payment}); {intent}.",
        .noTestHelpers: "this server has no sandbox test helpers: point --api-base at a `till sandbox`",
        .noEvents: "No events.", .events: "Events:",
        .durationForm: "the duration must be seconds or parts such as 25h, 90m, 2d, 1h30m, not '{text}'",
        .durationTooLong: "the clock moves at most ten years ({most} seconds) at a time",
        .endpointAdded: "Added {id} → {url} (events: {events})",
        .signingSecret: "Signing secret: {secret} (shown this once: keep it to check Wooshpay-Signature)",
        .noEndpoints: "No webhook endpoints. Add one with: till sandbox webhooks add URL",
        .endpointRemoved: "Removed {id}.",
        .limitOneToHundred: "--limit must be 1 to 100",
        .eventOrDeliveries: "give an event id or --deliveries, not both",
        .noAttempts: "No delivery attempts yet.",
        .event: "Event", .type: "Type", .object: "Object", .pendingWebhooks: "Pending webhooks",
        .forwardToForm: "--forward-to must be an absolute http or https URL, not '{url}'",
        .forwardLoopbackOnly: "--forward-to goes to loopback only (localhost, 127.0.0.1, [::1]); "
            + "add --allow-forward-host {host} to forward there",
        .maxEventsAtLeastOne: "--max-events must be at least 1",
        .intervalRange: "--interval-ms must be 10 to 60000",
        .ready: "Ready: listening for events. Webhook signing secret: {secret} (Ctrl-C stops)",
        .readyForwarding: "Ready: listening for events and forwarding to {url}. Webhook signing secret: {secret} (Ctrl-C stops)",
        .failed: "failed",
        .doctorNotTried: "the calls were not tried: fix what is marked ✗ first",
        .doctorAllPassed: "All {count} checks passed.",
        .doctorFailed: "{failed} of {count} checks failed.",
        .doctorLiveReadsOnly: "a live key only reads: creating, expiring and replaying were not tried (use a test key for them)",
        .doctorNoRefunds: "refunds were not tried: a refund needs a session paid on the hosted page",
    ]
}

extension ErrorPhrase {
    static let english: [ErrorPhrase: String] = [
        .missingKey: "No WooshPay secret key for --api-base. Set WOOSHPAY_SECRET_KEY=sk_test_…, or save one in {path} "
            + "(secret_key = \"sk_test_…\", chmod 600), or leave out --api-base to use the embedded sandbox. "
            + "For `till sandbox`, point Till at it with --api-base and any sk_test_ key "
            + "(sk_test_ and 8 or more letters and digits is a sandbox account).",
        .malformedKey: "The secret key is not usable: {reason}.",
        .insecurePermissions: "Permissions {mode} for '{path}' are too open: the file holds "
            + "a secret key, so it must not be readable by others. Run: chmod 600 '{path}'",
        .insecureFolder: "Permissions {mode} for the folder '{path}' are too open: another "
            + "user could replace config.toml with one whose api_base receives your secret key. Run: chmod 700 '{path}'",
        .environmentKeyNotUsed: "WOOSHPAY_SECRET_KEY was not used: Till reads no settings while the config file is unsafe.",
        .invalidBaseURL: "The API base URL '{url}' is not usable: {reason}.",
        .liveWriteRefused: "This command changes data with a live (sk_live_) key; add --live to confirm.",
        .keysFileLine: "{path} line {line}: {message}",
        .keyPrefix: "a WooshPay secret key starts with sk_test_ or sk_live_",
        .urlNotAURL: "expected a URL such as https://apitest.wooshpay.com",
        .urlUserInfo: "it must not carry a user name or password",
        .urlQueryOrFragment: "it must not carry a query or fragment",
        .urlPlainHTTP: "plain http is allowed only to loopback (127.0.0.1, localhost, ::1)",
        .urlScheme: "the scheme must be https (or http to loopback)",
        .keyCharacters: "after its sk_test_/sk_live_ prefix a key holds only letters, digits and _",
        .keyFromVariable: "{variable}: {reason}",
        .localFile: "{path}: {message}",
        .fileNotWritten: "could not be written",
        .folderNotCreated: "could not create the folder ({reason})",
        .fileUnreadable: "could not be read",
        .fileNotUTF8: "is not UTF-8 text",

        .newerSchema: "The shop store {location} was made by a newer Till (schema {found}; this Till knows up to {supported}). "
            + "Nothing was changed: upgrade Till, or point it at another store.",
        .storeUnavailable: "The shop store {location} is not usable: {reason}",
        .storeRefused: "The shop store {location} refused the change: {reason}",
        .storeUnreadable: "The shop store {location} holds {what} that cannot be read: {reason}",
        .tillInUse: "Till {name} is open already (process {pid} on {host}): choose another name with --till, "
            + "or leave it out to take a free one.",
        .invalidTillName: "\"{name}\" is not a till name: use 1 to 32 letters, digits, '.', '-' or '_'.",
        .leaseLost: "Another process took over till {name}.",

        .operatorExists: "An operator named \"{name}\" exists already.",
        .operatorUnknown: "There is no operator named \"{name}\".",
        .operatorInvalidName: "Not an operator name: {problem}.",
        .lastManager: "{name} is the shop's last manager: make another operator a manager first "
            + "(other operators would be left with nobody to approve).",

    ]
}

extension Heading {
    static let english: [Heading: String] = [
        .id: "ID", .name: "NAME", .active: "ACTIVE", .created: "CREATED", .product: "PRODUCT", .amount: "AMOUNT",
        .nickname: "NICKNAME", .lookupKey: "LOOKUP KEY", .status: "STATUS", .payment: "PAYMENT", .total: "TOTAL",
        .expires: "EXPIRES", .till: "TILL", .quantity: "QTY", .unit: "UNIT", .description: "DESCRIPTION",
        .session: "SESSION", .reason: "REASON", .state: "STATE", .refund: "REFUND", .key: "KEY", .role: "ROLE",
        .time: "TIME", .operatorName: "OPERATOR", .action: "ACTION", .object: "OBJECT", .approvedBy: "APPROVED BY",
        .host: "HOST", .pid: "PID", .lastSeen: "LAST SEEN", .cart: "CART", .parked: "PARKED", .shifts: "SHIFTS",
        .count: "COUNT", .paid: "PAID", .refunds: "REFUNDS", .refunded: "REFUNDED",
        .type: "TYPE", .url: "URL", .events: "EVENTS", .when: "WHEN", .event: "EVENT", .attempt: "ATTEMPT",
        .result: "RESULT", .nextRetry: "NEXT RETRY", .pending: "PENDING",
    ]
}

// `till doctor`: also what its `--json` carries.
extension DoctorPhrase {
    static let english: [DoctorPhrase: String] = [
        .configFile: "config file", .key: "key", .embeddedSandbox: "embedded sandbox", .retries: "retries",
        .reach: "reach {url}", .keyAccepted: "key accepted", .clock: "clock",
        .listProducts: "list products", .retrieveAProduct: "retrieve a product", .listPrices: "list prices",
        .listSessions: "list checkout sessions", .unknownId: "error: unknown id", .wrongKey: "error: wrong key",
        .createProduct: "create a product", .createPrice: "create a price for it",
        .createInlinePrice: "create a price with its product inline",
        .createSessionByPrice: "create a session with a price id",
        .createSessionByData: "create a session with inline price data", .sessionExpiry: "session expiry",
        .retrieveTheProduct: "retrieve the product", .retrieveThePrice: "retrieve the price",
        .retrieveTheSession: "retrieve the session", .listLineItems: "list the session's line items",
        .retrievePaymentIntent: "retrieve its payment intent", .listOnePerPage: "list {what}, one a page",
        .pageThrough: "page through {what}", .findByLookupKey: "find the price by its lookup key",
        .createWithKey: "create with an idempotency key", .replay: "the same create again (a replay)",
        .missingParameter: "error: missing parameter", .keyReused: "error: idempotency key reused",
        .expireASession: "expire a session", .cleanUp: "clean up",

        .products: "products", .prices: "prices", .sessions: "checkout sessions",
        .product: "product", .price: "price", .session: "checkout session",

        .configAt: "{path}, mode {mode}", .configNone: "none at {path} (the defaults apply)",
        .keyEnvNotSet: "the environment variable {name} is not set", .couldNotStart: "could not start: {error}",
        .keySandbox: "none: the embedded sandbox at {url}", .keyTest: "test mode, {source}",
        .keyLive: "live mode, {source}: only reads are made", .keyFrom: "from {place}",
        .noRetries: "no request needed one", .retriedOne: "{count} failed attempt was retried ({reasons})",
        .retriedMany: "{count} failed attempts were retried ({reasons})",
        .reached: "HTTP {status}, {secure}", .tlsVerified: "TLS verified", .plainHTTP: "plain http (loopback)",
        .answered: "GET /v1/products answered {status}", .keyRefused: "the key was refused: {failure}",
        .answeredFailure: "GET /v1/products answered: {failure}",
        .noDateHeader: "the server sent no Date header to compare with",
        .clockWithinASecond: "within a second of the server's", .clockAhead: "{seconds} s ahead of the server's",
        .clockBehind: "{seconds} s behind the server's",
        .clockOff: "{skew}: session expiry and report windows would be off; set the system clock (NTP)",
        .onFirstPage: "{count} on the first page", .priceFor: "{id} for {product}", .sessionTotal: "{id}, {total}",
        .noTotal: "no total", .timesIn: ", times in {units}", .seconds: "seconds", .milliseconds: "milliseconds",
        .and: " and ",
        .expiryMisread: "expires_at is {expires}, not 24 hours after created ({created}): a timestamp unit is misread",
        .expiryRight: "24 hours after created", .idStatus: "{id}, {status}", .oneItem: "{count} item",
        .items: "{count} items", .hasMore: "has_more {value}",
        .hasMoreFalse: "has_more is false with more than one {one} in the account",
        .startingAfter: "starting_after {id}", .lookupFound: "{key} → {id}", .sameProduct: "{id}, the same product",
        .answerDiffers: "the answer differs from docs/api-coverage.md",
        .refusalDiffers: "the refusal differs from docs/api-coverage.md", .refusedStatus: "HTTP {status} {parts}",
        .cleanedUp: "archived {products} products and {prices} prices, expired {sessions} sessions",
        .notCleanedUp: "could not archive or expire {ids}",
        .lookupMismatch: "lookup_keys[0]={key} found {found}, expected only {id}",
        .replayMadeAnother: "the replay made another product, {id}", .notExpired: "{status} after expiring",
        .pageRepeated: "starting_after {id} returned {found}", .nothing: "nothing",
    ]
}

// Why Till refuses a line of config.toml or keys.toml.
extension ConfigPhrase {
    static let english: [ConfigPhrase: String] = [
        .nulCharacter: "a NUL character is not allowed",
        .notTOML: "not TOML",
        .unknownSetting: "unknown setting '{key}' (known: {known})",
        .width: "{key} must be {widths} (columns)", .or: " or ",
        .notString: "'{key}' must be a string in quotes",
        .secretKey: "secret_key: {reason}",
        .printer: "printer must be \"tcp://HOST:9100\", a device file such as \"/dev/usb/lp0\", or \"file:PATH\" (not \"{value}\")",
        .printerCodePage: "printer_codepage must be one of {accepted}",
        .printerQR: "printer_qr must be \"native\" or \"raster\"",
        .lockAfter: "lock_after must be a time such as \"5m\", \"90s\" or \"1h\", or \"off\"",
        .language: "language must be one of {accepted}",
        .permissionsNotATable: "permissions must be a table ([permissions] with {actions})",
        .unknownPermission: "permissions: unknown action '{key}' (known: {actions})",
        .permissionSetting: "permissions.{key} must be one of {accepted}, in quotes",
        .keysUnreadable: "could not be read",
        .keysNotUTF8: "is not UTF-8 text",
        .keysNotATable: "{scope} is not a table: keys go under a table such as [cart]",
        .keysNotKeys: "{action} in [{scope}] takes a key in quotes or a list of them: {action} = \"Ctrl-K\" or "
            + "{action} = [\"Ctrl-K\", \"F2\"]",
    ]
}

// `till products import`: also what its `--json` carries.
extension CatalogPhrase {
    static let english: [CatalogPhrase: String] = [
        .fieldCount: "{found} fields, but the header names {columns} columns",
        .noName: "no name",
        .name: "name: {problem}",
        .nameControls: "name: a name cannot hold control characters (a line break or tab)",
        .scientificSKU: "the SKU or barcode {sku} is in scientific notation (as Excel shows long numbers), so its digits "
            + "are lost: format the column as text and export again",
        .sku: "SKU or barcode: {problem}",
        .activeFlag: "active: {flag} is not true or false",
        .currency: "currency: {problem}",
        .noCurrency: "the price has no currency: add a currency column or give --currency",
        .price: "price {text}: {problem}",
        .needsPrice: "a SKU or nickname needs a price",
        .duplicateSKU: "the SKU {sku} is also on line {line}",
        .skuOnOtherProduct: "the SKU {sku} is already on another product, \"{name}\" ({id}); run with --update to rename it",
        .skuOnAnotherProduct: "the SKU {sku} is on \"{name}\" ({id}), another product than this name's",
        .archived: "\"{name}\" ({id}) is archived and takes no new price; run with --update and active=true to bring it back",
        .refused: "WooshPay: {failure}",
        .notAttempted: "not attempted: the run stopped ({failure})",

        .product: "product \"{name}\"",
        .productWithPrice: "product \"{name}\" with {price}",
        .priceForNewProduct: "{price} for \"{name}\"",
        .priceForProduct: "{price} for \"{name}\" ({id})",
        .priceAmount: "price {amount}", .priceSKU: " (SKU {sku})", .priceNickname: " \"{nickname}\"",
        .change: "product {id} {changes}", .changeName: "name \"{old}\" → \"{new}\"", .changeDescription: "description",
        .changeActive: "active", .changeArchived: "archived",
        .priceThere: "already there: {id}, {amount}",
        .amountNeverChanges: " (an amount never changes: archive that price and import again to change it)",
        .samePriceAs: "the same price as line {line}",
        .productThere: "already there: {id}",
        .sameProductAsEarlierLine: "the same product as an earlier line",

        .unreadable: "the file cannot be read: {why}",
        .header: "the header line: {why}",
        .emptyFile: "the file is empty: the first line names the columns (name, price, currency, sku, …)",
        .severalSKUColumns: "there is more than one sku or barcode column",
        .columnTwice: "the column {column} appears twice",
        .noNameColumn: "there is no name column (the columns are name, description, price, currency, sku or barcode, "
            + "nickname, active)",
        .nulBytes: "it holds NUL bytes: UTF-16 without a byte-order mark? Save it as UTF-8, or as UTF-16 with a BOM",
        .notUTF8: "it is not UTF-8 (line {line} holds byte {byte}): save it as UTF-8 (\"CSV UTF-8\" in Excel) or UTF-16 with a BOM",
        .oddUTF16: "it is cut short: UTF-16 with an odd number of bytes",
        .loneSurrogate: "it is not valid UTF-16 (a lone surrogate)",
    ]
}
