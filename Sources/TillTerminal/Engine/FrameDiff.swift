import TillView

/// One cell to put on the curses screen.
public struct CellWrite: Equatable, Sendable {
    public var row: Int
    public var column: Int
    public var cell: Cell
}

/// Which cells of a new frame differ from the last one written, so only those reach curses.
/// (ncurses' doupdate then sends the terminal only what differs from its own picture.)
public enum FrameDiff {
    /// The writes that turn `old` into `new`; every cell when there is no comparable old frame.
    /// The right half of a wide character ("" text) is never written: its left half covers it,
    /// and is written whenever either half changed.
    public static func writes(from old: Frame?, to new: Frame) -> [CellWrite] {
        let width = new.width, height = new.height
        guard width > 0, height > 0, new.cells.count >= width * height else { return [] }
        let comparable = old.map { $0.width == width && $0.height == height && $0.cells.count == new.cells.count } ?? false
        var writes: [CellWrite] = []
        for row in 0..<height {
            let base = row * width
            var column = 0
            while column < width {
                let index = base + column
                let cell = new.cells[index]
                var changed = !comparable || old!.cells[index] != cell
                // A changed right half means its left half must be rewritten with it.
                if !changed, column + 1 < width, new.cells[index + 1].isContinuation,
                   comparable, old!.cells[index + 1] != new.cells[index + 1] {
                    changed = true
                }
                if changed && !cell.isContinuation {
                    writes.append(CellWrite(row: row, column: column, cell: cell))
                } else if changed && cell.isContinuation && column > 0 {
                    // An orphaned right half (left half unchanged): rewrite the left half.
                    let left = new.cells[index - 1]
                    if writes.last.map({ $0.row != row || $0.column != column - 1 }) ?? true, !left.isContinuation {
                        writes.append(CellWrite(row: row, column: column - 1, cell: left))
                    }
                }
                column += 1
            }
        }
        return writes
    }
}
