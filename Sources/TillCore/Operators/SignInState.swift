import Foundation

/// Digits typed for a PIN. Shown as dots, never described: an action or a state that holds them
/// prints "•••" in a log or a test failure.
public struct PINDigits: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public private(set) var digits: String = ""

    public init() {}

    public var count: Int { digits.count }
    public var isEmpty: Bool { digits.isEmpty }
    public var pin: PIN? { PIN(digits) }

    mutating func append(_ digit: Character) {
        if digits.count < PIN.lengths.upperBound { digits.append(digit) }
    }
    mutating func removeLast() { if !digits.isEmpty { digits.removeLast() } }

    public var description: String { String(repeating: "•", count: digits.count) }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["count": digits.count]) }
}

/// Who is at the till: the shop's operators, who is signed in, the sign-in screen, and a
/// manager's approval being asked. With no operators (`roster` empty) none of it shows and Till
/// runs as one person with no PIN, as before operators existed.
public struct OperatorsState: Hashable, Sendable {
    public var roster: [Operator]
    public var current: Operator?
    /// The sign-in screen, while shown (at the start, and after a lock).
    public var signIn: SignInScreen?
    /// A manager's name and PIN asked at a confirmation, while asked.
    public var approval: ApprovalPrompt?
    /// The manager whose PIN approved the confirmation being carried out (set only while it is routed).
    public var approvedBy: String?
    public var permissions: Permissions
    /// `lock_after`: seconds without a key before the till locks itself (nil: never).
    public var lockAfter: TimeInterval?
    /// `shop_name`: the one thing a locked till shows.
    public var shopName: String?
    /// The newest entries of the shop's audit trail, for the reports pane (oldest first).
    public var recentAudit: [AuditEntry] = []

    public init(roster: [Operator] = [], permissions: Permissions = .defaults, lockAfter: TimeInterval? = nil,
                shopName: String? = nil) {
        self.roster = roster
        self.shopName = shopName
        self.permissions = permissions
        self.lockAfter = lockAfter
        self.signIn = roster.isEmpty ? nil : SignInScreen()
    }

    /// Audit entries the reports pane shows.
    public static let auditShown = 8

    /// Whether the shop has operators (and so PINs and permissions).
    public var isActive: Bool { !roster.isEmpty }

    /// The managers, by name (those who can approve).
    public var managers: [Operator] { roster.filter(\.isManager) }
}

/// Where a PIN is typed: the sign-in screen and a manager's approval.
protocol PINPrompt {
    var digits: PINDigits { get set }
    var isChecking: Bool { get set }
    var message: SignInMessage? { get set }
}

/// The sign-in screen: a name chosen from the list, then its PIN.
public struct SignInScreen: Hashable, Sendable, PINPrompt {
    /// The highlighted name in the list.
    public var selection: Int = 0
    /// The name whose PIN is being typed (nil: still choosing).
    public var name: String?
    public var digits = PINDigits()
    /// The PIN sent to be checked, no answer yet.
    public var isChecking = false
    public var message: SignInMessage?
}

/// What the sign-in screen or an approval says, as a value (the view puts it in words).
public enum SignInMessage: Hashable, Sendable {
    /// A refused or locked PIN.
    case refused(PINCheck)
    /// The till locked (by `:lock`, its key, or `lock_after`); `by` who was signed in.
    case locked(by: String?)
    /// The PIN is not 4–12 digits.
    case notAPIN
    /// The check could not be made (the store failed).
    case failed(String)
    /// An approval was given by someone who is not a manager.
    case notAManager(String)
}

extension SignInMessage {
    /// What a checked PIN that let no one in says: refused (or locked), or the check failed.
    init(notAccepted result: Result<PINCheck, StoreFailure>) {
        switch result {
        case .success(let check): self = .refused(check)
        case .failure(let failure): self = .failed(failure.message)
        }
    }
}

/// A manager's approval asked at a confirmation ("Refund GBP 2.10 · approved by Maria?").
public struct ApprovalPrompt: Hashable, Sendable, PINPrompt {
    public var action: GuardedAction
    /// Which manager (index into `OperatorsState.managers`).
    public var selection: Int = 0
    public var digits = PINDigits()
    public var isChecking = false
    public var message: SignInMessage?

    public init(action: GuardedAction) { self.action = action }
}

/// Why a PIN is being checked.
public enum PINPurpose: Hashable, Sendable {
    case signIn
    case approval(GuardedAction)
}
