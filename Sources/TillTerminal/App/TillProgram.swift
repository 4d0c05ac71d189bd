import Foundation
import TillCore
import TillView

/// Till as a terminal program: keys become actions (TillView's binding table), actions go
/// through TillCore's reducer, and the effects it returns are carried out — I/O by the
/// runtime, timers, clipboard and quit here on the curses thread.
public final class TillProgram: TerminalProgram {
    /// The whole app state.
    public private(set) var state: AppState
    /// The app reducer, scrolling lists by the view's layout.
    private let reducer = AppReducer(listRows: Layout.listRows)
    private let runtime: EffectRuntime?
    private let inbox: ActionInbox
    private var timers = TimerTable()
    private let copy: (String) -> Void
    private let bell: () -> Void
    private let makeID: () -> String
    /// Effects seen, in order, when recording (tests and benchmarks without a runtime).
    public private(set) var recordedEffects: [Effect] = []
    private let recordEffects: Bool
    public private(set) var isFinished = false
    /// The size last rendered, for keys that depend on it (page up/down).
    public private(set) var size = Size(width: 80, height: 24)

    /// - Parameters:
    ///   - runtime: performs I/O effects; nil records them instead.
    ///   - copy: puts text on the operator's clipboard (OSC 52 on the terminal).
    public init(state: AppState, runtime: EffectRuntime?, inbox: ActionInbox,
                copy: @escaping (String) -> Void = { _ in }, bell: @escaping () -> Void = {},
                makeID: @escaping () -> String = { UUID().uuidString }) {
        self.state = state
        self.runtime = runtime
        self.inbox = inbox
        self.copy = copy
        self.bell = bell
        self.makeID = makeID
        self.recordEffects = runtime == nil
    }

    /// Apply one action and carry out its effects.
    public func dispatch(_ action: AppAction) {
        let effects = reducer.reduce(into: &state, action: action)
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        if recordEffects { recordedEffects.append(effect) }
        switch effect {
        case .scheduleTick(let id, let at):
            timers.schedule(id, at: at)
        case .cancel(.tick(let id)):
            timers.cancel(id)
        case .copyToClipboard(let text):
            copy(text)
        case .bell:
            bell()
        case .quit:
            isFinished = true
            runtime?.cancelAll()
        default:
            runtime?.execute(effect)
        }
    }

    public func handle(_ events: [TerminalEvent], now: Date) {
        for event in events {
            switch event {
            case .key(let key):
                let context = KeyContext(now: now, freshID: makeID(), size: size)
                if let action = action(for: key, in: state, context: context) {
                    dispatch(action)
                } else if key == .ctrl("c") {
                    // Raw mode turns Ctrl-C into a key; with no binding it still means "leave".
                    dispatch(.quitRequested)
                }
            case .resized(let newSize):
                size = newSize
                dispatch(.screenResized(newSize))
            case .woke:
                deliverResults()
            case .timer:
                for action in timers.fire(now: now) { dispatch(action) }
            }
            if isFinished { return }
        }
    }

    /// Apply queued effect results; results of cancelled work are dropped.
    public func deliverResults() {
        for entry in inbox.drain() {
            if let ticket = entry.ticket, let runtime, !runtime.accept(ticket) { continue }
            dispatch(entry.action)
        }
    }

    public func frame(size: Size) -> Frame {
        render(state, size: size)
    }

    public var nextDeadline: Date? { timers.nextDeadline }
}
