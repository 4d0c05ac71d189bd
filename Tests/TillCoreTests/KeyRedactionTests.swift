import Testing
import TillCore

@Suite("Redacting key-shaped text")
struct KeyRedactionTests {
    let key = "sk_test_" + "a1B2c3D4e5F6g7H8i9J0kLmN"

    @Test func aKeyKeepsItsFirst8AndLast4Characters() {
        #expect(redactingSecretKeys(in: key) == "sk_test_…kLmN")
        #expect(redactingSecretKeys(in: "rk_live_" + "0123456789abcdefWXYZ") == "rk_live_…WXYZ")
        #expect(redactingSecretKeys(in: "sk_live_" + "0123456789abcdefWXYZ") == "sk_live_…WXYZ")
        #expect(redactingSecretKeys(in: "rk_test_" + "0123456789abcdefWXYZ") == "rk_test_…WXYZ")
    }

    @Test func whereverItAppears() {
        #expect(redactingSecretKeys(in: "GET /v1/products/\(key) status=404") == "GET /v1/products/sk_test_…kLmN status=404")
        #expect(redactingSecretKeys(in: #"{"name":"\#(key)","id":"prod_1"}"#) == #"{"name":"sk_test_…kLmN","id":"prod_1"}"#)
        #expect(redactingSecretKeys(in: "No such product: '\(key)'") == "No such product: 'sk_test_…kLmN'")
        // Inside a word: the key runs to the end of its letters and digits.
        #expect(redactingSecretKeys(in: "x\(key)y") == "xsk_test_…LmNy")
        #expect(!redactingSecretKeys(in: "x\(key)-\(key)").contains("a1B2"))
        #expect(redactingSecretKeys(in: "漢字 \(key) 😀") == "漢字 sk_test_…kLmN 😀")
    }

    @Test func shortKeysShowOnlyTheirPrefix() {
        #expect(redactingSecretKeys(in: "sk_test_12345678") == "sk_test_…")
        #expect(redactingSecretKeys(in: "sk_test_1234567") == "sk_test_1234567")  // 7 characters: not a key
    }

    @Test func publishableKeysAndOtherTextStayWhole() {
        for text in ["pk_test_a1B2c3D4e5F6g7H8i9J0kLmN", "prod_1732536000000000001", "task_test_x", "sk_other_12345678901234",
                     "https://example.com/pay/cs_test_1?key=pk_test_abcdefghijkl", "", "sk_test_"] {
            #expect(redactingSecretKeys(in: text) == text)
            #expect(!containsSecretKey(text))
        }
        #expect(containsSecretKey("a \(key) b"))
    }

    @Test func redactingTwiceChangesNothingMore() {
        let once = redactingSecretKeys(in: "\(key) and \(key)")
        #expect(redactingSecretKeys(in: once) == once)
        #expect(once == "sk_test_…kLmN and sk_test_…kLmN")
    }
}
