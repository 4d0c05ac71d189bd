import Foundation
import TillCore
import TillView

/// Till as a terminal program: keys become actions (TillView's binding table), actions go
/// through TillCore's reducer, and every effect it returns goes to the runtime, the one place
/// effects are carried out (I/O, timers, clipboard, quit).
public final class TillProgram: TerminalProgram {
    /// The whole app state.
    public private(set) var state: AppState
    /// The app reducer, scrolling lists by the view's layout.
    private let reducer = AppReducer(listRows: Layout.listRows)
    private let runtime: EffectRuntime
    private let inbox: ActionInbox
    private let makeID: () -> String
    /// The key bindings in use (the defaults, or as keys.toml remapped them).
    public let keys: BindingTable
    /// The size last rendered, for keys that depend on it (page up/down).
    public private(set) var size = Size(width: 80, height: 24)

    /// - Parameter runtime: carries out the effects; its results arrive through `inbox`.
    public init(state: AppState, runtime: EffectRuntime, inbox: ActionInbox, keys: BindingTable = .standard,
                makeID: @escaping () -> String = { UUID().uuidString }) {
        self.state = state
        self.keys = keys
        self.runtime = runtime
        self.inbox = inbox
        self.makeID = makeID
    }

    /// Apply one action and carry out its effects.
    public func dispatch(_ action: AppAction) {
        let effects = reducer.reduce(into: &state, action: action)
        for effect in effects { runtime.execute(effect) }
    }

    public var isFinished: Bool { runtime.hasQuit }

    public func handle(_ events: [TerminalEvent], now: Date) {
        for event in events {
            switch event {
            case .key(.scan(let code)):
                // A key pressed just before the scan may have come in the same read.
                let context = KeyContext(now: now, freshID: "", size: size)
                for key in keys.keys(forScan: code, in: state, context: context) {
                    press(key, now: now)
                    if isFinished { return }
                }
            case .key(let key):
                press(key, now: now)
            case .resized(let newSize):
                size = newSize
                dispatch(.screenResized(newSize))
            case .woke:
                deliverResults()
            case .timer:
                for action in runtime.fireTimers(now: now) { dispatch(.runtime(action)) }
            }
            if isFinished { return }
        }
    }

    private func press(_ key: Key, now: Date) {
        let context = KeyContext(now: now, freshID: makeID(), size: size)
        if let action = keys.action(for: key, in: state, context: context) {
            dispatch(action)
        } else if key == .ctrl("c") {
            // Raw mode turns Ctrl-C into a key; with no binding it still means "leave".
            dispatch(.quitRequested)
        }
    }

    /// Apply queued effect results; results of cancelled work are dropped.
    public func deliverResults() {
        for entry in inbox.drain() {
            if let ticket = entry.ticket, !runtime.accept(ticket) { continue }
            dispatch(.runtime(entry.action))
            entry.afterDelivery?()
        }
    }

    public func frame(size: Size) -> Frame {
        render(state, size: size, keys: keys)
    }

    public var nextDeadline: Date? { runtime.nextDeadline }

    /// Whether the binding table would sell a scan in this state (not type it into a field).
    public var sellsScans: Bool { keys.sellsScans(in: state, size: size) }
}
