import Foundation

/// Refunding by lines: which units of a session's lines may still be refunded, and what a choice
/// of lines and quantities comes to. Lines are named by their price id (a line with no price by
/// its own id), so two lines of one price count as one.
public enum RefundLines {
    /// The key a line is chosen by.
    public static func key(of line: LineItem) -> String { line.priceId ?? line.id }

    /// Units of each line already refunded, or possibly refunded (unconfirmed), by `entries`.
    public static func refundedUnits(_ entries: [RefundJournal.Entry]) -> [String: Int] {
        var units: [String: Int] = [:]
        for entry in entries where entry.mayGiveMoneyBack {
            for (key, quantity) in entry.lines ?? [:] { units[key, default: 0] += quantity }
        }
        return units
    }

    /// Units of each line still refundable: the session's quantity less what `entries` refunded.
    public static func refundableUnits(_ lineItems: [LineItem], entries: [RefundJournal.Entry]) -> [String: Int] {
        let refunded = refundedUnits(entries)
        var units: [String: Int] = [:]
        for line in lineItems { units[key(of: line), default: 0] += line.quantity }
        for (key, count) in units { units[key] = max(0, count - (refunded[key] ?? 0)) }
        return units
    }

    /// What refunding `selection` (line key → units) comes to, each unit at most once over every
    /// refund of the session. Units of zero are left out; an empty choice is an error.
    public static func amount(for selection: [String: Int], of lineItems: [LineItem], currency: Currency,
                              entries: [RefundJournal.Entry]) throws(RefundError) -> Money {
        let chosen = selection.filter { $0.value != 0 }
        guard !chosen.isEmpty else { throw .noLines }
        let left = refundableUnits(lineItems, entries: entries)
        var total = Money(minorUnits: 0, currency: currency)
        for key in chosen.keys.sorted() {
            let requested = chosen[key]!
            guard let line = lineItems.first(where: { Self.key(of: $0) == key }) else { throw .unknownLine(key) }
            guard line.currency == currency else { throw .currencyMismatch(expected: currency, given: line.currency) }
            let available = left[key] ?? 0
            guard requested > 0, requested <= available else {
                throw .tooManyUnits(line: key, requested: requested, left: available)
            }
            guard let unit = unitAmount(of: line) else { throw .noUnitAmount(line: key) }
            do {
                total = try total.adding(try Money(minorUnits: unit, currency: currency).multiplied(by: requested))
            } catch {
                throw .overflow
            }
        }
        return total
    }

    /// The line's unit price: the API's, else its total divided by its quantity when that is exact.
    static func unitAmount(of line: LineItem) -> Int64? {
        if let unit = line.unitAmount { return unit }
        guard line.quantity > 0, line.amountTotal % Int64(line.quantity) == 0 else { return nil }
        return line.amountTotal / Int64(line.quantity)
    }
}
