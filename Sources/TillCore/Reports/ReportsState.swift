import Foundation

/// The reports pane: the X report of the open shift (from where the last Z report ended, or the
/// start of the data, up to when it was loaded), and the Z reports closed so far.
public struct ReportsState: Hashable, Sendable {
    /// Every closed shift of the account, as saved (restored at start-up).
    public internal(set) var log: ShiftLog
    /// The window reported: its start is the open shift's, its end the runtime's clock when the
    /// first page was asked for. Nil until the first page of a load answers.
    public internal(set) var window: ShiftWindow?
    /// The sessions of the window loaded so far, newest first.
    public internal(set) var sessions: [CheckoutSession]
    /// The window's sessions from WooshPay, page after page (each page added as it arrives).
    public internal(set) var pages: PagedLoad<CheckoutSession>
    /// Why the figures of the sessions loaded could not be added up (nil: they could, or are not in yet).
    public internal(set) var addUpFailure: MoneyError?
    /// Whether the report has been asked of WooshPay yet (the pane's first showing asks).
    public internal(set) var hasRequested: Bool
    /// The X report, once every page is in: this till's when the till has a name.
    public internal(set) var report: ShiftReport?
    /// The whole shop's figures for the same window (every till's sales and refunds), beside a
    /// named till's own.
    public internal(set) var shopReport: ShiftReport?
    /// Whether a Z report is being saved.
    public internal(set) var isClosing: Bool

    public init(log: ShiftLog = ShiftLog()) {
        self.log = log
        window = nil
        sessions = []
        pages = PagedLoad(.append)
        addUpFailure = nil
        hasRequested = false
        report = nil
        shopReport = nil
        isClosing = false
    }

    /// Whether the window's sessions are loading, or failed to load.
    public var load: LoadPhase { pages.phase }

    /// Whether the report failed: its sessions did not load, or their figures could not be added up.
    public var isFailed: Bool {
        if case .failed = load { return true }
        return addUpFailure != nil
    }

    /// "Loading sessions… N" while pages arrive.
    public var progress: StatusProgress? {
        load == .loading ? StatusProgress(label: .loadingSessions, count: sessions.count) : nil
    }

    /// The report's open sessions, newest first, as loaded.
    public var openSessions: [CheckoutSession] {
        guard let report else { return [] }
        let byId = Dictionary(sessions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return report.openSessionIds.compactMap { byId[$0] }
    }
}

/// Why a Z report was not saved.
public struct ShiftCloseFailure: Error, Hashable, Sendable {
    public var message: String
    /// The shift log as the file holds it now, when it could be read (another close may have
    /// come first, from `till report close`).
    public var current: ShiftLog?
    /// The shift log's own refusal, when that is why (the view says it in words).
    public var refusal: ShiftLogError?
    /// The shop store could not be reached (`message` is why): nothing was closed, and the view
    /// says to try again when it is back.
    public var storeUnreachable: Bool

    public init(message: String, current: ShiftLog? = nil, refusal: ShiftLogError? = nil, storeUnreachable: Bool = false) {
        self.message = message
        self.storeUnreachable = storeUnreachable
        self.current = current
        self.refusal = refusal
    }
}

/// What happened on the reports pane.
public enum ReportsAction: Hashable, Sendable {
    /// The pane came on screen: the first time, the open shift's sessions are asked of WooshPay.
    case shown
    /// `r`: load the open shift again, up to now.
    case reloadRequested
    /// `z`: close the shift with the report shown (asks y/n).
    case closeRequested
    /// The operator said yes: this report is saved as the shift's Z report.
    case closeConfirmed(ShiftReport)
    /// `x`: expire every open session of the report (asks y/n).
    case expireAllRequested
    /// The operator said yes: these sessions are expired.
    case expireAllConfirmed(ids: [String])
    /// A fresher copy of a session (polled, fetched, expired): its figures follow.
    case sessionUpdated(CheckoutSession)
    /// The refund journal changed: the report's refunds follow.
    case journalChanged
}

/// What the runtime reports to the reports pane: pages, the Z report's answer, what start-up read.
public enum ReportsAnswer: Hashable, Sendable {
    /// A page of the window's sessions arrived, for the request made with `from`, `startingAfter`;
    /// `through` is the window's end the runtime used (its clock, for the first page).
    case pageLoaded(from: Date?, through: Date, startingAfter: String?, Result<Page<CheckoutSession>, APIFailure>)
    /// Answer to `closeShift`: the shift log as saved, or why nothing was.
    case shiftClosed(Result<ShiftLog, ShiftCloseFailure>)
    /// The saved shift log, read at start-up.
    case restored(ShiftLog)
}
