import CNcurses
import Foundation
import Logging
import TillCore
import TillView
import WooshPay
import WooshPaySandbox
#if canImport(Glibc)
import Glibc
#endif

/// Starts the terminal workstation: picks the account (a configured key, or the embedded
/// sandbox), wires runtime, cache and drafts, runs the curses loop on its own thread, and tears
/// everything down on the way out.
public enum TillLauncher {
    /// Run the TUI; returns the process exit status (0, or 128+signal).
    public static func run(apiBase: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        async throws -> Int32 {
        let directories = TillDirectories(environment: environment)
        let logger = Logger(label: "till")
        let settings = try TillSettings.load(environment: environment)

        // The account: a key from env/config, or the embedded sandbox with its local key.
        var sandbox: Sandbox?
        let configuration: WooshPayConfiguration
        let mode: EnvironmentInfo.Mode
        var successURL = settings.successURL ?? ""
        var cancelURL = settings.cancelURL ?? ""
        if let key = settings.secretKey {
            configuration = try settings.clientConfiguration(apiBase: apiBase)
            mode = key.mode == .live ? .live : .test
        } else {
            if apiBase != nil {
                throw TerminalError.notATerminal("--api-base needs a secret key (WOOSHPAY_SECRET_KEY or `till login`)")
            }
            let key = try SandboxKey.loadOrCreate(at: directories.sandboxKey)
            try TillDirectories.ensureDirectory(directories.data)
            let started = try await EmbeddedSandbox.start(databasePath: directories.sandboxDatabase.path,
                                                          logger: logger)
            sandbox = started
            configuration = try WooshPayConfiguration(secretKey: key, baseURL: started.baseURL)
            mode = .sandbox
            if successURL.isEmpty { successURL = started.baseURL + "/sandbox/success" }
            if cancelURL.isEmpty { cancelURL = started.baseURL + "/sandbox/cancel" }
        }
        logger.info("starting", metadata: ["mode": "\(mode.rawValue)", "base": "\(configuration.baseURL)"])

        let currency = settings.defaultCurrency.map { Currency(apiCode: $0) } ?? .gbp
        let state = AppState(
            environment: EnvironmentInfo(mode: mode, apiHost: host(of: configuration.baseURL)),
            settings: Settings(defaultCurrency: currency, successURL: successURL, cancelURL: cancelURL),
            now: Date())

        let client = WooshPayClient(configuration: configuration)
        // Cache rows and drafts belong to one account; the embedded sandbox's is port-independent.
        let account = AccountFingerprint.of(baseURL: configuration.baseURL,
                                            secretKey: configuration.secretKey.rawValue,
                                            embeddedSandbox: mode == .sandbox)
        let cache: CatalogCache?
        do {
            cache = try CatalogCache(path: directories.catalogCache.path, account: account)
        } catch {
            logger.warning("catalog cache unavailable: \(error)")
            cache = nil
        }
        let drafts = DraftStore(url: directories.drafts(account: account),
                                defaults: DraftDefaults(successURL: successURL, cancelURL: cancelURL))
        let wake = try WakePipe()
        let inbox = ActionInbox(wake: { wake.wake() })
        let runtime = EffectRuntime(client: client, cache: cache, drafts: drafts, inbox: inbox, logger: logger)
        let savedDraft: CheckoutDraft?
        do { savedDraft = try drafts.load() } catch {
            logger.warning("saved draft unreadable: \(error)")
            savedDraft = nil
        }

        let logFD = open(directories.logFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        defer { if logFD >= 0 { close(logFD) } }
        let outcome = await runOnCursesThread(wake: wake, logFD: logFD >= 0 ? logFD : nil) {
            // Made on the curses thread, which owns it from here on.
            let program = TillProgram(state: state, runtime: runtime, inbox: inbox, copy: { text in
                let bytes = Clipboard.osc52(text)
                _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            }, bell: { _ = beep() })
            program.dispatch(.started)
            if let savedDraft, !savedDraft.cart.isEmpty { program.dispatch(.draftRestored(savedDraft)) }
            return program
        }

        runtime.cancelAll()
        await client.shutdown()
        await sandbox?.stop()
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

    /// Run the engine on a dedicated thread (the only one that touches curses) and wait for it.
    /// The screen is restored before this returns, whatever happened.
    public static func runOnCursesThread(wake: WakePipe, logFD: Int32?,
                                         onFrame: (@Sendable (FrameTiming) -> Void)? = nil,
                                         makeProgram: @escaping @Sendable () -> TerminalProgram)
        async -> Result<TerminalExit, TerminalError> {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let screen = CursesScreen(wakeFD: wake.writeFD)
                do {
                    try screen.start(stderrTo: logFD)
                } catch let error as TerminalError {
                    screen.stop()
                    continuation.resume(returning: .failure(error))
                    return
                } catch {
                    screen.stop()
                    continuation.resume(returning: .failure(.notATerminal("\(error)")))
                    return
                }
                let engine = TerminalEngine(screen: screen, wake: wake)
                engine.onFrame = onFrame
                let exit = engine.run(makeProgram())
                screen.stop()
                continuation.resume(returning: .success(exit))
            }
            thread.name = "till.curses"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// "host:port" of a base URL, for the header.
    static func host(of baseURL: String) -> String {
        guard let url = URL(string: baseURL), let host = url.host else { return baseURL }
        return url.port.map { "\(host):\($0)" } ?? host
    }
}
