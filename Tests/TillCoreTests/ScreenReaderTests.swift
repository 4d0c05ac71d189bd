import Foundation
import Testing
@testable import TillCore

@Suite("Screen-reader mode: nothing redraws every second; changes are told on the status line")
struct ScreenReaderTests {
    func screenReaderState() -> AppState {
        var state = freshState()
        state.settings.screenReader = true
        return state
    }

    @Test func watchingASessionSchedulesAMinuteTickNotASecondOne() {
        var store = Store(screenReaderState())
        let open = session("cs_1", expiresIn: 900)
        store.send(.session(.watchRequested(open, fetch: false)), effects: [
            .pollSession(id: "cs_1", after: .seconds(3)),
            // 15:00 left: the figure "15 min" changes to "14 min" a minute from now, not in a second.
            .scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(60)),
        ]) {
            $0.focus = .session
            $0.session.open = open
            $0.session.isPolling = true
            $0.history.sessions = [open]
            $0.history.visible = [0]
        }
        store.send(.ticked(.sessionCountdown, now: t0.addingTimeInterval(60.2)),
                   effects: [.scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(120))]) {
            $0.now = t0.addingTimeInterval(60.2)
        }
        // The last minute: the next tick is the expiry itself, and then no more.
        store.send(.ticked(.sessionCountdown, now: t0.addingTimeInterval(845)),
                   effects: [.scheduleTick(id: .sessionCountdown, at: t0.addingTimeInterval(900))]) {
            $0.now = t0.addingTimeInterval(845)
        }
        store.send(.ticked(.sessionCountdown, now: t0.addingTimeInterval(900))) { $0.now = t0.addingTimeInterval(900) }
    }

    @Test("The minute tick falls where the rounded-up minutes change", arguments: [
        (0.0, 900.0, 60.0), (0.5, 900.0, 60.0), (60.0, 900.0, 120.0), (850.0, 900.0, 900.0), (900.0, 900.0, 900.0),
        (0.0, 90.0, 30.0),
    ])
    func nextMinuteTick(now: Double, expires: Double, next: Double) {
        #expect(SessionFeature.nextMinuteTick(now: t0.addingTimeInterval(now), expiresAt: t0.addingTimeInterval(expires))
                == t0.addingTimeInterval(next))
    }

    @Test func paidAndExpiredLeadTheStatusLineWithTheWordAndAmount() {
        for (status, payment, message) in [
            (CheckoutSession.Status.complete, CheckoutSession.PaymentStatus.paid,
             Message.sessionFinished(id: "cs_1", .paid, total: gbp(2500), spoken: true)),
            (.expired, .unpaid, .sessionFinished(id: "cs_1", .expired, total: gbp(2500), spoken: true)),
        ] {
            var store = Store(screenReaderState())
            store.given(.session(.watchRequested(session("cs_1"), fetch: false)))
            let final = session("cs_1", status: status, paid: payment)
            store.send(.session(.sessionPolled(id: "cs_1", .success(final))),
                       effects: [.cancel(.sessionPoll), .cancel(.tick(.sessionCountdown)), .bell]) {
                $0.session.open = final
                $0.session.isPolling = false
                $0.session.finishedAt = t0
                $0.history.sessions = [final]
                $0.status.message = .info(message)
            }
        }
    }
}
