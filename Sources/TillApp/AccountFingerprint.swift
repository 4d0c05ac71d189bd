import Foundation

/// Names an account for files kept per account (catalog cache rows, checkout drafts) without
/// revealing its key: FNV-1a 64 of where it lives and the key, stable across runs.
public enum AccountFingerprint {
    /// Stands in for the embedded sandbox's address, whose port may change between starts.
    public static let embeddedSandboxLabel = "embedded-sandbox"

    /// The fingerprint of the account at `baseURL` with `secretKey`. For the embedded sandbox the
    /// address is replaced by a fixed label, so a new port never loses its cache or cart.
    public static func of(baseURL: String, secretKey: String, embeddedSandbox: Bool = false) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ((embeddedSandbox ? embeddedSandboxLabel : baseURL) + "\n" + secretKey).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
