import Foundation
import TillConfig
import TillCore

/// The unsent checkout draft (cart, URLs, idempotency key) of one account as JSON in the XDG
/// state folder, so a restart or crash resumes it and a retried create reuses the same
/// idempotency key. Each account has its own file (TillConfig's `TillPaths.drafts(account:)`), so a
/// sandbox cart never turns up in a TEST or LIVE account.
public struct DraftStore: Sendable {
    public let url: URL
    /// The success/cancel URLs the form starts with in this run (from settings or the sandbox).
    public let defaults: DraftDefaults

    public init(url: URL, defaults: DraftDefaults) {
        self.url = url
        self.defaults = defaults
    }

    /// Write the draft with the defaults in force, atomically, readable by the owner only.
    public func save(_ draft: CheckoutDraft) throws {
        try PrivateFile.write(try JSONEncoder().encode(SavedDraft(draft: draft, defaults: defaults)), to: url.path)
    }

    /// The saved draft, or nil when there is none (or it cannot be read, which is logged by the
    /// caller). URLs that were the defaults when it was saved become today's defaults.
    public func load() throws -> CheckoutDraft? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let saved = try JSONDecoder().decode(SavedDraft.self, from: Data(contentsOf: url))
        return defaults.rebase(saved.draft, savedWith: saved.defaults)
    }

    /// The file's contents: the draft and the defaults it was saved under.
    struct SavedDraft: Codable {
        var draft: CheckoutDraft
        var defaults: DraftDefaults
    }
}

/// The default success and cancel URLs of a run. They can change between runs (the embedded
/// sandbox may get another port, the operator may edit the config), so a draft remembers which
/// URLs were only defaults.
public struct DraftDefaults: Hashable, Codable, Sendable {
    public var successURL: String
    public var cancelURL: String

    /// Trimmed like the form's fields are when the draft is taken, so an unchanged default matches.
    public init(successURL: String, cancelURL: String) {
        self.successURL = successURL.trimmingCharacters(in: .whitespacesAndNewlines)
        self.cancelURL = cancelURL.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The draft with each URL that equals the old default replaced by this default; URLs the
    /// operator typed are kept.
    public func rebase(_ draft: CheckoutDraft, savedWith old: DraftDefaults) -> CheckoutDraft {
        var draft = draft
        if draft.successURL == old.successURL { draft.successURL = successURL }
        if draft.cancelURL == old.cancelURL { draft.cancelURL = cancelURL }
        return draft
    }
}
