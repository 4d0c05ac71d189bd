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
        // A fresh name (O_EXCL), written whole, then linked into place: a reader never sees half a
        // key, and of two tills starting at once on a new data folder the second to link finds the
        // first's key and uses it (a rename would replace it, leaving the two on two accounts of
        // the one shared sandbox).
        let temporary = url.path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw TerminalError.system("open \(temporary)", errno) }
        defer { unlink(temporary) }
        let bytes = Array((key + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        guard written == bytes.count, synced == 0 else { throw TerminalError.system("write \(temporary)", errno) }
        if link(temporary, url.path) == 0 { return key }
        let linkError = errno
        guard linkError == EEXIST else { throw TerminalError.system("link \(url.path)", linkError) }
        if let existing = try? String(contentsOf: url, encoding: .utf8),
           isWellFormed(existing.trimmingCharacters(in: .whitespacesAndNewlines)) {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // A damaged key file (not one being written: keys appear whole) is replaced.
        guard rename(temporary, url.path) == 0 else { throw TerminalError.system("write \(url.path)", errno) }
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
