import Foundation

/// How wrong PINs lock a name: five in a row lock it for 60 s, each further lockout twice as long
/// (capped at a day). Kept per name (whether an operator of that name exists or not, so the
/// answer never tells), across every till of the shop: the store holds one `Lockout` per name
/// and applies `failed(now:)` inside one transaction.
public struct Lockout: Hashable, Codable, Sendable {
    /// Wrong PINs since the last lockout (or the last good PIN).
    public var failures: Int
    /// Lockouts so far (since the last good PIN): the next lasts 60 s × 2^lockouts.
    public var lockouts: Int
    /// Until when the name is locked (nil: not locked).
    public var lockedUntil: Date?

    public static let attempts = 5
    public static let firstLock: TimeInterval = 60
    public static let longestLock: TimeInterval = 86_400

    public init(failures: Int = 0, lockouts: Int = 0, lockedUntil: Date? = nil) {
        self.failures = failures
        self.lockouts = lockouts
        self.lockedUntil = lockedUntil
    }

    /// Seconds left of a lock at `now` (nil: the name may try a PIN).
    public func remaining(at now: Date) -> TimeInterval? {
        guard let lockedUntil, lockedUntil > now else { return nil }
        return lockedUntil.timeIntervalSince(now)
    }

    /// After a wrong PIN at `now`: the fifth in a row locks the name.
    public func failed(now: Date) -> Lockout {
        var next = self
        if let until = lockedUntil, until <= now { next.lockedUntil = nil }
        next.failures += 1
        if next.failures >= Self.attempts {
            let length = min(Self.longestLock, Self.firstLock * pow(2, Double(min(next.lockouts, 20))))
            next.lockouts += 1
            next.failures = 0
            next.lockedUntil = now.addingTimeInterval(length)
        }
        return next
    }

    /// After a good PIN: the count starts again.
    public static let cleared = Lockout()

    /// "1 min", "2 min", "45 s", "1 h 4 min": how long a lock lasts, rounded up.
    public static func text(forSeconds seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(max(whole, 1)) s" }
        let minutes = Int((Double(whole) / 60).rounded(.up))
        if minutes < 60 { return "\(minutes) min" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }
}

/// The answer to a PIN, the same for a name that does not exist as for a wrong PIN.
public enum PINCheck: Hashable, Sendable {
    case accepted(Operator)
    /// Wrong (or no such name); `lockedFor` is set when this attempt locked the name.
    case refused(lockedFor: TimeInterval?)
    /// The name is locked for this long; the PIN was not tried.
    case locked(for: TimeInterval)

    /// The operator's words for a refusal (nil for `.accepted`).
    public var refusal: String? {
        switch self {
        case .accepted: nil
        case .refused(nil): "Wrong name or PIN."
        case .refused(let seconds?): "Wrong name or PIN. Too many tries: locked for \(Lockout.text(forSeconds: seconds))."
        case .locked(let seconds): "Too many wrong PINs: try again in \(Lockout.text(forSeconds: seconds))."
        }
    }
}
