import Foundation

/// How much of one session's total has gone back, and how much may still be refunded.
public struct RefundBalance: Hashable, Sendable {
    /// The session's total.
    public var total: Money
    /// Refunds the API reported as succeeded.
    public var refunded: Money
    /// Refunds the API reported as pending (or needing action): on their way back.
    public var pending: Money
    /// Refunds sent whose answer is not known yet.
    public var unconfirmed: Money
    /// What may still be refunded: the total less everything above, never below zero. When the
    /// API's `amount_refunded` is larger than the journal's own count (refunds made elsewhere),
    /// that is what is taken off instead.
    public var remaining: Money

    /// - Parameters:
    ///   - entries: the journal's entries of this session (other sessions' entries are ignored
    ///     by the caller; an entry in another currency is an error).
    ///   - apiRefunded: the payment intent's `amount_refunded`, when the API gives it.
    public init(total: Money, entries: [RefundJournal.Entry], apiRefunded: Int64? = nil) throws(RefundError) {
        let zero = Money(minorUnits: 0, currency: total.currency)
        var refunded = zero, pending = zero, unconfirmed = zero
        for entry in entries {
            guard entry.amount.currency == total.currency else {
                throw .currencyMismatch(expected: total.currency, given: entry.amount.currency)
            }
            switch entry.state {
            case .sent: unconfirmed = try Self.sum(unconfirmed, entry.amount)
            case .recorded(_, .succeeded): refunded = try Self.sum(refunded, entry.amount)
            case .recorded(_, let status) where status.givesMoneyBack: pending = try Self.sum(pending, entry.amount)
            case .recorded, .failed: break
            }
        }
        let known = max(try Self.sum(refunded, pending).minorUnits, apiRefunded ?? 0)
        let taken = try Self.sum(Money(minorUnits: known, currency: total.currency), unconfirmed)
        remaining = Money(minorUnits: max(0, total.minorUnits - taken.minorUnits), currency: total.currency)
        self.total = total
        self.refunded = refunded
        self.pending = pending
        self.unconfirmed = unconfirmed
    }

    /// Two amounts of one currency added; too large to add is an error, never a wrap.
    static func sum(_ a: Money, _ b: Money) throws(RefundError) -> Money {
        do { return try a.adding(b) } catch { throw .overflow }
    }

    /// Checks that `amount` may be refunded now: more than zero, in the session's currency, and no
    /// more than what is left.
    public func check(_ amount: Money) throws(RefundError) {
        guard amount.currency == total.currency else {
            throw .currencyMismatch(expected: total.currency, given: amount.currency)
        }
        guard remaining.minorUnits > 0 else { throw .nothingLeft(total: total) }
        guard amount.minorUnits > 0 else { throw .zeroAmount }
        guard amount.minorUnits <= remaining.minorUnits else {
            throw .exceedsRemaining(requested: amount, remaining: remaining)
        }
    }
}

/// Why a refund cannot be made as asked, in words an operator understands.
public enum RefundError: Error, Hashable, Sendable, CustomStringConvertible {
    case zeroAmount
    case nothingLeft(total: Money)
    case exceedsRemaining(requested: Money, remaining: Money)
    case currencyMismatch(expected: Currency, given: Currency)
    case keyInUse(String)
    case noLines
    case unknownLine(String)
    case tooManyUnits(line: String, requested: Int, left: Int)
    case noUnitAmount(line: String)
    case overflow

    public var description: String {
        switch self {
        case .zeroAmount:
            return "A refund must be more than zero."
        case .nothingLeft(let total):
            return "Nothing is left to refund: the whole \(total.formatted) has been refunded (or is on its way back)."
        case .exceedsRemaining(let requested, let remaining):
            return "\(requested.formatted) is more than is left to refund (\(remaining.formatted))."
        case .currencyMismatch(let expected, let given):
            return "The session is in \(expected.code); a refund in \(given.code) cannot be made on it."
        case .keyInUse(let key):
            return "The idempotency key \(key) already belongs to another refund in the journal."
        case .noLines:
            return "Choose at least one line to refund."
        case .unknownLine(let line):
            return "The session has no line with price \(line)."
        case .tooManyUnits(let line, let requested, let left):
            if requested < 1 { return "Refund at least one unit of \(line)." }
            return left == 0
                ? "Every unit of \(line) has been refunded already."
                : "Only \(left) unit\(left == 1 ? "" : "s") of \(line) \(left == 1 ? "is" : "are") left to refund (\(requested) asked)."
        case .noUnitAmount(let line):
            return "The line \(line) has no unit price to refund by: refund an amount instead."
        case .overflow:
            return "The refunds are too large to add up."
        }
    }
}
