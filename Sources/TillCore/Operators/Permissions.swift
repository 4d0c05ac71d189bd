import Foundation

/// The actions a shop keeps for managers.
public enum GuardedAction: String, Codable, Sendable, CaseIterable, Hashable {
    case refund
    case zClose = "z_close"
    case expireAll = "expire_all"
    /// Discarding a ticket that another operator parked.
    case discardOthersTicket = "discard_others_ticket"
    case archiveProduct = "archive_product"

    /// How the confirmation names it ("Refund", "Close the shift (Z)").
    public var title: String {
        switch self {
        case .refund: "Refund"
        case .zClose: "Close the shift (Z)"
        case .expireAll: "Expire every open session"
        case .discardOthersTicket: "Discard another operator's ticket"
        case .archiveProduct: "Archive the product"
        }
    }
}

/// Who may do a guarded action.
public enum PermissionSetting: String, Codable, Sendable, CaseIterable, Hashable {
    /// Any signed-in operator.
    case anyone
    /// A manager, or a cashier with a manager's PIN at the confirmation.
    case approval
    /// A signed-in manager only.
    case manager
}

/// `permissions` in config.toml: each guarded action's setting (default: `approval`).
public struct Permissions: Hashable, Codable, Sendable {
    public var settings: [GuardedAction: PermissionSetting]

    public init(_ settings: [GuardedAction: PermissionSetting] = [:]) {
        self.settings = settings
    }

    public static let defaults = Permissions()

    public func setting(for action: GuardedAction) -> PermissionSetting {
        settings[action] ?? .approval
    }

    /// What it takes for `actor` to do `action`. With no operators defined (`actor` nil and
    /// `operatorsDefined` false) everything is allowed, as before operators existed.
    public func decide(_ action: GuardedAction, by actor: Operator?, operatorsDefined: Bool = true) -> PermissionDecision {
        guard operatorsDefined else { return .allowed }
        if actor?.isManager == true { return .allowed }
        switch setting(for: action) {
        case .anyone: return .allowed
        case .approval: return .needsApproval
        case .manager: return .refused
        }
    }
}

/// The outcome of `Permissions.decide`.
public enum PermissionDecision: Hashable, Sendable {
    case allowed
    /// A manager's name and PIN at the confirmation.
    case needsApproval
    /// Only a signed-in manager may.
    case refused
}
