import Foundation
import Testing

/// The toolkit's process runner: a child killed by a signal is a failure, never an exit status.
@Suite("The test toolkit's process runner")
struct ProcessRunnerTests {
    @Test func aChildKilledByASignalThrowsInsteadOfReadingAsExitZero() throws {
        #expect(throws: ProcessKilled.self) {
            _ = try runProcess("/bin/sh", ["-c", "echo started; kill -KILL $$"], environment: [:])
        }
        do {
            _ = try runProcess("/bin/sh", ["-c", "kill -SEGV $$"], environment: [:])
            Issue.record("a crash read as an exit")
        } catch let killed as ProcessKilled {
            #expect(killed.signal == SIGSEGV)
        }
    }

    @Test func exitStatusesAndBothStreamsAreKept() throws {
        let result = try runProcess("/bin/sh", ["-c", "cat; echo oops >&2; exit 3"], input: "in\n", environment: [:])
        #expect(result.status == 3)
        #expect(result.stdout == "in\n")
        #expect(result.stderr == "oops\n")
    }
}
