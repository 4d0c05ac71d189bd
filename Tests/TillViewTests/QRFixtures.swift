@testable import TillView

/// Payment URLs as the embedded sandbox makes them (`Sessions.swift`: base URL, `/pay/`, the
/// cashier token `cs_test_` + a 19-digit id, `?key=` + the account's publishable key), at their
/// longest: a five-digit port and the largest id.
enum QRFixtures {
    /// A 43-character base64url digest, the length a per-session cashier key would have.
    static let digestKey = "q9X2-vLm4RtY7_pKc3ZwE8hN1sJdF6gBuA0oMiT5eWx"

    /// Today's sandbox URL: `pk_test_` + 32 hex digits (99 characters).
    static let sandboxURL = "http://127.0.0.1:65535/pay/cs_test_9223372036854775807?key=pk_test_0f3a9c1e5b7d2468ace13579bdf02468"

    /// The longest realistic one: a `/c/pay/` path and `pk_test_` + a 43-character digest (112 characters).
    static let longestSandboxURL = "http://127.0.0.1:65535/c/pay/cs_test_9223372036854775807?key=pk_test_" + digestKey

    /// A Stripe-style cashier URL with a 50-character token and a 43-character key (135 characters).
    static let stripeStyleURL = "http://127.0.0.1:12112/c/pay/cs_test_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ0123456789abcd?key="
        + digestKey

    /// Turns a block's half blocks back into modules (true = dark), two rows per line.
    static func modules(of block: QRBlock) -> [[Bool]] {
        var rows: [[Bool]] = []
        for line in block.lines {
            var top: [Bool] = [], bottom: [Bool] = []
            for scalar in line.unicodeScalars {
                top.append(scalar == "▀" || scalar == "█")
                bottom.append(scalar == "▄" || scalar == "█")
            }
            rows.append(top)
            rows.append(bottom)
        }
        return rows
    }

    /// Lower-case letters: byte mode only, so capacities are the standard's byte-mode table.
    static func bytes(_ count: Int) -> String {
        String((0..<count).map { Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0 % 26))) })
    }
}
