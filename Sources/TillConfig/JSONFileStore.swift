import Foundation
import TillCore
import WooshPay

/// A value kept as JSON in one private file (`PrivateFile`), read and changed under the file's
/// lock. A missing file is the empty value; a file that cannot be read is an error that names it
/// and changes nothing, so a damaged journal is never silently replaced by an empty one.
public struct JSONFileStore<Value: Codable & Sendable>: Sendable {
    public let url: URL
    private let empty: Value

    public init(url: URL, empty: Value) {
        self.url = url
        self.empty = empty
    }

    /// The stored value (the empty one when there is no file yet).
    public func load() throws(ConfigurationError) -> Value {
        guard FileManager.default.fileExists(atPath: url.path) else { return empty }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .io(path: url.path, message: "could not be read (\(error.localizedDescription))")
        }
        do {
            return try LocalJSON.decoder.decode(Value.self, from: data)
        } catch {
            throw .io(path: url.path, message: "could not be read (\(Self.describe(error))). Nothing was changed; "
                + "move the file aside to start a new one")
        }
    }

    /// Reads the value, lets `body` change it, and writes it back, all under the lock. When
    /// `body` throws, nothing is written.
    @discardableResult
    public func update<T>(_ body: (inout Value) throws -> T) throws -> T {
        try PrivateFile.withLock(url.path) {
            var value = try load()
            let result = try body(&value)
            try save(value)
            return result
        }
    }

    private func save(_ value: Value) throws(ConfigurationError) {
        let data: Data
        do {
            data = try LocalJSON.encoder(pretty: true).encode(value)
        } catch {
            throw .io(path: url.path, message: "could not be encoded (\(error))")
        }
        try PrivateFile.write(data + Data("\n".utf8), to: url.path)
    }

    /// A decoding error as "entries[0].amount: missing".
    static func describe(_ error: any Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue { return text + "[\(index)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, let context):
            return path(context.codingPath + [key]) + ": missing"
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let at = path(context.codingPath)
            return at.isEmpty ? context.debugDescription : "\(at): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// The JSON form of Till's own files (and of what `--json` prints of them): sorted keys, dates as
/// milliseconds since 1970 like the API's timestamps. Milliseconds read back exactly, where ISO 8601
/// text would drop fractions of a second and could move a refund across a shift's edge.
public enum LocalJSON {
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}

/// One account's refund journal: every refund Till asked for (WooshPay cannot list them).
public typealias RefundJournalStore = JSONFileStore<RefundJournal>
/// One account's closed shifts (Z reports).
public typealias ShiftStore = JSONFileStore<ShiftLog>

extension JSONFileStore where Value == RefundJournal {
    /// The journal of the account named by `account` (its fingerprint).
    public init(paths: TillPaths, account: String) {
        self.init(url: paths.refundJournal(account: account), empty: RefundJournal())
    }
}

extension JSONFileStore where Value == ShiftLog {
    /// The closed shifts of the account named by `account` (its fingerprint).
    public init(paths: TillPaths, account: String) {
        self.init(url: paths.shifts(account: account), empty: ShiftLog())
    }
}
