import Foundation
import Logging
import TillConfig
import TillCore
import TillStore
import TillTerminal
import TillView
import WooshPay

/// Bare `till`: chooses the account (`TillAccount`), opens the shop store and takes a till name
/// in it, opens the account's storage (catalog cache; the till's draft and the shop's tickets,
/// journal and shifts, keyed by the account's fingerprint), hands a ready client and that storage
/// to the terminal, and tears everything down on the way out.
public enum TUILauncher {
    /// Run the TUI; returns the process exit status (0, or 128+signal). A bad keys.toml throws
    /// `KeysFileError` before anything starts. `screenReader` (or `TILL_SCREEN_READER=1`) turns
    /// off per-second redraws (see `Settings.screenReader`).
    /// - Parameter till: `--till NAME` (wins over `till_name` in config.toml); nil takes the first
    ///   free `<host>-N`. A name held by a running till throws `ShopStoreError.tillInUse`.
    /// - Parameter language: `--language` (wins over `language` in config.toml; `auto` reads the locale).
    public static func run(apiBase: String?, till: String? = nil, screenReader: Bool = false,
                           language: LanguageSetting? = nil,
                           environment: [String: String] = ProcessInfo.processInfo.environment)
        async throws -> Int32 {
        // Before the catalog's buffers exist: freed heap goes back rather than staying in an arena.
        ProcessHeap.returnFreedMemoryPromptly(environment: environment)
        let logger = Logger(label: "till")
        let keys = try KeysFileLoader.load(path: TillPaths(environment: environment).keysFile.path)
        let settings = try TillSettings.load(environment: environment)
        if settings.secretKey == nil, apiBase != nil {
            throw TerminalError.notATerminal("--api-base needs a secret key (WOOSHPAY_SECRET_KEY or `till login`)")
        }
        // The shop store and the till's name first: a refusal (a newer store, a name in use)
        // stops here, before a sandbox starts.
        let store = try ShopStores.open(settings: settings)
        let lease = try store.claimTill(TillClaim(name: till ?? settings.tillName, host: ShopStores.hostName,
                                                  pid: getpid(), now: Date()))
        defer { try? store.release(lease) }
        let account = try await TillAccount.open(settings: settings, apiBase: apiBase,
                                                 logger: WooshPayConfiguration.silentLogger, sandboxLogger: logger)
        let configuration = account.configuration
        logger.info("starting", metadata: ["mode": "\(account.mode.rawValue)", "base": "\(configuration.baseURL)",
                                           "till": "\(lease.name)"])
        let opened = ShopImport.run(store: store, paths: settings.paths, account: account.fingerprint, till: lease.name)

        let paths = settings.paths
        let mode = account.mode
        // The checkout URLs: the config's; else, for a real account, those typed for its first
        // session (kept from then on); else the embedded sandbox's own pages.
        let remembersURLs = mode != .sandbox
        var kept = CheckoutURLDefaults()
        if remembersURLs {
            do { kept = try store.urlDefaults(account: account.fingerprint) } catch {
                logger.warning("checkout URL defaults unreadable: \(error)")
            }
        }
        let successURL = account.successURL ?? kept.successURL ?? ""
        let cancelURL = account.cancelURL ?? kept.cancelURL ?? ""
        var remembers: Set<CheckoutDraft.URLField> = []
        if remembersURLs {
            if settings.successURL == nil { remembers.insert(.success) }
            if settings.cancelURL == nil { remembers.insert(.cancel) }
        }
        let currency = settings.defaultCurrency.map { Currency(apiCode: $0) } ?? .gbp
        var state = AppState(
            environment: EnvironmentInfo(mode: mode, apiHost: host(of: configuration.baseURL), till: lease.name,
                                         shopName: settings.shopName ?? ""),
            settings: Settings(defaultCurrency: currency, successURL: successURL, cancelURL: cancelURL,
                               pollInterval: pollInterval(environment), remembersURLs: remembers,
                               screenReader: screenReader || environment["TILL_SCREEN_READER"] == "1",
                               publishesCustomerDisplay: true, hasPrinter: settings.printer != nil,
                               language: settings.language(flag: language, environment: environment)),
            now: Date())
        // A ticket parked with no label is named in the till's language (the view's word).
        state.parked.labelWord = ScreenPhrase.ticketWord.text(state.settings.language)
        // With operators in the shop, the till starts on the sign-in screen (issue #24).
        state.operators = OperatorsState(roster: try store.operators(), permissions: settings.permissions,
                                         lockAfter: settings.lockAfter, shopName: settings.shopName)
        // The embedded sandbox's recorded port was taken by another program: said on the status
        // line (and in the log), since its old cashier URLs no longer open.
        if let notice = account.sandbox?.notices.first {
            logger.warning("\(notice)")
            state.status.message = .error(.sandboxNotice(notice))
        }

        let cache: CatalogCache?
        do {
            cache = try CatalogCache(path: paths.catalogCache.path, account: account.fingerprint)
        } catch {
            logger.warning("catalog cache unavailable: \(error)")
            cache = nil
        }
        let shop = ShopScope(store: store, account: account.fingerprint, till: lease.name,
                             defaults: DraftDefaults(successURL: successURL, cancelURL: cancelURL))
        let client = WooshPayClient(configuration: configuration)
        var receipts = ReceiptPrinter(
            file: { [paths, account = account.fingerprint] in paths.receipt(account: account, session: $0) },
            command: settings.receiptCommand, shopName: settings.shopName ?? "",
            shopAddress: settings.shopAddress,
            width: settings.receiptWidth)
        receipts.language = state.settings.language
        if let printer = settings.printer {
            receipts.printer = (printer, PrintQueue(link: printerLink(printer.address, environment), lockFolder: paths.state.path))
        }
        let outcome: Result<TerminalExit, TerminalError>
        do {
            outcome = try await TillLauncher.run(state: state, client: client, cache: cache, shop: shop,
                                                 lease: lease, opened: opened,
                                                 receipts: receipts,
                                                 keys: keys, logFile: paths.logFile.path, logger: logger)
        } catch {
            await client.shutdown()
            await account.close()
            throw error
        }
        await client.shutdown()
        await account.close()
        switch outcome {
        case .success(.finished):
            logger.info("quit")
            return 0
        case .success(.signal(let signo)):
            logger.info("ended by signal \(signo)")
            return 128 + signo
        case .failure(let error):
            logger.error("terminal failed: \(error)")
            throw error
        }
    }

    /// "host:port" of a base URL, for the header.
    static func host(of baseURL: String) -> String {
        guard let url = URL(string: baseURL), let host = url.host else { return baseURL }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    /// The printer's link: connect and write timeouts of 5 and 10 s, or both `TILL_PRINTER_TIMEOUT_MS`
    /// (100–60000 ms; a test's stalled printer, or a slow link).
    static func printerLink(_ address: PrinterAddress, _ environment: [String: String]) -> PrinterLink {
        guard let text = environment["TILL_PRINTER_TIMEOUT_MS"], let milliseconds = Int(text) else {
            return PrinterLink(address: address)
        }
        let seconds = Double(min(max(milliseconds, 100), 60_000)) / 1000
        return PrinterLink(address: address, connectTimeout: seconds, writeTimeout: seconds)
    }

    /// How often an open session is polled: every 3 s, or `TILL_POLL_MS` (250–60000 ms), e.g. for a
    /// test that waits for PAID or a slow link that should poll less.
    static func pollInterval(_ environment: [String: String]) -> Duration {
        guard let text = environment["TILL_POLL_MS"], let milliseconds = Int(text) else { return .seconds(3) }
        return .milliseconds(min(max(milliseconds, 250), 60_000))
    }
}
