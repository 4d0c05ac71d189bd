import Foundation

/// Why a till claims a parked ticket.
public enum ParkedClaimPurpose: String, Hashable, Sendable, Codable {
    /// To make it the current sale again.
    case resume
    /// To throw it away.
    case discard
}

/// The shop store's answer to a claim: parked tickets belong to the shop, so two tills may reach
/// for one ticket at once, and exactly one gets it.
public enum ParkedClaim: Hashable, Sendable {
    /// This till has it now.
    case claimed(ParkedTicket)
    /// Another till (named) claimed it first.
    case taken(by: String)
    /// No such ticket (discarded long ago, or never stored).
    case gone
}
