import Synchronization

/// The last few encoded symbols and their half-block drawings, keyed by text and level, so a
/// view that is rebuilt on every frame neither re-encodes nor re-draws the same URL. Safe to
/// share between threads.
public final class QRMatrixCache: Sendable {
    /// The cache the view functions use unless given another.
    public static let shared = QRMatrixCache()

    private struct Key: Hashable {
        let text: String
        let level: QRErrorCorrection
    }

    private struct Entries {
        /// Most recently used last; a failed encoding is kept too (nil), so it is not retried.
        var items: [(key: Key, code: (matrix: QRMatrix, block: QRBlock)?)] = []
        var encodings = 0
    }

    /// One URL tried at all four levels fits with room to spare.
    private let capacity: Int
    private let entries = Mutex(Entries())

    public init(capacity: Int = 8) {
        self.capacity = max(1, capacity)
    }

    /// The symbol for `text` at `level` (see `QRMatrix.init(encoding:level:)`), from the cache
    /// when it is there.
    public func matrix(for text: String, level: QRErrorCorrection) -> QRMatrix? {
        code(for: text, level: level)?.matrix
    }

    /// That symbol drawn with half blocks and the standard quiet zone (`QRBlock.init(_:)`).
    public func block(for text: String, level: QRErrorCorrection) -> QRBlock? {
        code(for: text, level: level)?.block
    }

    private func code(for text: String, level: QRErrorCorrection) -> (matrix: QRMatrix, block: QRBlock)? {
        let key = Key(text: text, level: level)
        // Encoding inside the lock keeps libqrencode to one caller at a time; it takes well
        // under a millisecond and happens once per URL and level.
        return entries.withLock { entries in
            if let i = entries.items.firstIndex(where: { $0.key == key }) {
                let hit = entries.items.remove(at: i)
                entries.items.append(hit)
                return hit.code
            }
            let code = QRMatrix(encoding: text, level: level).map { ($0, QRBlock($0)) }
            entries.encodings += 1
            entries.items.append((key, code))
            if entries.items.count > capacity { entries.items.removeFirst() }
            return code
        }
    }

    /// How many times this cache has called the encoder (for tests and benchmarks).
    public var encodings: Int { entries.withLock { $0.encodings } }
}
