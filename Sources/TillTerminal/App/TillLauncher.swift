import Foundation
import Logging
import TillConfig
import TillCore
import TillStore
import TillView
import WooshPay
#if canImport(Glibc)
import Glibc
#endif

/// Runs the terminal workstation on a ready client and the account's storage (chosen by the
/// `till` app, see TillApp's `TUILauncher`): wires the runtime, restores the saved draft, runs
/// the curses loop on its own thread and cancels outstanding work on the way out.
public enum TillLauncher {
    /// Run the TUI until the operator quits or a signal ends it. The caller owns `client`
    /// (and shuts it down afterwards), and the shop store and the till's lease.
    /// - Parameters:
    ///   - shop: this till's place in the shop store.
    ///   - lease: the till's hold on its name, renewed while it runs.
    ///   - opened: what opening the store imported or could not read (said on the status line).
    public static func run(state: AppState, client: WooshPayClient, cache: CatalogCache?, shop: ShopScope,
                           lease: TillLease?, opened: ShopImport.Outcome = ShopImport.Outcome(),
                           receipts: ReceiptPrinter?, keys: BindingTable = .standard,
                           logFile: String, logger: Logger) async throws -> Result<TerminalExit, TerminalError> {
        let wake = try WakePipe()
        let inbox = ActionInbox(wake: { wake.wake() })
        let runtime = EffectRuntime(client: client, cache: cache, shop: shop, receipts: receipts,
                                    inbox: inbox, logger: logger, clipboard: .terminal, bell: .terminal)
        var problems = opened.problems
        let savedDraft: CheckoutDraft?
        do { savedDraft = try shop.loadDraft() } catch {
            logger.warning("saved draft unreadable: \(error)")
            problems.append("The saved cart of till \(shop.till) could not be read: \(error)")
            savedDraft = nil
        }
        let savedJournal: RefundJournal?
        do { savedJournal = try shop.store.journal(account: shop.account) } catch {
            // Never taken for an empty journal: every journal write reads it first and fails the
            // same way, so no refund is sent until it can be read.
            logger.warning("refund journal unreadable: \(error)")
            problems.append("The refund journal could not be read, so no refund can be made: \(error)")
            savedJournal = nil
        }
        let savedShifts: ShiftLog?
        do { savedShifts = try shop.store.shifts(account: shop.account, till: shop.till) } catch {
            logger.warning("shift log unreadable: \(error)")
            problems.append("The closed shifts could not be read: \(error)")
            savedShifts = nil
        }
        let savedTickets: [ParkedTicket]
        do { savedTickets = try shop.store.parkedTickets(account: shop.account) } catch {
            logger.warning("parked tickets unreadable: \(error)")
            problems.append("The parked tickets could not be read: \(error)")
            savedTickets = []
        }
        for problem in opened.problems { logger.warning("\(problem)") }
        if !opened.imported.isEmpty { logger.info("imported into the shop store: \(opened.imported.joined(separator: ", "))") }
        let watch = ShopWatch(shop: shop, lease: lease, known: savedTickets, inbox: inbox, logger: logger)
        watch.start()
        defer { watch.stop() }

        let logFD = open(logFile, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        defer { if logFD >= 0 { close(logFD) } }
        let notes = opened.imported
        let outcome = await runOnCursesThread(wake: wake, logFD: logFD >= 0 ? logFD : nil) { [problems] in
            // Made on the curses thread, which owns it from here on.
            let program = TillProgram(state: state, runtime: runtime, inbox: inbox, keys: keys)
            program.dispatch(.started)
            if let savedDraft, !savedDraft.cart.isEmpty { program.dispatch(.draftRestored(savedDraft)) }
            if !savedTickets.isEmpty { program.dispatch(.parked(.restored(savedTickets))) }
            if let savedJournal, !savedJournal.entries.isEmpty { program.dispatch(.refunds(.restored(savedJournal))) }
            if let savedShifts, !savedShifts.closed.isEmpty { program.dispatch(.reports(.restored(savedShifts))) }
            if !notes.isEmpty || !problems.isEmpty { program.dispatch(.storeOpened(notes: notes, problems: problems)) }
            return program
        }
        runtime.cancelAll()
        // The last draft change is stored before the process goes. An unreachable store is
        // waited for a few seconds (the operator was asked before quitting with writes waiting).
        let unsaved = runtime.finishWrites(patience: 5)
        if unsaved > 0 { logger.error("quit with \(unsaved) changes not saved: the shop store is unreachable") }
        return outcome
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
}
