import Foundation
import Logging
import TillCore
import TillStore
#if canImport(Glibc)
import Glibc
#endif

/// Runs `till display`: the watch on the store, the program on the curses thread, until `q` or a
/// signal. The caller owns the store.
public enum DisplayLauncher {
    public static func run(store: any ShopStore, till: String, logFile: String, language: Language = .english,
                           logger: Logger) async throws -> Result<TerminalExit, TerminalError> {
        let wake = try WakePipe()
        let mailbox = DisplayMailbox(wake: { wake.wake() })
        let watch = DisplayWatch(store: store, till: till, logger: logger,
                                 changed: { mailbox.post(.record($0)) },
                                 failed: { mailbox.post(.problem($0)) })
        watch.start()
        defer { watch.stop() }
        let logFD = open(logFile, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        defer { if logFD >= 0 { close(logFD) } }
        return await TillLauncher.runOnCursesThread(wake: wake, logFD: logFD >= 0 ? logFD : nil) {
            DisplayProgram(till: till, mailbox: mailbox, language: language)
        }
    }
}
