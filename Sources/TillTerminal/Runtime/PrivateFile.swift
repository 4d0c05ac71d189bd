import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes Till's state files: atomically (a temporary file in the same folder, flushed, then
/// renamed over the old one, so a crash leaves the old file or the new, never half of one) and
/// readable by the owner only from the first byte (the file is created 0600, in a 0700 folder).
enum PrivateFile {
    static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("create \(temporary.path)") }
        var written = 0
        let ok = data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            while written < raw.count {
                let n = Glibc.write(fd, base + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return fsync(fd) == 0
        }
        let error = ok ? nil : failure("write \(temporary.path)")
        close(fd)
        if let error {
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else {
            let error = failure("rename to \(url.path)")
            unlink(temporary.path)
            throw error
        }
    }

    private static func failure(_ what: String) -> Error {
        let code = POSIXErrorCode(rawValue: errno) ?? .EIO
        return NSError(domain: NSPOSIXErrorDomain, code: Int(code.rawValue),
                       userInfo: [NSLocalizedDescriptionKey: "could not \(what): \(String(cString: strerror(code.rawValue)))"])
    }
}
