import Foundation
import Testing
import TillCore
@testable import TillStore

@Suite struct PINHashTests {
    /// RFC 7914 §12, the third vector: scrypt("password", "NaCl", N=1024, r=8, p=16, 64 bytes).
    @Test func scryptGivesTheRFCVector() throws {
        let derived = try PINHash.derive(Array("password".utf8), salt: Array("NaCl".utf8), rounds: 1024, blockSize: 8,
                                         parallelism: 16, length: 64)
        let hex = derived.map { String(format: "%02x", $0) }.joined()
        #expect(hex == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
    }

    @Test func aHashMatchesItsPINOnlyAndNeverHoldsIt() throws {
        let pin = PIN("48151623")!
        let hash = try PINHash.make(pin)
        #expect(hash.matches(pin))
        #expect(!hash.matches(PIN("48151624")!))
        #expect(!hash.text.contains("48151623"))
        #expect(hash.text.hasPrefix("scrypt$16384$8$1$"))
        // Salted: the same PIN hashes differently each time.
        #expect(try PINHash.make(pin) != hash)
        #expect(!PINHash(text: "garbage").matches(pin))
        #expect(!PINHash(text: "scrypt$16384$8$1$AAAA$").matches(pin))
    }

    @Test func aStoredHashOfKnownSaltIsCheckedWithItsOwnParameters() throws {
        // Parameters are read from the stored text, so a hash made with other costs still checks.
        let salt = Array("till-salt".utf8)
        let expected = try PINHash.derive(Array("2468".utf8), salt: salt, rounds: 16, blockSize: 1, parallelism: 1, length: 16)
        let hash = PINHash(text: "scrypt$16$1$1$\(Data(salt).base64EncodedString())$\(Data(expected).base64EncodedString())")
        #expect(hash.matches(PIN("2468")!))
        #expect(!hash.matches(PIN("2469")!))
    }

    @Test func aPINIsFourToTwelveDigitsAndNeverDescribesItsDigits() {
        #expect(PIN("123") == nil)
        #expect(PIN("1234567890123") == nil)
        #expect(PIN("12a4") == nil)
        #expect(PIN("١٢٣٤") == nil)
        #expect(PIN("1234")?.digits == "1234")
        #expect(PIN("123456789012") != nil)
        let pin = PIN("48151623")!
        #expect(!"\(pin)".contains("4815") && !String(reflecting: pin).contains("4815"))
        #expect(!"\([pin])".contains("4815"))
    }
}
