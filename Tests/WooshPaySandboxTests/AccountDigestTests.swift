import Testing
@testable import WooshPaySandbox

@Suite("Account digests (swift-crypto) match the databases made before")
struct AccountDigestTests {
    /// The values the hand-written SHA-256 gave for this key, so existing sandbox databases
    /// (account ids) and cashier URLs (publishable keys) keep working.
    @Test func digestsEqualTheOldOnesForAKnownKey() {
        let key = "sk_" + "test_" + "Till0123456789abcdef"
        let account = Account(secretKey: key)
        #expect(account.id == "83d56ba2260693f6c0c1dd33ed45f4c885f5e2117228bc61d2e4f7d0549fceb6")
        #expect(account.publishableKey == "pk_test_f41f0a12c9b292170f2f25c19ae7c19f")
        #expect(Account.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
