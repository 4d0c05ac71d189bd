import Crypto

/// HMAC (RFC 2104) over SHA-256 (swift-crypto), for the cashier's per-session capabilities.
enum HMACSHA256 {
    static func digest(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
