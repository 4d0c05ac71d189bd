import Foundation
import TillConfig
import TillTerminal
#if canImport(Glibc)
import Glibc
#endif

/// The embedded sandbox's local account key: "sk_test_" and random letters and digits, made once
/// and kept in the config folder (0600) so the sandbox database's account survives restarts.
public enum SandboxKey {
    /// Read the key at `url`, creating it (and its folder) the first time.
    public static func loadOrCreate(at url: URL) throws -> String {
        if let existing = try? String(contentsOf: url, encoding: .utf8) {
            let key = existing.trimmingCharacters(in: .whitespacesAndNewlines)
            if isWellFormed(key) { return key }
        }
        try TillPaths.ensureDirectory(url.deletingLastPathComponent())
        let key = generate()
        // O_EXCL on a fresh name, then rename: a reader never sees a half-written key.
        let temporary = url.path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o600)
        guard fd >= 0 else { throw TerminalError.system("open \(temporary)", errno) }
        let bytes = Array((key + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count, rename(temporary, url.path) == 0 else {
            unlink(temporary)
            throw TerminalError.system("write \(url.path)", errno)
        }
        return key
    }

    /// A fresh key: "sk_test_" and 32 random letters and digits.
    public static func generate() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return "sk_test_" + String((0..<32).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func isWellFormed(_ key: String) -> Bool {
        guard key.hasPrefix("sk_test_") else { return false }
        let tail = key.dropFirst(8)
        return (8...200).contains(tail.count) && tail.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
