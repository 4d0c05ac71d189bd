import Foundation

/// Facts about this build of Till.
public enum TillInfo {
    /// Till's version, sent in the User-Agent and shown by `till --version`.
    public static let version = "0.1.0"
}
