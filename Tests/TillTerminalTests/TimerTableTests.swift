import Foundation
import Testing
import TillCore
@testable import TillTerminal

@Suite("Timers and the poll timeout")
struct TimerTableTests {
    let t0 = Date(timeIntervalSince1970: 1_000_000)

    @Test func noTimerMeansPollForever() {
        #expect(TimerTable().nextDeadline == nil)
        #expect(TerminalEngine.pollTimeout(until: nil, now: t0) == -1)
    }

    @Test func timeoutRoundsUpSoATimerNeverFiresEarly() {
        #expect(TerminalEngine.pollTimeout(until: t0.addingTimeInterval(0.0101), now: t0) == 11)
        #expect(TerminalEngine.pollTimeout(until: t0.addingTimeInterval(2), now: t0) == 2000)
        #expect(TerminalEngine.pollTimeout(until: t0.addingTimeInterval(-1), now: t0) == 0)
    }

    @Test func dueTimersFireOnceWithTheRuntimeClock() {
        var timers = TimerTable()
        timers.schedule(.sessionCountdown, at: t0.addingTimeInterval(1))
        #expect(timers.nextDeadline == t0.addingTimeInterval(1))
        #expect(timers.fire(now: t0).isEmpty)
        let now = t0.addingTimeInterval(1.5)
        #expect(timers.fire(now: now) == [.ticked(.sessionCountdown, now: now)])
        #expect(timers.fire(now: now).isEmpty)
        #expect(timers.nextDeadline == nil)
    }

    @Test func reschedulingMovesAndCancellingForgets() {
        var timers = TimerTable()
        timers.schedule(.sessionCountdown, at: t0.addingTimeInterval(5))
        timers.schedule(.sessionCountdown, at: t0.addingTimeInterval(2))
        #expect(timers.nextDeadline == t0.addingTimeInterval(2))
        timers.cancel(.sessionCountdown)
        #expect(timers.nextDeadline == nil)
        #expect(timers.fire(now: t0.addingTimeInterval(10)).isEmpty)
    }
}
