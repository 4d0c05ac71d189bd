import Foundation
import TillCore

/// The unsent checkout draft (cart, URLs, idempotency key) as JSON in the XDG state folder, so a
/// restart or crash resumes it and a retried create reuses the same idempotency key.
public struct DraftStore: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// Write the draft atomically, readable by the owner only.
    public func save(_ draft: CheckoutDraft) throws {
        try TillDirectories.ensureDirectory(url.deletingLastPathComponent())
        let data = try JSONEncoder().encode(draft)
        try data.write(to: url, options: [.atomic])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    /// The saved draft, or nil when there is none (or it cannot be read, which is logged by the caller).
    public func load() throws -> CheckoutDraft? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONDecoder().decode(CheckoutDraft.self, from: Data(contentsOf: url))
    }
}
