import _CryptoExtras
import Crypto
import Foundation
import TillCore

/// A PIN kept as a salted scrypt hash: `scrypt$N$r$p$<salt base64>$<hash base64>`. Only this
/// text is stored; the PIN itself is never written anywhere.
public struct PINHash: Hashable, Sendable {
    public let text: String

    /// scrypt N = 2^14, r = 8, p = 1 (16 MiB, tens of milliseconds a try): slow enough that a
    /// stolen store's 4-digit PINs cost real work, quick enough for a sign-in.
    public static let rounds = 1 << 14
    public static let blockSize = 8
    public static let parallelism = 1
    static let length = 32

    public init(text: String) { self.text = text }

    /// Hashes `pin` with a fresh 16-byte salt.
    public static func make(_ pin: PIN) throws -> PINHash {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let hash = try derive(Array(pin.digits.utf8), salt: salt, rounds: rounds, blockSize: blockSize,
                              parallelism: parallelism, length: length)
        return PINHash(text: "scrypt$\(rounds)$\(blockSize)$\(parallelism)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())")
    }

    /// Whether `pin` is the one hashed (compared in constant time). An unreadable value matches nothing.
    public func matches(_ pin: PIN) -> Bool {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let n = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              n > 1, n <= 1 << 20, r > 0, r <= 32, p > 0, p <= 16,
              let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]), !expected.isEmpty,
              let actual = try? Self.derive(Array(pin.digits.utf8), salt: Array(salt), rounds: n, blockSize: r,
                                            parallelism: p, length: expected.count)
        else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(actual, expected) { difference |= a ^ b }
        return difference == 0
    }

    /// Spends the time a real check takes, for a name that has no PIN (so the answer's timing
    /// does not tell whether the name exists).
    public static func wasteOneCheck(_ pin: PIN) {
        _ = try? derive(Array(pin.digits.utf8), salt: Array(repeating: 0, count: 16), rounds: rounds, blockSize: blockSize,
                        parallelism: parallelism, length: length)
    }

    /// scrypt itself (swift-crypto's `_CryptoExtras`).
    static func derive(_ password: [UInt8], salt: [UInt8], rounds: Int, blockSize: Int, parallelism: Int,
                       length: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(from: password, salt: salt, outputByteCount: length, rounds: rounds,
                                           blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Array($0) }
    }
}
