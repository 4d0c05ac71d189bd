import Foundation
import Synchronization
import TillCore
import TillView

/// `till display` as a terminal program: it draws the record `DisplayWatch` last handed over
/// (`renderCustomerDisplay`) and takes no key but `q` (and Ctrl-C). Nothing the customer does at
/// the keyboard reaches the till.
public final class DisplayProgram: TerminalProgram {
    /// The record on show and since when (by this display's clock).
    public private(set) var record: CustomerDisplay?
    public private(set) var shownSince = Date()
    /// Why the store does not answer, while it does not (drawn small, on the last row).
    public private(set) var problem: String?
    public let till: String
    /// The language of the display's words (`--language`, config.toml, the locale).
    public let language: Language
    private let mailbox: DisplayMailbox
    private var finished = false

    public init(till: String, mailbox: DisplayMailbox, language: Language = .english) {
        self.till = till
        self.language = language
        self.mailbox = mailbox
    }

    public var isFinished: Bool { finished }
    public var sellsScans: Bool { false }

    /// When the outcome on show goes back to idle.
    public var nextDeadline: Date? {
        guard let record, record.isTimed else { return nil }
        let end = shownSince.addingTimeInterval(CustomerDisplay.outcomeShownFor)
        return end > Date() ? end : nil
    }

    public func handle(_ events: [TerminalEvent], now: Date) {
        for event in events {
            switch event {
            case .key(.char("q")), .key(.char("Q")), .key(.ctrl("c")):
                finished = true
                return
            case .woke:
                for update in mailbox.takeAll() {
                    switch update {
                    case .record(let new):
                        if new != record {
                            record = new
                            shownSince = now
                        }
                    case .problem(let text):
                        problem = text
                    }
                }
            case .key, .resized, .timer:
                break
            }
        }
    }

    public func frame(size: Size) -> Frame {
        var frame = renderCustomerDisplay(record, till: till, shownFor: Date().timeIntervalSince(shownSince), size: size,
                                          language: language)
        if problem != nil, frame.height > 2, record == nil || !(record!.isTimed) {
            // The display is not following the till now: said where a customer will not take it for a price.
            frame.put(DisplayPhrase.reconnecting.text(language), x: 0, y: frame.height - 1, style: .muted)
        }
        return frame
    }
}

/// What the watch hands the curses thread: the latest record (newer ones replace older ones not
/// yet drawn) and the store's state.
public final class DisplayMailbox: Sendable {
    public enum Update: Sendable, Equatable {
        case record(CustomerDisplay?)
        case problem(String?)
    }
    private let box = Mutex<[Update]>([])
    private let wake: @Sendable () -> Void

    public init(wake: @escaping @Sendable () -> Void) { self.wake = wake }

    public func post(_ update: Update) {
        box.withLock { $0.append(update) }
        wake()
    }

    /// Every update not yet taken, oldest first (wake-ups may come fewer than posts).
    func takeAll() -> [Update] {
        box.withLock { updates in
            defer { updates.removeAll() }
            return updates
        }
    }
}
