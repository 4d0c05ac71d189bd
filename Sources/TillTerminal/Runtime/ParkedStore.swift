import Foundation
import TillConfig
import TillCore

/// One account's parked tickets as JSON in the XDG state folder (TillConfig's
/// `TillPaths.parked(account:)`), rewritten whole on every change, so quitting, `kill -9` or a
/// dropped SSH link loses none of them.
public struct ParkedStore: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// Write every ticket, atomically, readable by the owner only.
    public func save(_ tickets: [ParkedTicket]) throws {
        try PrivateFile.write(try JSONEncoder().encode(Saved(version: 1, tickets: tickets)), to: url.path)
    }

    /// The saved tickets; none when nothing was ever parked.
    public func load() throws -> [ParkedTicket] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try JSONDecoder().decode(Saved.self, from: Data(contentsOf: url)).tickets
    }

    /// Renames an unreadable file out of the way (to `<name>.unreadable-<time>`), so parking
    /// again does not write over tickets that might still be recovered by hand.
    public func setAside() -> URL? {
        let aside = url.appendingPathExtension("unreadable-\(Int(Date().timeIntervalSince1970))")
        return rename(url.path, aside.path) == 0 ? aside : nil
    }

    /// The file's contents; `version` lets a later Till read an older file.
    struct Saved: Codable {
        var version: Int
        var tickets: [ParkedTicket]
    }
}
