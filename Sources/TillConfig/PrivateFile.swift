import Foundation
import WooshPay
#if canImport(Glibc)
import Glibc
#endif

/// Files only their owner may read (the config file's key, the refund journal, closed shifts):
/// written atomically, 0600 from the moment they exist, in a 0700 folder.
public enum PrivateFile {
    /// Writes `data` to a private temporary file and renames it over `path`, so the contents are
    /// never in a file with looser permissions and a crash never leaves half a file.
    public static func write(_ data: Data, to path: String) throws(LocalFileError) {
        try makeFolder(of: path)
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LocalFileError.system(temporary) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        let written = (try? handle.write(contentsOf: data)) != nil
        // The umask may have taken the owner's own bits, and an old temporary file may be looser.
        let synced = fchmod(descriptor, 0o600) == 0 && fsync(descriptor) == 0
        close(descriptor)
        guard written, synced else {
            unlink(temporary)
            throw LocalFileError(path: path, problem: .notWritten)
        }
        guard rename(temporary, path) == 0 else {
            let error = LocalFileError.system(path)
            unlink(temporary)
            throw error
        }
    }

    /// Creates the folder `path` goes in (0700) when it is missing (the shop store's SQLite file too).
    public static func makeFolder(of path: String) throws(LocalFileError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw LocalFileError(path: folder, problem: .folderNotCreated(error.localizedDescription))
        }
    }

    /// Runs `body` holding an exclusive lock (`flock`) on `path` + `.lock`, so two Tills (the TUI
    /// and a command, say) never interleave their read-change-write of one file.
    public static func withLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        try makeFolder(of: path)
        let lockPath = path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LocalFileError.system(lockPath) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw LocalFileError.system(lockPath) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
