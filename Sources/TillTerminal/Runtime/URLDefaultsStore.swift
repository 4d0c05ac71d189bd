import Foundation
import TillConfig

/// The checkout URLs an operator typed for a real account, kept as that account's defaults
/// (the config's values still win, see `TUILauncher`): TillConfig's locked, atomic JSON store.
public typealias URLDefaultsStore = JSONFileStore<CheckoutURLDefaults>

/// The saved URLs; nil for one never saved.
public struct CheckoutURLDefaults: Hashable, Codable, Sendable {
    public var successURL: String?
    public var cancelURL: String?

    public init(successURL: String? = nil, cancelURL: String? = nil) {
        self.successURL = successURL
        self.cancelURL = cancelURL
    }
}

extension JSONFileStore where Value == CheckoutURLDefaults {
    public init(url: URL) {
        self.init(url: url, empty: CheckoutURLDefaults())
    }

    /// Keeps the given URLs; a nil one leaves the saved value as it is.
    public func save(successURL: String?, cancelURL: String?) throws {
        try update { saved in
            if let successURL { saved.successURL = successURL }
            if let cancelURL { saved.cancelURL = cancelURL }
        }
    }
}
