import Foundation
import Logging
import TillConfig
import TillCore
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
    /// (and shuts it down afterwards).
    public static func run(state: AppState, client: WooshPayClient, cache: CatalogCache?, drafts: DraftStore,
                           parked: ParkedStore, urlDefaults: URLDefaultsStore?, journal: RefundJournalStore?,
                           shifts: ShiftStore? = nil, receipts: ReceiptPrinter?, keys: BindingTable = .standard,
                           logFile: String, logger: Logger) async throws -> Result<TerminalExit, TerminalError> {
        let wake = try WakePipe()
        let inbox = ActionInbox(wake: { wake.wake() })
        let runtime = EffectRuntime(client: client, cache: cache, drafts: drafts, parked: parked,
                                    urlDefaults: urlDefaults, journal: journal, shifts: shifts, receipts: receipts,
                                    inbox: inbox, logger: logger,
                                    clipboard: .terminal, bell: .terminal)
        let savedDraft: CheckoutDraft?
        do { savedDraft = try drafts.load() } catch {
            logger.warning("saved draft unreadable: \(error)")
            savedDraft = nil
        }
        let savedJournal: RefundJournal?
        do { savedJournal = try journal?.load() } catch {
            // Not replaced: JSONFileStore refuses to write over a journal it cannot read.
            logger.warning("refund journal unreadable: \(error)")
            savedJournal = nil
        }
        let savedShifts: ShiftLog?
        do { savedShifts = try shifts?.load() } catch {
            // Not replaced either: a Z report saved now would fail with the same error, shown then.
            logger.warning("shift log unreadable: \(error)")
            savedShifts = nil
        }
        let savedTickets: [ParkedTicket]
        do { savedTickets = try parked.load() } catch {
            // Set aside, not overwritten by the next park: the tickets in it can still be recovered.
            let aside = parked.setAside()
            logger.warning("parked tickets unreadable: \(error); kept as \(aside?.path ?? "-")")
            savedTickets = []
        }

        let logFD = open(logFile, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        defer { if logFD >= 0 { close(logFD) } }
        let outcome = await runOnCursesThread(wake: wake, logFD: logFD >= 0 ? logFD : nil) {
            // Made on the curses thread, which owns it from here on.
            let program = TillProgram(state: state, runtime: runtime, inbox: inbox, keys: keys)
            program.dispatch(.started)
            if let savedDraft, !savedDraft.cart.isEmpty { program.dispatch(.draftRestored(savedDraft)) }
            if !savedTickets.isEmpty { program.dispatch(.parked(.restored(savedTickets))) }
            if let savedJournal, !savedJournal.entries.isEmpty { program.dispatch(.refunds(.restored(savedJournal))) }
            if let savedShifts, !savedShifts.closed.isEmpty { program.dispatch(.reports(.restored(savedShifts))) }
            return program
        }
        runtime.cancelAll()
        // The last draft change is on disk before the process goes.
        runtime.finishWrites()
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
