import Foundation
import Logging
import TillCore

/// A swift-log handler that appends one line per message to a file (created 0600, folder 0700),
/// so logs never reach a terminal that curses owns.
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: FileSink

    /// Opens (or creates) `path` for appending; throws when the file cannot be opened.
    public init(label: String, path: String) throws {
        self.label = label
        self.sink = try FileSink(path: path)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        sink.append(LogLine.format(level: event.level, label: label, message: "\(event.message)", metadata: merged))
    }
}

/// A handler that writes the same lines to standard error (`--verbose`).
public struct StandardErrorLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let line = LogLine.format(level: event.level, label: label, message: "\(event.message)", metadata: merged)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

enum LogLine {
    static func format(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        let time = Date().formatted(.iso8601)
        let fields = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // A key typed as an id is in the request path; whoever sent it, it is cut here.
        let line = redactingSecretKeys(in: "\(message)\(fields.isEmpty ? "" : " " + fields)")
        return "\(time) \(level) \(label): \(line)\n"
    }
}

/// The shared, locked file descriptor behind a `FileLogHandler`.
private final class FileSink: @unchecked Sendable {
    private let lock = NSLock()
    private let descriptor: Int32

    init(path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        descriptor = fd
    }

    func append(_ line: String) {
        let bytes = Array(line.utf8)
        lock.lock()
        defer { lock.unlock() }
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    deinit { close(descriptor) }
}
